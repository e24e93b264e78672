// Slotbase client for React / TypeScript apps (docs/clients.md).
//
//   import { createClient } from '@supabase/supabase-js';
//   import type { Database } from '<repo>/types/database.ts';
//   import { createSlotbase, SlotTakenError, ConflictError } from '<repo>/clients/js/index.ts';
//
//   const slotbase = createSlotbase(createClient<Database>(SUPABASE_URL, SUPABASE_ANON_KEY));
export {
  createSlotbase,
  slotPageSize,
  type Appointment,
  type AppointmentHandlers,
  type AvailabilityHandlers,
  type BookArgs,
  type CatalogueChange,
  type CatalogueHandlers,
  type ChannelStatus,
  type Instant,
  type OtpTarget,
  type PayArgs,
  type Patient,
  type PaymentFlow,
  type PaymentStart,
  type RegisterPatientArgs,
  type SearchSlotsArgs,
  type Slot,
  type Slotbase,
  type SubscribeOptions,
  type Subscription,
} from './slotbase.ts';
export {
  BusyError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PaymentError,
  RateLimitedError,
  SlotTakenError,
  SlotbaseError,
  ValidationError,
  errorClassFor,
  fromAuthError,
  fromPostgrestError,
  reasonOf,
  reasons,
  retryAfterOf,
  type Reason,
} from './errors.ts';
export {
  buckets,
  createPresence,
  storagePaths,
  type Bucket,
  type CentrePage,
  type ClinicianCredential,
  type Department,
  type DirectoryEntry,
  type DirectorySearchArgs,
  type NextFreeSlot,
  type PatientDocument,
  type PatientHit,
  type Presence,
  type Product,
  type ProductHit,
  type ProductSearchArgs,
  type PublicReview,
  type Review,
} from './presence.ts';
export {
  type AppointmentEvent,
  type AppointmentLeftMessage,
  type AppointmentMessage,
  type AvailabilityMessage,
  type CatalogueTable,
  catalogueTables,
  topics,
} from './topics.ts';

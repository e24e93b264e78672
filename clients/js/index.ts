// Slotbase client for React / TypeScript apps (docs/clients.md).
//
//   import { createClient } from '@supabase/supabase-js';
//   import type { Database } from '<repo>/types/database.ts';
//   import { createSlotbase, SlotTakenError, ConflictError } from '<repo>/clients/js/index.ts';
//
//   const slotbase = createSlotbase(createClient<Database>(SUPABASE_URL, SUPABASE_ANON_KEY));
export {
  createSlotbase,
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
  type AppointmentEvent,
  type AppointmentLeftMessage,
  type AppointmentMessage,
  type AvailabilityMessage,
  type CatalogueTable,
  catalogueTables,
  topics,
} from './topics.ts';

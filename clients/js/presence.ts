// createPresence(supabase): the clinic's public face and what staff do around it (docs/profile.md,
// docs/storage.md) - a centre's whole public page, the directory, the product catalogue, verified
// reviews, the front desk's patient search, and where files live in Storage. Each wrapper makes
// exactly one supabase-js call and throws a typed error (./errors.ts) instead of returning
// `{ data, error }`. The read-only calls go as GET (cacheable, served by read replicas).
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../types/database.ts';
import { fromPostgrestError } from './errors.ts';

type PublicSchema = Database['public'];
type Functions = PublicSchema['Functions'];

export type DirectoryEntry = Functions['search_directory']['Returns'][number];
export type ProductHit = Functions['search_products']['Returns'][number];
export type PublicReview = Functions['clinician_reviews']['Returns'][number];
export type PatientHit = Functions['search_patients']['Returns'][number];
export type Review = PublicSchema['Tables']['reviews']['Row'];
export type Department = PublicSchema['Tables']['departments']['Row'];
export type ClinicianCredential = PublicSchema['Tables']['clinician_credentials']['Row'];
export type Product = PublicSchema['Tables']['products']['Row'];
export type PatientDocument = PublicSchema['Tables']['patient_documents']['Row'];

/** The four Storage buckets (migration 20261205180200) and the object names each holds. */
export const buckets = {
  /** public, images up to 2 MB: <tenant_id>/<clinician_id>/<file> */
  clinicianPhotos: 'clinician-photos',
  /** public, images up to 5 MB: <tenant_id>/<file>, <tenant_id>/centres/<centre_id>/<file>, <tenant_id>/products/<product_id>/<file> */
  tenantBranding: 'tenant-branding',
  /** private, PDF and images up to 10 MB: <tenant_id>/<clinician_id>/<file> */
  clinicianDocuments: 'clinician-documents',
  /** private, PDF and images up to 20 MB: <tenant_id>/<patient_id>/<file> */
  patientDocuments: 'patient-documents',
} as const;
export type Bucket = (typeof buckets)[keyof typeof buckets];

const fileName = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function join(ids: string[], file: string, folders: string[] = []): string {
  for (const id of ids) if (!uuid.test(id)) throw new TypeError(`not a lower-case uuid: ${id}`);
  if (!fileName.test(file)) throw new TypeError(`file names are 1-200 letters, digits, '.', '_' or '-', not starting with '.': ${file}`);
  const [tenant, ...rest] = ids;
  return [tenant, ...folders, ...rest, file].join('/');
}

/**
 * Object names the database accepts (private.storage_object_owner): the storage policies allow
 * writes only there, and the *_path columns only point there.
 */
export const storagePaths = {
  clinicianPhoto: (tenantId: string, clinicianId: string, file: string) => join([tenantId, clinicianId], file),
  clinicianDocument: (tenantId: string, clinicianId: string, file: string) => join([tenantId, clinicianId], file),
  patientDocument: (tenantId: string, patientId: string, file: string) => join([tenantId, patientId], file),
  tenantImage: (tenantId: string, file: string) => join([tenantId], file),
  centreImage: (tenantId: string, centreId: string, file: string) => join([tenantId, centreId], file, ['centres']),
  productImage: (tenantId: string, productId: string, file: string) => join([tenantId, productId], file, ['products']),
};

export interface NextFreeSlot {
  service_id: string;
  starts_at: string;
  ends_at: string;
  /** the centre's wall clock */
  local_starts_at: string;
  /** when it was computed (at most 10 minutes ago); booking re-checks */
  as_of: string;
}

export interface CentrePage {
  tenant: {
    id: string; name: string; slug: string; logo_path: string | null; cover_image_path: string | null; about: string | null;
    website_url: string | null; social_links: Record<string, string>; currency: string; locale: string;
  };
  centre: {
    id: string; name: string; slug: string; timezone: string; address_line1: string | null; address_line2: string | null;
    city: string | null; region: string | null; postal_code: string | null; country_code: string | null; phone: string | null;
    email: string | null; opening_hours: Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', Array<[string, string]>>;
    logo_path: string | null; cover_image_path: string | null; about: string | null; website_url: string | null;
    social_links: Record<string, string>; latitude: number | null; longitude: number | null; accessibility_notes: string | null;
    languages: string[];
  };
  departments: Array<{ id: string; name: string; slug: string; description: string | null; clinician_ids: string[]; service_ids: string[] }>;
  clinicians: Array<{
    id: string; display_name: string; title: string | null; specialisations: string[]; qualifications: string[]; languages: string[];
    bio: string | null; photo_path: string | null; consultation_fee: number | null; fee_currency: string | null;
    practising_since: number | null; service_ids: string[]; review_count: number; average_rating: number | null;
    credentials: Array<{ kind: string; title: string; issuer: string | null; reference_number: string | null; awarded_on: string | null; expires_on: string | null }>;
    next_free_slot: NextFreeSlot | null;
  }>;
  services: Array<{
    id: string; name: string; description: string | null; mode: 'in_person' | 'video'; duration_minutes: number; price: number;
    currency: string; price_from: number | null; payment_required: boolean;
  }>;
  generated_at: string;
}

export interface DirectorySearchArgs {
  query?: string;
  language?: string;
  tenantId?: string;
  centreId?: string;
  near?: { latitude: number; longitude: number; withinKm?: number };
  maxRows?: number;
}

export interface ProductSearchArgs {
  query?: string;
  tenantId?: string;
  centreId?: string;
  category?: string;
  requiresPrescription?: boolean;
  maxRows?: number;
}

type UntypedRpc = (name: string, args: unknown, options?: { get?: boolean }) => PromiseLike<{
  data: unknown; error: { code?: string; message?: string; hint?: string | null; details?: string | null } | null; status: number;
}>;

export function createPresence(supabase: SupabaseClient<Database>) {
  const callRpc = supabase.rpc.bind(supabase) as unknown as UntypedRpc;

  async function rpc<Name extends keyof Functions & string>(
    name: Name,
    args: Functions[Name]['Args'],
    get = false,
  ): Promise<Functions[Name]['Returns']> {
    const { data, error, status } = await callRpc(name, args, { get });
    if (error) throw fromPostgrestError(error, status);
    return data as Functions[Name]['Returns'];
  }

  return {
    /** A published centre's whole public page (GET; PT404 NotFoundError for an unpublished centre). */
    async centrePage(tenantSlug: string, centreSlug: string): Promise<CentrePage> {
      return (await rpc('centre_public_page', { tenant_slug: tenantSlug, centre_slug: centreSlug }, true)) as unknown as CentrePage;
    },

    /** Listed clinicians at published centres by text, language, clinic, centre and distance, ranked (GET). */
    searchDirectory(args: DirectorySearchArgs = {}): Promise<DirectoryEntry[]> {
      return rpc('search_directory', {
        query: args.query, language: args.language, tenant_id: args.tenantId, centre_id: args.centreId,
        latitude: args.near?.latitude, longitude: args.near?.longitude, within_km: args.near?.withinKm, max_rows: args.maxRows,
      }, true);
    },

    /** Published products of published centres, with availability per centre (GET). */
    searchProducts(args: ProductSearchArgs = {}): Promise<ProductHit[]> {
      return rpc('search_products', {
        query: args.query, tenant_id: args.tenantId, centre_id: args.centreId, category: args.category,
        requires_prescription: args.requiresPrescription, max_rows: args.maxRows,
      }, true);
    },

    /** Published, verified reviews of a listed clinician, newest first; page with `before` (GET). */
    clinicianReviews(clinicianId: string, options: { maxRows?: number; before?: string } = {}): Promise<PublicReview[]> {
      return rpc('clinician_reviews', { clinician_id: clinicianId, max_rows: options.maxRows, before: options.before }, true);
    },

    /** The patient reviews the clinician of their fulfilled appointment (ConflictError status_conflict otherwise). */
    submitReview(appointmentId: string, rating: number, body?: string): Promise<Review> {
      return rpc('submit_review', { appointment_id: appointmentId, rating, body });
    },

    /** The author edits within 14 days (ConflictError too_late_to_change after). */
    editReview(reviewId: string, rating: number, body?: string): Promise<Review> {
      return rpc('edit_review', { review_id: reviewId, rating, body });
    },

    withdrawReview(reviewId: string): Promise<Review> {
      return rpc('withdraw_review', { review_id: reviewId });
    },

    /** Practice managers hide a published review with a reason (audited); the text stays as written. */
    hideReview(reviewId: string, reason: string): Promise<Review> {
      return rpc('hide_review', { review_id: reviewId, reason });
    },

    /** Front desk: patients the caller may read, by part of the name, phone or e-mail (GET). */
    searchPatients(tenantId: string, query: string, maxRows?: number): Promise<PatientHit[]> {
      return rpc('search_patients', { tenant_id: tenantId, query, max_rows: maxRows }, true);
    },

    /** The URL of an object in a public bucket (tenant-branding, clinician-photos); no request. */
    publicUrl(bucket: typeof buckets.clinicianPhotos | typeof buckets.tenantBranding, path: string): string {
      return supabase.storage.from(bucket).getPublicUrl(path).data.publicUrl;
    },
  };
}

export type Presence = ReturnType<typeof createPresence>;

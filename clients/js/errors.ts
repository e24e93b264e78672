// Typed errors of the Slotbase client (docs/clients.md, docs/errors.md). Every failed call throws a
// SlotbaseError (or one of its subclasses) with the database's SQLSTATE (or the Edge Function's
// code) in `code`, the reason code an app branches on in `reason` (PostgREST `details`), the
// message and hint a user can be shown, and the HTTP status.
//
//   SQLSTATE / code              reason                        HTTP            class
//   PT409                        slot_taken, patient_busy      409             SlotTakenError (a ConflictError)
//   23P01                        -                             409             SlotTakenError
//   PT409, 23505, 23503          any other, or none            409             ConflictError
//   PT503                        busy                          503             BusyError
//   PT429                        rate_limited                  429             RateLimitedError
//   PT404                                                      404             NotFoundError
//   PT403, 42501                                               401, 403        ForbiddenError
//   PT422, 22023, 22P02, 23514                                 400, 422        ValidationError
//   create-payment / verify-razorpay-payment answering 5xx     5xx             PaymentError
//   anything else (network: code 'network_error')                              SlotbaseError

/**
 * The reason codes the database puts in `details` (docs/errors.md). tests/clients/reason-codes.test.ts
 * checks that this list, the database's raise sites and docs/errors.md name the same codes.
 */
export const reasons = [
  'slot_taken',
  'patient_busy',
  'client_key_reused',
  'hold_expired',
  'too_late_to_change',
  'status_conflict',
  'series_conflicts',
  'offer_expired',
  'offer_closed',
  'already_on_waitlist',
  'already_registered',
  'slug_taken',
  'last_owner',
  'nothing_to_pay',
  'payment_in_progress',
  'provider_object_conflict',
  'already_linked',
  'ambiguous_match',
  'busy',
  'tenant_suspended',
  'verification_required',
  'no_matching_account',
  'not_allowed',
  'unverified_contact',
  'rate_limited',
] as const;

export type Reason = (typeof reasons)[number];

export interface SlotbaseErrorInit {
  code: string;
  message: string;
  hint?: string | null;
  details?: string | null;
  status?: number;
  /** Retry-After in seconds, when the answer said when to try again (429). */
  retryAfterSeconds?: number | null;
  cause?: unknown;
}

/** `details` when it is a reason code (snake_case), else null (PostgREST's own details are prose). */
export function reasonOf(details: string | null | undefined): Reason | (string & {}) | null {
  return details && /^[a-z][a-z0-9_]*$/.test(details) ? details : null;
}

/**
 * Base class: `code` (SQLSTATE or a snake_case code), `reason` (the reason code, or null),
 * `message`, `hint`, `details`, `status` (HTTP; 0 = no response).
 */
export class SlotbaseError extends Error {
  readonly code: string;
  readonly reason: Reason | (string & {}) | null;
  readonly hint: string | null;
  readonly details: string | null;
  readonly status: number;

  constructor(init: SlotbaseErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.code = init.code;
    this.details = init.details ?? null;
    this.reason = reasonOf(this.details);
    this.hint = init.hint ?? null;
    this.status = init.status ?? 0;
  }
}

/**
 * HTTP 409: the request conflicts with the current state. Branch on `reason`: client_key_reused,
 * hold_expired, too_late_to_change, status_conflict (already cancelled, not movable, ...),
 * series_conflicts, offer_expired, offer_closed, already_on_waitlist, already_registered,
 * slug_taken, last_owner, nothing_to_pay, payment_in_progress, already_linked, ambiguous_match.
 * `message` and `hint` are written to be shown.
 */
export class ConflictError extends SlotbaseError {}

/**
 * The time is gone: reason slot_taken (the clinician's, a room's or a device's time was taken:
 * search again) or patient_busy (the patient already has an appointment then). A ConflictError.
 */
export class SlotTakenError extends ConflictError {}

/** PT503 busy: the database could not finish the request in time under contention; nothing changed, try again. */
export class BusyError extends SlotbaseError {}

/**
 * PT404: not found, or not visible to the caller (other tenants' rows look exactly like missing
 * ones). Reason no_matching_account: no account verified the patient record's phone or e-mail.
 */
export class NotFoundError extends SlotbaseError {}

/**
 * PT403 / 42501 / HTTP 401 or 403: the caller may not do this (or is not signed in). Reasons:
 * tenant_suspended (the clinic is suspended: records stay readable, nothing changes),
 * verification_required (verify a phone or e-mail first).
 */
export class ForbiddenError extends SlotbaseError {}

/**
 * PT429 rate_limited / HTTP 429: too many requests of this kind from this account or address
 * (docs/rate-limits.md). Nothing changed; `retryAfterSeconds` says when a retry can succeed (the
 * Retry-After header where the client sees headers, else the number the hint ends with, "... Try
 * again in N seconds.", as supabase-js passes no headers on). Show `message` and `hint`; do not
 * retry sooner.
 */
export class RateLimitedError extends SlotbaseError {
  readonly retryAfterSeconds: number | null;

  constructor(init: SlotbaseErrorInit) {
    super(init);
    this.retryAfterSeconds = init.retryAfterSeconds ?? retryAfterOf(init.hint);
  }
}

/** The seconds of "Try again in N seconds." at the end of a rate-limit hint, or null. */
export function retryAfterOf(hint: string | null | undefined): number | null {
  const match = hint ? /Try again in (\d+) seconds?\.$/.exec(hint) : null;
  return match ? Number(match[1]) : null;
}

/**
 * PT422 / 22023 / 22P02 / 23514 / HTTP 400 or 422: a bad argument or a time that is not offered.
 * Reason unverified_contact: a patient's own record takes only the phone and e-mail they verified.
 */
export class ValidationError extends SlotbaseError {}

/** A payment function (create-payment, verify-razorpay-payment) answered 5xx (payment provider error, payments not configured) or could not be reached. */
export class PaymentError extends SlotbaseError {}

type ErrorClass = new (init: SlotbaseErrorInit) => SlotbaseError;

const slotTakenReasons: ReadonlySet<string> = new Set<Reason>(['slot_taken', 'patient_busy']);

const bySqlstate: Record<string, ErrorClass> = {
  PT409: ConflictError,
  '23P01': SlotTakenError,
  '23505': ConflictError,
  '23503': ConflictError,
  PT503: BusyError,
  PT429: RateLimitedError,
  PT404: NotFoundError,
  PT403: ForbiddenError,
  '42501': ForbiddenError,
  PT422: ValidationError,
  '22023': ValidationError,
  '22P02': ValidationError,
  '23514': ValidationError,
};

function byStatus(status: number): ErrorClass {
  if (status === 409) return ConflictError;
  if (status === 503) return BusyError;
  if (status === 429) return RateLimitedError;
  if (status === 404) return NotFoundError;
  if (status === 401 || status === 403) return ForbiddenError;
  if (status === 400 || status === 422) return ValidationError;
  return SlotbaseError;
}

/** The class for a SQLSTATE / code and reason code, else for the HTTP status. */
export function errorClassFor(code: string | null | undefined, status: number, reason: string | null = null): ErrorClass {
  const Class = (code ? bySqlstate[code] : undefined) ?? byStatus(status);
  return Class === ConflictError && reason !== null && slotTakenReasons.has(reason) ? SlotTakenError : Class;
}

/** A PostgREST error as supabase-js returns it (`{ error, status }` of an rpc/select call). */
export function fromPostgrestError(
  error: { code?: string; message?: string; hint?: string | null; details?: string | null },
  status: number,
): SlotbaseError {
  // postgrest-js reports a failed fetch as status 0 and the TypeError's text as the message
  const code = error.code || (status === 0 ? 'network_error' : `http_${status}`);
  const Class = errorClassFor(error.code, status, reasonOf(error.details));
  return new Class({ code, message: error.message || 'The request failed.', hint: error.hint ?? null, details: error.details ?? null, status, cause: error });
}

/** An Auth (GoTrue) error: `{ status, code, message }`. */
export function fromAuthError(error: { status?: number; code?: string; message: string }): SlotbaseError {
  const status = error.status ?? 0;
  const code = error.code || (status === 0 ? 'network_error' : `auth_${status}`);
  // otp_expired ("Token has expired or is invalid") comes as 403 but is a wrong or stale code
  const validation = ['otp_expired', 'validation_failed', 'bad_code_verifier', 'phone_provider_disabled', 'email_address_invalid'];
  const Class = validation.includes(code) || status === 400 || status === 422
    ? ValidationError
    : status === 401 || status === 403 ? ForbiddenError : SlotbaseError;
  return new Class({ code, message: error.message, status, cause: error });
}

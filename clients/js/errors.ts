// Typed errors of the Slotbase client (docs/clients.md). Every failed call throws a SlotbaseError
// (or one of its subclasses), with the database's SQLSTATE (or the Edge Function's code) in
// `code`, the message and hint a user can be shown, and the HTTP status.
//
//   SQLSTATE / code                      HTTP            class
//   PT409, 23P01                         409             SlotTakenError   (taken, or a state conflict)
//   PT404                                404             NotFoundError
//   PT403, 42501                         401, 403        ForbiddenError
//   PT422, 22023, 23514                  400, 422        ValidationError
//   create-payment answering 5xx         5xx             PaymentError
//   anything else (network: code 'network_error')       SlotbaseError

export interface SlotbaseErrorInit {
  code: string;
  message: string;
  hint?: string | null;
  details?: string | null;
  status?: number;
  cause?: unknown;
}

/** Base class: `code` (SQLSTATE or a snake_case code), `message`, `hint`, `details`, `status` (HTTP; 0 = no response). */
export class SlotbaseError extends Error {
  readonly code: string;
  readonly hint: string | null;
  readonly details: string | null;
  readonly status: number;

  constructor(init: SlotbaseErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.code = init.code;
    this.hint = init.hint ?? null;
    this.details = init.details ?? null;
    this.status = init.status ?? 0;
  }
}

/**
 * PT409 / 23P01 / HTTP 409: the time is no longer available (search again), the patient already
 * has an appointment then, the client key was reused for another slot - or another state
 * conflict (already cancelled, too late to reschedule online, hold expired). `message` and
 * `hint` say which; they are written to be shown.
 */
export class SlotTakenError extends SlotbaseError {}

/** PT404: not found, or not visible to the caller (other tenants' rows look exactly like missing ones). */
export class NotFoundError extends SlotbaseError {}

/** PT403 / 42501 / HTTP 401 or 403: the caller may not do this (or is not signed in). */
export class ForbiddenError extends SlotbaseError {}

/** PT422 / 22023 / 23514 / HTTP 400 or 422: a bad argument or a time that is not offered. */
export class ValidationError extends SlotbaseError {}

/** create-payment answered 5xx (payment provider error, payments not configured) or could not be reached. */
export class PaymentError extends SlotbaseError {}

const bySqlstate: Record<string, new (init: SlotbaseErrorInit) => SlotbaseError> = {
  PT409: SlotTakenError,
  '23P01': SlotTakenError,
  PT404: NotFoundError,
  PT403: ForbiddenError,
  '42501': ForbiddenError,
  PT422: ValidationError,
  '22023': ValidationError,
  '23514': ValidationError,
};

function byStatus(status: number): new (init: SlotbaseErrorInit) => SlotbaseError {
  if (status === 409) return SlotTakenError;
  if (status === 404) return NotFoundError;
  if (status === 401 || status === 403) return ForbiddenError;
  if (status === 400 || status === 422) return ValidationError;
  return SlotbaseError;
}

/** The class for a SQLSTATE / code, else for the HTTP status. */
export function errorClassFor(code: string | null | undefined, status: number): new (init: SlotbaseErrorInit) => SlotbaseError {
  return (code ? bySqlstate[code] : undefined) ?? byStatus(status);
}

/** A PostgREST error as supabase-js returns it (`{ error, status }` of an rpc/select call). */
export function fromPostgrestError(
  error: { code?: string; message?: string; hint?: string | null; details?: string | null },
  status: number,
): SlotbaseError {
  // postgrest-js reports a failed fetch as status 0 and the TypeError's text as the message
  const code = error.code || (status === 0 ? 'network_error' : `http_${status}`);
  const Class = errorClassFor(error.code, status);
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

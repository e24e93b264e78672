// clients/js: each wrapper sends the one request supabase-js would send (URL, method, body), and
// maps the answers of PostgREST, Auth and the create-payment function to the typed errors.
// supabase-js runs for real; only `fetch` is replaced (createClient's global.fetch option) by a
// fake that records requests and answers like the servers do, and the Realtime channel is
// replaced by a recorder (no WebSocket here; the live-stack suite in tests/e2e joins for real).
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { describe, expect, it, vi } from 'vitest';
import type { Database } from '../../types/database.ts';
import {
  BusyError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PaymentError,
  RateLimitedError,
  SlotTakenError,
  SlotbaseError,
  ValidationError,
  createSlotbase,
  errorClassFor,
  slotPageSize,
  fromPostgrestError,
  topics,
  type Reason,
} from '../../clients/js/index.ts';

const URL_BASE = 'http://127.0.0.1:54321';
const ANON_KEY = 'anon-key-for-tests';
const TENANT = 'b0000000-0000-4000-8000-000000000001';
const CENTRE = 'c0000000-0000-4000-8000-000000000001';
const SERVICE = '92000000-0000-4000-8000-000000000001';
const CLINICIAN = 'f0000000-0000-4000-8000-000000000001';
const PATIENT = '90000000-0000-4000-8000-000000000001';
const APPOINTMENT = '3f0b7c1e-8a49-4d1b-9a53-0d7c7f2b1a01';

interface Recorded {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

/** A WebSocket constructor that must never be used. */
class NoSocket {
  constructor() {
    throw new Error('the unit tests must not open a WebSocket');
  }
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | Error;

/** A fetch that records each request and answers with the next scripted reply. */
function fakeFetch(...replies: Reply[]) {
  const requests: Recorded[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const text = await request.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // form or plain text: keep the text
    }
    requests.push({ method: request.method, url: new URL(request.url), headers: request.headers, body });
    const reply = replies.shift();
    if (!reply) throw new Error(`unexpected request ${request.method} ${request.url}`);
    if (reply instanceof Error) throw reply;
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'content-type': 'application/json', ...reply.headers },
    });
  };
  return { fetch, requests };
}

function client(...replies: Reply[]) {
  const fake = fakeFetch(...replies);
  const supabase = createClient<Database>(URL_BASE, ANON_KEY, {
    global: { fetch: fake.fetch },
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    // Node 20 has no global WebSocket; nothing here connects (channels are recorded below)
    realtime: { transport: NoSocket as never },
  });
  return { supabase, slotbase: createSlotbase(supabase), requests: fake.requests };
}

/** PostgREST's error body for a RAISE with SQLSTATE PTxyz (HTTP xyz) or a plain SQLSTATE. */
const pgError = (code: string, message: string, hint: string | null = null, details: string | null = null) => ({ code, message, hint, details });

const appointmentRow = (overrides: Partial<Database['public']['Tables']['appointments']['Row']> = {}) => ({
  id: APPOINTMENT, tenant_id: TENANT, centre_id: CENTRE, service_id: SERVICE, clinician_id: CLINICIAN, patient_id: PATIENT,
  status: 'booked', starts_at: '2026-12-07T10:00:00+00:00', ends_at: '2026-12-07T10:20:00+00:00', hold_expires_at: null,
  ...overrides,
});

async function caught(promise: Promise<unknown>): Promise<SlotbaseError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SlotbaseError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('searchSlots', () => {
  it('POSTs /rest/v1/rpc/search_slots with the named arguments (Dates as ISO instants, no clinician for "any")', async () => {
    const slot = { clinician_id: CLINICIAN, starts_at: '2026-12-07T10:00:00+00:00', ends_at: '2026-12-07T10:20:00+00:00',
      local_starts_at: '2026-12-07T10:00:00', local_ends_at: '2026-12-07T10:20:00', timezone: 'Europe/London' };
    const { slotbase, requests } = client({ status: 200, body: [slot] });
    const slots = await slotbase.searchSlots({ serviceId: SERVICE, centreId: CENTRE, from: new Date('2026-12-07T00:00:00Z'), to: '2026-12-08T00:00:00Z' });
    expect(slots).toEqual([slot]);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.method).toBe('POST');
    expect(requests[0]!.url.href).toBe(`${URL_BASE}/rest/v1/rpc/search_slots`);
    expect(requests[0]!.headers.get('apikey')).toBe(ANON_KEY);
    const { seed, ...rest } = requests[0]!.body as Record<string, unknown>;
    expect(rest).toEqual({ service_id: SERVICE, centre_id: CENTRE, window_start: '2026-12-07T00:00:00.000Z', window_end: '2026-12-08T00:00:00Z' });
    expect(Number.isInteger(seed)).toBe(true);
  });

  it('any clinician: one seed per client (this searcher\'s draw), a different one for another client', async () => {
    const first = client({ status: 200, body: [] }, { status: 200, body: [] }, { status: 200, body: [] });
    const window = { serviceId: SERVICE, centreId: CENTRE, from: '2026-12-07T00:00:00Z', to: '2026-12-08T00:00:00Z' };
    await first.slotbase.searchSlots(window);
    await first.slotbase.searchSlots(window);
    const seeds = first.requests.map((r) => (r.body as { seed: number }).seed);
    expect(seeds[0]).toBe(seeds[1]);
    const others = await Promise.all(Array.from({ length: 5 }, async () => {
      const other = client({ status: 200, body: [] });
      await other.slotbase.searchSlots(window);
      return (other.requests[0]!.body as { seed: number }).seed;
    }));
    expect(new Set([seeds[0], ...others]).size).toBeGreaterThan(1);
    await first.slotbase.searchSlots({ ...window, seed: 7 });
    expect(first.requests[2]!.body).toMatchObject({ seed: 7 });
  });

  it('sends after for the next page, and searchAllSlots follows the pages until one is not full', async () => {
    const slot = (minute: number) => ({ clinician_id: CLINICIAN, starts_at: new Date(Date.UTC(2026, 11, 7, 0, minute)).toISOString(),
      ends_at: '', local_starts_at: '', local_ends_at: '', timezone: 'Europe/London' });
    const full = Array.from({ length: slotPageSize }, (_, i) => slot(i));
    const { slotbase, requests } = client({ status: 200, body: full }, { status: 200, body: [slot(slotPageSize)] });
    const all = await slotbase.searchAllSlots({ serviceId: SERVICE, centreId: CENTRE, from: '2026-12-07T00:00:00Z', to: '2026-12-08T00:00:00Z', clinicianId: CLINICIAN });
    expect(all).toHaveLength(slotPageSize + 1);
    expect(requests[0]!.body).not.toHaveProperty('after');
    expect(requests[1]!.body).toMatchObject({ after: full[slotPageSize - 1]!.starts_at });
  });

  it('sends clinician_id when one clinician is asked for', async () => {
    const { slotbase, requests } = client({ status: 200, body: [] });
    await slotbase.searchSlots({ serviceId: SERVICE, centreId: CENTRE, from: '2026-12-07T00:00:00Z', to: '2026-12-08T00:00:00Z', clinicianId: CLINICIAN });
    expect(requests[0]!.body).toMatchObject({ clinician_id: CLINICIAN });
  });

  it('PT404 (unlisted or unknown service) becomes NotFoundError with message and hint', async () => {
    const { slotbase } = client({ status: 404, body: pgError('PT404', 'service not found', 'Check the service id.') });
    const error = await caught(slotbase.searchSlots({ serviceId: SERVICE, centreId: CENTRE, from: '2026-12-07T00:00:00Z', to: '2026-12-08T00:00:00Z' }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: 'PT404', message: 'service not found', hint: 'Check the service id.', status: 404 });
  });

  it('22023 (window over 31 days) becomes ValidationError', async () => {
    const { slotbase } = client({ status: 400, body: pgError('22023', 'the window is longer than 31 days', 'Search at most 31 days at a time.') });
    const error = await caught(slotbase.searchSlots({ serviceId: SERVICE, centreId: CENTRE, from: '2026-12-01T00:00:00Z', to: '2027-02-01T00:00:00Z' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe('22023');
  });
});

describe('book', () => {
  it('POSTs /rest/v1/rpc/book_appointment with the slot and the client key, and returns the appointment', async () => {
    const { slotbase, requests } = client({ status: 200, body: appointmentRow() });
    const appointment = await slotbase.book({ serviceId: SERVICE, clinicianId: CLINICIAN, centreId: CENTRE, startsAt: '2026-12-07T10:00:00+00:00', clientKey: 'key-1' });
    expect(appointment.id).toBe(APPOINTMENT);
    expect(requests[0]!.url.pathname).toBe('/rest/v1/rpc/book_appointment');
    expect(requests[0]!.body).toEqual({ service_id: SERVICE, clinician_id: CLINICIAN, centre_id: CENTRE, starts_at: '2026-12-07T10:00:00+00:00', client_key: 'key-1' });
  });

  it('staff booking for a patient sends patient_id; without a key a fresh uuid is sent', async () => {
    const { slotbase, requests } = client({ status: 200, body: appointmentRow() }, { status: 200, body: appointmentRow() });
    await slotbase.book({ serviceId: SERVICE, clinicianId: CLINICIAN, centreId: CENTRE, startsAt: new Date('2026-12-07T10:00:00Z'), patientId: PATIENT });
    await slotbase.book({ serviceId: SERVICE, clinicianId: CLINICIAN, centreId: CENTRE, startsAt: new Date('2026-12-07T10:00:00Z'), patientId: PATIENT });
    const [first, second] = requests.map((r) => r.body as Record<string, string>);
    expect(first).toMatchObject({ patient_id: PATIENT, starts_at: '2026-12-07T10:00:00.000Z' });
    expect(first!.client_key).toMatch(/^[0-9a-f-]{36}$/);
    expect(second!.client_key).not.toBe(first!.client_key);
  });

  it('PT409 slot_taken becomes SlotTakenError (a ConflictError) with the reason and the hint to search again', async () => {
    const { slotbase } = client({ status: 409, body: pgError('PT409', 'That time is no longer available', 'Search again and pick another time.', 'slot_taken') });
    const error = await caught(slotbase.book({ serviceId: SERVICE, clinicianId: CLINICIAN, centreId: CENTRE, startsAt: '2026-12-07T10:00:00Z', clientKey: 'k' }));
    expect(error).toBeInstanceOf(SlotTakenError);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: 'PT409', reason: 'slot_taken', message: 'That time is no longer available', hint: 'Search again and pick another time.', status: 409 });
  });

  it('PT409 patient_busy is a SlotTakenError too; client_key_reused is a ConflictError that is not one', async () => {
    const { slotbase } = client(
      { status: 409, body: pgError('PT409', 'The patient already has an appointment at that time', 'Pick another time.', 'patient_busy') },
      { status: 409, body: pgError('PT409', 'this client_key was already used for a different booking', 'Use a new client_key.', 'client_key_reused') },
    );
    const args = { serviceId: SERVICE, clinicianId: CLINICIAN, centreId: CENTRE, startsAt: '2026-12-07T10:00:00Z', clientKey: 'k' };
    const busy = await caught(slotbase.book(args));
    expect(busy).toBeInstanceOf(SlotTakenError);
    expect(busy.reason).toBe('patient_busy');
    const reused = await caught(slotbase.book(args));
    expect(reused.constructor).toBe(ConflictError);
    expect(reused).toMatchObject({ code: 'PT409', reason: 'client_key_reused', details: 'client_key_reused', status: 409 });
  });

  it('a raw exclusion violation (23P01, HTTP 409) is a SlotTakenError too', async () => {
    const { slotbase } = client({ status: 409, body: pgError('23P01', 'conflicting key value violates exclusion constraint "appointments_clinician_no_overlap"') });
    expect(await caught(slotbase.book({ serviceId: SERVICE, clinicianId: CLINICIAN, centreId: CENTRE, startsAt: '2026-12-07T10:00:00Z', clientKey: 'k' })))
      .toBeInstanceOf(SlotTakenError);
  });

  it('PT422 (not an offered time) becomes ValidationError; PT403 and 42501 become ForbiddenError', async () => {
    const { slotbase } = client(
      { status: 422, body: pgError('PT422', 'That time cannot be booked', 'Pick a time from slot search.') },
      { status: 403, body: pgError('PT403', 'you may only book for yourself') },
      { status: 401, body: pgError('42501', 'permission denied for function book_appointment') },
    );
    const args = { serviceId: SERVICE, clinicianId: CLINICIAN, centreId: CENTRE, startsAt: '2026-12-07T10:03:00Z', clientKey: 'k' };
    expect(await caught(slotbase.book(args))).toBeInstanceOf(ValidationError);
    const forbidden = await caught(slotbase.book(args));
    expect(forbidden).toBeInstanceOf(ForbiddenError);
    expect(forbidden.status).toBe(403);
    const anon = await caught(slotbase.book(args));
    expect(anon).toBeInstanceOf(ForbiddenError);
    expect(anon).toMatchObject({ code: '42501', status: 401 });
  });

  it('an unmapped error stays a plain SlotbaseError with its code; a network failure has code network_error', async () => {
    const { slotbase } = client(
      { status: 404, body: pgError('PGRST202', 'Could not find the function public.book_appointment') },
      new TypeError('fetch failed'),
    );
    const args = { serviceId: SERVICE, clinicianId: CLINICIAN, centreId: CENTRE, startsAt: '2026-12-07T10:00:00Z', clientKey: 'k' };
    const missing = await caught(slotbase.book(args));
    expect(missing.constructor).toBe(NotFoundError); // HTTP 404 without a mapped SQLSTATE: by status
    expect(missing.code).toBe('PGRST202');
    const offline = await caught(slotbase.book(args));
    expect(offline.constructor).toBe(SlotbaseError);
    expect(offline).toMatchObject({ code: 'network_error', status: 0 });
  });
});

describe('errors: SQLSTATE picks the status, the reason code picks the class', () => {
  const conflictReasons: Reason[] = ['client_key_reused', 'hold_expired', 'too_late_to_change', 'status_conflict', 'series_conflicts',
    'offer_expired', 'offer_closed', 'already_on_waitlist', 'already_registered', 'slug_taken', 'last_owner', 'nothing_to_pay',
    'payment_in_progress', 'provider_object_conflict', 'already_linked', 'ambiguous_match'];

  it.each(conflictReasons)('PT409 %s is a ConflictError carrying that reason', (reason) => {
    const error = fromPostgrestError(pgError('PT409', 'conflict', 'Reload.', reason), 409);
    expect(error.constructor).toBe(ConflictError);
    expect(error).toMatchObject({ code: 'PT409', reason, details: reason, hint: 'Reload.', status: 409 });
  });

  it.each(['slot_taken', 'patient_busy'] as const)('PT409 %s is a SlotTakenError', (reason) => {
    expect(fromPostgrestError(pgError('PT409', 'taken', null, reason), 409)).toBeInstanceOf(SlotTakenError);
  });

  it('PT503 busy is a BusyError (nothing changed: try again), also a bare 503', () => {
    const busy = fromPostgrestError(pgError('PT503', 'the schedule is busy right now', 'Nothing was changed. Try again in a moment.', 'busy'), 503);
    expect(busy.constructor).toBe(BusyError);
    expect(busy).toMatchObject({ reason: 'busy', status: 503 });
    expect(errorClassFor(null, 503)).toBe(BusyError);
  });

  it('prose in details is not a reason; a unique violation (23505) and a bare 409 are ConflictErrors without one', () => {
    const unique = fromPostgrestError(pgError('23505', 'duplicate key value violates unique constraint "resources_tenant_id_centre_id_name_key"', null,
      'Key (tenant_id, centre_id, name)=(a, b, Room 1) already exists.'), 409);
    expect(unique.constructor).toBe(ConflictError);
    expect(unique.reason).toBeNull();
    expect(unique.details).toContain('already exists');
    expect(errorClassFor(null, 409)).toBe(ConflictError);
    expect(errorClassFor(null, 409, 'slot_taken')).toBe(SlotTakenError);
    const late = fromPostgrestError(pgError('PT422', 'that time is too soon to book', 'Pick a later slot.', 'Bookings need at least 01:00:00 notice.'), 422);
    expect(late.constructor).toBe(ValidationError);
    expect(late.reason).toBeNull();
  });

  it('PT429 rate_limited is a RateLimitedError with the seconds the hint ends with (supabase-js passes no headers), also a bare 429', () => {
    const limited = fromPostgrestError(
      pgError('PT429', 'too many bookings in a short time', 'Wait before booking again, or call the clinic. Try again in 1740 seconds.', 'rate_limited'), 429);
    expect(limited.constructor).toBe(RateLimitedError);
    expect(limited).toMatchObject({ code: 'PT429', reason: 'rate_limited', status: 429, retryAfterSeconds: 1740 });
    expect(fromPostgrestError(pgError('PT429', 'too many requests at once', 'Wait for your other requests to finish. Try again in 1 second.', 'rate_limited'), 429))
      .toMatchObject({ retryAfterSeconds: 1 });
    expect(errorClassFor(null, 429)).toBe(RateLimitedError);
    expect(new RateLimitedError({ code: 'PT429', message: 'slow down', hint: 'Wait.' }).retryAfterSeconds).toBeNull();
  });

  it('PT403 tenant_suspended and verification_required are ForbiddenErrors; PT422 unverified_contact a ValidationError; PT404 no_matching_account a NotFoundError', () => {
    expect(fromPostgrestError(pgError('PT403', 'this clinic is not taking changes right now', null, 'tenant_suspended'), 403))
      .toMatchObject({ constructor: ForbiddenError, reason: 'tenant_suspended' });
    expect(fromPostgrestError(pgError('PT403', 'verify your phone number or e-mail address first', null, 'verification_required'), 403).reason).toBe('verification_required');
    expect(fromPostgrestError(pgError('PT422', 'use the phone number and e-mail address you verified', null, 'unverified_contact'), 422))
      .toMatchObject({ constructor: ValidationError, reason: 'unverified_contact' });
    expect(fromPostgrestError(pgError('PT404', 'no account has verified this record\'s phone number or e-mail address', null, 'no_matching_account'), 404))
      .toMatchObject({ constructor: NotFoundError, reason: 'no_matching_account' });
  });

  it('22P02 (a malformed value such as a bad uuid) is a ValidationError', () => {
    expect(fromPostgrestError(pgError('22P02', 'invalid input syntax for type uuid: "x"'), 400)).toBeInstanceOf(ValidationError);
  });
});

describe('reschedule and cancel', () => {
  it('reschedule POSTs rpc/reschedule_appointment {id, starts_at}', async () => {
    const { slotbase, requests } = client({ status: 200, body: appointmentRow({ starts_at: '2026-12-08T09:30:00+00:00' }) });
    const moved = await slotbase.reschedule(APPOINTMENT, new Date('2026-12-08T09:30:00Z'));
    expect(moved.starts_at).toBe('2026-12-08T09:30:00+00:00');
    expect(requests[0]!.url.pathname).toBe('/rest/v1/rpc/reschedule_appointment');
    expect(requests[0]!.body).toEqual({ id: APPOINTMENT, starts_at: '2026-12-08T09:30:00.000Z' });
  });

  it('too late to reschedule online (PT409 too_late_to_change) is a ConflictError, not a taken slot, and keeps the clinic\'s hint', async () => {
    const { slotbase } = client({ status: 409, body: pgError('PT409', 'it is too late to reschedule this appointment online', 'Call the clinic: the front desk can still move it.', 'too_late_to_change') });
    const error = await caught(slotbase.reschedule(APPOINTMENT, '2026-12-08T09:30:00Z'));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).not.toBeInstanceOf(SlotTakenError);
    expect(error.reason).toBe('too_late_to_change');
    expect(error.hint).toBe('Call the clinic: the front desk can still move it.');
  });

  it('cancel POSTs rpc/cancel_appointment {id, reason}; another patient\'s appointment is NotFoundError', async () => {
    const { slotbase, requests } = client(
      { status: 200, body: appointmentRow({ status: 'cancelled' }) },
      { status: 404, body: pgError('PT404', 'appointment not found') },
    );
    expect((await slotbase.cancel(APPOINTMENT, 'patient_request')).status).toBe('cancelled');
    expect(requests[0]!.url.pathname).toBe('/rest/v1/rpc/cancel_appointment');
    expect(requests[0]!.body).toEqual({ id: APPOINTMENT, reason: 'patient_request' });
    expect(await caught(slotbase.cancel(APPOINTMENT, 'x'))).toBeInstanceOf(NotFoundError);
  });

  it('a missing reason (22023) is a ValidationError', async () => {
    const { slotbase } = client({ status: 400, body: pgError('22023', 'reason is required', 'Say why the appointment is cancelled.') });
    expect(await caught(slotbase.cancel(APPOINTMENT, ' '))).toBeInstanceOf(ValidationError);
  });
});

describe('pay (create-payment)', () => {
  const started = { payment_id: 'pay-1', flow: 'payment_intent', amount: 180, currency: 'GBP', client_secret: 'pi_123_secret_456', hold_expires_at: '2026-12-01T10:15:00+00:00' };

  it('POSTs /functions/v1/create-payment with {appointment_id, flow} and returns the client secret', async () => {
    const { slotbase, requests } = client({ status: 200, body: started });
    expect(await slotbase.pay({ appointmentId: APPOINTMENT, flow: 'payment_intent' })).toEqual(started);
    expect(requests[0]!.method).toBe('POST');
    expect(requests[0]!.url.href).toBe(`${URL_BASE}/functions/v1/create-payment`);
    expect(requests[0]!.headers.get('content-type')).toBe('application/json');
    expect(requests[0]!.body).toEqual({ appointment_id: APPOINTMENT, flow: 'payment_intent' });
  });

  it('checkout sends success_url and cancel_url (never an amount)', async () => {
    const { slotbase, requests } = client({ status: 200, body: { ...started, flow: 'checkout', client_secret: undefined, checkout_url: 'https://checkout.stripe.com/c/pay/cs_1' } });
    const result = await slotbase.pay({ appointmentId: APPOINTMENT, flow: 'checkout', successUrl: 'https://app.test/paid', cancelUrl: 'https://app.test/cancelled' });
    expect(result.checkout_url).toBe('https://checkout.stripe.com/c/pay/cs_1');
    expect(requests[0]!.body).toEqual({ appointment_id: APPOINTMENT, flow: 'checkout', success_url: 'https://app.test/paid', cancel_url: 'https://app.test/cancelled' });
  });

  it('maps the function\'s {code, message, hint}: PT409 hold expired, PT404, 400 invalid body, 401', async () => {
    const { slotbase } = client(
      { status: 409, body: { code: 'PT409', message: 'the hold on this appointment has expired', hint: 'Book the time again.' } },
      { status: 404, body: { code: 'PT404', message: 'appointment not found', hint: 'Check the appointment id.' } },
      { status: 400, body: { code: 'invalid_request', message: 'success_url is required for checkout', hint: 'Send success_url and cancel_url.' } },
      { status: 401, body: { code: 'unauthorized', message: 'sign in first' } },
    );
    const args = { appointmentId: APPOINTMENT, flow: 'checkout' as const };
    const expired = await caught(slotbase.pay(args));
    expect(expired.constructor).toBe(ConflictError);
    expect(expired).toMatchObject({ code: 'PT409', reason: null, message: 'the hold on this appointment has expired', hint: 'Book the time again.', status: 409 });
    expect(await caught(slotbase.pay(args))).toBeInstanceOf(NotFoundError);
    const invalid = await caught(slotbase.pay(args));
    expect(invalid).toBeInstanceOf(ValidationError);
    expect(invalid.code).toBe('invalid_request');
    expect(await caught(slotbase.pay(args))).toBeInstanceOf(ForbiddenError);
  });

  it('429 from create-payment is a RateLimitedError with its Retry-After header', async () => {
    const { slotbase } = client({
      status: 429,
      headers: { 'retry-after': '900' },
      body: { code: 'PT429', message: 'too many payment attempts in a short time', hint: 'Wait before trying to pay again. Try again in 900 seconds.', details: 'rate_limited' },
    });
    const limited = await caught(slotbase.pay({ appointmentId: APPOINTMENT, flow: 'payment_intent' }));
    expect(limited.constructor).toBe(RateLimitedError);
    expect(limited).toMatchObject({ code: 'PT429', reason: 'rate_limited', status: 429, retryAfterSeconds: 900 });
  });

  it('5xx (provider error, payments not configured) and unreachable functions are PaymentError', async () => {
    const { slotbase } = client(
      { status: 502, body: { code: 'payment_provider_error', message: 'The payment provider did not answer.', hint: 'Try again in a moment.' } },
      { status: 503, body: { code: 'payments_not_configured', message: 'Payments are not configured.', hint: 'Set STRIPE_SECRET_KEY.' } },
      new TypeError('fetch failed'),
    );
    const args = { appointmentId: APPOINTMENT, flow: 'payment_intent' as const };
    const provider = await caught(slotbase.pay(args));
    expect(provider).toBeInstanceOf(PaymentError);
    expect(provider).toMatchObject({ code: 'payment_provider_error', status: 502, hint: 'Try again in a moment.' });
    expect(await caught(slotbase.pay(args))).toMatchObject({ code: 'payments_not_configured', status: 503 });
    const offline = await caught(slotbase.pay(args));
    expect(offline).toBeInstanceOf(PaymentError);
    expect(offline.code).toBe('network_error');
  });
});

describe('pay and confirm with Razorpay (create-payment, verify-razorpay-payment)', () => {
  const razorpay = {
    key_id: 'rzp_test_DeccanDemo', order_id: 'order_NewOrder0001', amount: 150000, currency: 'INR', name: 'Deccan Mind Care',
    description: 'Counselling session, Mon 07 Dec 2026, 10:00 (Asia/Kolkata)', prefill: { name: 'Aarav Kulkarni', contact: '+919000090001' },
    notes: { payment_id: 'pay-1' }, timeout: 900,
  };
  const started = { payment_id: 'pay-1', provider: 'razorpay', flow: 'payment_intent', amount: 1500, amount_minor: 150000, currency: 'INR', hold_expires_at: '2026-12-07T04:45:00.000Z', razorpay };
  const checkout = { razorpay_order_id: 'order_NewOrder0001', razorpay_payment_id: 'pay_Checkout0001', razorpay_signature: 'a'.repeat(64) };

  it('pay returns the provider and what Razorpay Checkout opens with', async () => {
    const { slotbase, requests } = client({ status: 200, body: started });
    const result = await slotbase.pay({ appointmentId: APPOINTMENT, flow: 'payment_intent' });
    expect(result.provider).toBe('razorpay');
    expect(result.razorpay).toEqual(razorpay);
    expect(result.client_secret).toBeUndefined();
    expect(requests[0]!.url.href).toBe(`${URL_BASE}/functions/v1/create-payment`);
  });

  it('confirmRazorpayPayment POSTs the Checkout result to /functions/v1/verify-razorpay-payment and returns the new states', async () => {
    const confirmed = { payment_id: 'pay-1', outcome: 'processed', payment_status: 'succeeded', appointment_status: 'booked' };
    const { slotbase, requests } = client({ status: 200, body: confirmed });
    expect(await slotbase.confirmRazorpayPayment({ paymentId: 'pay-1', ...checkout })).toEqual(confirmed);
    expect(requests[0]!.method).toBe('POST');
    expect(requests[0]!.url.href).toBe(`${URL_BASE}/functions/v1/verify-razorpay-payment`);
    expect(requests[0]!.body).toEqual({ payment_id: 'pay-1', ...checkout });
  });

  it('a forged signature is a ValidationError (invalid_signature); Razorpay unreachable a PaymentError', async () => {
    const { slotbase } = client(
      { status: 400, body: { code: 'invalid_signature', message: 'The payment signature does not match this payment.', hint: 'Send it as Checkout returned it.' } },
      { status: 502, body: { code: 'payment_provider_error', message: 'The payment provider could not confirm this payment now.', hint: 'Try again.' } },
    );
    const forged = await caught(slotbase.confirmRazorpayPayment({ paymentId: 'pay-1', ...checkout }));
    expect(forged).toBeInstanceOf(ValidationError);
    expect(forged).toMatchObject({ code: 'invalid_signature', status: 400 });
    const down = await caught(slotbase.confirmRazorpayPayment({ paymentId: 'pay-1', ...checkout }));
    expect(down).toBeInstanceOf(PaymentError);
    expect(down.code).toBe('payment_provider_error');
  });
});

describe('sign in with a one-time code', () => {
  const session = {
    access_token: 'header.eyJzdWIiOiJ1c2VyLTEiLCJyb2xlIjoiYXV0aGVudGljYXRlZCJ9.sig', token_type: 'bearer', expires_in: 3600,
    expires_at: 4102444800, refresh_token: 'refresh-1',
    user: { id: 'user-1', aud: 'authenticated', role: 'authenticated', phone: '447700900001', app_metadata: {}, user_metadata: {}, created_at: '2026-11-21T00:00:00Z' },
  };

  it('signInWithOtp({phone}) POSTs /auth/v1/otp with the phone; verifyOtp POSTs /auth/v1/verify type sms and hands Realtime the token', async () => {
    const { supabase, slotbase, requests } = client({ status: 200, body: {} }, { status: 200, body: session });
    const setAuth = vi.spyOn(supabase.realtime, 'setAuth').mockResolvedValue();
    await slotbase.signInWithOtp({ phone: '+447700900001' });
    expect(requests[0]!.url.pathname).toBe('/auth/v1/otp');
    expect(requests[0]!.body).toMatchObject({ phone: '+447700900001', create_user: true });
    const { user } = await slotbase.verifyOtp({ phone: '+447700900001', token: '123456' });
    expect(user.id).toBe('user-1');
    expect(requests[1]!.url.pathname).toBe('/auth/v1/verify');
    expect(requests[1]!.body).toMatchObject({ phone: '+447700900001', token: '123456', type: 'sms' });
    expect(setAuth).toHaveBeenCalledWith(session.access_token);
  });

  it('e-mail codes use type email; a wrong or expired code is a ValidationError, a rate limit a plain SlotbaseError', async () => {
    const { slotbase, requests } = client(
      { status: 200, body: {} },
      { status: 403, body: { code: 403, error_code: 'otp_expired', msg: 'Token has expired or is invalid' } },
      { status: 429, body: { code: 429, error_code: 'over_email_send_rate_limit', msg: 'email rate limit exceeded' } },
    );
    await slotbase.signInWithOtp({ email: 'sam@example.test' }, { shouldCreateUser: false });
    expect(requests[0]!.body).toMatchObject({ email: 'sam@example.test', create_user: false });
    const expired = await caught(slotbase.verifyOtp({ email: 'sam@example.test', token: '000000' }));
    expect(requests[1]!.body).toMatchObject({ email: 'sam@example.test', token: '000000', type: 'email' });
    expect(expired).toBeInstanceOf(ValidationError);
    expect(expired).toMatchObject({ code: 'otp_expired', status: 403, message: 'Token has expired or is invalid' });
    const limited = await caught(slotbase.signInWithOtp({ email: 'sam@example.test' }));
    expect(limited.constructor).toBe(SlotbaseError);
    expect(limited).toMatchObject({ code: 'over_email_send_rate_limit', status: 429 });
  });
});

describe('registerAsPatient', () => {
  const session = {
    access_token: 'header.eyJzdWIiOiJ1c2VyLTEiLCJyb2xlIjoiYXV0aGVudGljYXRlZCJ9.sig', token_type: 'bearer', expires_in: 3600,
    expires_at: 4102444800, refresh_token: 'refresh-1',
    user: { id: 'user-1', aud: 'authenticated', role: 'authenticated', email: 'sam@example.test', app_metadata: {}, user_metadata: {}, created_at: '2026-11-21T00:00:00Z' },
  };

  it('inserts the signed-in user\'s own record (POST /rest/v1/patients, returning it) with the user\'s token', async () => {
    const row = { tenant_id: TENANT, id: PATIENT, user_id: 'user-1', full_name: 'Sam Patel' };
    const { supabase, slotbase, requests } = client({ status: 200, body: session }, { status: 201, body: row });
    vi.spyOn(supabase.realtime, 'setAuth').mockResolvedValue();
    await slotbase.verifyOtp({ email: 'sam@example.test', token: '123456' });
    expect(await slotbase.registerAsPatient({ tenantId: TENANT, fullName: 'Sam Patel', email: 'sam@example.test' })).toEqual(row);
    expect(requests).toHaveLength(2);
    const insert = requests[1]!;
    expect(insert.method).toBe('POST');
    expect(insert.url.pathname).toBe('/rest/v1/patients');
    expect(insert.url.searchParams.get('select')).toBe('*');
    expect(insert.headers.get('authorization')).toBe(`Bearer ${session.access_token}`);
    expect(insert.headers.get('prefer')).toContain('return=representation');
    expect(insert.body).toEqual({ tenant_id: TENANT, user_id: 'user-1', full_name: 'Sam Patel', phone: null, email: 'sam@example.test', date_of_birth: null });
  });

  it('without a session it refuses before sending anything; a second record at the same clinic is a ConflictError already_registered', async () => {
    const anonymous = client();
    const refused = await caught(anonymous.slotbase.registerAsPatient({ tenantId: TENANT, fullName: 'X' }));
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect(refused.code).toBe('not_signed_in');
    expect(anonymous.requests).toHaveLength(0);

    const { supabase, slotbase } = client({ status: 200, body: session },
      { status: 409, body: pgError('PT409', 'you are already registered with this clinic', 'Use the patient record you have with this clinic instead of registering again.', 'already_registered') });
    vi.spyOn(supabase.realtime, 'setAuth').mockResolvedValue();
    await slotbase.verifyOtp({ email: 'sam@example.test', token: '123456' });
    const duplicate = await caught(slotbase.registerAsPatient({ tenantId: TENANT, fullName: 'Sam Patel' }));
    expect(duplicate.constructor).toBe(ConflictError);
    expect(duplicate).toMatchObject({ code: 'PT409', reason: 'already_registered', status: 409 });
  });
});

/** A stand-in for supabase.channel(): records the config and handlers, and joins on demand. */
function recordChannels(supabase: SupabaseClient<Database>, outcome: 'SUBSCRIBED' | 'CHANNEL_ERROR' = 'SUBSCRIBED') {
  const channels: Array<{ topic: string; config: unknown; listeners: Array<{ type: string; filter: Record<string, unknown>; callback: (m: unknown) => void }>; removed: boolean }> = [];
  const setAuth = vi.spyOn(supabase.realtime, 'setAuth').mockResolvedValue();
  vi.spyOn(supabase, 'channel').mockImplementation(((topic: string, options: { config: unknown }) => {
    const record = { topic, config: options.config, listeners: [] as Array<{ type: string; filter: Record<string, unknown>; callback: (m: unknown) => void }>, removed: false };
    channels.push(record);
    const channel = {
      on(type: string, filter: Record<string, unknown>, callback: (m: unknown) => void) {
        record.listeners.push({ type, filter, callback });
        return channel;
      },
      subscribe(callback: (status: string, error?: Error) => void) {
        queueMicrotask(() => callback(outcome, outcome === 'CHANNEL_ERROR' ? new Error('Unauthorized') : undefined));
        return channel;
      },
      record,
    };
    return channel;
  }) as never);
  vi.spyOn(supabase, 'removeChannel').mockImplementation((async (channel: { record: { removed: boolean } }) => {
    channel.record.removed = true;
    return 'ok';
  }) as never);
  return { channels, setAuth };
}

describe('subscriptions (private broadcast channels)', () => {
  it('subscribeToSchedule sets the auth token first, joins schedule:<tenant>:<centre> as a private channel and routes events', async () => {
    const { supabase, slotbase } = client();
    const { channels, setAuth } = recordChannels(supabase);
    const created = vi.fn();
    const left = vi.fn();
    const all = vi.fn();
    const subscription = await slotbase.subscribeToSchedule({ tenantId: TENANT.toUpperCase(), centreId: CENTRE }, { onCreated: created, onLeft: left, onEvent: all });
    expect(setAuth).toHaveBeenCalledTimes(1);
    expect(subscription.topic).toBe(`schedule:${TENANT}:${CENTRE}`); // ids lower-cased
    expect(channels[0]!.config).toEqual({ private: true });
    expect(channels[0]!.listeners.map((l) => [l.type, l.filter])).toEqual([['broadcast', { event: '*' }]]);
    const payload = { appointment_id: APPOINTMENT, status: 'booked' };
    channels[0]!.listeners[0]!.callback({ type: 'broadcast', event: 'appointment_created', payload });
    channels[0]!.listeners[0]!.callback({ type: 'broadcast', event: 'appointment_left', payload: { appointment_id: APPOINTMENT } });
    channels[0]!.listeners[0]!.callback({ type: 'broadcast', event: 'something_new', payload: {} });
    expect(created).toHaveBeenCalledWith(payload);
    expect(left).toHaveBeenCalledWith({ appointment_id: APPOINTMENT });
    expect(all.mock.calls.map((c) => c[0].event)).toEqual(['appointment_created', 'appointment_left']);
    await subscription.unsubscribe();
    expect(channels[0]!.removed).toBe(true);
  });

  it('my appointments and availability use the patient and availability topics', async () => {
    const { supabase, slotbase } = client();
    const { channels } = recordChannels(supabase);
    const changed = vi.fn();
    const mine = await slotbase.subscribeToMyAppointments({ tenantId: TENANT, patientId: PATIENT }, { onChanged: changed });
    const availability = await slotbase.subscribeToAvailability({ tenantId: TENANT, centreId: CENTRE }, { onAvailabilityChanged: changed });
    expect(mine.topic).toBe(topics.patient(TENANT, PATIENT));
    expect(availability.topic).toBe(`availability:${TENANT}:${CENTRE}`);
    expect(channels[1]!.listeners[0]!.filter).toEqual({ event: 'availability_changed' });
    channels[1]!.listeners[0]!.callback({ event: 'availability_changed', payload: { centre_id: CENTRE, source: 'time_off' } });
    expect(changed).toHaveBeenCalledWith({ centre_id: CENTRE, source: 'time_off' });
  });

  it('a refused join (CHANNEL_ERROR) rejects with ForbiddenError and leaves the channel', async () => {
    const { supabase, slotbase } = client();
    const { channels } = recordChannels(supabase, 'CHANNEL_ERROR');
    const status = vi.fn();
    const error = await caught(slotbase.subscribeToSchedule({ tenantId: TENANT, centreId: CENTRE }, { onStatus: status }));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error.code).toBe('realtime_join_refused');
    expect(status).toHaveBeenCalledWith('CHANNEL_ERROR', expect.any(Error));
    expect(channels[0]!.removed).toBe(true);
  });

  it('subscribeToCatalogue listens to postgres_changes of the five catalogue tables filtered by tenant', async () => {
    const { supabase, slotbase } = client();
    const { channels } = recordChannels(supabase);
    const change = vi.fn();
    await slotbase.subscribeToCatalogue({ tenantId: TENANT }, { onChange: change });
    expect(channels[0]!.config).toEqual({});
    expect(channels[0]!.listeners.map((l) => [l.type, l.filter])).toEqual(
      ['centres', 'services', 'clinicians', 'clinician_services', 'clinician_centres'].map((table) =>
        ['postgres_changes', { event: '*', schema: 'public', table, filter: `tenant_id=eq.${TENANT}` }]),
    );
    channels[0]!.listeners[1]!.callback({ table: 'services', eventType: 'DELETE', new: {}, old: { tenant_id: TENANT, id: SERVICE }, commit_timestamp: '2026-11-21T22:00:00.000Z', schema: 'public', errors: null });
    expect(change).toHaveBeenCalledWith({ table: 'services', eventType: 'DELETE', new: {}, old: { tenant_id: TENANT, id: SERVICE }, commit_timestamp: '2026-11-21T22:00:00.000Z' });
  });
});

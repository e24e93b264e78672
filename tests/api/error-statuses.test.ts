// The HTTP status of every error class the API documents (docs/booking.md § Errors,
// docs/slot-search.md § Errors, docs/clients.md § Errors), as a client receives it through the
// gateway from real PostgREST: SQLSTATE `PTxyz` -> HTTP xyz, the others by PostgREST's table.
// And: nothing a client sends produces a 5xx.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlotTakenError, fromPostgrestError } from '../../clients/js/index.ts';
import { signHs256 } from '../../local/stack/keys.ts';
import { jwtSecret } from '../../local/stack/config.ts';
import { anon, api, apiMissing, as, closeAuthConnection, seed, serviceRole, window } from './api.ts';

interface PostgrestBody {
  code: string;
  message: string;
  hint: string | null;
  details: string | null;
}

async function expectError(response: Response, status: number, code: string): Promise<PostgrestBody> {
  const body = (await response.json()) as PostgrestBody;
  expect({ status: response.status, code: body.code }, JSON.stringify(body)).toEqual({ status, code });
  expect(body.message).toBeTruthy();
  return body;
}

const json = (token: string, body: unknown): RequestInit & { token: string } => ({
  method: 'POST', token, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
});

// Days 60-67 are this file's.
const errorWindow = window(60, 7);

describe.skipIf(apiMissing)('error statuses through the Data API', () => {
  let patientToken = '';
  let ownerToken = '';

  beforeAll(async () => {
    patientToken = (await as(seed.sam)).accessToken;
    ownerToken = (await as(seed.amira)).accessToken;
  });
  afterAll(closeAuthConnection);

  const searchArgs = (over: Record<string, unknown> = {}) => ({
    service_id: seed.gp, centre_id: seed.camden, clinician_id: seed.priya, window_start: errorWindow.from, window_end: errorWindow.to, ...over,
  });

  it('22023 (bad argument) -> 400 with the hint', async () => {
    const body = await expectError(await api('/rest/v1/rpc/search_slots', json('', searchArgs({ window_end: window(60, 40).to }))), 400, '22023');
    expect(body.message).toBe('the search window is longer than 31 days');
    expect(body.hint).toBeTruthy();
  });

  it('22P02 / 22007 (a value of the wrong type) -> 400', async () => {
    await expectError(await api('/rest/v1/rpc/search_slots', json('', searchArgs({ service_id: 'not-a-uuid' }))), 400, '22P02');
    await expectError(await api('/rest/v1/rpc/search_slots', json('', searchArgs({ window_start: 'tomorrow-ish' }))), 400, '22007');
  });

  it('23514 (a check or domain constraint) -> 400', async () => {
    const response = await api('/rest/v1/centres', json(ownerToken, {
      tenant_id: seed.northside, name: 'Bad zone', slug: `bad-zone-${randomUUID().slice(0, 6)}`, timezone: 'UTC+5', country_code: 'GB',
    }));
    await expectError(response, 400, '23514');
  });

  it('42501 (no grant) -> 401 for anon, 403 for a signed-in user', async () => {
    await expectError(await api('/rest/v1/patients', json('', { tenant_id: seed.northside, full_name: 'x' })), 401, '42501');
    await expectError(await api('/rest/v1/appointments', json(patientToken, {})), 403, '42501');
  });

  it('PT403 -> 403, PT404 -> 404, PT422 -> 422 from the booking RPCs', async () => {
    const slots = (await (await api('/rest/v1/rpc/search_slots', json('', searchArgs()))).json()) as Array<{ starts_at: string }>;
    const book = (over: Record<string, unknown>) => ({
      service_id: seed.gp, centre_id: seed.camden, clinician_id: seed.priya, starts_at: slots[0]!.starts_at, client_key: randomUUID(), ...over,
    });
    // a patient booking for someone else
    await expectError(await api('/rest/v1/rpc/book_appointment', json(patientToken, book({ patient_id: seed.kwamePatient }))), 403, 'PT403');
    await expectError(await api('/rest/v1/rpc/search_slots', json('', searchArgs({ service_id: randomUUID() }))), 404, 'PT404');
    // seven minutes past a slot start is not an offered time
    const offGrid = new Date(Date.parse(slots[0]!.starts_at) + 7 * 60_000).toISOString();
    await expectError(await api('/rest/v1/rpc/book_appointment', json(patientToken, book({ starts_at: offGrid }))), 422, 'PT422');
  });

  it('PT409 -> 409; 23P01 (the exclusion constraint itself, reached by a direct service_role insert) -> 400, still a SlotTakenError', async () => {
    const { data: slots } = await anon().rpc('search_slots', searchArgs());
    const slot = slots![2]!;
    const args = { service_id: seed.gp, centre_id: seed.camden, clinician_id: seed.priya, starts_at: slot.starts_at };
    const first = await api('/rest/v1/rpc/book_appointment', json(patientToken, { ...args, client_key: randomUUID() }));
    expect(first.status).toBe(200);
    const booked = (await first.json()) as Record<string, unknown>;
    await expectError(await api('/rest/v1/rpc/book_appointment', json(patientToken, { ...args, client_key: randomUUID() })), 409, 'PT409');
    const { id: _id, client_key: _key, meeting_url: _url, created_at: _c, updated_at: _u, ...copy } = booked;
    const overlap = await serviceRole().from('appointments').insert({ ...copy, id: randomUUID() } as never);
    // PostgREST 12 maps only 23503/23505 of class 23 to 409; the RPCs turn overlaps into PT409.
    expect(overlap.status, JSON.stringify(overlap.error)).toBe(400);
    expect(overlap.error?.code).toBe('23P01');
    expect(fromPostgrestError(overlap.error!, overlap.status)).toBeInstanceOf(SlotTakenError);
    await api('/rest/v1/rpc/cancel_appointment', json(patientToken, { id: booked.id, reason: 'patient_request' }));
  });

  it('PostgREST\'s own errors: unknown RPC PGRST202 -> 404, bad query PGRST100 -> 400, single() on no row PGRST116 -> 406', async () => {
    await expectError(await api('/rest/v1/rpc/no_such_function', json('', {})), 404, 'PGRST202');
    await expectError(await api('/rest/v1/centres?select=name,,'), 400, 'PGRST100');
    const single = await anon().from('centres').select('name').eq('id', randomUUID()).single();
    expect(single.status).toBe(406);
    expect(single.error?.code).toBe('PGRST116');
  });

  it('tokens: expired or signed with another key -> 401 PGRST301; a valid one is used', async () => {
    const claims = { sub: randomUUID(), role: 'authenticated', aud: 'authenticated' };
    const expired = signHs256({ ...claims, exp: Math.floor(Date.now() / 1000) - 120 }, jwtSecret); // PostgREST allows 30 s of clock skew
    await expectError(await api('/rest/v1/centres', { token: expired }), 401, 'PGRST301');
    const forged = signHs256({ ...claims, exp: Math.floor(Date.now() / 1000) + 60 }, 'another-secret-with-at-least-32-characters!!');
    await expectError(await api('/rest/v1/centres', { token: forged }), 401, 'PGRST301');
    expect((await api('/rest/v1/centres?select=id&limit=1', { token: patientToken })).status).toBe(200);
  });

  it('no request a client can make ends in a 5xx', async () => {
    const bodies: unknown[] = [
      {}, [], [1, 2], 'text', null, { service_id: null }, { starts_at: '9999-99-99' }, { client_key: 'x'.repeat(10_000) },
      { service_id: seed.gp, centre_id: seed.camden, clinician_id: seed.priya, starts_at: '1900-01-01T00:00:00Z', client_key: 'k' },
      { service_id: seed.gp, centre_id: seed.camden, clinician_id: seed.priya, starts_at: 'infinity', client_key: 'k' },
      { id: randomUUID(), reason: 'x'.repeat(5000) },
    ];
    const targets = ['book_appointment', 'cancel_appointment', 'reschedule_appointment', 'search_slots', 'create_tenant'];
    const statuses: Record<string, number> = {};
    for (const target of targets) {
      for (const [i, body] of bodies.entries()) {
        const response = await api(`/rest/v1/rpc/${target}`, json(patientToken, body));
        await response.body?.cancel();
        statuses[`${target}#${i}`] = response.status;
      }
    }
    const serverErrors = Object.entries(statuses).filter(([, status]) => status >= 500);
    expect(serverErrors).toEqual([]);
  });
});

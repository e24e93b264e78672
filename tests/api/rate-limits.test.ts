// Rate limits as a client sees them through the gateway and real PostgREST 12.0.2
// (docs/rate-limits.md): past a limit the answer is HTTP 429 with a Retry-After header and the
// reason rate_limited - for a booking RPC (the limit counted inside the database) and for a burst
// of searches (PostgREST's pre-request function, also on GET) - and clients/js turns it into a
// RateLimitedError that knows when to retry. Each client has its own address (cf-connecting-ip,
// as Cloudflare sets it on hosted projects).
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimitedError, type Slot, SlotbaseError, createSlotbase } from '../../clients/js/index.ts';
import { anon, api, apiMissing, closeAuthConnection, env, newClientIp, newPhone, newUser, seed, serviceRole, signedIn, window } from './api.ts';

// Days 40-47 ahead at Camden, GP video consultations, are this file's.
const bookingWindow = window(40, 7);
const gpVideo = '92000000-0000-4000-8000-000000000002';

describe.skipIf(apiMissing)('rate limits through the Data API', () => {
  let patient: Awaited<ReturnType<typeof signedIn>>;
  let slots: Slot[] = [];
  const patientIp = newClientIp();

  beforeAll(async () => {
    const phone = newPhone();
    await newUser({ phone });
    patient = await signedIn({ phone }, patientIp);
    await createSlotbase(patient.supabase).registerAsPatient({ tenantId: seed.northside, fullName: 'Rate Limited' });
    slots = await createSlotbase(anon()).searchSlots({ serviceId: gpVideo, centreId: seed.camden, ...bookingWindow });
  });
  afterAll(closeAuthConnection);

  it('the eleventh booking of an hour is HTTP 429 with Retry-After and reason rate_limited (the platform allows 10 per patient)', async () => {
    // slots an hour or more apart, so the patient is never busy at two of them
    const hourly: Slot[] = [];
    for (const slot of slots) {
      const last = hourly.at(-1);
      if (!last || Date.parse(slot.starts_at) - Date.parse(last.starts_at) >= 3_600_000) hourly.push(slot);
    }
    expect(hourly.length).toBeGreaterThanOrEqual(13);
    const book = (slot: Slot) => patient.supabase.rpc('book_appointment', {
      service_id: gpVideo, centre_id: seed.camden, clinician_id: slot.clinician_id, starts_at: slot.starts_at, client_key: randomUUID(),
    });
    for (const slot of hourly.slice(0, 10)) {
      const { error, status } = await book(slot);
      expect(error, JSON.stringify(error)).toBeNull();
      expect(status).toBe(200);
    }

    // supabase-js: status, code, reason and hint (it passes no headers on)
    const { data, error, status } = await book(hourly[10]!);
    expect(data).toBeNull();
    expect(status).toBe(429);
    expect(error).toMatchObject({ code: 'PT429', details: 'rate_limited', message: 'too many bookings in a short time' });
    const hinted = Number(/Try again in (\d+) seconds\.$/.exec(error!.hint ?? '')?.[1]);
    expect(hinted).toBeGreaterThan(3000);
    expect(hinted).toBeLessThanOrEqual(3600);

    // the raw answer: the Retry-After header, the same number
    const raw = await api('/rest/v1/rpc/book_appointment', {
      method: 'POST',
      token: patient.accessToken,
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': patientIp },
      body: JSON.stringify({ service_id: gpVideo, centre_id: seed.camden, clinician_id: hourly[11]!.clinician_id, starts_at: hourly[11]!.starts_at, client_key: randomUUID() }),
    });
    expect(raw.status).toBe(429);
    const retryAfter = Number(raw.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(3000);
    expect(Math.abs(retryAfter - hinted)).toBeLessThanOrEqual(5);
    expect(await raw.json()).toMatchObject({ code: 'PT429', details: 'rate_limited' });

    // clients/js: a typed error that knows when to retry
    let thrown: unknown;
    try {
      await createSlotbase(patient.supabase).book({ serviceId: gpVideo, centreId: seed.camden, clinicianId: hourly[12]!.clinician_id, startsAt: hourly[12]!.starts_at });
    } catch (caught) {
      thrown = caught;
    }
    expect(thrown).toBeInstanceOf(RateLimitedError);
    expect(thrown).toMatchObject({ status: 429, code: 'PT429', reason: 'rate_limited' });
    expect(Math.abs((thrown as RateLimitedError).retryAfterSeconds! - hinted)).toBeLessThanOrEqual(5);

    // the refused bookings wrote nothing
    const { count } = await patient.supabase.from('appointments').select('id', { count: 'exact', head: true });
    expect(count).toBe(10);
  }, 60_000);

  describe('a burst of searches from one address', () => {
    const burstIp = newClientIp();
    const held: postgres.ReservedSql[] = [];
    let sql: postgres.Sql;

    beforeAll(async () => {
      // Eight searches of this address running at once (the platform's limit), each one a request
      // transaction that has passed the pre-request check and not finished yet.
      sql = postgres(env.dbUrl, { max: 8, onnotice: () => {} });
      for (let i = 0; i < 8; i++) {
        const connection = await sql.reserve();
        await connection`begin`;
        await connection`select set_config('role', 'anon', true), set_config('request.jwt.claims', '{"role":"anon"}', true),
                                set_config('request.path', '/rpc/search_slots', true),
                                set_config('request.headers', ${JSON.stringify({ 'cf-connecting-ip': burstIp })}, true)`;
        await connection`select private.check_request()`;
        held.push(connection);
      }
    });
    afterAll(async () => {
      for (const connection of held) {
        await connection`rollback`.catch(() => {});
        connection.release();
      }
      await sql.end({ timeout: 1 });
    });

    const search = (ip: string) => anon(ip).rpc('search_slots', {
      service_id: gpVideo, centre_id: seed.camden, window_start: bookingWindow.from, window_end: bookingWindow.to,
    }, { get: true });

    it('one more search, also a GET (read-only, replica-friendly), is 429 with Retry-After: 1; other addresses search on', async () => {
      const refused = await search(burstIp);
      expect(refused.status).toBe(429);
      expect(refused.error).toMatchObject({ code: 'PT429', details: 'rate_limited', message: 'too many requests at once' });
      const query = new URLSearchParams({ service_id: gpVideo, centre_id: seed.camden, window_start: bookingWindow.from, window_end: bookingWindow.to });
      const raw = await api(`/rest/v1/rpc/search_slots?${query}`, { headers: { 'cf-connecting-ip': burstIp } });
      expect(raw.status).toBe(429);
      expect(raw.headers.get('retry-after')).toBe('1');
      const other = await search(newClientIp());
      expect(other.status).toBe(200);
      expect(other.error).toBeNull();
      // the server (the secret key) is never limited, from the same address either
      const server = await serviceRole(burstIp).rpc('search_slots', {
        service_id: gpVideo, centre_id: seed.camden, window_start: bookingWindow.from, window_end: bookingWindow.to,
      }, { get: true });
      expect(server.error).toBeNull();
      expect(server.status).toBe(200);
    });

    it('once the running searches finish, the address searches again', async () => {
      for (const connection of held.splice(0)) {
        await connection`rollback`;
        connection.release();
      }
      const again = await search(burstIp);
      expect(again.error).toBeNull();
      expect(again.status).toBe(200);
    });

    it('clients/js reports the burst as a RateLimitedError', async () => {
      const connections = [];
      for (let i = 0; i < 8; i++) {
        const connection = await sql.reserve();
        await connection`begin`;
        await connection`select set_config('role', 'anon', true), set_config('request.jwt.claims', '{"role":"anon"}', true),
                                set_config('request.path', '/rpc/search_slots', true),
                                set_config('request.headers', ${JSON.stringify({ 'cf-connecting-ip': burstIp })}, true)`;
        await connection`select private.check_request()`;
        connections.push(connection);
      }
      try {
        const error = await createSlotbase(anon(burstIp)).searchSlots({ serviceId: gpVideo, centreId: seed.camden, ...bookingWindow })
          .then(() => null, (caught: unknown) => caught);
        expect(error).toBeInstanceOf(RateLimitedError);
        expect(error).toBeInstanceOf(SlotbaseError);
        expect((error as RateLimitedError).retryAfterSeconds).toBe(1);
      } finally {
        for (const connection of connections) {
          await connection`rollback`;
          connection.release();
        }
      }
    });
  });
});

// A client chooses the session's time zone with `Prefer: timezone=…` (PostgREST 12 sets it for the
// request's transaction). It changes how instants are written in the JSON, never which instants
// come back: slot search, notice and horizon, analytics periods and the admin views answer the same
// in America/Santiago (whose clocks skip midnight) as in UTC. The month-end rule of the report
// (FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1, London, September 2027) offered the 29th in a
// Santiago session; here it offers nothing before the 30th in either.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OwnClinic, anon, api, apiMissing, as, closeAuthConnection, env, ownClinic, seed } from './api.ts';

const santiago = { Prefer: 'timezone=America/Santiago' };
const instants = (rows: Array<{ starts_at: string }>) => rows.map((r) => new Date(r.starts_at).toISOString());

describe.skipIf(apiMissing)('the session time zone a client sets', () => {
  let admin: postgres.Sql;
  let clinic: OwnClinic;

  beforeAll(async () => {
    admin = postgres(env.dbUrl, { max: 1, onnotice: () => {} });
    // works 09:00-17:00 on the last of the 28th-31st of each month, bookable two years ahead
    clinic = await ownClinic(admin, {
      name: 'Dr Month End', service: 'Month-end review', durationMinutes: 30, alignmentMinutes: 30, horizon: '730 days',
      hours: ['09:00', '17:00'], rrule: 'FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1', validFrom: '2027-01-01',
    });
  });
  afterAll(async () => {
    await clinic.remove();
    await admin.end({ timeout: 1 });
    await closeAuthConnection();
  });

  const search = (windowStart: string, windowEnd: string, headers: Record<string, string> = {}) =>
    api('/rest/v1/rpc/search_slots', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ service_id: clinic.serviceId, centre_id: seed.camden, window_start: windowStart, window_end: windowEnd }),
    });

  it('PostgREST applies the zone: instants are written with the Santiago offset', async () => {
    const response = await search('2027-09-30T00:00:00Z', '2027-10-01T00:00:00Z', santiago);
    expect(response.status).toBe(200);
    const rows = (await response.json()) as Array<{ starts_at: string; local_starts_at: string }>;
    expect(rows[0]).toMatchObject({ starts_at: '2027-09-30T05:00:00-03:00', local_starts_at: '2027-09-30T09:00:00' });
  });

  it('the month-end rule offers nothing on 29 September 2027 in a UTC or a Santiago session', async () => {
    for (const headers of [{}, santiago]) {
      const response = await search('2027-09-01T00:00:00Z', '2027-09-29T22:00:00Z', headers);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual([]);
    }
  });

  it('and the same sixteen slots on 30 September in both', async () => {
    const utc = instants(await (await search('2027-09-28T00:00:00Z', '2027-10-01T00:00:00Z')).json());
    const there = instants(await (await search('2027-09-28T00:00:00Z', '2027-10-01T00:00:00Z', santiago)).json());
    expect(utc).toHaveLength(16);
    expect(utc[0]).toBe('2027-09-30T08:00:00.000Z');
    expect(there).toEqual(utc);
  });

  it('supabase-js with the header on every request gets the same slots', async () => {
    const client = anon();
    const plain = await client.rpc('search_slots', { service_id: seed.gp, centre_id: seed.camden, ...windowOf(7) });
    const zoned = await client.rpc('search_slots', { service_id: seed.gp, centre_id: seed.camden, ...windowOf(7) })
      .setHeader('Prefer', 'timezone=America/Santiago');
    expect(plain.error).toBeNull();
    expect(zoned.error).toBeNull();
    expect(plain.data!.length).toBeGreaterThan(0);
    expect(instants(zoned.data!)).toEqual(instants(plain.data!));
  });

  it('analytics by day and the admin views answer the same in both zones', async () => {
    const owner = await as(seed.amira);
    const body = JSON.stringify({ tenant_id: seed.northside, from_date: '2026-01-01', to_date: '2026-12-31', period: 'day' });
    const call = (headers: Record<string, string>) => api('/rest/v1/rpc/appointments_by_status_and_period', {
      method: 'POST', token: owner.accessToken, headers: { 'content-type': 'application/json', ...headers }, body,
    });
    const utc = await (await call({})).json();
    const there = await (await call(santiago)).json();
    expect(Array.isArray(utc)).toBe(true);
    expect(there).toEqual(utc);

    const view = (headers: Record<string, string>) => api('/rest/v1/upcoming_appointments?select=appointment_id,local_date&order=starts_at,appointment_id', {
      token: owner.accessToken, headers,
    });
    expect(await (await view(santiago)).json()).toEqual(await (await view({})).json());
  });
});

function windowOf(days: number): { window_start: string; window_end: string } {
  const start = new Date(Date.now() + 2 * 86_400_000);
  start.setUTCHours(0, 0, 0, 0);
  return { window_start: start.toISOString(), window_end: new Date(start.getTime() + days * 86_400_000).toISOString() };
}

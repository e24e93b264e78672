// PostgREST answers at most max_rows (1000) rows and cuts the rest without a word (HTTP 200,
// Content-Range 0-999/*). The rule (docs/data-api.md#results-larger-than-max_rows), through the
// real PostgREST:
//   * slot search pages by design: a 31-day search on a 5-minute grid (more than 1,000 slots for
//     one clinician) returns the first 1,000 and every other slot on the next pages (after =);
//   * a report longer than 1,000 rows is refused (400, 22023, details too_many_rows, a hint);
//   * tables and views are paged by the caller: range() and count give every row and the total.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OwnClinic, anon, api, apiMissing, as, closeAuthConnection, env, ownClinic, seed, serviceRole } from './api.ts';

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe.skipIf(apiMissing)('results larger than max_rows', () => {
  let admin: postgres.Sql;
  let clinic: OwnClinic;
  let clinicianId = '';
  let serviceId = '';
  const tenantId = randomUUID();
  const centreId = randomUUID();
  const busyClinicianId = randomUUID();
  const visitId = randomUUID();
  const windowStart = new Date(Date.now() + 2 * 86_400_000);
  windowStart.setUTCHours(0, 0, 0, 0);
  const windowEnd = new Date(windowStart.getTime() + 31 * 86_400_000);
  let offered = 0;

  beforeAll(async () => {
    admin = postgres(env.dbUrl, { max: 1, onnotice: () => {} });
    // a clinician working 08:00-20:00 every day and a 25-minute service on a 5-minute grid
    clinic = await ownClinic(admin, {
      name: 'Dr Fine Grid', service: 'Quick check', durationMinutes: 25, alignmentMinutes: 5, horizon: '90 days',
      hours: ['08:00', '20:00'], rrule: 'FREQ=DAILY', validFrom: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
    });
    clinicianId = clinic.clinicianId;
    serviceId = clinic.serviceId;
    const [row] = await admin<Array<{ n: number }>>`
      select count(*)::int as n from private.offered_slots(${seed.northside}, ${serviceId}, ${seed.camden}, array[${clinicianId}]::uuid[],
                                                           tstzrange(${windowStart}, ${windowEnd}), now())`;
    offered = row!.n;

    // a tenant with three appointments (booked, fulfilled, cancelled) on each day of 2026: 1,095
    // rows by day and status
    await admin`insert into public.tenants (id, name, slug, timezone, currency, locale)
                values (${tenantId}, 'Max Rows Clinic', ${`max-rows-${tenantId.slice(0, 8)}`}, 'Europe/London', 'GBP', 'en')`;
    await admin`insert into public.centres (tenant_id, id, name, slug, timezone) values (${tenantId}, ${centreId}, 'Only', 'only', 'Europe/London')`;
    await admin`insert into public.clinicians (tenant_id, id, display_name) values (${tenantId}, ${busyClinicianId}, 'Dr Busy')`;
    await admin`insert into public.services (tenant_id, id, name, duration_minutes, price, currency)
                values (${tenantId}, ${visitId}, 'Visit', 30, 10, 'GBP')`;
    await admin`insert into public.patients (tenant_id, id, full_name) values (${tenantId}, ${tenantId}, 'Pat Busy')`;
    await admin`
      insert into public.appointments (tenant_id, service_id, clinician_id, centre_id, patient_id, starts_at, ends_at, occupied, status, booked_via)
      select ${tenantId}, ${visitId}, ${busyClinicianId}, ${centreId}, ${tenantId}, t, t + interval '30 minutes',
             tstzrange(t, t + interval '30 minutes'), 'booked', 'staff'
      from generate_series(timestamptz '2026-01-01 09:00Z', timestamptz '2026-12-31 09:00Z', interval '24 hours') as d (day)
      cross join lateral (values (0), (1), (2)) as s (k)
      cross join lateral (select d.day + s.k * interval '1 hour' as t) as x`;
    await admin`update public.appointments set status = 'fulfilled'
                where tenant_id = ${tenantId} and extract(hour from starts_at at time zone 'UTC') = 10`;
    await admin`update public.appointments set status = 'cancelled', cancelled_at = now(), cancellation_reason = 'test'
                where tenant_id = ${tenantId} and extract(hour from starts_at at time zone 'UTC') = 11`;
  });
  afterAll(async () => {
    await clinic.remove();
    for (const table of ['appointments', 'patients', 'services', 'clinicians', 'centres']) {
      await admin.unsafe(`delete from public.${table} where tenant_id = $1`, [tenantId]);
    }
    await admin`delete from public.tenants where id = ${tenantId}`;
    await admin.end({ timeout: 1 });
    await closeAuthConnection();
  });

  it('the database and PostgREST agree on the limit (supabase/config.toml [api] max_rows)', async () => {
    const configured = Number(/^max_rows\s*=\s*(\d+)/m.exec(readFileSync(new URL('../../supabase/config.toml', import.meta.url), 'utf8'))?.[1]);
    const [row] = await admin<Array<{ n: number }>>`select private.api_max_rows() as n`;
    expect(row!.n).toBe(configured);
  });

  it('a 31-day search on a 5-minute grid returns its first 1,000 slots, uncut by PostgREST', async () => {
    expect(offered).toBeGreaterThan(2000);
    const response = await api('/rest/v1/rpc/search_slots', {
      ...json({ service_id: serviceId, centre_id: seed.camden, window_start: windowStart, window_end: windowEnd, clinician_id: clinicianId }),
      headers: { 'content-type': 'application/json', Prefer: 'count=exact' },
    });
    expect(response.status).toBe(200);
    // the function itself returned 1,000 rows: PostgREST had nothing to cut
    expect(response.headers.get('content-range')).toBe('0-999/1000');
    const rows = (await response.json()) as Array<{ starts_at: string }>;
    expect(rows).toHaveLength(1000);
    expect(new Date(rows[0]!.starts_at).getTime()).toBeGreaterThanOrEqual(windowStart.getTime());
  });

  it('paging with after gives every offered slot once (one clinician and any clinician)', async () => {
    for (const clinician of [clinicianId, null]) {
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page++) {
        const { data, error }: { data: Array<{ starts_at: string }> | null; error: unknown } = await anon().rpc('search_slots', {
          service_id: serviceId, centre_id: seed.camden, window_start: windowStart.toISOString(), window_end: windowEnd.toISOString(),
          ...(clinician ? { clinician_id: clinician } : {}), ...(after ? { after } : {}),
        });
        expect(error).toBeNull();
        seen.push(...data!.map((s) => new Date(s.starts_at).toISOString()));
        if (data!.length < 1000) break;
        after = data![data!.length - 1]!.starts_at;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toHaveLength(offered);
    }
  });

  it('analytics by day over a year (1,095 rows) is refused with too_many_rows; by week it is answered', async () => {
    const [count] = await admin<Array<{ n: number }>>`
      select count(*)::int as n from (select distinct date_trunc('day', starts_at at time zone 'Europe/London'), status
                                      from public.appointments where tenant_id = ${tenantId}) as x`;
    expect(count!.n).toBe(1095);
    const args = { tenant_id: tenantId, from_date: '2026-01-01', to_date: '2026-12-31' };
    const byDay = await serviceRole().rpc('appointments_by_status_and_period', { ...args, period: 'day' });
    expect(byDay.status).toBe(400);
    expect(byDay.error).toMatchObject({
      code: '22023', details: 'too_many_rows', message: 'the answer has 1095 rows, more than the 1000 one request can return',
    });
    expect(byDay.error!.hint).toMatch(/longer periods/);
    const byWeek = await serviceRole().rpc('appointments_by_status_and_period', { ...args, period: 'week' });
    expect(byWeek.error).toBeNull();
    const [weekly] = await admin<Array<{ n: number }>>`
      select count(*)::int as n from public.appointments_by_status_and_period(${tenantId}, '2026-01-01', '2026-12-31', period => 'week')`;
    expect(byWeek.data).toHaveLength(weekly!.n);
  });

  it('tables and views are paged with range(); count gives the total PostgREST would otherwise hide', async () => {
    const client = serviceRole();
    const whole = await client.from('appointments').select('id').eq('tenant_id', tenantId);
    expect(whole.data).toHaveLength(1000); // the silent cut: 1,000 of 1,095
    const first = await client.from('appointments').select('id', { count: 'exact' }).eq('tenant_id', tenantId).order('id').range(0, 999);
    const second = await client.from('appointments').select('id', { count: 'exact' }).eq('tenant_id', tenantId).order('id').range(1000, 1999);
    expect(first.count).toBe(1095);
    expect(first.data).toHaveLength(1000);
    expect(second.data).toHaveLength(95);
    expect(new Set([...first.data!, ...second.data!].map((r) => r.id)).size).toBe(1095);
    const response = await api(`/rest/v1/appointments?select=id&tenant_id=eq.${tenantId}&order=id`, {
      key: env.serviceRoleKey, headers: { Prefer: 'count=exact', Range: '1000-1999' },
    });
    expect(response.headers.get('content-range')).toBe('1000-1094/1095');
  });

  it('a staff view answers a page at a time too', async () => {
    const owner = await as(seed.amira);
    const page = await owner.supabase.from('upcoming_appointments').select('appointment_id', { count: 'exact' })
      .order('starts_at').order('appointment_id').range(0, 1);
    expect(page.error).toBeNull();
    expect(page.count).toBeGreaterThanOrEqual(page.data!.length);
  });
});

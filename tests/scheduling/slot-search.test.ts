// Slot search agrees with booking: a property test (fast-check) on the real PostgreSQL of the
// throwaway test database (SLOTBASE_TEST_DB_URL). Each case builds a random clinic inside one
// transaction (so now() is the same for search and booking) and rolls it back:
//   a centre in a random zone (incl. 30-minute and midnight DST changes), on a random day (often
//   a day the clocks change, sometimes today so the notice bites); a service with random length,
//   buffers, grid, notice, horizon, payment and maybe a required resource; random working hours,
//   extra hours and time off; random existing appointments (booked, live holds, expired holds,
//   cancelled) of the clinician and of a colleague, some holding the resources.
// Oracle: every minute of the searched local day whose wall-clock time (read with Intl, not with
// the database) is on the service's grid, plus every start search returned, is booked with
// public.book_appointment (no override, each attempt rolled back inside the transaction). The
// starts booking accepts must be exactly the starts search returned, with the right length and
// local times. "Any clinician" must offer the union of the clinicians' starts, each assigned to
// the best-ranked free clinician (fewest appointments in the window, least recently booked, id),
// computed here from the rows the case inserted.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';

const url = process.env.SLOTBASE_TEST_DB_URL;
const MINUTE = 60_000;
const DAY = 86_400_000;
const ZONES = ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kolkata'] as const;

/** Wall-clock reading of an instant in a zone, by Intl (independent of PostgreSQL). */
function wallClock(ms: number, zone: string): { date: string; minuteOfDay: number; text: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return { date, minuteOfDay: Number(parts.hour) * 60 + Number(parts.minute), text: `${date}T${parts.hour}:${parts.minute}:${parts.second}` };
}

/** UTC offset in minutes at an instant. */
function offsetAt(ms: number, zone: string): number {
  const w = wallClock(ms, zone);
  const [y, m, d] = w.date.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(y, m - 1, d) + w.minuteOfDay * MINUTE - Math.floor(ms / MINUTE) * MINUTE) / MINUTE);
}

/** Local dates (YYYY-MM-DD) within the next `days` days on which the zone's offset changes. */
function changeDays(zone: string, from: number, days: number): string[] {
  const out: string[] = [];
  for (let t = from; t < from + days * DAY; t += 6 * 3_600_000) {
    if (offsetAt(t, zone) !== offsetAt(t + 6 * 3_600_000, zone)) {
      const date = wallClock(t + 6 * 3_600_000, zone).date;
      if (!out.includes(date)) out.push(date);
    }
  }
  return out;
}

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const hhmm = (halfHours: number) => (halfHours >= 48 ? '24:00' : `${String(Math.floor(halfHours / 2)).padStart(2, '0')}:${halfHours % 2 ? '30' : '00'}`);

const scenario = fc.record({
  zone: fc.constantFrom(...ZONES),
  day: fc.oneof({ weight: 3, arbitrary: fc.constant('change' as const) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: 40 }) }),
  pick: fc.nat(),
  duration: fc.constantFrom(10, 15, 20, 30, 45, 60, 90),
  override: fc.option(fc.constantFrom(20, 40, 75), { nil: undefined }),
  before: fc.constantFrom(0, 0, 5, 10, 15),
  after: fc.constantFrom(0, 0, 5, 10, 20),
  alignment: fc.constantFrom(10, 15, 15, 20, 25, 30, 45, 60, 7),
  // 'inside': the bound falls inside the searched day (so the test meets it)
  notice: fc.constantFrom('0', '1 hour', 'inside'),
  horizon: fc.constantFrom('tenant', 'tenant', 'inside'),
  paid: fc.boolean(),
  resources: fc.constantFrom(0, 0, 1, 2),
  rules: fc.array(fc.record({ start: fc.integer({ min: 0, max: 46 }), length: fc.integer({ min: 1, max: 24 }), freq: fc.constantFrom('FREQ=DAILY', 'FREQ=WEEKLY;BYDAY=MO,WE,FR,SU', 'FREQ=WEEKLY;BYDAY=TU,TH,SA') }), { minLength: 1, maxLength: 3 })
    .map(([first, ...rest]) => [{ ...first!, freq: 'FREQ=DAILY' }, ...rest]),
  otherRule: fc.record({ start: fc.integer({ min: 0, max: 40 }), length: fc.integer({ min: 4, max: 24 }) }),
  extra: fc.option(fc.record({ start: fc.integer({ min: 0, max: 46 }), length: fc.integer({ min: 1, max: 8 }) }), { nil: undefined }),
  timeOff: fc.option(fc.record({ start: fc.integer({ min: 0, max: 1435 }), length: fc.integer({ min: 5, max: 240 }) }), { nil: undefined }),
  appointments: fc.array(fc.record({
    mine: fc.boolean(),
    start: fc.integer({ min: 0, max: 287 }).map((n) => n * 5),
    status: fc.constantFrom('booked', 'booked', 'live', 'expired', 'cancelled'),
    allocations: fc.integer({ min: 0, max: 2 }),
    createdMinutesAgo: fc.integer({ min: 1, max: 10_000 }),
  }), { maxLength: 6 }),
  earlier: fc.array(fc.record({ mine: fc.boolean(), createdMinutesAgo: fc.integer({ min: 1, max: 10_000 }) }), { maxLength: 2 }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

interface Slot { clinician_id: string; starts_at: Date; ends_at: Date; local_starts_at: string; local_ends_at: string; timezone: string }
class Rollback extends Error {}

describe.skipIf(!url)('slot search offers exactly what booking accepts', () => {
  // timestamp (without time zone) as the text PostgreSQL sends: local wall-clock times stay local
  const sql = postgres(url ?? '', {
    max: 1,
    onnotice: () => {},
    types: { localTime: { to: 1114, from: [1114], serialize: (x: string) => x, parse: (x: string) => x } },
  });
  afterAll(() => sql.end());

  async function check(s: Scenario): Promise<void> {
    await sql.begin(async (tx) => {
      const [clock] = await tx<{ now: Date }[]>`select now() as now`;
      const now = clock!.now.getTime();
      const today = wallClock(now, s.zone).date;
      const changes = changeDays(s.zone, now + DAY, 400);
      const day = s.day === 'change' && changes.length > 0 ? changes[s.pick % changes.length]! : addDays(today, s.day === 'change' ? 3 : s.day);
      // the searched local day
      const [bounds] = await tx<{ from: Date; to: Date }[]>`
        select (${day}::date + time '00:00') at time zone ${s.zone} as from, (${day}::date + 1 + time '00:00') at time zone ${s.zone} as to`;
      const from = bounds!.from.getTime();
      const to = bounds!.to.getTime();
      const hoursUntil = (from - now) / 3_600_000;
      const notice = s.notice === 'inside' ? `${Math.min(30 * 24, Math.max(0, Math.round(hoursUntil + 10)))} hours` : s.notice;
      const horizonHours = Math.min(730 * 24, Math.max(24, Math.round(hoursUntil + 14)));
      const horizon = s.horizon === 'inside' && horizonHours > parseInt(notice) + 1 ? `${horizonHours} hours` : null;

      const tenant = randomUUID();
      const centre = randomUUID();
      const service = randomUUID();
      const me = randomUUID();
      const other = randomUUID();
      const booker = randomUUID();
      await tx`insert into public.tenants (id, name, slug, timezone, currency, locale, min_booking_notice, max_booking_horizon)
               values (${tenant}, 'Oracle Clinic', ${`oracle-${tenant.slice(0, 8)}`}, ${s.zone}, 'GBP', 'en-GB', '2 hours', '730 days')`;
      await tx`insert into public.centres (tenant_id, id, name, slug, timezone, is_active, is_published)
               values (${tenant}, ${centre}, 'Oracle Street', 'oracle-street', ${s.zone}, true, true)`;
      await tx`insert into public.services (tenant_id, id, name, duration_minutes, buffer_before_minutes, buffer_after_minutes,
                 min_booking_notice, max_booking_horizon, slot_alignment_minutes, price, currency, payment_required,
                 required_resource_type, is_public, is_active)
               values (${tenant}, ${service}, 'Oracle visit', ${s.duration}, ${s.before}, ${s.after}, ${notice}::interval,
                 ${horizon}::interval, ${s.alignment}, 100, 'GBP', ${s.paid}, ${s.resources > 0 ? 'ultrasound' : null}, true, true)`;
      const resourceIds: string[] = [];
      for (let r = 0; r < s.resources; r++) {
        const id = randomUUID();
        resourceIds.push(id);
        await tx`insert into public.resources (tenant_id, id, centre_id, kind, resource_type, name)
                 values (${tenant}, ${id}, ${centre}, 'equipment', 'ultrasound', ${`Scanner ${r}`})`;
      }
      for (const [id, name] of [[me, 'Dr Me'], [other, 'Dr Other']] as const) {
        await tx`insert into public.clinicians (tenant_id, id, display_name, is_public, is_active) values (${tenant}, ${id}, ${name}, true, true)`;
        await tx`insert into public.clinician_centres (tenant_id, clinician_id, centre_id) values (${tenant}, ${id}, ${centre})`;
        await tx`insert into public.clinician_services (tenant_id, clinician_id, service_id, duration_minutes_override)
                 values (${tenant}, ${id}, ${service}, ${id === me ? (s.override ?? null) : null})`;
      }
      for (const rule of s.rules) {
        await tx`insert into public.availability_rules (tenant_id, clinician_id, centre_id, local_start, local_end, rrule, valid_from)
                 values (${tenant}, ${me}, ${centre}, ${hhmm(rule.start)}::time, ${hhmm(Math.min(48, rule.start + rule.length))}::time,
                         ${rule.freq}, ${addDays(today, -7)}::date)`;
      }
      await tx`insert into public.availability_rules (tenant_id, clinician_id, centre_id, local_start, local_end, rrule, valid_from)
               values (${tenant}, ${other}, ${centre}, ${hhmm(s.otherRule.start)}::time, ${hhmm(Math.min(48, s.otherRule.start + s.otherRule.length))}::time,
                       'FREQ=DAILY', ${addDays(today, -7)}::date)`;
      if (s.extra) {
        await tx`insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end)
                 values (${tenant}, ${me}, ${centre}, ${day}::date, ${hhmm(s.extra.start)}::time, ${hhmm(Math.min(48, s.extra.start + s.extra.length))}::time)`;
      }
      if (s.timeOff) {
        await tx`insert into public.time_off (tenant_id, clinician_id, during)
                 values (${tenant}, ${me}, tstzrange((${day}::date + ${s.timeOff.start} * interval '1 minute') at time zone ${s.zone},
                                                    (${day}::date + ${s.timeOff.start + s.timeOff.length} * interval '1 minute') at time zone ${s.zone}))`;
      }
      await tx`insert into public.patients (tenant_id, id, full_name) values (${tenant}, ${booker}, 'Booker')`;

      // existing appointments (each may clash with an earlier one: then it is skipped)
      const placed: Array<{ clinician: string; startsAt: number; occupies: boolean; createdAt: number }> = [];
      const appointments = [
        ...s.appointments.map((a) => ({ ...a, onDay: true })),
        ...s.earlier.map((e) => ({ mine: e.mine, start: 600, status: 'booked', allocations: 0, createdMinutesAgo: e.createdMinutesAgo, onDay: false })),
      ];
      for (const a of appointments) {
        const id = randomUUID();
        const patient = randomUUID();
        const clinician = a.mine ? me : other;
        const when = a.onDay ? day : addDays(day, 5);
        try {
          await tx.savepoint(async (sp) => {
            await sp`insert into public.patients (tenant_id, id, full_name) values (${tenant}, ${patient}, 'Someone')`;
            const [row] = await sp<{ starts_at: Date; created_at: Date }[]>`
              insert into public.appointments (tenant_id, id, service_id, clinician_id, centre_id, patient_id, starts_at, ends_at, occupied,
                                               status, hold_expires_at, booked_via, created_at)
              select ${tenant}, ${id}, ${service}, ${clinician}, ${centre}, ${patient}, t, t + ${s.duration} * interval '1 minute',
                     tstzrange(t, t + interval '1 minute'),
                     ${a.status === 'live' || a.status === 'expired' ? 'pending' : 'booked'}::public.appointment_status,
                     case ${a.status} when 'live' then now() + interval '10 minutes' when 'expired' then now() - interval '1 minute' end,
                     'staff', now() - ${a.createdMinutesAgo} * interval '1 minute'
              from (select (${when}::date + ${a.start} * interval '1 minute') at time zone ${s.zone} as t) as x
              returning starts_at, created_at`;
            if (a.status === 'cancelled') {
              await sp`update public.appointments set status = 'cancelled', cancellation_reason = 'patient_request' where tenant_id = ${tenant} and id = ${id}`;
            }
            placed.push({ clinician, startsAt: row!.starts_at.getTime(), occupies: a.status === 'booked' || a.status === 'live', createdAt: row!.created_at.getTime() });
          });
        } catch {
          continue;
        }
        for (const resource of resourceIds.slice(0, a.allocations)) {
          await tx.savepoint((sp) => sp`insert into public.appointment_resources (tenant_id, appointment_id, resource_id, occupied, active)
                                        values (${tenant}, ${id}, ${resource}, '(,)', true)`).catch(() => undefined);
        }
      }

      await tx`create function pg_temp.try_book(p_service uuid, p_clinician uuid, p_centre uuid, p_patient uuid, p_at timestamptz)
               returns text language plpgsql as $$
               begin
                 perform public.book_appointment(p_service, p_clinician, p_centre, p_at, p_patient);
                 raise exception using errcode = 'P0001', message = 'oracle: booked';
               exception when others then
                 if sqlerrm = 'oracle: booked' then return 'ok'; end if;
                 return sqlstate || ' ' || sqlerrm;
               end $$`;

      const bookable = async (clinician: string): Promise<Set<number>> => {
        const found = await tx<Slot[]>`select * from public.search_slots(${service}, ${centre}, ${bounds!.from}, ${bounds!.to}, ${clinician})`;
        const candidates = new Set(found.map((r) => r.starts_at.getTime()));
        for (let t = Math.ceil(from / MINUTE) * MINUTE; t < to; t += MINUTE) {
          if (wallClock(t, s.zone).minuteOfDay % s.alignment === 0) candidates.add(t);
        }
        const tried = await tx<{ at: Date; outcome: string }[]>`
          select t as at, pg_temp.try_book(${service}, ${clinician}, ${centre}, ${booker}, t) as outcome
          from unnest(${[...candidates].map((t) => new Date(t).toISOString())}::timestamptz[]) as t`;
        const accepted = new Set(tried.filter((r) => r.outcome === 'ok').map((r) => r.at.getTime()));
        const searched = new Set(found.map((r) => r.starts_at.getTime()));
        const describe = (t: number) => `${new Date(t).toISOString()} (${wallClock(t, s.zone).text} ${s.zone}): ${tried.find((r) => r.at.getTime() === t)?.outcome}`;
        expect([...searched].filter((t) => !accepted.has(t)).map(describe), 'offered by search but refused by booking').toEqual([]);
        expect([...accepted].filter((t) => !searched.has(t)).map(describe), 'accepted by booking but not offered by search').toEqual([]);
        const length = (clinician === me ? (s.override ?? s.duration) : s.duration) * MINUTE;
        for (const r of found) {
          expect(r.ends_at.getTime() - r.starts_at.getTime()).toBe(length);
          expect(r.local_starts_at).toBe(wallClock(r.starts_at.getTime(), s.zone).text.replace('T', ' '));
          expect(r.local_ends_at).toBe(wallClock(r.ends_at.getTime(), s.zone).text.replace('T', ' '));
          expect(r.timezone).toBe(s.zone);
          expect(r.clinician_id).toBe(clinician);
        }
        return searched;
      };

      const mine = await bookable(me);
      const theirs = await bookable(other);

      // any clinician: the union, each start to the best-ranked free clinician
      const rank = (clinician: string) => {
        const occupying = placed.filter((p) => p.clinician === clinician && p.occupies);
        const load = occupying.filter((p) => p.startsAt >= from && p.startsAt < to).length;
        const last = occupying.length ? Math.max(...occupying.map((p) => p.createdAt)) : -Infinity;
        return { clinician, load, last };
      };
      const order = [rank(me), rank(other)].sort((a, b) => a.load - b.load || a.last - b.last || (a.clinician < b.clinician ? -1 : 1));
      const any = await tx<Slot[]>`select * from public.search_slots(${service}, ${centre}, ${bounds!.from}, ${bounds!.to})`;
      const expected = [...new Set([...mine, ...theirs])].sort((a, b) => a - b).map((t) => ({
        at: new Date(t).toISOString(),
        clinician: order.find((o) => (o.clinician === me ? mine : theirs).has(t))!.clinician,
      }));
      expect(any.map((r) => ({ at: r.starts_at.toISOString(), clinician: r.clinician_id }))).toEqual(expected);

      throw new Rollback();
    }).catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  }

  it('for random clinics, zones, DST days, hours, bookings, holds and resources (fast-check)', async () => {
    await fc.assert(fc.asyncProperty(scenario, check), { seed: 20261121, numRuns: 30, endOnFailure: true });
  }, 300_000);

  it('on a fixed case: a live hold, an expired hold, buffers and a taken scanner', async () => {
    await check({
      zone: 'Europe/London', day: 2, pick: 0, duration: 30, override: undefined, before: 5, after: 10, alignment: 15, notice: '1 hour',
      horizon: 'tenant', paid: false, resources: 1,
      rules: [{ start: 18, length: 16, freq: 'FREQ=DAILY' }],
      otherRule: { start: 18, length: 16 },
      extra: undefined, timeOff: { start: 13 * 60 + 5, length: 20 },
      appointments: [
        { mine: true, start: 10 * 60, status: 'booked', allocations: 0, createdMinutesAgo: 60 },
        { mine: true, start: 11 * 60, status: 'live', allocations: 0, createdMinutesAgo: 5 },
        { mine: true, start: 12 * 60, status: 'expired', allocations: 1, createdMinutesAgo: 30 },
        { mine: false, start: 15 * 60, status: 'booked', allocations: 1, createdMinutesAgo: 90 },
      ],
      earlier: [],
    });
  }, 60_000);
});

// No double booking under real concurrency: many clients call public.book_appointment at the
// same moment on separate connections, each as a signed-in patient the way PostgREST makes the
// request (role authenticated + request.jwt.claims, inside a transaction). The exclusion
// constraint decides: exactly one booking wins each contested time, every other request gets
// PT409 "That time is no longer available" (reason slot_taken), and nothing else changes.
// Retries with the same client_key, also in parallel, all return the one appointment.
// The clients are released at once by the barrier of race.ts. Runs against the throwaway database
// `npm test` builds (SLOTBASE_TEST_DB_URL).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRace, type Outcome as RaceOutcome } from './race.ts';

const url = process.env.SLOTBASE_TEST_DB_URL;
const CLIENTS = 16;

type Booked = { id: string; starts_at: Date; ends_at: Date };
type Outcome = { ok: true; id: string; starts_at: Date; ends_at: Date } | { ok: false; code: string; message: string; detail: string | null };

describe.skipIf(!url)('book_appointment under concurrency', () => {
  const race = createRace(url ?? '', CLIENTS + 4);
  const admin = race.admin;
  const run = randomUUID().slice(0, 8);
  const tenantId = randomUUID();
  const centreId = randomUUID();
  const clinicianId = randomUUID();
  const serviceId = randomUUID();
  const patients = Array.from({ length: CLIENTS }, () => ({ userId: randomUUID(), patientId: randomUUID() }));

  /** 'HH:MI' local (Europe/London) on the day after tomorrow, as an ISO instant. */
  async function slot(localTime: string): Promise<Date> {
    const [row] = await admin<{ at: Date }[]>`
      select (((now() at time zone 'Europe/London')::date + 2) + ${localTime}::time) at time zone 'Europe/London' as at`;
    return row!.at;
  }

  async function appointmentCount(): Promise<number> {
    const [row] = await admin<{ n: number }[]>`select count(*)::int as n from public.appointments where tenant_id = ${tenantId}`;
    return row!.n;
  }

  /** Every patient request at once, each on its own connection as that signed-in patient. */
  async function inParallel(requests: Array<{ patient: number; startsAt: Date; clientKey?: string }>): Promise<Outcome[]> {
    const outcomes = await race.run<Booked>(requests.map(({ patient, startsAt, clientKey }) => ({
      as: { userId: patients[patient]!.userId },
      run: async (tx) => {
        const [row] = await tx<Booked[]>`
          select id, starts_at, ends_at from public.book_appointment(
            service_id => ${serviceId}, clinician_id => ${clinicianId}, centre_id => ${centreId},
            starts_at => ${startsAt}, client_key => ${clientKey ?? null})`;
        return row!;
      },
    })));
    return outcomes.map((o: RaceOutcome<Booked>) => (o.ok ? { ok: true as const, ...o.value } : { ok: false as const, code: o.code, message: o.message, detail: o.detail }));
  }

  beforeAll(async () => {
    await admin.begin(async (tx) => {
      for (const p of patients) {
        await tx`
          insert into auth.users (instance_id, id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
          values ('00000000-0000-0000-0000-000000000000', ${p.userId}, 'authenticated', 'authenticated',
                  ${`p-${p.userId}@concurrency.test`}, now(), '{}', '{}', now(), now())`;
      }
      await tx`insert into public.tenants (id, name, slug, timezone, currency, locale)
               values (${tenantId}, 'Concurrency Clinic', ${`concurrency-${run}`}, 'Europe/London', 'GBP', 'en-GB')`;
      await tx`insert into public.centres (tenant_id, id, name, slug, timezone, is_active, is_published)
               values (${tenantId}, ${centreId}, 'Race Street', 'race-street', 'Europe/London', true, true)`;
      await tx`insert into public.clinicians (tenant_id, id, display_name, is_public, is_active)
               values (${tenantId}, ${clinicianId}, 'Dr Race', true, true)`;
      await tx`insert into public.clinician_centres (tenant_id, clinician_id, centre_id) values (${tenantId}, ${clinicianId}, ${centreId})`;
      await tx`insert into public.services (tenant_id, id, name, duration_minutes, min_booking_notice, max_booking_horizon,
                                            slot_alignment_minutes, price, currency, is_public, is_active)
               values (${tenantId}, ${serviceId}, 'Race check', 30, '0', '30 days', 15, 10, 'GBP', true, true)`;
      await tx`insert into public.clinician_services (tenant_id, clinician_id, service_id) values (${tenantId}, ${clinicianId}, ${serviceId})`;
      await tx`insert into public.availability_rules (tenant_id, clinician_id, centre_id, timezone, local_start, local_end, rrule, valid_from)
               values (${tenantId}, ${clinicianId}, ${centreId}, 'Europe/London', '09:00', '17:00', 'FREQ=DAILY', current_date - 1)`;
      for (const [i, p] of patients.entries()) {
        await tx`insert into public.patients (tenant_id, id, user_id, full_name) values (${tenantId}, ${p.patientId}, ${p.userId}, ${`Racer ${i}`})`;
      }
    });
  });

  afterAll(async () => {
    await admin.begin(async (tx) => {
      await tx`delete from public.appointments where tenant_id = ${tenantId}`;
      await tx`delete from public.availability_rules where tenant_id = ${tenantId}`;
      await tx`delete from public.clinician_services where tenant_id = ${tenantId}`;
      await tx`delete from public.services where tenant_id = ${tenantId}`;
      await tx`delete from public.patients where tenant_id = ${tenantId}`;
      await tx`delete from public.clinician_centres where tenant_id = ${tenantId}`;
      await tx`delete from public.clinicians where tenant_id = ${tenantId}`;
      await tx`delete from public.centres where tenant_id = ${tenantId}`;
      await tx`delete from public.tenants where id = ${tenantId}`;
      await tx`delete from auth.users where id in ${tx(patients.map((p) => p.userId))}`;
    }).catch(() => {});
    await race.end();
  });

  it(`${CLIENTS} patients booking the same slot: exactly one wins, the rest get PT409`, async () => {
    const before = await appointmentCount();
    const startsAt = await slot('10:00');
    const outcomes = await inParallel(patients.map((_, patient) => ({ patient, startsAt })));
    const winners = outcomes.filter((o) => o.ok);
    const losers = outcomes.filter((o): o is Extract<Outcome, { ok: false }> => !o.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(CLIENTS - 1);
    for (const loser of losers) {
      expect(loser.code).toBe('PT409');
      expect(loser.detail).toBe('slot_taken');
      expect(loser.message).toBe('That time is no longer available');
    }
    expect(await appointmentCount()).toBe(before + 1);
    const [history] = await admin<{ n: number }[]>`
      select count(*)::int as n from public.appointment_status_history where tenant_id = ${tenantId} and starts_at_after = ${startsAt}`;
    expect(history!.n).toBe(1);
  });

  it(`${CLIENTS} patients booking overlapping slots: the winners never overlap and every loser overlaps a winner`, async () => {
    const before = await appointmentCount();
    // 30-minute appointments starting every 15 minutes from 11:00: each overlaps its neighbours
    const starts = await Promise.all(patients.map((_, i) => slot(`${11 + Math.floor((i * 15) / 60)}:${String((i * 15) % 60).padStart(2, '0')}`)));
    const outcomes = await inParallel(patients.map((_, patient) => ({ patient, startsAt: starts[patient]! })));
    const winners = outcomes.filter((o): o is Extract<Outcome, { ok: true }> => o.ok);
    expect(winners.length).toBeGreaterThanOrEqual(Math.ceil(CLIENTS / 3)); // each start overlaps only its two neighbours
    for (const a of winners) {
      for (const b of winners) {
        if (a !== b) expect(a.starts_at < b.ends_at && b.starts_at < a.ends_at).toBe(false);
      }
    }
    outcomes.forEach((o, i) => {
      if (o.ok) return;
      expect(o.code).toBe('PT409');
      expect(o.detail).toBe('slot_taken');
      const start = starts[i]!.getTime();
      const end = start + 30 * 60_000;
      expect(winners.some((w) => w.starts_at.getTime() < end && start < w.ends_at.getTime())).toBe(true);
    });
    expect(await appointmentCount()).toBe(before + winners.length);
  });

  it('parallel retries with the same client_key all return the one appointment', async () => {
    const before = await appointmentCount();
    const startsAt = await slot('16:00');
    const outcomes = await inParallel(Array.from({ length: 8 }, () => ({ patient: 0, startsAt, clientKey: `retry-${run}` })));
    const ids = new Set(outcomes.map((o) => (o.ok ? o.id : `${o.code}: ${o.message}`)));
    expect([...ids]).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/)]);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(await appointmentCount()).toBe(before + 1);
  });
});

// One lock order (docs/booking.md#lock-order): every path that writes appointments, holds,
// rooms and devices, series and waitlist entries takes its locks in the same order, so no request
// ever dies of a deadlock (40P01) or a serialization failure (40001). Each race below once killed
// about one request in seventy; here each runs many rounds on real parallel connections and every
// outcome is checked: no 40P01/40001, only the documented refusals (SQLSTATE + reason code), no
// overlap and no waitlist entry out of step with its hold. The database retries a deadlock as a
// last resort and says so in a notice; the races must never need it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRace, failures, type Caller, type Outcome, type RaceCall, type Tx } from './race.ts';
import { createRaceClinic, type RaceClinic } from './race-clinic.ts';

const url = process.env.SLOTBASE_TEST_DB_URL;
const ROUNDS = 12;
const server: Caller = { server: true };
const job: Caller = { job: true };

describe.skipIf(!url)('the lock order: no deadlock or serialization failure reaches a caller', () => {
  const race = createRace(url ?? '', 12);
  let clinic: RaceClinic;

  beforeAll(async () => {
    clinic = await createRaceClinic(race.admin, 'Lock Order Clinic');
  });

  afterAll(async () => {
    await clinic?.remove().catch(() => {});
    await race.end();
  });

  const call = <T>(as: Caller, run: (tx: Tx) => Promise<T>, beginAfterMs?: number): RaceCall<T> => ({ as, run, beginAfterMs });
  const id = async (rows: Promise<Array<{ id: string }>>) => (await rows)[0]!.id;

  const rpc = {
    book: (tx: Tx, service: string, clinician: string, patient: string, startsAt: Date) =>
      id(tx`select id from public.book_appointment(service_id => ${service}, clinician_id => ${clinician},
              centre_id => ${clinic.centreId}, starts_at => ${startsAt}, patient_id => ${patient})`),
    cancel: (tx: Tx, appointment: string) => id(tx`select id from public.cancel_appointment(${appointment}, 'race')`),
    confirm: (tx: Tx, appointment: string) => id(tx`select id from public.confirm_appointment(${appointment})`),
    reschedule: (tx: Tx, appointment: string, startsAt: Date) =>
      id(tx`select id from public.reschedule_appointment(${appointment}, ${startsAt})`),
    accept: (tx: Tx, entry: string) => id(tx`select id from public.accept_waitlist_offer(${entry})`),
    decline: (tx: Tx, entry: string) => id(tx`select id from public.decline_waitlist_offer(${entry})`),
    leave: (tx: Tx, entry: string) => id(tx`select id from public.leave_waitlist(${entry})`),
    expireHolds: async (tx: Tx) => (await tx<{ n: number }[]>`select private.expire_appointment_holds() as n`)[0]!.n,
  };

  /** A booked appointment for `freeing` at startsAt is cancelled, so the slot is held for `waiting`'s entry. */
  async function offeredHold(clinician: string, freeing: string, waiting: string, startsAt: Date, service = clinic.services.free) {
    const admin = race.admin;
    const appointment = await id(admin`select id from public.book_appointment(service_id => ${service}, clinician_id => ${clinician},
                                         centre_id => ${clinic.centreId}, starts_at => ${startsAt}, patient_id => ${freeing})`);
    const [entry] = await admin<{ id: string }[]>`
      insert into public.waitlist_entries (tenant_id, patient_id, service_id, centre_id, clinician_id, earliest, latest, joined_via)
      values (${clinic.tenantId}, ${waiting}, ${service}, ${clinic.centreId}, ${clinician},
              ${startsAt}::timestamptz - interval '1 hour', ${startsAt}::timestamptz + interval '1 hour', 'staff')
      returning id`;
    await admin`select public.cancel_appointment(${appointment}, 'freed for the waitlist')`;
    const [offer] = await admin<{ hold: string | null }[]>`
      select offered_appointment_id as hold from public.waitlist_entries where id = ${entry!.id}`;
    expect(offer!.hold, 'the freed slot is held for the waiting patient').toBeTruthy();
    return { entry: entry!.id, hold: offer!.hold! };
  }

  /** Every outcome is a success or one of the allowed refusals; nothing was retried after a deadlock. */
  function expectOnly<T>(outcomes: Array<Outcome<T>>, allowed: string[]) {
    for (const failure of failures(outcomes)) {
      expect(failure, 'no 40P01/40001, only documented refusals').toBeOneOf(allowed);
    }
  }

  /** The invariants the constraints and triggers keep, checked after every round. */
  async function expectConsistent() {
    const [row] = await race.admin<Array<{ clinician: number; patient: number; rooms: number; entries: number; holds: number }>>`
      select
        (select count(*)::int from public.appointments as a join public.appointments as b
           on b.tenant_id = a.tenant_id and b.clinician_id = a.clinician_id and b.id > a.id and b.occupied && a.occupied
         where a.tenant_id = ${clinic.tenantId} and private.status_occupies(a.status) and private.status_occupies(b.status)) as clinician,
        (select count(*)::int from public.appointments as a join public.appointments as b
           on b.tenant_id = a.tenant_id and b.patient_id = a.patient_id and b.id > a.id
          and tstzrange(b.starts_at, b.ends_at) && tstzrange(a.starts_at, a.ends_at)
         where a.tenant_id = ${clinic.tenantId} and private.status_occupies(a.status) and private.status_occupies(b.status)) as patient,
        (select count(*)::int from public.appointment_resources as a join public.appointment_resources as b
           on b.tenant_id = a.tenant_id and b.resource_id = a.resource_id and b.appointment_id > a.appointment_id and b.occupied && a.occupied
         where a.tenant_id = ${clinic.tenantId} and a.active and b.active) as rooms,
        -- an entry is offered exactly while its hold is pending; booked once its hold is booked
        (select count(*)::int from public.waitlist_entries as e
           left join public.appointments as a on a.tenant_id = e.tenant_id and a.id = e.offered_appointment_id
         where e.tenant_id = ${clinic.tenantId}
           and not ((e.status = 'offered' and a.status = 'pending')
                    or (e.status = 'booked' and a.status in ('booked', 'pending', 'cancelled'))
                    or (e.status in ('waiting', 'cancelled', 'expired') and e.offered_appointment_id is null))) as entries,
        -- a pending waitlist hold always belongs to an offered entry
        (select count(*)::int from public.appointments as a
         where a.tenant_id = ${clinic.tenantId} and a.booked_via = 'waitlist' and a.status = 'pending'
           and not exists (select 1 from public.waitlist_entries as e
                           where e.tenant_id = a.tenant_id and e.offered_appointment_id = a.id and e.status = 'offered')) as holds`;
    expect(row).toEqual({ clinician: 0, patient: 0, rooms: 0, entries: 0, holds: 0 });
    // the next round's patients join afresh (one live entry per patient, service and clinician)
    await race.admin`select public.leave_waitlist(e.id) from public.waitlist_entries as e
                     where e.tenant_id = ${clinic.tenantId} and e.status in ('waiting', 'offered')`;
  }

  it('waitlist accept / decline / leave against cancel and confirm of the held appointment', async () => {
    const [c] = clinic.clinicians;
    const pairs: Array<[string, (tx: Tx, e: { entry: string; hold: string }) => Promise<string>, (tx: Tx, e: { entry: string; hold: string }) => Promise<string>]> = [
      ['accept vs cancel', (tx, e) => rpc.accept(tx, e.entry), (tx, e) => rpc.cancel(tx, e.hold)],
      ['decline vs confirm', (tx, e) => rpc.decline(tx, e.entry), (tx, e) => rpc.confirm(tx, e.hold)],
      ['leave vs cancel', (tx, e) => rpc.leave(tx, e.entry), (tx, e) => rpc.cancel(tx, e.hold)],
      ['accept vs confirm', (tx, e) => rpc.accept(tx, e.entry), (tx, e) => rpc.confirm(tx, e.hold)],
    ];
    for (let round = 0; round < ROUNDS; round++) {
      for (const [p, [, first, second]] of pairs.entries()) {
        const startsAt = await clinic.slot(2 + (round % 8), `${String(7 + p * 3 + Math.floor(round / 8)).padStart(2, '0')}:00`);
        const offer = await offeredHold(c!, clinic.patients[0]!, clinic.patients[1 + p]!, startsAt);
        const outcomes = await race.run([call(server, (tx) => first(tx, offer)), call(server, (tx) => second(tx, offer))]);
        expectOnly(outcomes, ['PT409 offer_closed', 'PT409 status_conflict']);
        await expectConsistent();
      }
    }
  });

  it('a booking that releases an expired offer, the hold-expiry job and decline at once', async () => {
    const [, c] = clinic.clinicians;
    for (let round = 0; round < ROUNDS; round++) {
      const startsAt = await clinic.slot(10 + (round % 8), `${String(8 + 2 * Math.floor(round / 8)).padStart(2, '0')}:00`);
      const offer = await offeredHold(c!, clinic.patients[0]!, clinic.patients[1]!, startsAt);
      await race.admin`update public.appointments set hold_expires_at = now() - interval '1 second' where id = ${offer.hold}`;
      const outcomes = await race.run<unknown>([
        call(server, (tx) => rpc.book(tx, clinic.services.free, c!, clinic.patients[2]!, startsAt)),
        call(server, (tx) => rpc.decline(tx, offer.entry)),
        call(job, (tx) => rpc.expireHolds(tx)),
      ]);
      expect(outcomes[0]!.ok, 'the booking of the released time succeeds').toBe(true);
      expectOnly(outcomes, ['PT409 offer_expired', 'PT409 offer_closed']);
      await expectConsistent();
    }
  });

  it('two series over two shared rooms, each taking them in the opposite order', async () => {
    const [, , c1, c2, c3] = clinic.clinicians; // c3 only books the rooms in the way
    for (let round = 0; round < ROUNDS; round++) {
      const day = 20 + (round % 6);
      const hour = 8 + 3 * Math.floor(round / 6);
      const at = (days: number, minutes: number) => {
        const total = hour * 60 + minutes;
        return clinic.slot(days, `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`);
      };
      // week 1: room A is busy until :10 (in the way of series A only); week 2: from :40 (of series B only)
      for (const [days, minutes] of [[day, -20], [day + 7, 40]] as const) {
        const startsAt = await at(days, minutes);
        const appointment = await id(race.admin`
          insert into public.appointments (tenant_id, service_id, clinician_id, centre_id, patient_id, starts_at, ends_at, occupied, status, booked_via)
          values (${clinic.tenantId}, ${clinic.services.room}, ${c3!}, ${clinic.centreId}, ${clinic.patients[9]!}, ${startsAt},
                  ${startsAt}::timestamptz + interval '30 minutes', tstzrange(${startsAt}, ${startsAt}::timestamptz + interval '30 minutes'),
                  'booked', 'staff') returning id`);
        await race.admin`insert into public.appointment_resources (tenant_id, appointment_id, resource_id, occupied, active)
                         values (${clinic.tenantId}, ${appointment}, ${clinic.rooms[0]!}, '[2000-01-01,2000-01-02)', true)`;
      }
      const series = (clinician: string, patient: string, firstStartsAt: Date) => (tx: Tx) =>
        tx<{ r: { series_id: string } }[]>`select public.book_appointment_series(
          service_id => ${clinic.services.room}, clinician_id => ${clinician}, centre_id => ${clinic.centreId},
          first_starts_at => ${firstStartsAt}, rrule => 'FREQ=WEEKLY;COUNT=2', patient_id => ${patient}) as r`.then((rows) => rows[0]!.r.series_id);
      const outcomes = await race.run([
        call(server, series(c1!, clinic.patients[3]!, await at(day, 0))),
        call(server, series(c2!, clinic.patients[4]!, await at(day, 20))),
      ]);
      expect(failures(outcomes), 'both series find a room on both dates').toEqual([]);
      await expectConsistent();
    }
  });

  it("reschedule_appointment_series(…, 'all') against reschedule_appointment of one of its dates", async () => {
    const c4 = clinic.clinicians[5];
    for (let round = 0; round < ROUNDS; round++) {
      const day = 30 + (round % 6);
      const hour = 8 + 3 * Math.floor(round / 6);
      const first = await clinic.slot(day, `${String(hour).padStart(2, '0')}:00`);
      const [booked] = await race.admin<{ r: { series_id: string; booked: Array<{ appointment_id: string }> } }[]>`
        select public.book_appointment_series(service_id => ${clinic.services.free}, clinician_id => ${c4!}, centre_id => ${clinic.centreId},
          first_starts_at => ${first}, rrule => 'FREQ=WEEKLY;COUNT=3', patient_id => ${clinic.patients[5]!}) as r`;
      const [, second] = booked!.r.booked;
      const outcomes = await race.run<unknown>([
        call(server, (tx) => tx`select public.reschedule_appointment_series(${second!.appointment_id}, 'all',
                                  ${new Date(first.getTime() + 7 * 86_400_000 + 30 * 60_000)})`),
        call(server, async (tx) => rpc.reschedule(tx, second!.appointment_id, await clinic.slot(day + 7, `${String(hour + 1).padStart(2, '0')}:30`))),
      ]);
      // moves are relative to the current start, so both succeed in either order
      expect(failures(outcomes)).toEqual([]);
      await expectConsistent();
    }
  });

  it('a reschedule of a hold that waited across its expiry against a new booking of that time', async () => {
    const c5 = clinic.clinicians[6];
    for (let round = 0; round < ROUNDS; round++) {
      const startsAt = await clinic.slot(40 + (round % 8), `${String(8 + 2 * Math.floor(round / 8)).padStart(2, '0')}:00`);
      const hold = await id(race.admin`select id from public.book_appointment(service_id => ${clinic.services.paid}, clinician_id => ${c5!},
                                        centre_id => ${clinic.centreId}, starts_at => ${startsAt}, patient_id => ${clinic.patients[6]!})`);
      await race.admin`update public.appointments set hold_expires_at = clock_timestamp() + interval '120 milliseconds' where id = ${hold}`;
      const outcomes = await race.run<unknown>([
        // begins before the expiry: for this request the hold is still alive
        call(server, (tx) => rpc.reschedule(tx, hold, new Date(startsAt.getTime() + 60 * 60_000))),
        // begins after it: for this one the hold is dead and its time free
        call(server, (tx) => rpc.book(tx, clinic.services.free, c5!, clinic.patients[7]!, startsAt), 250),
      ]);
      expectOnly(outcomes, ['PT409 hold_expired', 'PT409 status_conflict', 'PT409 slot_taken']);
      await expectConsistent();
    }
  });

  it('confirm, cancel and reschedule of one pending hold, and the expiry job, at once', async () => {
    const c = clinic.clinicians[7];
    for (let round = 0; round < ROUNDS; round++) {
      const startsAt = await clinic.slot(50 + (round % 8), `${String(8 + 2 * Math.floor(round / 8)).padStart(2, '0')}:00`);
      const hold = await id(race.admin`select id from public.book_appointment(service_id => ${clinic.services.paid}, clinician_id => ${c!},
                                        centre_id => ${clinic.centreId}, starts_at => ${startsAt}, patient_id => ${clinic.patients[8]!})`);
      if (round % 2) await race.admin`update public.appointments set hold_expires_at = now() - interval '1 second' where id = ${hold}`;
      const outcomes = await race.run<unknown>([
        call(server, (tx) => rpc.confirm(tx, hold)),
        call(server, (tx) => rpc.cancel(tx, hold)),
        call(server, (tx) => rpc.reschedule(tx, hold, new Date(startsAt.getTime() + 30 * 60_000))),
        call(job, (tx) => rpc.expireHolds(tx)),
      ]);
      expectOnly(outcomes, ['PT409 status_conflict', 'PT409 hold_expired']);
      await expectConsistent();
    }
  });

  it('cancel_appointment_series(…, all) against the expiry job, a booking over one of its expired holds and a confirm', async () => {
    const c = clinic.clinicians[2];
    for (let round = 0; round < ROUNDS; round++) {
      const day = 60 + 3 * (round % 6);
      const hour = 8 + 3 * Math.floor(round / 6);
      const first = await clinic.slot(day, `${String(hour).padStart(2, '0')}:00`);
      const [booked] = await race.admin<{ r: { booked: Array<{ appointment_id: string; starts_at: string }> } }[]>`
        select public.book_appointment_series(service_id => ${clinic.services.paid}, clinician_id => ${c!}, centre_id => ${clinic.centreId},
          first_starts_at => ${first}, rrule => 'FREQ=DAILY;COUNT=3', patient_id => ${clinic.patients[10]!}) as r`;
      const [o1, o2, o3] = booked!.r.booked;
      // the later dates' holds have run out; the first is still held
      await race.admin`update public.appointments set hold_expires_at = now() - interval '1 second'
                       where id in ${race.admin([o2!.appointment_id, o3!.appointment_id])}`;
      const outcomes = await race.run<unknown>([
        call(server, (tx) => tx`select public.cancel_appointment_series(${o1!.appointment_id}, 'all', 'race')`),
        call(job, (tx) => rpc.expireHolds(tx)),
        call(server, (tx) => rpc.book(tx, clinic.services.free, c!, clinic.patients[11]!, new Date(o2!.starts_at))),
        call(server, (tx) => rpc.confirm(tx, o3!.appointment_id)),
      ]);
      expect(outcomes[2]!.ok, 'the booking of the time of an expired hold succeeds').toBe(true);
      expectOnly(outcomes, ['PT409 status_conflict']);
      await expectConsistent();
    }
  });

  it('no request needed the last-resort retry after a deadlock', () => {
    const retried = race.notices.filter((n) => /retrying after a deadlock/.test(n.message ?? ''));
    expect(retried).toEqual([]);
  });
});

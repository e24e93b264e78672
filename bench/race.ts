// Double booking under contention: rounds of `raceClients` concurrent book_appointment calls
// (signed-in patients and front desk, PostgREST-style transactions) released together by a
// barrier, each round racing for a set of overlapping slots in its own 2-hour arena of the race
// tenant (bench/generate.sql):
//   clinician  one clinician, different patients, starts 0/15/30/45/60 min (30 min + 10 buffer);
//   patient    one patient, different clinicians, starts 0/15/30 min;
//   resource   the ultrasound service (race_machines scanners), different clinicians and patients.
// Afterwards self-joins over the WHOLE appointments / appointment_resources tables prove that no
// two occupying appointments of a clinician (occupied, incl. buffers), a patient ([starts, ends))
// or a resource overlap.
import { type Caller, type PgError, type Scale, type Sql, actAs, benchId, ms, round } from './lib.ts';

export interface RaceBench {
  attempts: number;
  rounds: number;
  clientsPerRound: number;
  wins: number;
  /** PT409 by message */
  conflicts: Record<string, number>;
  conflictsTotal: number;
  /** anything but a win or a PT409 (should be empty) */
  otherErrors: Record<string, number>;
  /** appointments the race added to the race tenant (must equal wins) */
  raceAppointments: number;
  overlaps: { clinician: number; patient: number; resource: number };
  /** occupying appointments / resource bookings the overlap check looked at */
  checked: { appointments: number; resourceBookings: number };
  seconds: { race: number; check: number };
}

type Kind = 'clinician' | 'patient' | 'resource';
const kinds: Kind[] = ['clinician', 'clinician', 'patient', 'resource'];

interface Attempt {
  caller: Caller;
  serviceId: string;
  clinicianId: string;
  patientId: string | null;
  startsAt: Date;
}

function roundAttempts(tag: string, scale: Scale, round: number, base: Date, size: number): Attempt[] {
  const kind = kinds[round % kinds.length]!;
  const id = (k: string, n: number) => benchId(tag, k, n);
  const desk = (i: number) => id('race-user', scale.racePatients + 1 + (i % 2));
  const at = (minutes: number) => new Date(base.getTime() + minutes * 60_000);
  return Array.from({ length: size }, (_, i) => {
    const staff = i % 2 === 1;
    let clinician: number;
    let patient: number;
    let startsAt: Date;
    if (kind === 'clinician') {
      clinician = 1 + (round % scale.raceClinicians);
      patient = 1 + (i % scale.racePatients);
      startsAt = at((i % 5) * 15);
    } else if (kind === 'patient') {
      clinician = 1 + (i % scale.raceClinicians);
      patient = 1 + (round % scale.racePatients);
      startsAt = at((i % 3) * 15);
    } else {
      clinician = 1 + (i % scale.raceClinicians);
      patient = 1 + (i % scale.racePatients);
      startsAt = at((i % 2) * 15);
    }
    return {
      caller: { role: 'authenticated', sub: staff ? desk(i) : id('race-user', patient) },
      serviceId: id('race-service', kind === 'resource' ? 4 : 1),
      clinicianId: id('race-clinician', clinician),
      patientId: staff ? id('race-patient', patient) : null,
      startsAt,
    };
  });
}

type Outcome = { ok: true } | { ok: false; code: string; message: string };

async function race(admin: Sql, pool: Sql, tag: string, attempts: Attempt[], key: number): Promise<Outcome[]> {
  const centreId = benchId(tag, 'race-centre', 1);
  const gate = await admin.reserve();
  try {
    await gate`select pg_advisory_lock(${key})`;
    const outcomes = attempts.map((a) =>
      pool.begin(async (tx) => {
        await tx`select pg_advisory_xact_lock_shared(${key})`;
        await actAs(tx, a.caller);
        await tx`select id from public.book_appointment(
          service_id => ${a.serviceId}, clinician_id => ${a.clinicianId}, centre_id => ${centreId},
          starts_at => ${a.startsAt}, patient_id => ${a.patientId})`;
        return { ok: true as const };
      }).catch((error: PgError) => ({ ok: false as const, code: error.code ?? '?', message: error.message ?? '' })));
    // release the barrier once every client waits on it
    for (let i = 0; i < 5000; i++) {
      const [row] = await admin<Array<{ n: number }>>`
        select count(*)::int as n from pg_locks where locktype = 'advisory' and classid = 0 and objid = ${key} and not granted`;
      if (row!.n >= attempts.length) break;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await gate`select pg_advisory_unlock(${key})`;
    return await Promise.all(outcomes);
  } finally {
    gate.release();
  }
}

/** Counts overlapping pairs of occupying appointments (clinician, patient) and resource bookings, whole tables. */
export async function countOverlaps(admin: Sql): Promise<{ overlaps: RaceBench['overlaps']; checked: RaceBench['checked'] }> {
  const [row] = await admin<Array<RaceBench['overlaps'] & RaceBench['checked']>>`
    select
      (select count(*) from public.appointments as a
       join public.appointments as b
         on b.tenant_id = a.tenant_id and b.clinician_id = a.clinician_id and b.id > a.id and b.occupied && a.occupied
       where private.status_occupies(a.status) and private.status_occupies(b.status))::int as clinician,
      (select count(*) from public.appointments as a
       join public.appointments as b
         on b.tenant_id = a.tenant_id and b.patient_id = a.patient_id and b.id > a.id
        and tstzrange(b.starts_at, b.ends_at, '[)') && tstzrange(a.starts_at, a.ends_at, '[)')
       where private.status_occupies(a.status) and private.status_occupies(b.status))::int as patient,
      (select count(*) from public.appointment_resources as a
       join public.appointment_resources as b
         on b.tenant_id = a.tenant_id and b.resource_id = a.resource_id and b.appointment_id > a.appointment_id
        and b.occupied && a.occupied
       where a.active and b.active)::int as resource,
      (select count(*) from public.appointments where private.status_occupies(status))::int as appointments,
      (select count(*) from public.appointment_resources where active)::int as "resourceBookings"`;
  const { clinician, patient, resource, appointments, resourceBookings } = row!;
  return { overlaps: { clinician, patient, resource }, checked: { appointments, resourceBookings } };
}

export async function benchRace(admin: Sql, pool: Sql, tag: string, scale: Scale): Promise<RaceBench> {
  const size = scale.raceClients;
  const rounds = Math.ceil(scale.contendedAttempts / size);
  // one arena per round: a 2-hour block of 06:00-22:00 London, day 1..88 (booking horizon 90 days)
  const arenas = await admin<Array<{ base: Date }>>`
    select ((current_date + d) + time '06:00' + b * interval '2 hours') at time zone 'Europe/London' as base
    from generate_series(1, 88) as d cross join generate_series(0, 7) as b
    order by d, b`;
  if (rounds > arenas.length) throw new Error(`race: ${rounds} rounds need more than the ${arenas.length} arenas`);
  const [keyRow] = await admin<Array<{ key: number }>>`select (1000000 + floor(random() * 1000000000))::int as key`;
  const keyBase = keyRow!.key;

  const raceTenant = benchId(tag, 'race', 0);
  const countRace = async () =>
    (await admin<Array<{ n: number }>>`select count(*)::int as n from public.appointments where tenant_id = ${raceTenant}`)[0]!.n;
  const before = await countRace();
  let wins = 0;
  const conflicts: Record<string, number> = {};
  const otherErrors: Record<string, number> = {};
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) {
    const n = Math.min(size, scale.contendedAttempts - r * size);
    const outcomes = await race(admin, pool, tag, roundAttempts(tag, scale, r, arenas[r]!.base, n), keyBase + r);
    for (const o of outcomes) {
      if (o.ok) wins++;
      else if (o.code === 'PT409') conflicts[o.message] = (conflicts[o.message] ?? 0) + 1;
      else otherErrors[`${o.code} ${o.message}`] = (otherErrors[`${o.code} ${o.message}`] ?? 0) + 1;
    }
  }
  const raceSeconds = ms(t0) / 1000;

  const t1 = process.hrtime.bigint();
  const { overlaps, checked } = await countOverlaps(admin);
  const checkSeconds = ms(t1) / 1000;
  const raceAppointments = (await countRace()) - before;
  return {
    attempts: scale.contendedAttempts,
    rounds,
    clientsPerRound: size,
    wins,
    conflicts,
    conflictsTotal: Object.values(conflicts).reduce((a, b) => a + b, 0),
    otherErrors,
    raceAppointments,
    overlaps,
    checked,
    seconds: { race: round(raceSeconds), check: round(checkSeconds) },
  };
}

// "Any clinician" under load: many patients of one busy centre search at the same moment, then each
// books the first time it was offered, all at once; the patients refused as slot_taken search again
// together and book again (up to `maxAttempts` rounds of attempts). Two modes, alternating round by round in the same
// run, on the race tenant (bench/generate.sql: raceClinicians clinicians at one centre, 06:00-22:00
// London, racePatients patients with logins), each round in a fresh 2-hour block:
//   same order  every searcher passes seed => 0: each is offered the plain fair order, as every
//               searcher was before searchers were spread (the same clinician for the same time);
//   own order   no seed: a signed-in patient's order of the clinicians is drawn from their user id
//               (a weighted shuffle, docs/slot-search.md#any-clinician-fair-assignment).
// Reported per mode: how many booking attempts collided (PT409 slot_taken), how often the first
// attempt collided, and attempts per booking. Every search and booking is its own transaction as
// the patient (PostgREST-style), on real parallel connections.
import { type PgError, type Scale, type Sql, actAs, benchId, ms, round } from './lib.ts';

export type SpreadMode = 'same order' | 'own order';
export const spreadModes: SpreadMode[] = ['same order', 'own order'];

export interface SpreadModeResult {
  rounds: number;
  patients: number;
  bookings: number;
  attempts: number;
  /** booking attempts refused with PT409 slot_taken */
  collisions: number;
  /** patients whose first booking attempt collided */
  firstAttemptCollisions: number;
  /** patients still without an appointment after maxAttempts */
  gaveUp: number;
  collisionRate: number;
  firstAttemptCollisionRate: number;
  attemptsPerBooking: number;
  /** anything but a booking or slot_taken (should be empty) */
  otherErrors: Record<string, number>;
}

export interface SpreadBench {
  patientsPerRound: number;
  clinicians: number;
  maxAttempts: number;
  modes: Record<SpreadMode, SpreadModeResult>;
  /** collision rate of "same order" / "own order" */
  collisionRatio: number;
  seconds: number;
}

interface Patient {
  userId: string;
}

export async function benchSpread(admin: Sql, pool: Sql, tag: string, scale: Scale, roundsPerMode = scale.spreadRounds, maxAttempts = 5): Promise<SpreadBench> {
  const centreId = benchId(tag, 'race-centre', 1);
  const serviceId = benchId(tag, 'race-service', 1);
  const patients: Patient[] = Array.from({ length: scale.racePatients }, (_, i) => ({ userId: benchId(tag, 'race-user', i + 1) }));
  // fresh 2-hour blocks from the end of the booking horizon backwards (the race benchmark takes
  // its blocks from the start)
  const arenas = await admin<Array<{ base: Date }>>`
    select ((current_date + d) + time '06:00' + b * interval '2 hours') at time zone 'Europe/London' as base
    from generate_series(88, 1, -1) as d cross join generate_series(7, 0, -1) as b
    order by d desc, b desc
    limit ${2 * roundsPerMode}`;
  if (arenas.length < 2 * roundsPerMode) throw new Error('spread: not enough free 2-hour blocks');

  const results = Object.fromEntries(spreadModes.map((mode) => [mode, {
    rounds: 0, patients: 0, bookings: 0, attempts: 0, collisions: 0, firstAttemptCollisions: 0, gaveUp: 0,
    collisionRate: 0, firstAttemptCollisionRate: 0, attemptsPerBooking: 0, otherErrors: {} as Record<string, number>,
  }])) as Record<SpreadMode, SpreadModeResult>;

  const t0 = process.hrtime.bigint();
  for (let r = 0; r < 2 * roundsPerMode; r++) {
    const mode = spreadModes[r % 2]!;
    const from = arenas[r]!.base;
    const to = new Date(from.getTime() + 2 * 3_600_000);
    const result = results[mode];
    result.rounds++;
    const outcomes = await searchThenBook(pool, patients, mode, serviceId, centreId, from, to, maxAttempts);
    for (const outcome of outcomes) {
      result.patients++;
      result.attempts += outcome.attempts;
      result.collisions += outcome.collisions;
      if (outcome.firstCollided) result.firstAttemptCollisions++;
      if (outcome.booked) result.bookings++;
      else if (!outcome.error) result.gaveUp++;
      if (outcome.error) result.otherErrors[outcome.error] = (result.otherErrors[outcome.error] ?? 0) + 1;
    }
  }
  for (const result of Object.values(results)) {
    result.collisionRate = round(result.collisions / Math.max(result.attempts, 1), 3);
    result.firstAttemptCollisionRate = round(result.firstAttemptCollisions / Math.max(result.patients, 1), 3);
    result.attemptsPerBooking = round(result.attempts / Math.max(result.bookings, 1), 2);
  }
  return {
    patientsPerRound: patients.length,
    clinicians: scale.raceClinicians,
    maxAttempts,
    modes: results,
    collisionRatio: round(results['same order'].collisionRate / Math.max(results['own order'].collisionRate, 0.001), 1),
    seconds: round(ms(t0) / 1000),
  };
}

interface Outcome {
  booked: boolean;
  attempts: number;
  collisions: number;
  firstCollided: boolean;
  error: string | null;
}

/**
 * One round: every patient still without an appointment searches (all at once), then books the
 * first slot offered to them (all at once); those refused as slot_taken go again.
 */
async function searchThenBook(
  pool: Sql, patients: Patient[], mode: SpreadMode, serviceId: string, centreId: string, from: Date, to: Date, maxAttempts: number,
): Promise<Outcome[]> {
  const outcomes = patients.map((): Outcome => ({ booked: false, attempts: 0, collisions: 0, firstCollided: false, error: null }));
  let waiting = patients.map((_, i) => i);
  for (let attempt = 0; attempt < maxAttempts && waiting.length > 0; attempt++) {
    const slots = await Promise.all(waiting.map((i) => pool.begin(async (tx) => {
      await actAs(tx, { role: 'authenticated', sub: patients[i]!.userId });
      const [slot] = await tx<Array<{ clinician_id: string; starts_at: Date }>>`
        select clinician_id, starts_at from public.search_slots(
          service_id => ${serviceId}, centre_id => ${centreId}, window_start => ${from}, window_end => ${to},
          seed => ${mode === 'same order' ? 0 : null}::integer)
        limit 1`;
      return slot ?? null;
    })));
    const refused = await Promise.all(waiting.map(async (i, k) => {
      const slot = slots[k];
      if (!slot) return false; // the block is full
      const outcome = outcomes[i]!;
      outcome.attempts++;
      try {
        await pool.begin(async (tx) => {
          await actAs(tx, { role: 'authenticated', sub: patients[i]!.userId });
          await tx`select id from public.book_appointment(service_id => ${serviceId}, clinician_id => ${slot.clinician_id},
                                                            centre_id => ${centreId}, starts_at => ${slot.starts_at})`;
        });
        outcome.booked = true;
        return false;
      } catch (error) {
        const e = error as PgError & { detail?: string };
        if (e.code === 'PT409' && e.detail === 'slot_taken') {
          outcome.collisions++;
          if (attempt === 0) outcome.firstCollided = true;
          return true;
        }
        outcome.error = `${e.code ?? '?'} ${e.detail ?? ''} ${e.message ?? ''}`.trim();
        return false;
      }
    }));
    waiting = waiting.filter((_, k) => refused[k]);
  }
  return outcomes;
}

/** The table of docs/benchmarks.md for this scenario. */
export function spreadTable(s: SpreadBench): string {
  const rows = [
    `| mode (${s.patientsPerRound} patients per round, ${s.clinicians} clinicians, up to ${s.maxAttempts} attempts) | rounds | bookings | attempts | collisions (slot_taken) | collision rate | first attempt collided | attempts per booking |`,
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const mode of spreadModes) {
    const m = s.modes[mode];
    rows.push(`| ${mode} | ${m.rounds} | ${m.bookings} | ${m.attempts} | ${m.collisions} | ${round(m.collisionRate * 100, 1)}% | ${round(m.firstAttemptCollisionRate * 100, 1)}% | ${m.attemptsPerBooking} |`);
  }
  return rows.join('\n');
}

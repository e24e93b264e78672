// Many patients booking the same slot at the same moment, over HTTP through the gateway and
// PostgREST's connection pool (real parallel requests, many rounds): exactly one wins each round,
// the others get a clean 409 PT409, and nothing ends in a 5xx.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlotbase } from '../../clients/js/index.ts';
import { anon, apiMissing, closeAuthConnection, newPhone, newUser, seed, signedIn, window } from './api.ts';

const clients = 8;
const rounds = 6;
// Days 70-77 are this file's.
const raceWindow = window(70, 7);

describe.skipIf(apiMissing)('parallel bookings of one slot over HTTP', () => {
  const patients: Array<Awaited<ReturnType<typeof signedIn>>> = [];

  beforeAll(async () => {
    for (let i = 0; i < clients; i++) {
      const phone = newPhone();
      await newUser({ phone });
      const app = await signedIn({ phone });
      await createSlotbase(app.supabase).registerAsPatient({ tenantId: seed.northside, fullName: `Racer ${i}` });
      patients.push(app);
    }
  }, 60_000);
  afterAll(closeAuthConnection);

  it(`${clients} clients × ${rounds} rounds: one winner per slot, the rest PT409, no 5xx`, async () => {
    const slots = await createSlotbase(anon()).searchSlots({ serviceId: seed.gp, centreId: seed.camden, clinicianId: seed.priya, ...raceWindow });
    expect(slots.length).toBeGreaterThanOrEqual(rounds * 2);
    const outcomes: string[] = [];
    for (let round = 0; round < rounds; round++) {
      const slot = slots[round * 2]!;
      const results = await Promise.all(patients.map((app) => app.supabase.rpc('book_appointment', {
        service_id: seed.gp, centre_id: seed.camden, clinician_id: seed.priya, starts_at: slot.starts_at, client_key: randomUUID(),
      })));
      const winners = results.filter((r) => r.status === 200);
      const taken = results.filter((r) => r.status === 409 && r.error?.code === 'PT409');
      outcomes.push(...results.map((r) => `${r.status}:${r.error?.code ?? 'ok'}`));
      expect(winners, `round ${round}: ${JSON.stringify(results.map((r) => r.error))}`).toHaveLength(1);
      expect(taken).toHaveLength(clients - 1);
    }
    expect(outcomes.filter((o) => Number(o.split(':')[0]) >= 500)).toEqual([]);
  }, 60_000);
});

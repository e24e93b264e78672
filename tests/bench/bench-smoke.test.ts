// The benchmark harness (bench/, docs/benchmarks.md) still runs: the generator and every
// measurement at the tiny scale against the throwaway database `npm test` builds
// (SLOTBASE_TEST_DB_URL, which has the seed: the dataset gets its own tag, tenants
// bench-<tag>-<n>, and is removed afterwards). Timings are NOT compared here - only that each
// benchmark completes, and that the double-booking check finds no overlap after > 0 contended
// attempts.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { describeDataset, generate, removeDataset } from '../../bench/generate.ts';
import { analyticsRpcs, benchAnalytics } from '../../bench/analytics.ts';
import { benchApiLayer, modes } from '../../bench/api-layer.ts';
import { jwtSecret } from '../../local/stack/config.ts';
import { adminUrlFor, connect, scales } from '../../bench/lib.ts';
import { benchPresence } from '../../bench/presence.ts';
import { benchRace } from '../../bench/race.ts';
import { benchRateLimits } from '../../bench/rate-limits.ts';
import { benchSpread, spreadModes } from '../../bench/spread.ts';
import { benchSearchAny, benchSearchOne } from '../../bench/search.ts';
import { benchThroughput } from '../../bench/throughput.ts';
import { benchImport } from '../../bench/import.ts';

const url = process.env.SLOTBASE_TEST_DB_URL;
// the Data API `npm test` runs for this database (PostgREST and the gateway)
const restUrl = process.env.SLOTBASE_TEST_REST_URL;
const gatewayUrl = process.env.SLOTBASE_TEST_API_URL;
const anonKey = process.env.SLOTBASE_TEST_ANON_KEY;

describe.skipIf(!url)('benchmark harness at the tiny scale', () => {
  const scale = scales.tiny!;
  const tag = `smoke${randomBytes(3).toString('hex')}`;
  const admin = connect(adminUrlFor(url ?? 'postgresql://localhost/postgres'), 2);
  const api = connect(url ?? '', scale.raceClients + 2);

  afterAll(async () => {
    await removeDataset(admin, tag).catch(() => {});
    await api.end();
    await admin.end();
  });

  it('generates the dataset next to the seed, under its own tag', async () => {
    const generated = await generate(admin, scale, tag);
    expect(generated.counts.tenants).toBe(scale.tenants + 1); // + the race tenant
    expect(generated.counts.clinicians).toBe(scale.largeMain + scale.largeSecond + (scale.tenants - 1) * scale.smallClinicians + scale.raceClinicians);
    expect(generated.counts.appointments).toBeGreaterThanOrEqual(scale.appointments);
    expect(Object.keys(generated.statuses).sort()).toEqual(['booked', 'cancelled', 'fulfilled', 'noshow', 'pending']);
  }, 30_000);

  it('measures slot search for one clinician and for any clinician (server time from EXPLAIN ANALYZE)', async () => {
    const one = await benchSearchOne(admin, api, tag, scale);
    const any = await benchSearchAny(admin, api, tag, scale);
    for (const result of [one, any]) {
      expect(result.serverMs.n).toBe(scale.searchIterations);
      expect(result.serverMs.median).toBeGreaterThan(0);
      expect(result.clientMs.n).toBe(scale.searchIterations);
    }
    expect(any.clinicians).toBeGreaterThanOrEqual(scale.largeMain);
  }, 45_000);

  it('measures the cost of the rate limits on booking: every call books, the limited ones count their hits', async () => {
    const result = await benchRateLimits(admin, api, tag, scale);
    expect(result.plain.errors).toEqual({});
    expect(result.limited.errors).toEqual({});
    expect(result.plain.ok + result.limited.ok).toBe(2 * 2 * Math.floor(scale.throughputOps / 2));
    expect(result.hits).toBe(2 * (result.limited.ok + 2 * scale.throughputClients));
  }, 45_000);

  it('measures booking throughput against the plain insert: every call books a free slot', async () => {
    const result = await benchThroughput(admin, api, tag, scale);
    expect(result.bookAppointment.errors).toEqual({});
    expect(result.plainInsert.errors).toEqual({});
    expect(result.bookAppointment.ok).toBe(scale.throughputOps);
    expect(result.plainInsert.ok).toBe(scale.throughputOps);
    expect(result.ratio).toBeGreaterThan(0);
  }, 30_000);

  it('races for overlapping slots: wins + PT409 = attempts, and the self-join finds no overlap', async () => {
    const result = await benchRace(admin, api, tag, scale);
    expect(result.attempts).toBeGreaterThan(0);
    expect(result.otherErrors).toEqual({});
    expect(result.wins).toBeGreaterThan(0);
    expect(result.conflictsTotal).toBeGreaterThan(0);
    expect(result.wins + result.conflictsTotal).toBe(result.attempts);
    expect(result.raceAppointments).toBe(result.wins);
    expect(result.overlaps).toEqual({ clinician: 0, patient: 0, resource: 0 });
    expect(result.checked.appointments).toBeGreaterThan(0);
  }, 30_000);

  it('runs the any-clinician spreading scenario: every patient books, collisions are slot_taken only', async () => {
    const result = await benchSpread(admin, api, tag, scale);
    for (const mode of spreadModes) {
      const m = result.modes[mode];
      expect(m.otherErrors, mode).toEqual({});
      expect(m.patients).toBe(scale.racePatients * scale.spreadRounds);
      expect(m.bookings + m.gaveUp).toBe(m.patients);
      expect(m.attempts).toBe(m.bookings + m.collisions);
    }
    // with the same order every patient of a round is offered the same first clinician and time
    expect(result.modes['same order'].firstAttemptCollisions).toBe(scale.spreadRounds * (scale.racePatients - 1));
  }, 60_000);

  it('measures every analytics RPC over 30 and 365 days for the large tenant, as its owner', async () => {
    const result = await benchAnalytics(admin, api, tag, scale);
    expect(result.cases.map((c) => `${c.rpc}:${c.windowDays}`)).toEqual(
      [30, 365].flatMap((days) => analyticsRpcs.map((rpc) => `${rpc.name}:${days}`)));
    expect(result.tenant.appointments).toBeGreaterThan(0);
    expect(result.tenant.appointmentsIn365Days).toBe(result.tenant.appointments); // the long window holds the whole dataset
    expect(result.tenant.appointmentsIn30Days).toBeGreaterThan(0);
    for (const c of result.cases) {
      expect(c.serverMs.n).toBe(2);
      expect(c.serverMs.median).toBeGreaterThan(0);
    }
    // the owner gets real rows (not an empty, RLS-filtered answer)
    const rows = Object.fromEntries(result.cases.filter((c) => c.windowDays === 365).map((c) => [c.rpc, c.rows]));
    expect(rows.appointments_by_status_and_period).toBeGreaterThan(0);
    expect(rows.utilisation).toBe(scale.largeMain + scale.largeSecond);
    expect(rows.top_clinicians).toBe(10);
    // lead sources and payments are added for the tenant before measuring (prepareAnalyticsData)
    expect(result.tenant.payments).toBeGreaterThan(0);
    expect(result.tenant.patientsWithLeadSource).toBeGreaterThan(0);
    expect(rows.patients_by_lead_source).toBeGreaterThan(1);
    expect(rows.collected_revenue).toBeGreaterThan(0);
  }, 60_000);

  it('measures the clinic presence calls: the public page warm and cold, the directory, the patient search', async () => {
    const result = await benchPresence(admin, api, tag, scale);
    expect(result.cases).toHaveLength(10);
    for (const c of result.cases) {
      expect(c.serverMs.n, c.name).toBe(2);
      expect(c.serverMs.median, c.name).toBeGreaterThan(0);
    }
    // the page lists every clinician of the 50-clinician centre, warm and cold
    expect(result.cases[0]!.rows).toBe(scale.largeMain);
    expect(result.cases[1]!.rows).toBe(scale.largeMain);
    expect(result.tenant.reviews).toBeGreaterThan(0);
    // the front desk finds the patient by part of the name, the full name, the e-mail and the phone digits
    for (const c of result.cases.filter((x) => x.name.startsWith('search_patients') && !x.name.includes('misspelt'))) {
      expect(c.rows, c.name).toBeGreaterThan(0);
    }
  }, 60_000);

  it.skipIf(!restUrl || !gatewayUrl || !anonKey)('measures the API layer: search_slots and book_appointment direct, through PostgREST and through the gateway, at 1 and 8 clients', async () => {
    const [started] = await admin<Array<{ at: Date }>>`select now() as at`;
    const result = await benchApiLayer(admin, api, { restUrl: restUrl!, gatewayUrl: gatewayUrl!, anonKey: anonKey!, jwtSecret }, tag, scale);
    expect(result.cases.map((c) => `${c.rpc}:${c.clients}`)).toEqual(['search_slots:1', 'book_appointment:1', 'search_slots:8', 'book_appointment:8']);
    for (const c of result.cases) {
      for (const mode of modes) {
        // every call succeeded (each booking took its own free slot), and was timed
        expect(c.results[mode].errors, `${c.rpc} x${c.clients} ${mode}`).toEqual({});
        expect(c.results[mode].calls).toBeGreaterThanOrEqual(8);
        expect(c.results[mode].ms.median).toBeGreaterThan(0);
        expect(c.results[mode].perSecond).toBeGreaterThan(0);
      }
      expect(c.throughputRatio).toBeCloseTo(c.results.rest.perSecond / c.results.direct.perSecond, 2);
    }
    // the HTTP bookings are real: they are in the table, made by the dataset's patients and desks
    const [booked] = await admin<Array<{ n: number }>>`
      select count(*)::int as n from public.appointments a join public.tenants t on t.id = a.tenant_id
      where t.slug like ${`bench-${tag}-%`} and a.created_at >= ${started!.at}`;
    expect(booked?.n).toBe(modes.length * 2 * 8);
  }, 60_000);

  it('measures the bulk import of a small patients workbook: parse, dry run, import, the same file again', async () => {
    const result = await benchImport(url ?? '', 60, () => {});
    expect(result.rows).toBe(60);
    expect(result.created + result.refused).toBeLessThanOrEqual(60);
    expect(result.created).toBeGreaterThan(50);
    for (const rate of [result.parseRowsPerSecond, result.dryRunRowsPerSecond, result.importRowsPerSecond, result.againRowsPerSecond]) expect(rate).toBeGreaterThan(0);
  }, 60_000);

  it('removes the dataset again, leaving the seed alone', async () => {
    const seedTenants = await admin<Array<{ n: number }>>`select count(*)::int as n from public.tenants where slug not like 'bench-%'`;
    await removeDataset(admin, tag);
    const left = await describeDataset(admin, tag);
    expect(left.counts).toEqual({ tenants: 0, centres: 0, clinicians: 0, patients: 0, appointments: 0, availabilityRules: 0, users: 0 });
    const after = await admin<Array<{ n: number }>>`select count(*)::int as n from public.tenants where slug not like 'bench-%'`;
    expect(after[0]!.n).toBe(seedTenants[0]!.n);
    expect(after[0]!.n).toBeGreaterThan(0);
  }, 30_000);
});

// Shared pieces of the benchmarks (docs/benchmarks.md): scales, statistics, a seeded PRNG, and
// how a request is made the way PostgREST makes it (one transaction, role + JWT claims).
import { createHash } from 'node:crypto';
import postgres from 'postgres';

export type Sql = postgres.Sql<Record<string, unknown>>;
export type Tx = postgres.TransactionSql<Record<string, unknown>>;
export type ReservedSql = postgres.ReservedSql<Record<string, unknown>>;

/** Dataset and workload sizes. `full` meets the floor (>= 1,000 tenants, >= 10,000 clinicians, >= 1,000,000 appointments). */
export interface Scale {
  name: string;
  /** generated tenants (plus one race tenant for the double-booking benchmark) */
  tenants: number;
  /** every n-th tenant is large: a centre with largeMain clinicians + one with largeSecond */
  largeEvery: number;
  largeMain: number;
  largeSecond: number;
  /** clinicians of every other tenant (over two centres) */
  smallClinicians: number;
  patientsPerClinician: number;
  /** patients with a login per tenant (they book in the throughput benchmark) */
  userPatients: number;
  /** target number of bulk appointments (the generator lands within about 1% above it) */
  appointments: number;
  pastDays: number;
  futureDays: number;
  raceClinicians: number;
  racePatients: number;
  raceMachines: number;
  /** measured searches per search benchmark, after searchWarmup unmeasured ones */
  searchIterations: number;
  searchWarmup: number;
  /** concurrent clients of the throughput benchmark, and transactions per phase */
  throughputClients: number;
  throughputOps: number;
  /** contended booking attempts, and how many race at once (one round) */
  contendedAttempts: number;
  raceClients: number;
  /** rounds per mode of the "any clinician" spreading scenario (bench/spread.ts) */
  spreadRounds: number;
}

const base = {
  largeEvery: 50,
  largeMain: 50,
  largeSecond: 10,
  patientsPerClinician: 20,
  userPatients: 8,
  pastDays: 56,
  futureDays: 42,
  raceClinicians: 16,
  racePatients: 16,
  raceMachines: 2,
  throughputClients: 8,
  raceClients: 16,
};

export const scales: Record<string, Scale> = {
  full: {
    ...base, name: 'full', tenants: 1000, smallClinicians: 9, appointments: 1_000_000,
    searchIterations: 200, searchWarmup: 20, throughputOps: 4000, contendedAttempts: 10_000, spreadRounds: 20,
  },
  small: {
    ...base, name: 'small', tenants: 20, smallClinicians: 9, appointments: 20_000,
    searchIterations: 50, searchWarmup: 5, throughputOps: 400, contendedAttempts: 1_000, spreadRounds: 10,
  },
  /** for the vitest smoke test: seconds, not minutes */
  tiny: {
    ...base, name: 'tiny', tenants: 2, smallClinicians: 4, appointments: 2_000, pastDays: 14, futureDays: 28,
    searchIterations: 3, searchWarmup: 1, throughputOps: 24, contendedAttempts: 64, spreadRounds: 1,
  },
};

export interface Summary {
  n: number;
  median: number;
  p95: number;
  mean: number;
  min: number;
  max: number;
}

/** Median (mean of the middle two for even n), p95 (nearest rank), mean, min, max. */
export function summarise(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { n: 0, median: NaN, p95: NaN, mean: NaN, min: NaN, max: NaN };
  const median = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  const p95 = sorted[Math.min(n - 1, Math.ceil(0.95 * n) - 1)]!;
  return { n, median, p95, mean: sorted.reduce((a, b) => a + b, 0) / n, min: sorted[0]!, max: sorted[n - 1]! };
}

/** mulberry32: a small seeded PRNG, so every run picks the same clinicians and windows. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Who makes a request: the anon key, a signed-in user, or the service role. */
export type Caller = { role: 'anon' } | { role: 'authenticated'; sub: string } | { role: 'service_role' };

/**
 * What PostgREST does at the start of every request's transaction: switch to the request role
 * and expose the JWT claims (auth.uid() reads `sub`).
 */
export async function actAs(tx: Tx | ReservedSql, caller: Caller): Promise<void> {
  const claims = caller.role === 'authenticated'
    ? { sub: caller.sub, role: 'authenticated', aud: 'authenticated' }
    : { role: caller.role };
  await tx`select set_config('role', ${caller.role}, true), set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`;
}

/** The same database as the bootstrap superuser (supabase_admin, same password locally). */
export function adminUrlFor(url: string): string {
  const parsed = new URL(url);
  parsed.username = 'supabase_admin';
  return parsed.toString();
}

export function connect(url: string, max: number): Sql {
  return postgres(url, { max, onnotice: () => {}, idle_timeout: 30, connection: { application_name: 'slotbase-bench' } });
}

/** A tag names one generated dataset: tenants are `bench-<tag>-<n>`, ids are md5(tag, ...). */
export function checkTag(tag: string): string {
  if (!/^[a-z0-9]{1,12}$/.test(tag)) throw new Error(`bench tag must be 1-12 of [a-z0-9], got ${JSON.stringify(tag)}`);
  return tag;
}

export function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export interface PgError {
  code?: string;
  message?: string;
}

/** The id bench/generate.sql gives a row: md5('slotbase-bench:<tag>:<kind>:<a>:<b>')::uuid. */
export function benchId(tag: string, kind: string, a: number, b = 0): string {
  const hex = createHash('md5').update(`slotbase-bench:${tag}:${kind}:${a}:${b}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

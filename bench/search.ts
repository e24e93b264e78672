// Slot search benchmarks: public.search_slots for one clinician over 30 days, and for "any
// clinician" at a centre with 50 clinicians over 7 days. Each search is one request the way
// PostgREST makes it (a transaction as anon or a signed-in patient, RLS and grants included);
// SERVER time is EXPLAIN (ANALYZE)'s "Execution Time" of that same statement, and the client
// round trip of a plain call is reported alongside.
import { type Caller, type ReservedSql, type Scale, type Sql, type Summary, actAs, ms, prng, round, summarise } from './lib.ts';

export interface SearchBench {
  name: string;
  iterations: number;
  windowDays: number;
  /** clinicians searched per call (1, or how many offer the service at the centre) */
  clinicians: number;
  serverMs: Summary;
  clientMs: Summary;
  serverMsByRole: Record<string, Summary>;
  /** slots returned per call */
  slots: Summary;
}

export interface Target {
  tenantId: string;
  centreId: string;
  serviceId: string;
  clinicianId: string | null;
  userId: string;
  clinicians: number;
}

/** One clinician offering Consultation at their centre, for every clinician of the dataset. */
export async function oneClinicianTargets(admin: Sql, tag: string): Promise<Target[]> {
  return admin<Target[]>`
    select c.tenant_id as "tenantId", cc.centre_id as "centreId", s.id as "serviceId", c.id as "clinicianId",
           u.user_id as "userId", 1 as clinicians
    from public.tenants as t
    join public.clinicians as c on c.tenant_id = t.id
    join public.clinician_centres as cc on cc.tenant_id = c.tenant_id and cc.clinician_id = c.id
    join public.services as s on s.tenant_id = t.id and s.name = 'Consultation'
    cross join lateral (select p.user_id from public.patients as p
                        where p.tenant_id = t.id and p.user_id is not null order by p.id limit 1) as u
    where t.slug like ${`bench-${tag}-%`} and t.slug <> ${`bench-${tag}-race`}
    order by c.tenant_id, c.id`;
}

/** Centres where at least `min` clinicians offer Consultation (the large tenants' centre 1). */
async function anyClinicianTargets(admin: Sql, tag: string, min: number): Promise<Target[]> {
  return admin<Target[]>`
    select t.id as "tenantId", cc.centre_id as "centreId", s.id as "serviceId", null as "clinicianId",
           min(u.user_id::text)::uuid as "userId", count(*)::int as clinicians
    from public.tenants as t
    join public.clinician_centres as cc on cc.tenant_id = t.id
    join public.services as s on s.tenant_id = t.id and s.name = 'Consultation'
    join public.clinician_services as cs on cs.tenant_id = t.id and cs.clinician_id = cc.clinician_id and cs.service_id = s.id
    cross join lateral (select p.user_id from public.patients as p
                        where p.tenant_id = t.id and p.user_id is not null order by p.id limit 1) as u
    where t.slug like ${`bench-${tag}-%`} and t.slug <> ${`bench-${tag}-race`}
    group by t.id, cc.centre_id, s.id
    having count(*) >= ${min}
    order by t.id, cc.centre_id`;
}

interface Plan {
  'Execution Time': number;
  'Planning Time': number;
  Plan: { 'Actual Rows': number };
}

/**
 * Runs the searches one after another on ONE connection (a warm PostgREST connection: the
 * functions' plans are cached after the warm-up), each in its own transaction.
 */
async function runSearches(
  api: Sql, name: string, targets: Target[], scale: Scale, windowDays: number, maxStartDays: number, seed: number,
): Promise<SearchBench> {
  if (targets.length === 0) throw new Error(`${name}: the dataset has no search targets`);
  const random = prng(seed);
  const hour = 3_600_000;
  const now = Math.floor(Date.now() / hour) * hour;
  const server: number[] = [];
  const client: number[] = [];
  const slots: number[] = [];
  const byRole: Record<string, number[]> = { anon: [], authenticated: [] };
  const conn = await api.reserve();
  const total = scale.searchWarmup + scale.searchIterations;
  for (let i = 0; i < total; i++) {
    const target = targets[Math.floor(random() * targets.length)]!;
    const start = new Date(now + Math.floor(random() * maxStartDays) * 24 * hour + Math.floor(random() * 24) * hour);
    const end = new Date(start.getTime() + windowDays * 24 * hour);
    const caller: Caller = i % 2 === 0 ? { role: 'anon' } : { role: 'authenticated', sub: target.userId };
    const args = [target.serviceId, target.centreId, start, end, target.clinicianId] as const;

    const t0 = process.hrtime.bigint();
    const found = await inTransaction(conn, caller, async () => {
      const [row] = await conn.unsafe<Array<{ n: number }>>(
        'select count(*)::int as n from public.search_slots($1::uuid, $2::uuid, $3::timestamptz, $4::timestamptz, $5::uuid)',
        [...args]);
      return row!.n;
    });
    const clientMs = ms(t0);
    const plan = await inTransaction(conn, caller, async () => {
      const [row] = await conn.unsafe<Array<{ 'QUERY PLAN': Plan[] }>>(
        'explain (analyze, timing off, format json) select * from public.search_slots($1::uuid, $2::uuid, $3::timestamptz, $4::timestamptz, $5::uuid)',
        [...args]);
      return row!['QUERY PLAN'][0]!;
    });
    if (i < scale.searchWarmup) continue;
    server.push(plan['Execution Time'] + plan['Planning Time']);
    client.push(clientMs);
    slots.push(found);
    byRole[caller.role]!.push(plan['Execution Time'] + plan['Planning Time']);
  }
  conn.release();
  return {
    name,
    iterations: scale.searchIterations,
    windowDays,
    clinicians: Math.min(...targets.map((t) => t.clinicians)),
    serverMs: roundSummary(summarise(server)),
    clientMs: roundSummary(summarise(client)),
    serverMsByRole: Object.fromEntries(Object.entries(byRole).map(([role, values]) => [role, roundSummary(summarise(values))])),
    slots: roundSummary(summarise(slots)),
  };
}

/** begin; set role + claims (as PostgREST does); the request; commit (rollback on error). */
async function inTransaction<T>(conn: ReservedSql, caller: Caller, work: () => Promise<T>): Promise<T> {
  await conn`begin`;
  try {
    await actAs(conn, caller);
    const result = await work();
    await conn`commit`;
    return result;
  } catch (error) {
    await conn`rollback`.catch(() => {});
    throw error;
  }
}

function roundSummary(s: Summary): Summary {
  return { n: s.n, median: round(s.median, 3), p95: round(s.p95, 3), mean: round(s.mean, 3), min: round(s.min, 3), max: round(s.max, 3) };
}

/** Target 1: one clinician, 30-day windows starting 0-13 days ahead. */
export async function benchSearchOne(admin: Sql, api: Sql, tag: string, scale: Scale, seed = 1): Promise<SearchBench> {
  return runSearches(api, 'search: one clinician, 30 days', await oneClinicianTargets(admin, tag), scale, 30, 14, seed);
}

/** Target 2: any clinician at a centre where >= largeMain clinicians offer the service, 7-day windows 0-49 days ahead. */
export async function benchSearchAny(admin: Sql, api: Sql, tag: string, scale: Scale, seed = 2): Promise<SearchBench> {
  return runSearches(api, `search: any clinician (${scale.largeMain}), 7 days`, await anyClinicianTargets(admin, tag, scale.largeMain), scale, 7, 50, seed);
}

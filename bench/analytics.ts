// Analytics benchmark (issue 6, docs/benchmarks.md "Analytics"): each analytics RPC of
// 20261121201200 for ONE large tenant of the dataset (tenant 1, a large one: 50 + 10 clinicians
// over 2 centres, about 6% of the appointments of a small-scale and 0.6% of a full-scale
// dataset), over a 30-day and a 365-day window, called the way a dashboard calls them through PostgREST: a transaction as the
// tenant's OWNER (authenticated + claims), so the guard, grants and row-level security are all
// in the cost. Server time = EXPLAIN (ANALYZE, TIMING OFF) Planning + Execution Time of the same
// statement; the client round trip of a plain call is reported alongside. Nothing fails when it
// is slow: there is no target in the issue beyond "fast on the benchmark dataset".
import { type Caller, type ReservedSql, type Scale, type Sql, type Summary, actAs, benchId, ms, round, summarise } from './lib.ts';

/** The seven RPCs and their extra arguments (the defaults a dashboard would pass). */
export const analyticsRpcs = [
  { name: 'appointments_by_status_and_period', extra: "period => 'week'" },
  { name: 'utilisation', extra: null },
  { name: 'no_show_and_cancellation_rates', extra: null },
  { name: 'lead_time', extra: null },
  { name: 'revenue_by_period', extra: "period => 'month'" },
  { name: 'top_clinicians', extra: 'limit_count => 10' },
  { name: 'new_vs_returning_patients', extra: "period => 'month'" },
] as const;

export interface AnalyticsCase {
  rpc: string;
  windowDays: number;
  fromDate: string;
  toDate: string;
  iterations: number;
  serverMs: Summary;
  clientMs: Summary;
  /** rows returned per call */
  rows: number;
}

export interface AnalyticsBench {
  tenant: { id: string; slug: string; timezone: string; clinicians: number; centres: number; appointments: number; appointmentsIn30Days: number; appointmentsIn365Days: number };
  caller: 'owner (authenticated)';
  cases: AnalyticsCase[];
}

/** Measured calls per RPC and window (after `warmup` unmeasured ones), by scale. */
export function analyticsIterations(scale: Scale): { iterations: number; warmup: number } {
  if (scale.name === 'full') return { iterations: 50, warmup: 5 };
  if (scale.name === 'small') return { iterations: 10, warmup: 2 };
  return { iterations: 2, warmup: 1 };
}

interface Plan {
  'Execution Time': number;
  'Planning Time': number;
  Plan: { 'Actual Rows': number };
}

/**
 * Windows (tenant-local dates, inclusive): the last 30 days up to today, and 365 days ending 60
 * days ahead, so the long window holds every appointment of the tenant (the dataset spans at most
 * 56 days back and 42 ahead; the throughput benchmark books up to 40 days ahead).
 */
function windows(today: string): Array<{ days: number; from: string; to: string }> {
  const day = 86_400_000;
  const t = Date.parse(`${today}T00:00:00Z`);
  const d = (offset: number) => new Date(t + offset * day).toISOString().slice(0, 10);
  return [
    { days: 30, from: d(-29), to: d(0) },
    { days: 365, from: d(60 - 364), to: d(60) },
  ];
}

export async function benchAnalytics(admin: Sql, api: Sql, tag: string, scale: Scale): Promise<AnalyticsBench> {
  const tenantId = benchId(tag, 'tenant', 1);
  const ownerId = benchId(tag, 'user-owner', 1);
  const [tenant] = await admin<Array<{ id: string; slug: string; timezone: string; today: string; clinicians: number; centres: number; appointments: number }>>`
    select t.id, t.slug, t.timezone, to_char((now() at time zone t.timezone)::date, 'YYYY-MM-DD') as today,
           (select count(*)::int from public.clinicians as c where c.tenant_id = t.id) as clinicians,
           (select count(*)::int from public.centres as c where c.tenant_id = t.id) as centres,
           (select count(*)::int from public.appointments as a where a.tenant_id = t.id) as appointments
    from public.tenants as t where t.id = ${tenantId}`;
  if (!tenant) throw new Error(`analytics: tenant 1 of dataset ${tag} not found (generate it first)`);
  const [owner] = await admin<Array<{ ok: boolean }>>`
    select exists (select 1 from public.members as m join public.member_roles as r on r.tenant_id = m.tenant_id and r.member_id = m.id
                   where m.tenant_id = ${tenantId} and m.user_id = ${ownerId} and r.role = 'owner') as ok`;
  if (!owner?.ok) throw new Error('analytics: the tenant owner of the dataset is missing');

  const ws = windows(tenant.today);
  const counts: number[] = [];
  for (const w of ws) {
    const [row] = await admin<Array<{ n: number }>>`
      select count(*)::int as n from public.appointments as a
      where a.tenant_id = ${tenantId}
        and a.starts_at >= (${w.from}::date::timestamp at time zone ${tenant.timezone})
        and a.starts_at < ((${w.to}::date + 1)::timestamp at time zone ${tenant.timezone})`;
    counts.push(row!.n);
  }

  const { iterations, warmup } = analyticsIterations(scale);
  const caller: Caller = { role: 'authenticated', sub: ownerId };
  const conn = await api.reserve();
  const cases: AnalyticsCase[] = [];
  try {
    for (const w of ws) {
      for (const rpc of analyticsRpcs) {
        const statement = `select * from public.${rpc.name}(tenant_id => $1::uuid, from_date => $2::date, to_date => $3::date${rpc.extra ? `, ${rpc.extra}` : ''})`;
        const server: number[] = [];
        const client: number[] = [];
        let rows = 0;
        for (let i = 0; i < warmup + iterations; i++) {
          const t0 = process.hrtime.bigint();
          const result = await inTransaction(conn, caller, () => conn.unsafe(statement, [tenantId, w.from, w.to]));
          const clientMs = ms(t0);
          const plan = await inTransaction(conn, caller, async () => {
            const [row] = await conn.unsafe<Array<{ 'QUERY PLAN': Plan[] }>>(`explain (analyze, timing off, format json) ${statement}`, [tenantId, w.from, w.to]);
            return row!['QUERY PLAN'][0]!;
          });
          if (i < warmup) continue;
          server.push(plan['Planning Time'] + plan['Execution Time']);
          client.push(clientMs);
          rows = result.length;
        }
        cases.push({
          rpc: rpc.name, windowDays: w.days, fromDate: w.from, toDate: w.to, iterations,
          serverMs: roundSummary(summarise(server)), clientMs: roundSummary(summarise(client)), rows,
        });
      }
    }
  } finally {
    conn.release();
  }
  return {
    tenant: {
      id: tenant.id, slug: tenant.slug, timezone: tenant.timezone, clinicians: tenant.clinicians, centres: tenant.centres,
      appointments: tenant.appointments, appointmentsIn30Days: counts[0]!, appointmentsIn365Days: counts[1]!,
    },
    caller: 'owner (authenticated)',
    cases,
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

/** The analytics table of docs/benchmarks.md. */
export function analyticsTable(a: AnalyticsBench): string {
  const rows = [
    `Tenant ${a.tenant.slug} (${a.tenant.timezone}): ${a.tenant.clinicians} clinicians, ${a.tenant.centres} centres, ${a.tenant.appointments} appointments (${a.tenant.appointmentsIn30Days} in the 30-day window, ${a.tenant.appointmentsIn365Days} in the 365-day window); called as the tenant's owner.`,
    '',
    '| RPC | window | server median | server p95 | client median | rows |',
    '|---|---|---|---|---|---|',
  ];
  for (const c of a.cases) {
    rows.push(`| \`${c.rpc}\` | ${c.windowDays} days (${c.fromDate}..${c.toDate}) | ${c.serverMs.median} ms | ${c.serverMs.p95} ms | ${c.clientMs.median} ms | ${c.rows} |`);
  }
  return rows.join('\n');
}

// Analytics benchmark (docs/benchmarks.md "Analytics"): each analytics RPC of
// 20261121201200, 20261121231300 (lead source) and 20261121231400 (collected revenue) for ONE large tenant of the dataset (tenant 1, a large one: 50 + 10 clinicians
// over 2 centres, about 6% of the appointments of a small-scale and 0.6% of a full-scale
// dataset), over a 30-day and a 365-day window, called the way a dashboard calls them through PostgREST: a transaction as the
// tenant's OWNER (authenticated + claims), so the guard, grants and row-level security are all
// in the cost. Server time = EXPLAIN (ANALYZE, TIMING OFF) Planning + Execution Time of the same
// statement; the client round trip of a plain call is reported alongside. Nothing fails when it
// is slow: there is no target in the issue beyond "fast on the benchmark dataset".
// The generated dataset has no payments and no lead sources, so before measuring the tenant gets
// them (prepareAnalyticsData: idempotent, deterministic, triggers skipped as in the generator):
// a lead source for 4 of 5 patients, a succeeded payment of the list price for every fulfilled
// appointment, and a succeeded refund of 20% for every 10th of those payments.
import { type Caller, type ReservedSql, type Scale, type Sql, type Summary, actAs, benchId, ms, round, summarise } from './lib.ts';

/** The nine RPCs and their extra arguments (the defaults a dashboard would pass). */
export const analyticsRpcs = [
  { name: 'appointments_by_status_and_period', extra: "period => 'week'" },
  { name: 'utilisation', extra: null },
  { name: 'no_show_and_cancellation_rates', extra: null },
  { name: 'lead_time', extra: null },
  { name: 'revenue_by_period', extra: "period => 'month'" },
  { name: 'top_clinicians', extra: 'limit_count => 10' },
  { name: 'new_vs_returning_patients', extra: "period => 'month'" },
  { name: 'patients_by_lead_source', extra: null },
  { name: 'collected_revenue', extra: "period => 'month'" },
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
  tenant: { id: string; slug: string; timezone: string; clinicians: number; centres: number; appointments: number; appointmentsIn30Days: number; appointmentsIn365Days: number; payments: number; refunds: number; patientsWithLeadSource: number };
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

  const money = await prepareAnalyticsData(admin, tenantId);

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
      payments: money.payments, refunds: money.refunds, patientsWithLeadSource: money.patientsWithLeadSource,
    },
    caller: 'owner (authenticated)',
    cases,
  };
}

/**
 * Gives the tenant what the generated dataset lacks for the lead-source and collected-revenue
 * reports, as the bootstrap superuser with row triggers skipped (like bench/generate.sql): a lead
 * source for 4 of 5 patients (by a hash of the id; the 5th stays null, reported as 'unknown'), a
 * succeeded payment of the list price for every fulfilled appointment (succeeded an hour after its
 * start), and for every 10th payment a succeeded refund of 20% two days later (capped at now).
 * Ids are md5 of the appointment id, so a rerun (--reuse) adds nothing. Returns the counts.
 */
export async function prepareAnalyticsData(admin: Sql, tenantId: string): Promise<{ payments: number; refunds: number; patientsWithLeadSource: number }> {
  await admin.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx`
      update public.patients as p
      set lead_source = (array['google', 'referral', 'walk_in', 'instagram'])[1 + abs(hashtext(p.id::text)) % 5]
      where p.tenant_id = ${tenantId} and p.lead_source is null and abs(hashtext(p.id::text)) % 5 < 4`;
    await tx`
      insert into public.payments (tenant_id, id, appointment_id, patient_id, flow, kind, amount, currency, amount_minor, status,
                                   attempt, idempotency_key, stripe_payment_intent_id, succeeded_at, created_at, updated_at)
      select a.tenant_id, md5('bench-payment:' || a.id::text)::uuid, a.id, a.patient_id, 'payment_intent', 'full', x.amount, s.currency,
             private.to_minor_units(x.amount, s.currency), 'succeeded', 1, 'payment:' || a.id::text || ':1',
             'pi_bench' || md5('bench-payment:' || a.id::text), least(a.starts_at + interval '1 hour', now()), a.created_at, now()
      from public.appointments as a
      join public.services as s on s.tenant_id = a.tenant_id and s.id = a.service_id
      left join public.clinician_services as cs on cs.tenant_id = a.tenant_id and cs.clinician_id = a.clinician_id and cs.service_id = a.service_id
      cross join lateral (select coalesce(cs.price_override, s.price)::numeric(12, 2) as amount) as x
      where a.tenant_id = ${tenantId} and a.status = 'fulfilled' and x.amount > 0
      on conflict do nothing`;
    await tx`
      insert into public.refunds (tenant_id, id, payment_id, appointment_id, patient_id, amount, currency, amount_minor, reason,
                                  status, attempts, created_at, updated_at, succeeded_at)
      select p.tenant_id, md5('bench-refund:' || p.id::text)::uuid, p.id, p.appointment_id, p.patient_id, x.amount, p.currency,
             private.to_minor_units(x.amount, p.currency), 'staff', 'succeeded', 1,
             least(p.succeeded_at + interval '2 days', now()), least(p.succeeded_at + interval '2 days', now()),
             least(p.succeeded_at + interval '2 days', now())
      from public.payments as p
      cross join lateral (select round(p.amount * 0.2, 2) as amount) as x
      where p.tenant_id = ${tenantId} and p.status = 'succeeded' and p.id = md5('bench-payment:' || p.appointment_id::text)::uuid
        and abs(hashtext(p.id::text)) % 10 = 0 and x.amount > 0
      on conflict do nothing`;
    await tx`
      update public.payments as p set amount_refunded = r.amount
      from public.refunds as r
      where r.tenant_id = ${tenantId} and r.id = md5('bench-refund:' || p.id::text)::uuid and p.tenant_id = ${tenantId}
        and p.amount_refunded <> r.amount`;
  });
  await admin`analyze public.payments`;
  await admin`analyze public.refunds`;
  const [counts] = await admin<Array<{ payments: number; refunds: number; patients: number }>>`
    select (select count(*)::int from public.payments where tenant_id = ${tenantId} and status = 'succeeded') as payments,
           (select count(*)::int from public.refunds where tenant_id = ${tenantId} and status = 'succeeded') as refunds,
           (select count(*)::int from public.patients where tenant_id = ${tenantId} and lead_source is not null) as patients`;
  return { payments: counts!.payments, refunds: counts!.refunds, patientsWithLeadSource: counts!.patients };
}

/** begin; set role + claims (as PostgREST does); the request; commit (rollback on error). */
export async function inTransaction<T>(conn: ReservedSql, caller: Caller, work: () => Promise<T>): Promise<T> {
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

export function roundSummary(s: Summary): Summary {
  return { n: s.n, median: round(s.median, 3), p95: round(s.p95, 3), mean: round(s.mean, 3), min: round(s.min, 3), max: round(s.max, 3) };
}

/** The analytics table of docs/benchmarks.md. */
export function analyticsTable(a: AnalyticsBench): string {
  const rows = [
    `Tenant ${a.tenant.slug} (${a.tenant.timezone}): ${a.tenant.clinicians} clinicians, ${a.tenant.centres} centres, ${a.tenant.appointments} appointments (${a.tenant.appointmentsIn30Days} in the 30-day window, ${a.tenant.appointmentsIn365Days} in the 365-day window), ${a.tenant.payments} succeeded payments, ${a.tenant.refunds} succeeded refunds, ${a.tenant.patientsWithLeadSource} patients with a lead source; called as the tenant's owner.`,
    '',
    '| RPC | window | server median | server p95 | client median | rows |',
    '|---|---|---|---|---|---|',
  ];
  for (const c of a.cases) {
    rows.push(`| \`${c.rpc}\` | ${c.windowDays} days (${c.fromDate}..${c.toDate}) | ${c.serverMs.median} ms | ${c.serverMs.p95} ms | ${c.clientMs.median} ms | ${c.rows} |`);
  }
  return rows.join('\n');
}

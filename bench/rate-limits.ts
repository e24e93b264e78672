// The cost of the rate limits on booking (docs/rate-limits.md): book_appointment by patients
// booking for themselves, once as a client request - what PostgREST sets per request
// (request.method, request.path, request.headers with the patient's own client address), then
// the pre-request function private.check_request(), then the call, so the booking limit is
// counted (two hits) and the concurrency slots are taken - and once as the server's own SQL,
// where no limit is checked. Same free slots, same number of clients, phases alternating
// (plain, limited, plain, limited) so drift hits both; the ratio is limited calls per second over
// plain ones. Patients only: staff are never counted.
import { randomUUID } from 'node:crypto';
import { type Scale, type Sql, actAs, round } from './lib.ts';
import { type Job, type PhaseResult, add, freeSlots, jobsFor, phase } from './throughput.ts';

export interface RateLimitBench {
  clients: number;
  plain: PhaseResult;
  limited: PhaseResult;
  /** limited calls per second / plain calls per second */
  ratio: number;
  /** rate-limit hits written by the limited phases */
  hits: number;
}

/** A client address per patient (198.18.0.0/15, the benchmarking range). */
function addressOf(userId: string): string {
  const n = Number.parseInt(userId.replace(/-/g, '').slice(-6), 16);
  return `198.${18 + (n & 1)}.${(n >> 1) & 255}.${1 + ((n >> 9) % 254)}`;
}

async function book(pool: Sql, job: Job, asClient: boolean): Promise<void> {
  await pool.begin(async (tx) => {
    await actAs(tx, job.caller);
    if (asClient && job.caller.role === 'authenticated') {
      await tx`select set_config('request.method', 'POST', true), set_config('request.path', '/rpc/book_appointment', true),
                      set_config('request.headers', ${JSON.stringify({ 'cf-connecting-ip': addressOf(job.caller.sub), 'x-real-ip': '127.0.0.1' })}, true)`;
      await tx`select private.check_request()`;
    }
    await tx`select id from public.book_appointment(
      service_id => ${job.slot.serviceId}, clinician_id => ${job.slot.clinicianId}, centre_id => ${job.slot.centreId},
      starts_at => ${job.slot.startsAt}, client_key => ${randomUUID()})`;
  });
}

/** `api`: connections as postgres switching role per request like PostgREST; `admin`: superuser. */
export async function benchRateLimits(admin: Sql, api: Sql, tag: string, scale: Scale, seed = 7): Promise<RateLimitBench> {
  const clients = scale.throughputClients;
  const warmup = clients * 2;
  const half = Math.floor(scale.throughputOps / 2);
  const needed = 2 * (scale.throughputOps + warmup);
  const perTenant = Math.max(1, Math.ceil(needed / (scale.tenants * 150)));
  const slots = await freeSlots(admin, tag, needed, perTenant);
  if (slots.length < needed) throw new Error(`rate limits: only ${slots.length} free slots found, ${needed} needed`);
  // every job a patient booking for themself
  const jobs = jobsFor(slots, seed).map((job) => ({ ...job, staff: false, caller: { role: 'authenticated' as const, sub: job.slot.patientUserIds[job.slot.patientIds.indexOf(job.patientId)]! } }));
  const plainJobs = jobs.filter((_, i) => i % 2 === 0);
  const limitedJobs = jobs.filter((_, i) => i % 2 === 1);
  const chunks = (list: Job[]) => [list.slice(0, warmup), list.slice(warmup, warmup + half), list.slice(warmup + half, warmup + scale.throughputOps)];
  const [plainWarm, plainA, plainB] = chunks(plainJobs);
  const [limitedWarm, limitedA, limitedB] = chunks(limitedJobs);
  const [before] = await admin<Array<{ n: number }>>`select count(*)::integer as n from private.rate_limit_hits`;

  const plainCall = (pool: Sql, job: Job) => book(pool, job, false);
  const limitedCall = (pool: Sql, job: Job) => book(pool, job, true);
  await phase(api, plainWarm!, clients, plainCall);
  await phase(api, limitedWarm!, clients, limitedCall);
  const p1 = await phase(api, plainA!, clients, plainCall);
  const l1 = await phase(api, limitedA!, clients, limitedCall);
  const p2 = await phase(api, plainB!, clients, plainCall);
  const l2 = await phase(api, limitedB!, clients, limitedCall);
  const [after] = await admin<Array<{ n: number }>>`select count(*)::integer as n from private.rate_limit_hits`;
  const plain = add(p1, p2);
  const limited = add(l1, l2);
  return { clients, plain, limited, ratio: round(limited.perSecond / plain.perSecond, 3), hits: after!.n - before!.n };
}

// The cost of the API layer: public.search_slots and public.book_appointment called three ways in
// the same run, at 1 and at 8 concurrent clients:
//   direct   one transaction on a postgres connection, role + JWT claims set as PostgREST sets
//            them, then the call (what the other benchmarks measure);
//   rest     HTTP POST /rpc/<name> to PostgREST itself (JWT verification, its connection pool,
//            its transaction, JSON in and out);
//   gateway  the same through the local gateway (/rest/v1, key-auth), as apps call it.
// Per call: the client's wall time (median, p95); per phase: completed calls per second. Phases
// run in ABBA order (direct, rest, gateway, gateway, rest, direct) so drift hits every mode alike.
// Targets (docs/benchmarks.md): PostgREST adds <= 1.5 ms to the median call, and keeps >= 75% of
// the direct path's throughput at 8 clients.
import { randomUUID } from 'node:crypto';
import { signHs256 } from '../local/stack/keys.ts';
import { type Caller, type Scale, type Sql, type Summary, actAs, ms, prng, round, summarise } from './lib.ts';
import { type Target, oneClinicianTargets } from './search.ts';
import { type Job, freeSlots, jobsFor } from './throughput.ts';

export type Mode = 'direct' | 'rest' | 'gateway';
export const modes: Mode[] = ['direct', 'rest', 'gateway'];

export interface ApiEndpoints {
  /** PostgREST itself, e.g. http://127.0.0.1:64321 */
  restUrl: string;
  /** the gateway's origin; requests go to <gatewayUrl>/rest/v1/... */
  gatewayUrl: string;
  anonKey: string;
  jwtSecret: string;
  /** PostgREST's admin server: its /live (no database work) measures the bare HTTP round trip */
  adminUrl?: string;
}

export interface ModeResult {
  calls: number;
  errors: Record<string, number>;
  ms: Summary;
  perSecond: number;
}

export interface ApiCase {
  rpc: 'search_slots' | 'book_appointment';
  clients: number;
  results: Record<Mode, ModeResult>;
  /** rest median - direct median (ms): what PostgREST adds per call */
  addedMedianMs: number;
  /** rest calls/s over direct calls/s */
  throughputRatio: number;
  gatewayAddedMedianMs: number;
  gatewayThroughputRatio: number;
}

export interface ApiLayerBench {
  searchWindowDays: number;
  /** GET <admin>/live, one client: what any HTTP hop to PostgREST costs on this machine right now */
  httpFloorMs: Summary | null;
  cases: ApiCase[];
}

type Call = (mode: Mode) => Promise<void>;

function tokenFor(caller: Caller, secret: string): string | null {
  if (caller.role === 'anon') return null;
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return caller.role === 'authenticated'
    ? signHs256({ sub: caller.sub, role: 'authenticated', aud: 'authenticated', exp }, secret)
    : signHs256({ role: caller.role, exp }, secret);
}

/** One call of `name` through PostgREST (rest) or the gateway; throws with the error code on failure. */
async function overHttp(endpoints: ApiEndpoints, mode: 'rest' | 'gateway', name: string, args: Record<string, unknown>, caller: Caller): Promise<void> {
  const token = tokenFor(caller, endpoints.jwtSecret) ?? endpoints.anonKey;
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  let url = `${endpoints.restUrl}/rpc/${name}`;
  if (mode === 'gateway') {
    url = `${endpoints.gatewayUrl}/rest/v1/rpc/${name}`;
    headers.apikey = endpoints.anonKey;
  }
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(args) });
  const body = await response.text();
  if (response.status !== 200) {
    const code = (() => {
      try {
        return (JSON.parse(body) as { code?: string }).code;
      } catch {
        return undefined;
      }
    })();
    throw Object.assign(new Error(body.slice(0, 200)), { code: `${response.status} ${code ?? ''}`.trim() });
  }
}

/** Runs `count` calls with `clients` concurrent workers; `call(i)` makes the i-th call. */
async function phase(count: number, clients: number, call: (i: number) => Promise<void>): Promise<{ times: number[]; errors: Record<string, number>; seconds: number }> {
  const times: number[] = [];
  const errors: Record<string, number> = {};
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next < count) {
      const i = next++;
      const start = process.hrtime.bigint();
      try {
        await call(i);
        times.push(ms(start));
      } catch (error) {
        const key = String((error as { code?: string }).code ?? (error as Error).message).slice(0, 80);
        errors[key] = (errors[key] ?? 0) + 1;
      }
    }
  }));
  return { times, errors, seconds: ms(t0) / 1000 };
}

/** ABBA over the modes; each mode runs `perMode` calls in two halves. */
async function measure(perMode: number, clients: number, calls: Record<Mode, (i: number) => Promise<void>>): Promise<Record<Mode, ModeResult>> {
  const collected = Object.fromEntries(modes.map((m) => [m, { times: [] as number[], errors: {} as Record<string, number>, seconds: 0 }])) as
    Record<Mode, { times: number[]; errors: Record<string, number>; seconds: number }>;
  const half = Math.ceil(perMode / 2);
  const order: Array<[Mode, number]> = [...modes.map((m) => [m, 0] as [Mode, number]), ...[...modes].reverse().map((m) => [m, half] as [Mode, number])];
  for (const [mode, offset] of order) {
    const count = offset === 0 ? half : perMode - half;
    const result = await phase(count, clients, (i) => calls[mode](offset + i));
    const c = collected[mode];
    c.times.push(...result.times);
    c.seconds += result.seconds;
    for (const [k, v] of Object.entries(result.errors)) c.errors[k] = (c.errors[k] ?? 0) + v;
  }
  return Object.fromEntries(modes.map((mode) => {
    const c = collected[mode];
    const s = summarise(c.times);
    return [mode, {
      calls: c.times.length,
      errors: c.errors,
      ms: { n: s.n, median: round(s.median, 3), p95: round(s.p95, 3), mean: round(s.mean, 3), min: round(s.min, 3), max: round(s.max, 3) },
      perSecond: round(c.times.length / c.seconds, 1),
    }];
  })) as Record<Mode, ModeResult>;
}

function toCase(rpc: ApiCase['rpc'], clients: number, results: Record<Mode, ModeResult>): ApiCase {
  return {
    rpc,
    clients,
    results,
    addedMedianMs: round(results.rest.ms.median - results.direct.ms.median, 3),
    throughputRatio: round(results.rest.perSecond / results.direct.perSecond, 3),
    gatewayAddedMedianMs: round(results.gateway.ms.median - results.direct.ms.median, 3),
    gatewayThroughputRatio: round(results.gateway.perSecond / results.direct.perSecond, 3),
  };
}

/** Calls per mode and concurrency: the scale's searchIterations, at least 8. */
const callsFor = (scale: Scale) => Math.max(8, scale.searchIterations * 2);

/**
 * `api` is the direct path's pool (as postgres, switching role per request like PostgREST's
 * authenticator); `admin` finds targets and free slots; `endpoints` are the running PostgREST
 * and gateway of the same database.
 */
export async function benchApiLayer(admin: Sql, api: Sql, endpoints: ApiEndpoints, tag: string, scale: Scale, seed = 5): Promise<ApiLayerBench> {
  const perMode = callsFor(scale);
  const searchWindowDays = 7;
  const targets: Target[] = await oneClinicianTargets(admin, tag);
  if (targets.length === 0) throw new Error('api layer: the dataset has no search targets');
  const random = prng(seed);
  const day = 86_400_000;
  const today = Math.floor(Date.now() / day) * day;
  const searches = Array.from({ length: perMode }, () => {
    const t = targets[Math.floor(random() * targets.length)]!;
    const start = new Date(today + (1 + Math.floor(random() * 14)) * day);
    return {
      service_id: t.serviceId, centre_id: t.centreId, clinician_id: t.clinicianId,
      window_start: start.toISOString(), window_end: new Date(start.getTime() + searchWindowDays * day).toISOString(),
    };
  });
  const anon: Caller = { role: 'anon' };
  const searchCall: Record<Mode, (i: number) => Promise<void>> = {
    direct: (i) => api.begin(async (tx) => {
      await actAs(tx, anon);
      const a = searches[i % perMode]!;
      await tx`select * from public.search_slots(${a.service_id}::uuid, ${a.centre_id}::uuid, ${a.window_start}::timestamptz, ${a.window_end}::timestamptz, ${a.clinician_id}::uuid)`;
    }).then(() => undefined),
    rest: (i) => overHttp(endpoints, 'rest', 'search_slots', searches[i % perMode]!, anon),
    gateway: (i) => overHttp(endpoints, 'gateway', 'search_slots', searches[i % perMode]!, anon),
  };

  // booking: every call takes its own free slot (3 modes x 2 concurrencies x perMode)
  const needed = modes.length * 2 * perMode;
  const slots = await freeSlots(admin, tag, needed, Math.max(1, Math.ceil(needed / (scale.tenants * 150))));
  if (slots.length < needed) throw new Error(`api layer: only ${slots.length} free slots found, ${needed} needed`);
  const jobs = jobsFor(slots, seed);
  let taken = 0;
  const nextJob = (): Job => jobs[taken++]!;
  const bookArgs = (job: Job) => ({
    service_id: job.slot.serviceId, clinician_id: job.slot.clinicianId, centre_id: job.slot.centreId,
    starts_at: job.slot.startsAt.toISOString(), client_key: randomUUID(), ...(job.staff ? { patient_id: job.patientId } : {}),
  });
  const bookCall: Record<Mode, (i: number) => Promise<void>> = {
    direct: () => {
      const job = nextJob();
      return api.begin(async (tx) => {
        await actAs(tx, job.caller);
        const a = bookArgs(job);
        await tx`select id from public.book_appointment(service_id => ${a.service_id}, clinician_id => ${a.clinician_id}, centre_id => ${a.centre_id},
          starts_at => ${a.starts_at}, patient_id => ${a.patient_id ?? null}, client_key => ${a.client_key})`;
      }).then(() => undefined);
    },
    rest: () => {
      const job = nextJob();
      return overHttp(endpoints, 'rest', 'book_appointment', bookArgs(job), job.caller);
    },
    gateway: () => {
      const job = nextJob();
      return overHttp(endpoints, 'gateway', 'book_appointment', bookArgs(job), job.caller);
    },
  };

  // warm every path (connections, plans, JWT parsing) before measuring
  for (const mode of modes) for (let i = 0; i < 4; i++) await searchCall[mode](i);

  let httpFloorMs: Summary | null = null;
  if (endpoints.adminUrl) {
    const times = (await phase(perMode, 1, async () => {
      await (await fetch(`${endpoints.adminUrl}/live`)).arrayBuffer();
    })).times;
    const s = summarise(times);
    httpFloorMs = { n: s.n, median: round(s.median, 3), p95: round(s.p95, 3), mean: round(s.mean, 3), min: round(s.min, 3), max: round(s.max, 3) };
  }

  const cases: ApiCase[] = [];
  for (const clients of [1, 8]) {
    cases.push(toCase('search_slots', clients, await measure(perMode, clients, searchCall)));
    cases.push(toCase('book_appointment', clients, await measure(perMode, clients, bookCall)));
  }
  return { searchWindowDays, httpFloorMs, cases };
}

/** The API-layer table of docs/benchmarks.md. */
export function apiLayerTable(bench: ApiLayerBench): string {
  const rows = [
    '| rpc | clients | direct: median / p95 ms, calls/s | PostgREST: median / p95 ms, calls/s | gateway + PostgREST: median / p95 ms, calls/s | PostgREST adds (median) | PostgREST throughput / direct | via gateway: adds, throughput |',
    '|---|---|---|---|---|---|---|---|',
  ];
  const cell = (r: ModeResult) => `${r.ms.median} / ${r.ms.p95}, ${r.perSecond}${Object.keys(r.errors).length ? ` (errors ${JSON.stringify(r.errors)})` : ''}`;
  for (const c of bench.cases) {
    rows.push(`| ${c.rpc} | ${c.clients} | ${cell(c.results.direct)} | ${cell(c.results.rest)} | ${cell(c.results.gateway)} | ${c.addedMedianMs} ms | ${round(c.throughputRatio * 100, 1)}% | ${c.gatewayAddedMedianMs} ms, ${round(c.gatewayThroughputRatio * 100, 1)}% |`);
  }
  if (bench.httpFloorMs) {
    rows.push('', `HTTP floor (GET PostgREST admin /live, no database work, 1 client): median ${bench.httpFloorMs.median} ms, p95 ${bench.httpFloorMs.p95} ms.`);
  }
  return rows.join('\n');
}

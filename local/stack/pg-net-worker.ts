// The local pg_net worker: what pg_net's background worker does on the platform, as a small Node
// process next to the local database (local/platform/README.md, deviation 8). The platform's
// net.http_get/http_post/http_delete only queue a request in net.http_request_queue; pg_net's
// worker takes queued rows, sends them with libcurl and stores each outcome in net._http_response.
// This does the same over fetch, so `private.invoke_edge_function()` from pg_cron jobs and
// triggers reaches the local functions server under `npm start`.
//
// Mirrors pg_net (github.com/supabase/pg_net src/core.c, src/worker.c):
// - takes up to `batchSize` rows in id order and deletes them from the queue in the same statement
//   (pg_net's consume_request_queue), so each request is sent at most once, then sends them
//   concurrently (method, url, headers, body, timeout_milliseconds; redirects followed);
// - writes one net._http_response row per request: on an answer id, status_code, content (null when
//   empty), headers (jsonb), content_type, timed_out = false; on a failure status_code null,
//   timed_out, error_msg (curl's wording: "Timeout of 5000 ms reached", "Couldn't connect to
//   server", "Couldn't resolve host name") — a failed request never stops the worker;
// - a timeout_milliseconds outside 1..maxTimeoutMs is not sent, it gets an error row;
// - deletes responses older than `responseTtl` (pg_net.ttl, default 6 hours).
// Never logs headers (they carry the secret key) or bodies.
//
// Run by `npm start` in the background (startPgNetWorkerProcess), stopped by `npm stop`; log in
// .slotbase/logs/pg-net.log. Nothing runs it during `npm test` unless a test calls these functions.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { repoRoot, stateDir } from './config.ts';
import { backgroundProcess } from './background.ts';
import { StackError } from './log.ts';

export type Sql = postgres.Sql;

export interface PgNetWorkerOptions {
  /** Rows taken per round (pg_net.batch_size, default 200). */
  batchSize?: number;
  /** Upper bound for timeout_milliseconds (pg_net.max_timeout_ms); larger values are refused. */
  maxTimeoutMs?: number;
  /** Responses older than this are deleted (pg_net.ttl). */
  responseTtl?: string;
  /**
   * Only take requests whose URL starts with this. Tests share one database, so each test's worker
   * takes only the requests addressed to its own server; the stack's worker takes everything.
   */
  urlPrefix?: string;
  log?: (line: string) => void;
  /** User-Agent sent when the request has none (pg_net sends `pg_net/<version>`). */
  userAgent?: string;
}

/** One queued request, as the worker reads it. */
interface QueuedRequest {
  id: string;
  method: string;
  url: string;
  headers: Record<string, unknown> | null;
  body: Buffer | null;
  timeout_milliseconds: number;
}

/** One row for net._http_response. */
export interface HttpResponseRow {
  id: string;
  status_code: number | null;
  content_type: string | null;
  headers: Record<string, string> | null;
  content: string | null;
  timed_out: boolean | null;
  error_msg: string | null;
}

const defaults = {
  batchSize: 200,
  maxTimeoutMs: 300_000,
  responseTtl: '6 hours',
  userAgent: 'pg_net/slotbase-local-worker',
} as const;

/** curl's wording for what fetch reports as `cause.code` (curl_easy_strerror). */
function curlMessage(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  switch (cause?.code) {
    case 'ECONNREFUSED':
    case 'ECONNRESET':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return "Couldn't connect to server";
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return "Couldn't resolve host name";
    case 'UND_ERR_SOCKET':
      return 'Server returned nothing (no headers, no data)';
    default:
      return cause?.message ?? (error instanceof Error ? error.message : String(error));
  }
}

/** Postgres text cannot hold NUL; pg_net stores what curl received up to the first one. */
function asText(bytes: ArrayBuffer): string | null {
  if (bytes.byteLength === 0) return null;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const nul = text.indexOf('\u0000');
  return nul >= 0 ? text.slice(0, nul) : text;
}

/** Sends one request; always resolves with the response row (never throws). */
export async function sendQueuedRequest(request: QueuedRequest, options: PgNetWorkerOptions = {}): Promise<HttpResponseRow> {
  const maxTimeoutMs = options.maxTimeoutMs ?? defaults.maxTimeoutMs;
  const failure = (error_msg: string, timed_out = false): HttpResponseRow => ({
    id: request.id, status_code: null, content_type: null, headers: null, content: null, timed_out, error_msg,
  });
  const timeout = request.timeout_milliseconds;
  if (!Number.isInteger(timeout) || timeout <= 0 || timeout > maxTimeoutMs) {
    return failure(`timeout_milliseconds must be between 1 and ${maxTimeoutMs} (pg_net.max_timeout_ms), got ${timeout}`);
  }
  const headers = new Headers();
  try {
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      if (/[\r\n]/.test(name) || /[\r\n]/.test(text)) return failure(`header "${name}" contains a carriage return or line feed`);
      headers.set(name, text);
    }
  } catch (error) {
    return failure(`invalid header: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!headers.has('user-agent')) headers.set('user-agent', options.userAgent ?? defaults.userAgent);
  const method = request.method.toUpperCase();
  const started = performance.now();
  try {
    const response = await fetch(request.url, {
      method,
      headers,
      // fetch refuses a body on GET; pg_net (curl) would send it. Rare enough to drop.
      body: request.body && method !== 'GET' ? new Uint8Array(request.body) : undefined,
      redirect: 'follow',
      signal: AbortSignal.timeout(timeout),
    });
    const content = asText(await response.arrayBuffer());
    return {
      id: request.id,
      status_code: response.status,
      content_type: response.headers.get('content-type'),
      headers: Object.fromEntries(response.headers.entries()),
      content,
      timed_out: false,
      error_msg: null,
    };
  } catch (error) {
    const name = (error as { name?: string })?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return failure(`Timeout of ${timeout} ms reached. Total time: ${(performance.now() - started).toFixed(3)} ms`, true);
    }
    return failure(curlMessage(error));
  }
}

async function insertResponses(sql: Sql, rows: HttpResponseRow[], log: (line: string) => void): Promise<void> {
  if (rows.length === 0) return;
  const insert = (batch: HttpResponseRow[]) => sql`
    insert into net._http_response (id, status_code, content_type, headers, content, timed_out, error_msg)
    select x.id, x.status_code, x.content_type, x.headers, x.content, x.timed_out, x.error_msg
    from jsonb_to_recordset(${sql.json(batch as unknown as postgres.JSONValue)}::jsonb)
      as x(id bigint, status_code integer, content_type text, headers jsonb, content text, timed_out boolean, error_msg text)`;
  try {
    await insert(rows);
  } catch {
    // One bad row (e.g. a header the jsonb parser refuses) must not lose the others' outcomes.
    for (const row of rows) {
      try {
        await insert([row]);
      } catch (error) {
        log(`request ${row.id}: the response could not be stored (${error instanceof Error ? error.message : String(error)})`);
        await insert([{ ...row, status_code: row.status_code, content: null, headers: null, content_type: null,
          error_msg: `pg_net worker: the response could not be stored: ${error instanceof Error ? error.message : String(error)}` }]).catch(() => {});
      }
    }
  }
}

/**
 * One round: takes up to batchSize queued requests (deleting them from the queue), sends them
 * concurrently, stores their responses. Resolves with how many requests it handled. Throws only
 * when the database itself fails (the loop in runPgNetWorker logs and retries).
 */
export async function processQueueOnce(sql: Sql, options: PgNetWorkerOptions = {}): Promise<number> {
  const log = options.log ?? (() => {});
  const batchSize = options.batchSize ?? defaults.batchSize;
  const prefix = options.urlPrefix ?? null;
  const rows = await sql<QueuedRequest[]>`
    with taken as (
      select q.id from net.http_request_queue as q
      where ${prefix}::text is null or starts_with(q.url, ${prefix}::text)
      order by q.id
      limit ${batchSize}
      for update skip locked
    )
    delete from net.http_request_queue as q
    using taken where q.id = taken.id
    returning q.id::text as id, q.method::text as method, q.url, q.headers, q.body, q.timeout_milliseconds`;
  if (rows.length === 0) return 0;
  const responses = await Promise.all([...rows].sort((a, b) => Number(a.id) - Number(b.id)).map(async (row) => {
    const started = Date.now();
    const response = await sendQueuedRequest(row, options);
    // The URL without its query string: queries may carry tokens.
    const where = row.url.split('?')[0];
    log(`${row.method} ${where} -> ${response.status_code ?? response.error_msg} (${Date.now() - started} ms, request ${row.id})`);
    return response;
  }));
  await insertResponses(sql, responses, log);
  return rows.length;
}

/** Deletes responses older than the TTL, like pg_net's worker does each round. */
export async function deleteExpiredResponses(sql: Sql, ttl: string = defaults.responseTtl): Promise<number> {
  const deleted = await sql`
    with expired as (
      select ctid from net._http_response where created < now() - ${ttl}::interval order by created limit 1000
    )
    delete from net._http_response as r using expired where r.ctid = expired.ctid`;
  return deleted.count;
}

export interface RunningWorker {
  /** Finishes the round in progress, then resolves. */
  stop: () => Promise<void>;
}

/** Polls the queue until stopped. Database outages are logged once and waited out. */
export function runPgNetWorker(sql: Sql, options: PgNetWorkerOptions & { pollIntervalMs?: number } = {}): RunningWorker {
  const log = options.log ?? (() => {});
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    let failing = false;
    let lastCleanup = 0;
    while (!stopped) {
      let handled = 0;
      try {
        handled = await processQueueOnce(sql, options);
        if (Date.now() - lastCleanup > 60_000) {
          lastCleanup = Date.now();
          await deleteExpiredResponses(sql, options.responseTtl);
        }
        if (failing) log('database reachable again; polling net.http_request_queue');
        failing = false;
      } catch (error) {
        if (!failing) log(`cannot read net.http_request_queue: ${error instanceof Error ? error.message : String(error)} (retrying)`);
        failing = true;
      }
      if (handled === 0 && !stopped) {
        await new Promise<void>((resolveWait) => {
          const timer = setTimeout(resolveWait, failing ? 2000 : pollIntervalMs);
          wake = () => {
            clearTimeout(timer);
            resolveWait();
          };
        });
      }
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}

/**
 * Creates or updates the Vault secrets private.invoke_edge_function() reads (project_url and
 * secret_key: the stack's `sb_secret_…` key), so pg_cron jobs reach this stack's functions.
 * Idempotent.
 */
export async function ensureVaultSecrets(sql: Sql, secrets: { projectUrl: string; secretKey: string }): Promise<void> {
  const wanted: Array<[name: string, value: string, description: string]> = [
    ['project_url', secrets.projectUrl, 'Base URL of this project; private.invoke_edge_function() posts to <project_url>/functions/v1/<name>. Set by npm start.'],
    ['secret_key', secrets.secretKey, 'Secret API key (sb_secret_...) private.invoke_edge_function() sends to the worker functions. Set by npm start.'],
  ];
  for (const [name, value, description] of wanted) {
    const [existing] = await sql<Array<{ id: string }>>`select id::text as id from vault.secrets where name = ${name}`;
    if (existing) await sql`select vault.update_secret(${existing.id}::uuid, ${value}, ${name}, ${description})`;
    else await sql`select vault.create_secret(${value}, ${name}, ${description})`;
  }
}

// --- the background process of `npm start` -------------------------------------------------------

const pidFile = join(stateDir, 'pg-net-worker.pid');
export const pgNetWorkerLog = join(stateDir, 'logs', 'pg-net.log');
const tsxPath = join(repoRoot, 'node_modules', '.bin', 'tsx');
const thisFile = fileURLToPath(import.meta.url);
const readyLine = 'polling net.http_request_queue';

const workerProcess = backgroundProcess(pidFile);
const runningWorkerPid = workerProcess.runningPid;

export function stopPgNetWorkerProcess(): Promise<void> {
  return workerProcess.stop();
}

/** (Re)starts the worker in the background against `databaseUrl`; resolves once it polls. */
export async function startPgNetWorkerProcess(databaseUrl: string): Promise<void> {
  await stopPgNetWorkerProcess();
  mkdirSync(join(stateDir, 'logs'), { recursive: true });
  const out = openSync(pgNetWorkerLog, 'w');
  const child = spawn(tsxPath, [thisFile], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', out, out],
    env: { ...process.env, SLOTBASE_PG_NET_DB_URL: databaseUrl },
  });
  child.unref();
  if (child.pid === undefined) throw new StackError('the pg_net worker did not start (tsx missing? run `npm ci`)');
  workerProcess.record(child.pid);
  for (let i = 0; i < 150; i++) {
    if (runningWorkerPid() === undefined) break;
    if (existsSync(pgNetWorkerLog) && readFileSync(pgNetWorkerLog, 'utf8').includes(readyLine)) return;
    await sleep(100);
  }
  const tail = existsSync(pgNetWorkerLog) ? readFileSync(pgNetWorkerLog, 'utf8').split('\n').slice(-20).join('\n') : '';
  await stopPgNetWorkerProcess();
  throw new StackError(`the pg_net worker did not come up; its log (${pgNetWorkerLog}):\n${tail}`);
}

async function main(): Promise<void> {
  const databaseUrl = process.env.SLOTBASE_PG_NET_DB_URL;
  if (!databaseUrl) {
    process.stderr.write('pg-net-worker: set SLOTBASE_PG_NET_DB_URL (npm start does)\n');
    process.exit(2);
  }
  const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  const sql = postgres(databaseUrl, { max: 2, idle_timeout: 60, onnotice: () => {}, connection: { application_name: 'slotbase-pg-net-worker' } });
  const worker = runPgNetWorker(sql, { log });
  log(`pg_net worker (local stand-in for pg_net's background worker): ${readyLine}`);
  const shutdown = async () => {
    await worker.stop();
    await sql.end({ timeout: 1 }).catch(() => {});
    log('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

if (process.argv[1] && resolve(process.argv[1]) === thisFile) await main();

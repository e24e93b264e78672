// The local pg_net worker (local/stack/pg-net-worker.ts) against the throwaway database of
// `npm test` (SLOTBASE_TEST_DB_URL) and a local HTTP server: requests queued with the platform's
// net.http_* functions are sent like pg_net sends them and answered in net._http_response like
// pg_net answers them, failures included. Every worker here only takes requests addressed to this
// file's servers (urlPrefix), so other test files' queued requests are left alone.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureVaultSecrets, processQueueOnce, runPgNetWorker, sendQueuedRequest } from '../../local/stack/pg-net-worker.ts';
import { freePort } from '../functions-server/server.ts';

const url = process.env.SLOTBASE_TEST_DB_URL;

/** The single row a statement returns. */
function one<T>(rows: readonly T[]): T {
  if (rows.length !== 1 || rows[0] === undefined) throw new Error(`expected one row, got ${rows.length}`);
  return rows[0];
}

interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A server that records requests; /ok answers JSON, /slow never answers in time, /text 404s, /redirect goes to /ok. */
async function recordingServer(): Promise<{ server: Server; base: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const path = request.url ?? '';
      received.push({ method: request.method ?? '', path, headers: request.headers, body });
      if (path.startsWith('/slow')) return setTimeout(() => response.end('late'), 3000).unref();
      if (path.startsWith('/text')) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'x-trace': 'abc' });
        return response.end('no such thing');
      }
      if (path.startsWith('/redirect')) {
        response.writeHead(302, { location: '/ok?from=redirect' });
        return response.end();
      }
      if (path.startsWith('/empty')) {
        response.writeHead(204);
        return response.end();
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: true, path }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { server, base: `http://127.0.0.1:${port}`, received };
}

interface ResponseRow {
  id: string;
  status_code: number | null;
  content_type: string | null;
  headers: Record<string, string> | null;
  content: string | null;
  timed_out: boolean | null;
  error_msg: string | null;
}

describe.skipIf(!url)('local pg_net worker', () => {
  let sql: postgres.Sql;
  let http: Awaited<ReturnType<typeof recordingServer>>;

  beforeAll(async () => {
    sql = postgres(url as string, { max: 4, onnotice: () => {} });
    http = await recordingServer();
  });
  afterAll(async () => {
    await sql?.end({ timeout: 1 });
    await new Promise<void>((resolve) => http?.server.close(() => resolve()));
  });

  const responseOf = async (id: string): Promise<ResponseRow | undefined> =>
    (await sql<ResponseRow[]>`select id::text as id, status_code, content_type, headers, content, timed_out, error_msg from net._http_response where id = ${id}::bigint`)[0];
  const queued = async (id: string) => (await sql`select 1 from net.http_request_queue where id = ${id}::bigint`).length;

  it('sends a queued POST with its headers and body, stores the response like pg_net and empties the queue row', async () => {
    const { id } = one(await sql<Array<{ id: string }>>`
      select net.http_post(
        url := ${`${http.base}/ok/post`},
        body := '{"hello": "world"}'::jsonb,
        params := '{"a": "1 2"}'::jsonb,
        headers := '{"Content-Type": "application/json", "Authorization": "Bearer local-key"}'::jsonb
      )::text as id`);
    expect(await processQueueOnce(sql, { urlPrefix: http.base })).toBe(1);

    const request = http.received.find((r) => r.path.startsWith('/ok/post'));
    expect(request).toMatchObject({ method: 'POST', path: '/ok/post?a=1%202', body: '{"hello": "world"}' });
    expect(request?.headers.authorization).toBe('Bearer local-key');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['user-agent']).toMatch(/^pg_net\//);

    const response = await responseOf(id);
    expect(response).toMatchObject({ status_code: 200, content_type: 'application/json', timed_out: false, error_msg: null });
    expect(JSON.parse(response?.content ?? '')).toEqual({ ok: true, path: '/ok/post?a=1%202' });
    expect(response?.headers?.['content-type']).toBe('application/json');
    expect(await queued(id)).toBe(0);
  });

  it('stores non-2xx answers as answers (status, content type, headers, text) and follows redirects', async () => {
    const { notFound } = one(await sql<Array<{ notFound: string }>>`select net.http_get(${`${http.base}/text`})::text as "notFound"`);
    const { redirected } = one(await sql<Array<{ redirected: string }>>`select net.http_get(${`${http.base}/redirect`})::text as redirected`);
    const { empty } = one(await sql<Array<{ empty: string }>>`select net.http_delete(${`${http.base}/empty`})::text as empty`);
    expect(await processQueueOnce(sql, { urlPrefix: http.base })).toBe(3);

    expect(await responseOf(notFound)).toMatchObject({
      status_code: 404, content_type: 'text/plain; charset=utf-8', content: 'no such thing', timed_out: false, error_msg: null,
    });
    expect((await responseOf(notFound))?.headers?.['x-trace']).toBe('abc');
    expect(await responseOf(redirected)).toMatchObject({ status_code: 200, content: JSON.stringify({ ok: true, path: '/ok?from=redirect' }) });
    // pg_net stores null content for an empty body.
    expect(await responseOf(empty)).toMatchObject({ status_code: 204, content: null, timed_out: false });
    expect(http.received.find((r) => r.path === '/empty')?.method).toBe('DELETE');
  });

  it('answers a timeout with timed_out = true and an error message instead of a status', async () => {
    const { id } = one(await sql<Array<{ id: string }>>`select net.http_get(${`${http.base}/slow`}, timeout_milliseconds := 300)::text as id`);
    expect(await processQueueOnce(sql, { urlPrefix: http.base })).toBe(1);
    const response = await responseOf(id);
    expect(response).toMatchObject({ status_code: null, content: null, timed_out: true });
    expect(response?.error_msg).toMatch(/^Timeout of 300 ms reached/);
    expect(await queued(id)).toBe(0);
  });

  it('answers a refused connection with curl\'s error message, and a bad timeout without sending', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const { refused } = one(await sql<Array<{ refused: string }>>`select net.http_post(${`${closed}/functions/v1/x`})::text as refused`);
    expect(await processQueueOnce(sql, { urlPrefix: closed })).toBe(1);
    expect(await responseOf(refused)).toMatchObject({ status_code: null, timed_out: false, error_msg: "Couldn't connect to server" });

    const { zero } = one(await sql<Array<{ zero: string }>>`select net.http_get(${`${http.base}/ok/zero`}, timeout_milliseconds := 0)::text as zero`);
    expect(await processQueueOnce(sql, { urlPrefix: http.base })).toBe(1);
    expect((await responseOf(zero))?.error_msg).toMatch(/timeout_milliseconds must be between 1 and/);
    expect(http.received.some((r) => r.path === '/ok/zero')).toBe(false);
  });

  it('refuses a header with a line break instead of sending it (header injection)', async () => {
    const row = await sendQueuedRequest({
      id: '1', method: 'GET', url: `${http.base}/ok/injected`, headers: { 'X-Evil': 'a\r\nX-Injected: 1' }, body: null, timeout_milliseconds: 1000,
    });
    expect(row).toMatchObject({ status_code: null, error_msg: 'header "X-Evil" contains a carriage return or line feed' });
    expect(http.received.some((r) => r.path === '/ok/injected')).toBe(false);
  });

  it('leaves requests for other URLs in the queue', async () => {
    const other = `http://127.0.0.1:${await freePort()}/not-mine`;
    const { id } = one(await sql<Array<{ id: string }>>`select net.http_get(${other})::text as id`);
    try {
      expect(await processQueueOnce(sql, { urlPrefix: http.base })).toBe(0);
      expect(await queued(id)).toBe(1);
    } finally {
      await sql`delete from net.http_request_queue where id = ${id}::bigint`;
    }
  });

  it('keeps running through failures: the polling worker answers every request, good or bad, then stops cleanly', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const lines: string[] = [];
    // Two workers on the same requests: skip locked + delete means each request is sent once.
    const workers = [
      runPgNetWorker(sql, { urlPrefix: http.base, pollIntervalMs: 50, log: (line) => lines.push(line) }),
      runPgNetWorker(sql, { urlPrefix: http.base, pollIntervalMs: 50, log: (line) => lines.push(line) }),
    ];
    const refusedWorker = runPgNetWorker(sql, { urlPrefix: closed, pollIntervalMs: 50, log: (line) => lines.push(line) });
    try {
      const ids = await sql<Array<{ id: string }>>`
        select net.http_post(${`${closed}/down`})::text as id
        union all select net.http_post(${`${http.base}/ok/loop`} || g::text, body := jsonb_build_object('n', g))::text from generate_series(1, 10) as g`;
      const deadline = Date.now() + 15_000;
      for (;;) {
        const { count } = one(await sql<Array<{ count: number }>>`
          select count(*)::int as count from net._http_response where id = any(${ids.map((r) => r.id)}::bigint[])`);
        if (count === ids.length) break;
        if (Date.now() > deadline) throw new Error(`only ${count} of ${ids.length} responses`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const loopRequests = http.received.filter((r) => r.path.startsWith('/ok/loop'));
      expect(loopRequests).toHaveLength(10);
      expect(new Set(loopRequests.map((r) => r.path)).size).toBe(10);
      // The log names method, URL and outcome, never headers or bodies.
      expect(lines.some((line) => line.includes(`POST ${closed}/down -> Couldn't connect to server`))).toBe(true);
      expect(lines.join('\n')).not.toContain('"n"');
    } finally {
      await Promise.all([...workers, refusedWorker].map((w) => w.stop()));
    }
  });

  it('sets the Vault secrets private.invoke_edge_function() reads, idempotently (in a rolled-back transaction)', async () => {
    const rolledBack = new Error('rollback');
    const seen = await sql.begin(async (tx) => {
      await ensureVaultSecrets(tx as unknown as postgres.Sql, { projectUrl: 'http://127.0.0.1:1/old', secretKey: 'old-key' });
      await ensureVaultSecrets(tx as unknown as postgres.Sql, { projectUrl: `${http.base}/`, secretKey: 'sb_secret_local' });
      const secrets = await tx<Array<{ name: string; decrypted_secret: string }>>`
        select name, decrypted_secret from vault.decrypted_secrets where name in ('project_url', 'secret_key') order by name`;
      const { id } = one(await tx<Array<{ id: string }>>`select private.invoke_edge_function('dispatch-notifications', '{"source": "cron"}')::text as id`);
      const [request] = await tx<Array<{ url: string; method: string; headers: Record<string, string>; body: string }>>`
        select url, method::text as method, headers, convert_from(body, 'utf8') as body from net.http_request_queue where id = ${id}::bigint`;
      throw Object.assign(rolledBack, { seen: { secrets, request } });
    }).catch((error: unknown) => {
      if (error !== rolledBack) throw error;
      return (error as Error & { seen: unknown }).seen as {
        secrets: Array<{ name: string; decrypted_secret: string }>;
        request: { url: string; method: string; headers: Record<string, string>; body: string };
      };
    });
    expect(seen.secrets).toEqual([
      { name: 'project_url', decrypted_secret: `${http.base}/` },
      { name: 'secret_key', decrypted_secret: 'sb_secret_local' },
    ]);
    expect(seen.request).toMatchObject({
      url: `${http.base}/functions/v1/dispatch-notifications`,
      method: 'POST',
      headers: { 'Content-Type': 'application/json', apikey: 'sb_secret_local', Authorization: 'Bearer sb_secret_local' },
    });
    expect(JSON.parse(seen.request.body)).toEqual({ source: 'cron' });
    // Rolled back: the shared test database keeps no secrets and no request.
    expect(await sql`select 1 from vault.decrypted_secrets where decrypted_secret in (${`${http.base}/`}, 'sb_secret_local')`).toHaveLength(0);
  });
});

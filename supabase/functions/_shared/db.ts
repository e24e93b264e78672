// Database access for Edge Functions: one postgres.js pool per function process, and the two ways
// a function may act in the database:
//   - asCaller: as the user who called the function, exactly as PostgREST would (role + JWT claims
//     set for one transaction), so RLS and the RPCs' own checks decide;
//   - asServiceRole: as service_role, for the service-role-only SQL functions (webhooks, workers).
// Every rule and state change lives in SQL; functions only pick who they act as.
//
// A lost connection (a database restart, a pooler recycling it, pg_terminate_backend) fails only
// the transaction that was on it: the pool connects again for the next one, and a transaction that
// had not reached COMMIT runs again on another connection (the server rolled it back). What
// remains is answered 503 database_unavailable (connectionLost below).
import postgres from 'postgres';

export type Sql = postgres.Sql;
export type Tx = postgres.TransactionSql;

/** Connections of a function's pool: a restart can take all of them at once. */
const poolSize = 4;

export function createSql(databaseUrl: string, applicationName: string): Sql {
  return postgres(databaseUrl, {
    max: poolSize,
    idle_timeout: 20,
    connect_timeout: 10,
    prepare: false, // works through transaction-mode poolers (Supavisor) too
    onnotice: () => {},
    connection: { application_name: applicationName },
  });
}

/** A caller's JWT claims as _shared/caller.ts verified them: at least `role`, for users `sub`. */
export type Claims = Record<string, unknown> & { role: string; sub?: string };

/**
 * The rest of what PostgREST sets for a request (request.method, request.path, request.headers):
 * passed by a function acting for a client, the database sees a client request as it would
 * through the Data API (rate limits count it, by the client IP of its headers).
 */
export interface ClientRequest {
  method: string;
  path: string;
  /** header name (lower-case) -> value */
  headers: Record<string, string>;
}

/** The client request a function received, as PostgREST would describe it (credentials left out). */
export function clientRequestOf(request: Request, path: string): ClientRequest {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    if (!['authorization', 'apikey', 'cookie'].includes(name)) headers[name] = value;
  });
  return { method: request.method, path, headers };
}

// postgres.js's own codes for a connection that went away, and the network errors under them.
const lostConnectionCodes = new Set([
  'CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT',
]);

/**
 * True when the error says the database connection was lost or the server is not accepting work
 * (SQLSTATE class 08 connection exceptions, 57P01-57P03 shutdown / cannot connect now), rather
 * than that a statement failed. The work may be retried; the caller answers 503.
 */
export function connectionLost(error: unknown): boolean {
  const code = error && typeof error === 'object' && 'code' in error ? String((error as { code: unknown }).code) : '';
  return lostConnectionCodes.has(code) || code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03';
}

/**
 * One transaction as `role` with `claims`. `work` must only talk to the database (it may run
 * again): when the connection is lost before COMMIT, the server has rolled the transaction back,
 * so it runs again on another connection. When every pooled connection was lost at once (a
 * restart, pg_terminate_backend), each attempt can draw one more dead one from the pool, so up to
 * poolSize + 1 attempts reach a fresh connection. A loss during COMMIT is not retried (the
 * outcome is unknown) and reaches the caller.
 */
async function actAs<T>(sql: Sql, role: string, claims: Claims, work: (tx: Tx) => Promise<T>, client?: ClientRequest): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let committing = false;
    try {
      return (await sql.begin(async (tx) => {
        await tx`select pg_catalog.set_config('role', ${role}, true), pg_catalog.set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`;
        if (client) {
          await tx`select pg_catalog.set_config('request.method', ${client.method}, true), pg_catalog.set_config('request.path', ${client.path}, true),
                          pg_catalog.set_config('request.headers', ${JSON.stringify(client.headers)}, true)`;
        }
        const result = await work(tx);
        committing = true;
        return result;
      })) as T;
    } catch (error) {
      if (attempt <= poolSize && !committing && connectionLost(error)) continue;
      throw error;
    }
  }
}

/**
 * Runs work in one transaction as the caller (role anon or authenticated from the claims); with
 * `client`, also with the request settings PostgREST would set for that client's request.
 */
export function asCaller<T>(sql: Sql, claims: Claims, work: (tx: Tx) => Promise<T>, client?: ClientRequest): Promise<T> {
  const role = claims.role === 'authenticated' || claims.role === 'service_role' ? claims.role : 'anon';
  return actAs(sql, role, claims, work, client);
}

/** Runs work in one transaction as service_role (what the service_role key gets through PostgREST). */
export function asServiceRole<T>(sql: Sql, work: (tx: Tx) => Promise<T>): Promise<T> {
  return actAs(sql, 'service_role', { role: 'service_role' }, work);
}

/**
 * A Postgres error as our SQL raises it: SQLSTATE, message, hint, and DETAIL (the reason code,
 * docs/errors.md). An error raised for PostgREST with `raise sqlstate 'PGRST'` (the 429 of the
 * rate limits) is unwrapped as PostgREST answers it: the body's code (PT429), message, details and
 * hint, the HTTP status and headers (Retry-After).
 */
export interface DatabaseError {
  code: string;
  message: string;
  hint: string | null;
  details: string | null;
  status?: number;
  headers?: Record<string, string>;
}

export function databaseErrorOf(error: unknown): DatabaseError | null {
  if (error && typeof error === 'object' && 'code' in error && typeof (error as { code: unknown }).code === 'string' &&
    (error as { name?: string }).name === 'PostgresError') {
    const e = error as { code: string; message: string; hint?: string; detail?: string };
    if (e.code === 'PGRST') {
      try {
        const body = JSON.parse(e.message) as { code: string; message: string; details?: string | null; hint?: string | null };
        const response = JSON.parse(e.detail ?? '{}') as { status?: number; headers?: Record<string, string> };
        return { code: body.code, message: body.message, hint: body.hint ?? null, details: body.details ?? null, status: response.status, headers: response.headers ?? {} };
      } catch {
        return { code: e.code, message: e.message, hint: e.hint ?? null, details: null };
      }
    }
    return { code: e.code, message: e.message, hint: e.hint ?? null, details: e.detail ?? null };
  }
  return null;
}

/** The HTTP status PostgREST answers for a SQLSTATE (PTxxx = xxx; docs: api/using-custom-schemas, errors). */
export function httpStatusOf(code: string): number {
  if (/^PT\d{3}$/.test(code)) return Number(code.slice(2));
  if (connectionLost({ code }) || code.startsWith('53')) return 503;
  if (code === '23P01' || code === '23505' || code === '40001') return 409;
  if (code === '22023' || code.startsWith('22') || code === '23514' || code === '23502') return 400;
  if (code === '42501') return 403;
  if (code === 'P0002') return 404;
  return 500;
}

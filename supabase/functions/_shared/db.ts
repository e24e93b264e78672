// Database access for Edge Functions: one postgres.js pool per function process, and the two ways
// a function may act in the database:
//   - asCaller: as the user who called the function, exactly as PostgREST would (role + JWT claims
//     set for one transaction), so RLS and the RPCs' own checks decide;
//   - asServiceRole: as service_role, for the service-role-only SQL functions (webhooks, workers).
// Every rule and state change lives in SQL; functions only pick who they act as.
//
// A lost connection (a database restart, a pooler recycling it, pg_terminate_backend) fails only
// the transaction that was on it: the pool connects again for the next one, and a transaction that
// had not reached COMMIT runs once more on a fresh connection (the server rolled it back). What
// remains is answered 503 database_unavailable (connectionLost below).
import postgres from 'postgres';

export type Sql = postgres.Sql;
export type Tx = postgres.TransactionSql;

export function createSql(databaseUrl: string, applicationName: string): Sql {
  return postgres(databaseUrl, {
    max: 4,
    idle_timeout: 20,
    connect_timeout: 10,
    prepare: false, // works through transaction-mode poolers (Supavisor) too
    onnotice: () => {},
    connection: { application_name: applicationName },
  });
}

/** A caller's JWT claims as _shared/caller.ts verified them: at least `role`, for users `sub`. */
export type Claims = Record<string, unknown> & { role: string; sub?: string };

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
 * twice): when the connection is lost before COMMIT, the server has rolled the transaction back,
 * so it is run once more on a fresh connection. A loss during COMMIT is not retried (the outcome
 * is unknown) and reaches the caller.
 */
async function actAs<T>(sql: Sql, role: string, claims: Claims, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let committing = false;
    try {
      return (await sql.begin(async (tx) => {
        await tx`select pg_catalog.set_config('role', ${role}, true), pg_catalog.set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`;
        const result = await work(tx);
        committing = true;
        return result;
      })) as T;
    } catch (error) {
      if (attempt === 1 && !committing && connectionLost(error)) continue;
      throw error;
    }
  }
}

/** Runs work in one transaction as the caller (role anon or authenticated from the claims). */
export function asCaller<T>(sql: Sql, claims: Claims, work: (tx: Tx) => Promise<T>): Promise<T> {
  const role = claims.role === 'authenticated' || claims.role === 'service_role' ? claims.role : 'anon';
  return actAs(sql, role, claims, work);
}

/** Runs work in one transaction as service_role (what the service_role key gets through PostgREST). */
export function asServiceRole<T>(sql: Sql, work: (tx: Tx) => Promise<T>): Promise<T> {
  return actAs(sql, 'service_role', { role: 'service_role' }, work);
}

/** A Postgres error as our SQL raises it: SQLSTATE, message, hint, and DETAIL (the reason code, docs/errors.md). */
export interface DatabaseError {
  code: string;
  message: string;
  hint: string | null;
  details: string | null;
}

export function databaseErrorOf(error: unknown): DatabaseError | null {
  if (error && typeof error === 'object' && 'code' in error && typeof (error as { code: unknown }).code === 'string' &&
    (error as { name?: string }).name === 'PostgresError') {
    const e = error as { code: string; message: string; hint?: string; detail?: string };
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

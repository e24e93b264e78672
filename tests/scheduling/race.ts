// Real parallel connections for the concurrency tests (tests/scheduling/*.test.ts): each call runs
// in its own transaction on its own connection, as PostgREST runs a request (a role and JWT claims
// set for the transaction), and all of them are released at the same instant by a barrier (an
// advisory lock the test holds until every call is waiting on it). A call may begin its
// transaction later than the others (`beginAfterMs`), so its now() is later: that is how a test
// makes one request see a hold as expired and another not.
// Notices the database sends are kept per race, so a test can check that no call had to be retried
// after a deadlock (the retry is the last resort; the lock order should make it unnecessary).
import postgres from 'postgres';

export type Sql = postgres.Sql;
export type Tx = postgres.TransactionSql;

/** Who makes the request: the server (service_role), a signed-in user, or a job (postgres, no request). */
export type Caller = { server: true } | { userId: string } | { job: true };

export type Outcome<T> =
  | { ok: true; value: T }
  | { ok: false; code: string; message: string; detail: string | null; hint: string | null };

export interface RaceCall<T> {
  as: Caller;
  run: (tx: Tx) => Promise<T>;
  /** begin this call's transaction this much later than the others (it still waits for the barrier) */
  beginAfterMs?: number;
}

export interface Race {
  admin: Sql;
  pool: Sql;
  /** notices received since the race started: { code, message, detail } */
  notices: Array<{ code?: string; message?: string; detail?: string }>;
  run<T>(calls: Array<RaceCall<T>>): Promise<Array<Outcome<T>>>;
  end(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function becomeCaller(tx: Tx, caller: Caller): Promise<void> {
  if ('server' in caller) {
    await tx`select set_config('role', 'service_role', true),
                    set_config('request.jwt.claims', ${JSON.stringify({ role: 'service_role' })}, true)`;
  } else if ('userId' in caller) {
    await tx`select set_config('role', 'authenticated', true),
                    set_config('request.jwt.claims', ${JSON.stringify({ sub: caller.userId, role: 'authenticated' })}, true)`;
  }
}

export function createRace(url: string, connections: number): Race {
  const notices: Race['notices'] = [];
  const admin = postgres(url, { max: 2, onnotice: () => {} });
  const pool = postgres(url, {
    max: connections,
    onnotice: (notice) => notices.push({ code: notice.code, message: notice.message, detail: notice.detail }),
  });
  let barrierKey = Math.floor(Math.random() * 1e9);

  async function run<T>(calls: Array<RaceCall<T>>): Promise<Array<Outcome<T>>> {
    const key = ++barrierKey;
    const gate = await admin.reserve();
    await gate`select pg_advisory_lock(${key})`;
    const outcomes = calls.map(async (call): Promise<Outcome<T>> => {
      if (call.beginAfterMs) await sleep(call.beginAfterMs);
      try {
        const value = await pool.begin(async (tx) => {
          await tx`select pg_advisory_xact_lock_shared(${key})`;
          await becomeCaller(tx, call.as);
          return call.run(tx);
        });
        return { ok: true, value: value as T };
      } catch (error) {
        const e = error as { code?: string; message?: string; detail?: string; hint?: string };
        return { ok: false, code: e.code ?? '?', message: e.message ?? String(error), detail: e.detail ?? null, hint: e.hint ?? null };
      }
    });
    // release the barrier once every call is waiting on it
    const latest = Math.max(0, ...calls.map((c) => c.beginAfterMs ?? 0));
    await sleep(latest);
    for (let i = 0; i < 400; i++) {
      const [row] = await admin<{ n: number }[]>`
        select count(*)::int as n from pg_locks where locktype = 'advisory' and objid = ${key} and not granted`;
      if (row!.n >= calls.length) break;
      await sleep(10);
    }
    await gate`select pg_advisory_unlock(${key})`;
    gate.release();
    return Promise.all(outcomes);
  }

  return {
    admin,
    pool,
    notices,
    run,
    async end() {
      await pool.end();
      await admin.end();
    },
  };
}

/** The outcomes' failure codes (SQLSTATE and reason code), e.g. 'PT409 slot_taken'. */
export function failures<T>(outcomes: Array<Outcome<T>>): string[] {
  return outcomes.flatMap((o) => (o.ok ? [] : [`${o.code} ${o.detail ?? ''}`.trim()]));
}

// The real `checkDatabase` of the health function: a fresh connection and `select 1`, bounded in
// time. A fresh connection per probe answers "can we connect now?", not "is an old socket alive?".
import postgres from 'postgres';

export interface DatabaseProbeOptions {
  /** Upper bound for connecting and answering together. */
  timeoutMs: number;
  log?: (message: string) => void;
}

export function createDatabaseProbe(databaseUrl: string, { timeoutMs, log = console.error }: DatabaseProbeOptions): () => Promise<boolean> {
  return async () => {
    const sql = postgres(databaseUrl, {
      max: 1,
      connect_timeout: Math.max(1, Math.ceil(timeoutMs / 1000)),
      idle_timeout: 1,
      prepare: false, // works through transaction-mode poolers (Supavisor) too
      onnotice: () => {},
      connection: { application_name: 'slotbase-health' },
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([sql`select 1 as ok`, timeout]);
      return true;
    } catch (error) {
      // Logged for the operator; the response only says "unreachable". postgres.js messages carry
      // host and port, never the password.
      log(`health: database probe failed: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    } finally {
      clearTimeout(timer);
      await sql.end({ timeout: 0 }).catch(() => {});
    }
  };
}

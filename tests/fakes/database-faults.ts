// Faults of the database connection, injected from the test's side: what a database restart or a
// pooler recycling connections does to an Edge Function. Every function's pool names its
// connections `slotbase-<function>` (application_name, _shared/db.ts), so the test finds and
// terminates exactly that function's backends with pg_terminate_backend, as an operator would.
import type { Sql } from 'postgres';

export interface DatabaseFaults {
  /** Terminates every backend of the function; resolves with how many there were, once they are gone. */
  terminateBackends: (functionName: string) => Promise<number>;
  /**
   * Waits until a backend of the function is waiting for a lock (one the test holds), then
   * terminates it: the function loses its connection in the middle of a statement.
   */
  terminateWhileWaiting: (functionName: string, timeoutMs?: number) => Promise<void>;
}

export function databaseFaults(admin: Sql): DatabaseFaults {
  const applicationName = (functionName: string) => `slotbase-${functionName}`;
  const backends = async (functionName: string) =>
    (await admin<{ pid: number }[]>`select pid from pg_stat_activity where application_name = ${applicationName(functionName)}`).map((row) => row.pid);

  async function terminate(functionName: string, pids: number[]): Promise<void> {
    for (const pid of pids) await admin`select pg_terminate_backend(${pid})`;
    const deadline = Date.now() + 5000;
    while ((await backends(functionName)).some((pid) => pids.includes(pid))) {
      if (Date.now() > deadline) throw new Error(`the backends of ${functionName} did not end`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  return {
    async terminateBackends(functionName) {
      const pids = await backends(functionName);
      await terminate(functionName, pids);
      return pids.length;
    },
    async terminateWhileWaiting(functionName, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const waiting = (await admin<{ pid: number }[]>`
          select pid from pg_stat_activity where application_name = ${applicationName(functionName)} and wait_event_type = 'Lock'`).map((row) => row.pid);
        if (waiting.length > 0) {
          await terminate(functionName, waiting);
          return;
        }
        if (Date.now() > deadline) throw new Error(`no backend of ${functionName} waited for a lock within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

/** The lines in which the functions server reports that a function's process died (a crash). */
export function crashesOf(serverOutput: string, functionName: string): string[] {
  return serverOutput.split('\n').filter((line) => line.includes(`[functions] ${functionName} exited`) || line.includes(`[${functionName}] error: Uncaught`));
}

// Background processes of `npm start` (the functions server, the pg_net worker): each one is a
// detached process group whose leader's pid is kept in a file under .slotbase/, so a later
// `npm stop` (another Node process) can find and stop it.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface BackgroundProcess {
  /** The pid when the recorded process is alive; forgets a stale pid file. */
  runningPid: () => number | undefined;
  /** Records a freshly spawned process. */
  record: (pid: number) => void;
  /** SIGTERM to its group, up to 5 s to exit, then SIGKILL; forgets it. */
  stop: () => Promise<void>;
}

export function backgroundProcess(pidFile: string): BackgroundProcess {
  const runningPid = (): number | undefined => {
    if (!existsSync(pidFile)) return undefined;
    const pid = Number(readFileSync(pidFile, 'utf8'));
    try {
      process.kill(pid, 0);
      return pid;
    } catch {
      rmSync(pidFile, { force: true });
      return undefined;
    }
  };
  const signal = (pid: number, name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      try {
        process.kill(pid, name);
      } catch {
        // already gone
      }
    }
  };
  return {
    runningPid,
    record: (pid) => writeFileSync(pidFile, String(pid)),
    stop: async () => {
      const pid = runningPid();
      if (pid === undefined) return;
      signal(pid, 'SIGTERM');
      for (let i = 0; i < 50 && runningPid() !== undefined; i++) await sleep(100);
      if (runningPid() !== undefined) signal(pid, 'SIGKILL');
      rmSync(pidFile, { force: true });
    },
  };
}

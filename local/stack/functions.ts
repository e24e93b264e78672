// The API gateway of the local stack (local/functions-server, under Deno from npm): the Edge
// Functions, the Data API in front of PostgREST, and 501 for Auth/Realtime/Storage; run in the
// background like the containers of `supabase start`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { functionsDir, functionsPort, functionsServerEntry, repoRoot, stackKeys, stateDir, supabaseDir } from './config.ts';
import { platformEnvironment } from './keys.ts';
import { backgroundProcess } from './background.ts';
import { StackError } from './log.ts';
import { isPortInUse } from './postgres.ts';

const pidFile = join(stateDir, 'functions.pid');
export const functionsLog = join(stateDir, 'logs', 'functions.log');
export const denoPath = join(repoRoot, 'node_modules', '.bin', 'deno');
/** The project URL of the local stack (SUPABASE_URL of the functions; Vault project_url). */
export const functionsUrl = `http://127.0.0.1:${functionsPort}`;

const server = backgroundProcess(pidFile);
const runningPid = server.runningPid;

export function stopFunctions(): Promise<void> {
  return server.stop();
}

/** (Re)starts the server so that it serves the current code; resolves once it listens. */
export async function startFunctions(databaseUrl: string, rest: { url: string } | { unavailable: string }): Promise<void> {
  await stopFunctions();
  if (await isPortInUse(functionsPort)) {
    throw new StackError(
      `port ${functionsPort} is already in use, so Edge Functions cannot be served.`,
      `Stop whatever listens there (\`ss -ltnp 'sport = :${functionsPort}'\` shows it), or run \`npm stop\`.`,
    );
  }
  mkdirSync(join(stateDir, 'logs'), { recursive: true });
  const out = openSync(functionsLog, 'w');
  const child = spawn(denoPath, [
    'run', '-A', functionsServerEntry,
    '--port', String(functionsPort),
    '--functions-dir', functionsDir,
    '--config', join(supabaseDir, 'config.toml'),
    '--env-file', join(functionsDir, '.env'),
    ...('url' in rest ? ['--rest-url', rest.url] : ['--rest-unavailable', rest.unavailable]),
  ], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      SUPABASE_URL: functionsUrl,
      SUPABASE_DB_URL: databaseUrl,
      ...platformEnvironment(stackKeys),
      // `npm:` imports resolve as on the platform, not from this repository's node_modules.
      DENO_NO_PACKAGE_JSON: '1',
    },
  });
  child.unref();
  if (child.pid === undefined) throw new StackError('the Edge Functions server did not start (deno missing? run `npm ci`)');
  server.record(child.pid);
  // The first start may fetch the functions' npm dependencies into Deno's cache.
  for (let i = 0; i < 1200; i++) {
    if (runningPid() === undefined) break;
    if (await isPortInUse(functionsPort)) return;
    await sleep(100);
  }
  const log = existsSync(functionsLog) ? readFileSync(functionsLog, 'utf8').split('\n').slice(-20).join('\n') : '';
  await stopFunctions();
  throw new StackError(`the Edge Functions server did not come up; its log (${functionsLog}):\n${log}`);
}

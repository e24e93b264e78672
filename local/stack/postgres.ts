// PostgreSQL 15 for the local stack: find (or install) the server and its extensions, create a
// private cluster, start and stop it, install the platform emulation (local/platform/).
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { checkoutId, dbName, dbPassword, pgMajor, platformDir, stateDir } from './config.ts';
import { StackError, info } from './log.ts';

/** What the stack needs from the OS, with the Debian package that provides each piece. */
const requirements = [
  { pkg: `postgresql-${pgMajor}`, file: `/usr/lib/postgresql/${pgMajor}/bin/postgres` },
  { pkg: `postgresql-${pgMajor}-pgtap`, file: `/usr/share/postgresql/${pgMajor}/extension/pgtap.control` },
  { pkg: `postgresql-${pgMajor}-cron`, file: `/usr/lib/postgresql/${pgMajor}/lib/pg_cron.so` },
  { pkg: `postgresql-${pgMajor}-plpgsql-check`, file: `/usr/lib/postgresql/${pgMajor}/lib/plpgsql_check.so` },
  { pkg: 'libtap-parser-sourcehandler-pgtap-perl', file: '/usr/bin/pg_prove' },
] as const;

export const pgBinDir = process.env.SLOTBASE_PG_BINDIR ?? `/usr/lib/postgresql/${pgMajor}/bin`;

const isRoot = process.getuid?.() === 0;

/**
 * Makes sure PostgreSQL 15 and the extensions are installed. On Debian as root, installs what is
 * missing with apt; anywhere else, says exactly what to run.
 */
export function ensurePostgresPackages(): void {
  const missing = requirements.filter((r) => !existsSync(r.file)).map((r) => r.pkg);
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (!hasApt || !isRoot) {
    throw new StackError(
      `PostgreSQL ${pgMajor} pieces are missing: ${missing.join(', ')}.`,
      hasApt
        ? `Install them with:\n    sudo sh -c '${command}'`
        : `Install PostgreSQL ${pgMajor} with pgTAP, pg_cron, plpgsql_check and pg_prove, then set SLOTBASE_PG_BINDIR to its bin directory.`,
    );
  }
  info(`installing ${missing.join(', ')} with apt-get`);
  run('sh', ['-c', command], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: 'inherit' });
  const stillMissing = requirements.filter((r) => !existsSync(r.file)).map((r) => r.pkg);
  if (stillMissing.length > 0) throw new StackError(`apt-get did not provide: ${stillMissing.join(', ')}`);
}

function run(cmd: string, args: string[], options: SpawnSyncOptions = {}): string {
  const result = spawnSync(cmd, args, { encoding: 'utf8', ...options });
  if (result.error) throw new StackError(`${cmd} could not run: ${result.error.message}`);
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    throw new StackError(`${cmd} ${args.join(' ')} failed (exit ${result.status})${output ? `:\n${output}` : ''}`);
  }
  return String(result.stdout ?? '');
}

/** Runs a PostgreSQL server binary; as root, as the `postgres` OS user (the server refuses root). */
function runPgBinary(binary: string, args: string[], options: SpawnSyncOptions = {}): string {
  const path = join(pgBinDir, binary);
  return isRoot ? run('runuser', ['-u', 'postgres', '--', path, ...args], options) : run(path, args, options);
}

function canServerUserWrite(dir: string): boolean {
  if (!isRoot) return true;
  return spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-w', dir]).status === 0;
}

function giveToServerUser(dir: string): void {
  if (isRoot) run('chown', ['-R', 'postgres:postgres', dir]);
}

/** Is something accepting TCP connections on 127.0.0.1:port? */
export function isPortInUse(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolvePromise(true);
    });
    socket.once('error', () => resolvePromise(false));
  });
}

export interface Cluster {
  name: string;
  port: number;
  dir: string;
  dataDir: string;
  logFile: string;
  /** Throwaway clusters (tests) trade durability for speed. */
  ephemeral: boolean;
}

/**
 * Where a cluster lives: under `.slotbase/` in the checkout, unless (as root) the `postgres` OS
 * user cannot reach the checkout (e.g. a clone inside a 0700 temp dir); then under /var/tmp.
 */
export function clusterFor(name: string, port: number, ephemeral = false): Cluster {
  mkdirSync(stateDir, { recursive: true });
  let base = stateDir;
  if (isRoot) {
    const probe = join(stateDir, 'clusters');
    mkdirSync(probe, { recursive: true });
    giveToServerUser(probe);
    if (!canServerUserWrite(probe)) {
      base = join('/var/tmp', `slotbase-${checkoutId}`);
      mkdirSync(join(base, 'clusters'), { recursive: true, mode: 0o755 });
      chmodSync(base, 0o755);
      giveToServerUser(join(base, 'clusters'));
    }
  }
  const dir = join(base, 'clusters', name);
  return { name, port, dir, dataDir: join(dir, 'data'), logFile: join(dir, 'postgres.log'), ephemeral };
}

export function isInitialised(cluster: Cluster): boolean {
  return existsSync(join(cluster.dir, 'ready'));
}

export function isRunning(cluster: Cluster): boolean {
  if (!existsSync(join(cluster.dataDir, 'postmaster.pid'))) return false;
  return spawnSync(isRoot ? 'runuser' : join(pgBinDir, 'pg_ctl'), [
    ...(isRoot ? ['-u', 'postgres', '--', join(pgBinDir, 'pg_ctl')] : []),
    'status', '-D', cluster.dataDir,
  ]).status === 0;
}

/** initdb with the platform's bootstrap superuser and the settings Supabase's image runs with. */
export function createCluster(cluster: Cluster): void {
  rmSync(cluster.dir, { recursive: true, force: true });
  mkdirSync(cluster.dir, { recursive: true });
  const pwFile = join(cluster.dir, 'pwfile');
  writeFileSync(pwFile, `${dbPassword}\n`, { mode: 0o600 });
  giveToServerUser(cluster.dir);
  runPgBinary('initdb', [
    '-D', cluster.dataDir,
    '-U', 'supabase_admin',
    `--pwfile=${pwFile}`,
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    '--encoding=UTF8',
    '--locale=C.UTF-8',
    ...(cluster.ephemeral ? ['--no-sync'] : []),
  ], { cwd: cluster.dir });
  rmSync(pwFile);
  const settings = [
    `port = ${cluster.port}`,
    `listen_addresses = '127.0.0.1'`,
    // Only TCP: socket paths under a deep checkout would exceed the 107-byte limit.
    `unix_socket_directories = ''`,
    `wal_level = logical`,
    `shared_preload_libraries = 'pg_cron'`,
    `cron.database_name = '${dbName}'`,
    // Jobs run in background workers, not over a password-less TCP connection (as on Supabase).
    `cron.use_background_workers = on`,
    `max_worker_processes = 16`,
    `timezone = 'UTC'`,
    `log_timezone = 'UTC'`,
    `max_connections = 200`,
    `password_encryption = 'scram-sha-256'`,
    ...(cluster.ephemeral ? ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off'] : []),
  ];
  writeFileSync(join(cluster.dataDir, 'postgresql.auto.conf'), `${settings.join('\n')}\n`);
  giveToServerUser(cluster.dir);
}

export async function startCluster(cluster: Cluster): Promise<void> {
  if (isRunning(cluster)) return;
  if (await isPortInUse(cluster.port)) {
    throw new StackError(
      `port ${cluster.port} is already in use, so the ${cluster.name} database cannot start.`,
      `Stop whatever listens there (\`ss -ltnp 'sport = :${cluster.port}'\` shows it), or run \`npm stop\` if it is an older Slotbase stack.`,
    );
  }
  try {
    runPgBinary('pg_ctl', ['start', '-D', cluster.dataDir, '-l', cluster.logFile, '-w', '-t', '60', '-s'], { cwd: cluster.dir });
  } catch (error) {
    const tail = existsSync(cluster.logFile) ? readFileSync(cluster.logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
    throw new StackError(`PostgreSQL did not start: ${(error as Error).message}\n${tail}`);
  }
}

export function stopCluster(cluster: Cluster): void {
  if (!isRunning(cluster)) return;
  runPgBinary('pg_ctl', ['stop', '-D', cluster.dataDir, '-m', 'fast', '-w', '-s'], { cwd: cluster.dir });
}

export function destroyCluster(cluster: Cluster): void {
  stopCluster(cluster);
  rmSync(cluster.dir, { recursive: true, force: true });
}

/** sha256 over the names and contents of local/platform/*.sql: what a database was built with. */
export function platformFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(platformDir).filter((f) => f.endsWith('.sql')).sort()) {
    hash.update(file).update('\0').update(readFileSync(join(platformDir, file))).update('\0');
  }
  return hash.digest('hex');
}

export function markReady(cluster: Cluster): void {
  writeFileSync(join(cluster.dir, 'ready'), JSON.stringify({ builtAt: new Date().toISOString(), platform: platformFingerprint() }));
}

/**
 * True when the cluster was built from today's local/platform files. Migrations assume the
 * platform's objects (e.g. storage.buckets), and the emulation is installed only when a cluster is
 * created, so a database built from older files must be rebuilt before new migrations apply.
 */
export function builtWithCurrentPlatform(cluster: Cluster): boolean {
  try {
    const ready = JSON.parse(readFileSync(join(cluster.dir, 'ready'), 'utf8')) as { platform?: unknown };
    return ready.platform === platformFingerprint();
  } catch {
    return false;
  }
}

/** psql over TCP as the given role; stops at the first error. */
export function psql(cluster: Cluster, user: string, args: string[], options: SpawnSyncOptions = {}): string {
  return run(join(pgBinDir, 'psql'), [
    '-X', '-q', '-v', 'ON_ERROR_STOP=1',
    '-h', '127.0.0.1', '-p', String(cluster.port), '-U', user, '-d', dbName,
    ...args,
  ], { ...options, env: { ...process.env, PGPASSWORD: dbPassword, PGTZ: 'UTC', ...options.env } });
}

/** Runs one query and returns its rows as tab-separated lines. */
export function query(cluster: Cluster, user: string, sql: string): string[] {
  return psql(cluster, user, ['-A', '-t', '-F', '\t', '-c', sql]).split('\n').filter((line) => line !== '');
}

/** Installs what Supabase provides inside Postgres (local/platform/*.sql, in name order). */
export function installPlatform(cluster: Cluster): void {
  const files = readdirSync(platformDir).filter((f) => f.endsWith('.sql')).sort();
  if (files.length === 0) throw new StackError(`no platform emulation files in ${platformDir}`);
  for (const file of files) psql(cluster, 'supabase_admin', ['-f', join(platformDir, file)]);
}

// Entry point of the local stack: `npm start`, `npm stop`, `npm run db:reset`, `npm run status`,
// `npm run types`, `npm test` all land here (see package.json).
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import postgres from 'postgres';
import { dbUrl, devDbPort, functionsPort, jwtSecret, typesFile } from './config.ts';
import { showDevOutbox } from './dev-outbox.ts';
import { functionsLog, functionsUrl, startFunctions, stopFunctions } from './functions.ts';
import { apiKeys } from './keys.ts';
import { fail, info } from './log.ts';
import { ensureVaultSecrets, pgNetWorkerLog, startPgNetWorkerProcess, stopPgNetWorkerProcess } from './pg-net-worker.ts';
import {
  type Cluster, clusterFor, createCluster, destroyCluster, ensurePostgresPackages, installPlatform, isInitialised, isRunning,
  markReady, query, startCluster, stopCluster,
} from './postgres.ts';
import { generateTypes, pushMigrations } from './supabase-cli.ts';
import { runTests } from './test.ts';
import { withThrowawayDatabase } from './throwaway.ts';

const devCluster = (): Cluster => clusterFor('dev', devDbPort);

async function start(): Promise<void> {
  ensurePostgresPackages();
  const cluster = devCluster();
  if (!isInitialised(cluster)) {
    info(`creating the local database cluster in ${cluster.dir}`);
    destroyCluster(cluster);
    createCluster(cluster);
    await startCluster(cluster);
    info('installing the Supabase platform emulation (local/platform)');
    installPlatform(cluster);
    info('applying migrations and seed with `supabase db push`');
    pushMigrations(dbUrl(cluster.port), { seed: true });
    markReady(cluster);
  } else {
    await startCluster(cluster);
    info('applying new migrations with `supabase db push`');
    pushMigrations(dbUrl(cluster.port), { seed: true });
  }
  info('serving Edge Functions with Deno');
  await startFunctions(dbUrl(cluster.port));
  info('setting the Vault secrets project_url and service_role_key, starting the pg_net worker');
  await setVaultSecrets(cluster);
  await startPgNetWorkerProcess(dbUrl(cluster.port));
  printDetails(cluster);
}

/** What private.invoke_edge_function() (pg_cron -> Edge Function) needs to reach this stack. */
async function setVaultSecrets(cluster: Cluster): Promise<void> {
  const sql = postgres(dbUrl(cluster.port), { max: 1, onnotice: () => {} });
  try {
    await ensureVaultSecrets(sql, { projectUrl: functionsUrl, serviceRoleKey: apiKeys(jwtSecret).serviceRoleKey });
  } finally {
    await sql.end({ timeout: 1 });
  }
}

function printDetails(cluster: Cluster): void {
  const { anonKey, serviceRoleKey } = apiKeys(jwtSecret);
  const users = query(cluster, 'supabase_admin', `
    select coalesce(u.email, ''), coalesce('+' || u.phone, ''), coalesce(u.raw_user_meta_data ->> 'full_name', '')
    from auth.users u order by u.created_at, u.email`);
  const lines = [
    '',
    'Slotbase is running locally.',
    '',
    `  Database URL     ${dbUrl(cluster.port)}`,
    `  Functions URL    http://127.0.0.1:${functionsPort}/functions/v1/<name>`,
    `  JWT secret       ${jwtSecret}`,
    `  anon key         ${anonKey}`,
    `  service_role key ${serviceRoleKey}`,
    `  Functions log    ${functionsLog}`,
    `  pg_net worker    ${pgNetWorkerLog} (sends what net.http_post() queues: cron -> functions)`,
    '',
    '  Messages without provider keys are NOT sent: they go to the dev outbox (OTP codes,',
    '  reminders, payment links). See them with `npm run outbox` (`-- --follow` to keep watching).',
    '',
    users.length > 0 ? '  Demo users (auth.users, from supabase/seed.sql):' : '  No demo users (supabase/seed.sql adds none).',
    ...users.map((row) => {
      const [email, phone, name] = row.split('\t');
      return `    ${[name, email, phone].filter(Boolean).join('  ')}`;
    }),
    '',
    'Stop with `npm stop`; rebuild the database from migrations + seed with `npm run db:reset`.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

async function stop(): Promise<void> {
  await stopPgNetWorkerProcess();
  await stopFunctions();
  stopCluster(devCluster());
  info('stopped');
}

async function reset(): Promise<void> {
  await stopPgNetWorkerProcess();
  await stopFunctions();
  destroyCluster(devCluster());
  await start();
}

function status(): void {
  const cluster = devCluster();
  info(isRunning(cluster) ? `database running: ${dbUrl(cluster.port)}` : 'database stopped');
}

async function types(): Promise<void> {
  const generated = await withThrowawayDatabase('types', { seed: false }, async (cluster) => generateTypes(dbUrl(cluster.port)));
  mkdirSync(dirname(typesFile), { recursive: true });
  writeFileSync(typesFile, generated);
  info(`wrote ${typesFile}`);
}

const commands: Record<string, () => Promise<unknown> | unknown> = {
  start,
  stop,
  reset,
  status,
  types,
  test: async () => process.exit(await runTests()),
  outbox: () => showDevOutbox(functionsLog, {
    count: Number(/^--last=(\d+)$/.exec(process.argv.find((a) => a.startsWith('--last=')) ?? '')?.[1] ?? 20),
    follow: process.argv.includes('--follow'),
  }),
};

const command = commands[process.argv[2] ?? ''];
if (!command) fail(new Error(`usage: cli.ts <${Object.keys(commands).join('|')}>`));
try {
  await command();
} catch (error) {
  fail(error);
}

// Entry point of the local stack: `npm start`, `npm stop`, `npm run db:reset`, `npm run status`,
// `npm run types`, `npm test` all land here (see package.json).
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { connectAsAuthAdmin, mintSession } from './auth-tool.ts';
import { dbUrl, devDbPort, restAdminPort, restPort, stackKeys, typesFile } from './config.ts';
import { showDevOutbox } from './dev-outbox.ts';
import { functionsLog, functionsUrl, startFunctions, stopFunctions } from './functions.ts';
import { StackError, fail, info } from './log.ts';
import { ensureVaultSecrets, pgNetWorkerLog, startPgNetWorkerProcess, stopPgNetWorkerProcess } from './pg-net-worker.ts';
import {
  type Cluster, builtWithCurrentPlatform, clusterFor, createCluster, destroyCluster, ensurePostgresPackages, installPlatform, isInitialised, isRunning,
  markReady, query, startCluster, stopCluster,
} from './postgres.ts';
import { postgrestLog, postgrestVersion, restIsRunning, startPostgrest, stopPostgrest } from './postgrest.ts';
import { localSigningKeys } from './signing.ts';
import { generateTypes, pushMigrations } from './supabase-cli.ts';
import { runTests } from './test.ts';
import { withThrowawayDatabase } from './throwaway.ts';

const devCluster = (): Cluster => clusterFor('dev', devDbPort);

async function start(): Promise<void> {
  ensurePostgresPackages();
  const cluster = devCluster();
  if (isInitialised(cluster) && !builtWithCurrentPlatform(cluster)) {
    info('local/platform changed since the dev database was built: rebuilding it from migrations and seed (its rows are lost)');
    destroyCluster(cluster);
  }
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
  info(`starting PostgREST ${postgrestVersion} (the Data API) on port ${restPort}`);
  const rest = await startPostgrest({ dbPort: cluster.port, serverPort: restPort, adminPort: restAdminPort, signingKeys: localSigningKeys(stackKeys) });
  if (!rest.started) info(`WARNING: the Data API is NOT served: ${rest.reason}. Everything else starts; /rest/v1 answers 503.`);
  info('serving the API gateway and the Edge Functions with Deno');
  await startFunctions(dbUrl(cluster.port), rest.started ? { url: `http://127.0.0.1:${restPort}` } : { unavailable: rest.reason });
  info('setting the Vault secrets project_url and secret_key, starting the pg_net worker');
  await setVaultSecrets(cluster);
  await startPgNetWorkerProcess(dbUrl(cluster.port));
  printDetails(cluster, rest.started ? null : rest.reason);
}

/** What private.invoke_edge_function() (pg_cron -> Edge Function) needs to reach this stack. */
async function setVaultSecrets(cluster: Cluster): Promise<void> {
  const sql = postgres(dbUrl(cluster.port), { max: 1, onnotice: () => {} });
  try {
    await ensureVaultSecrets(sql, { projectUrl: functionsUrl, secretKey: stackKeys.secretKey });
  } finally {
    await sql.end({ timeout: 1 });
  }
}

function printDetails(cluster: Cluster, restMissing: string | null): void {
  const { anonKey, serviceRoleKey, publishableKey, secretKey, jwtSecret, signingKey } = stackKeys;
  const users = query(cluster, 'supabase_admin', `
    select coalesce(u.email, ''), coalesce('+' || u.phone, ''), coalesce(u.raw_user_meta_data ->> 'full_name', '')
    from auth.users u order by u.created_at, u.email`);
  const lines = [
    '',
    'Slotbase is running locally.',
    '',
    `  API URL          ${functionsUrl}   (createClient(API URL, publishable key): /rest/v1, /functions/v1)`,
    restMissing
      ? `  REST URL         NOT SERVED: ${restMissing}`
      : `  REST URL         ${functionsUrl}/rest/v1   (PostgREST ${postgrestVersion}; log ${postgrestLog})`,
    `  Functions URL    ${functionsUrl}/functions/v1/<name>`,
    `  Database URL     ${dbUrl(cluster.port)}`,
    '',
    `  Publishable key  ${publishableKey}`,
    `  Secret key       ${secretKey}`,
    `  JWKS             ${functionsUrl}/auth/v1/.well-known/jwks.json   (access tokens: ES256, kid ${String(signingKey.kid)})`,
    '  Legacy keys (still accepted):',
    `  JWT secret       ${jwtSecret}`,
    `  anon key         ${anonKey}`,
    `  service_role key ${serviceRoleKey}`,
    '',
    `  Functions log    ${functionsLog}`,
    `  pg_net worker    ${pgNetWorkerLog} (sends what net.http_post() queues: cron -> functions)`,
    '',
    '  Not served locally (they need Docker: `supabase start`, or a hosted project): Auth (GoTrue),',
    '  Realtime, Storage; /auth/v1 (but its JWKS), /realtime/v1 and /storage/v1 answer 501. Sign in for API calls',
    '  with a minted session: `npm run token -- <email or phone>` (a dev tool, see docs/development.md).',
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
  await stopPostgrest();
  stopCluster(devCluster());
  info('stopped');
}

async function reset(): Promise<void> {
  await stopPgNetWorkerProcess();
  await stopFunctions();
  await stopPostgrest();
  destroyCluster(devCluster());
  await start();
}

function status(): void {
  const cluster = devCluster();
  info(isRunning(cluster) ? `database running: ${dbUrl(cluster.port)}` : 'database stopped');
  info(restIsRunning() ? `Data API running: ${functionsUrl}/rest/v1 (PostgREST on port ${restPort})` : 'Data API (PostgREST) stopped');
}

/**
 * `npm run token -- <email|phone> [--json]`: a session for a user of the dev database, minted as
 * GoTrue would issue it after a one-time-code sign-in (local/stack/auth-tool.ts). A dev tool.
 */
async function token(): Promise<void> {
  const { values, positionals } = parseArgs({ args: process.argv.slice(3), allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  const who = positionals[0];
  if (!who || positionals.length > 1) throw new StackError('usage: npm run token -- <email or phone> [--json]', 'e.g. `npm run token -- sam.patel@example.test` or `npm run token -- +447700900001`');
  if (!isRunning(devCluster())) throw new StackError('the local database is not running', 'Start it with `npm start`.');
  const sql = connectAsAuthAdmin(devDbPort);
  try {
    const session = await mintSession(sql, who.includes('@') ? { email: who } : { phone: who }, {
      apiUrl: functionsUrl,
      signingKeys: localSigningKeys(stackKeys),
    });
    if (values.json) {
      process.stdout.write(`${JSON.stringify(session, null, 2)}\n`);
      return;
    }
    process.stderr.write([
      `slotbase: a session for ${session.user.email || `+${session.user.phone}`} (user ${session.user.id}), valid until ${new Date(session.expires_at * 1000).toISOString()},`,
      '  minted as GoTrue would after a one-time-code sign-in (dev tool: GoTrue does not run locally).',
      `  curl ${functionsUrl}/rest/v1/appointments -H "apikey: <publishable key>" -H "Authorization: Bearer <token>"`,
      '  supabase-js: `-- --json` prints the whole session (hand it to the client through auth.storage).',
      '',
    ].join('\n'));
    process.stdout.write(`${session.access_token}\n`);
  } finally {
    await sql.end({ timeout: 1 });
  }
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
  token,
  types,
  test: async () => process.exit(await runTests()),
  outbox: () => {
    const { values } = parseArgs({ args: process.argv.slice(3), options: { last: { type: 'string', default: '20' }, follow: { type: 'boolean', default: false } } });
    const count = Number(values.last);
    if (!Number.isInteger(count) || count < 1) throw new StackError('--last takes a number of messages, e.g. --last=5');
    return showDevOutbox(functionsLog, { count, follow: values.follow });
  },
};

const command = commands[process.argv[2] ?? ''];
if (!command) fail(new Error(`usage: cli.ts <${Object.keys(commands).join('|')}>`));
try {
  await command();
} catch (error) {
  fail(error);
}

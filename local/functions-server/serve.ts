// The local stack's API gateway and Docker-free stand-in for `supabase functions serve`: serves
// every function of a functions folder at http://127.0.0.1:<port>/functions/v1/<name>, each in its
// own Deno process, mirroring the platform's routing, verify_jwt check and error responses; and,
// on the same origin, the Data API (/rest/v1 -> PostgREST, as Kong does) and a 501 for the
// services that need Docker (api-gateway.ts). See README.md.
//
//   deno run -A local/functions-server/serve.ts --port 54321 --functions-dir supabase/functions \
//     --config supabase/config.toml --env-file supabase/functions/.env --rest-url http://127.0.0.1:64321
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type ApiGatewayOptions, handleApiRequest, upstreamAuthorization } from './api-gateway.ts';
import { readFunctionsConfig } from './config.ts';
import { readEnvFile } from './env-file.ts';
import { buildFunctionEnvironment, discoverFunctions, type FunctionDefinition } from './functions.ts';
import { gatewayErrors, parseFunctionRoute, rejectUnauthorized, supportedMethods } from './gateway.ts';
import type { JwkSet } from './jwt.ts';
import { forwardToFunction } from './proxy.ts';
import { FunctionWorker } from './worker.ts';

const localJwtSecret = 'super-secret-jwt-token-with-at-least-32-characters-long';

interface Options {
  port: number;
  hostname: string;
  functionsDir: string;
  configPath: string;
  envFilePath: string;
  watch: boolean;
  idleTimeoutMs: number;
  bootTimeoutMs: number;
  /** PostgREST's origin; absent: /rest/v1 answers 503 with `restUnavailable` as the reason. */
  restUrl?: string;
  restUnavailable: string;
}

const usage = `usage: serve.ts [--port 54321] [--hostname 127.0.0.1] [--functions-dir supabase/functions]
                [--config supabase/config.toml] [--env-file <functions-dir>/.env] [--no-watch]
                [--request-idle-timeout-ms 150000] [--boot-timeout-ms 60000]
                [--rest-url http://127.0.0.1:64321 | --rest-unavailable <reason>]`;

function fail(message: string, exitCode = 1): never {
  console.error(`[functions] ${message}`);
  Deno.exit(exitCode);
}

function parseOptions(args: string[]): Options {
  const text = { type: 'string' } as const;
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        port: text, hostname: text, 'functions-dir': text, config: text, 'env-file': text,
        'request-idle-timeout-ms': text, 'boot-timeout-ms': text, 'rest-url': text, 'rest-unavailable': text,
        'no-watch': { type: 'boolean' },
      },
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`, 2);
  }
  const option = (key: string) => values[key] as string | undefined;
  const integer = (key: string, fallback: number) => {
    const value = Number(option(key) ?? fallback);
    if (!Number.isInteger(value) || value < 0) fail(`--${key} must be a non-negative integer`, 2);
    return value;
  };
  const functionsDir = resolve(option('functions-dir') ?? 'supabase/functions');
  const restUrl = option('rest-url');
  return {
    port: integer('port', 54321),
    hostname: option('hostname') ?? '127.0.0.1',
    functionsDir,
    configPath: resolve(option('config') ?? 'supabase/config.toml'),
    envFilePath: resolve(option('env-file') ?? join(functionsDir, '.env')),
    watch: values['no-watch'] !== true,
    idleTimeoutMs: integer('request-idle-timeout-ms', 150_000),
    bootTimeoutMs: integer('boot-timeout-ms', 60_000),
    ...(restUrl !== undefined ? { restUrl: new URL(restUrl).origin } : {}),
    restUnavailable: option('rest-unavailable') ?? 'the gateway was started without --rest-url',
  };
}

const options = parseOptions(Deno.args);
const jwtSecret = Deno.env.get('SUPABASE_JWT_SECRET') || localJwtSecret;
const log = (line: string) => console.log(line);
const baseUrl = `http://${options.hostname}:${options.port}/functions/v1`;

/** A JSON variable of the platform's environment, or `fallback` when unset; bad JSON stops the server. */
function jsonVariable<T>(name: string, valid: (value: unknown) => value is T, fallback: T): T {
  const text = Deno.env.get(name);
  if (!text) return fallback;
  try {
    const value: unknown = JSON.parse(text);
    if (valid(value)) return value;
  } catch {
    // reported below
  }
  fail(`${name} is not valid (expected ${name.endsWith('JWKS') ? 'a JWK Set {"keys": [...]}' : 'a JSON object {"<name>": "<key>"}'})`);
}

const isKeyMap = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((key) => typeof key === 'string');
const isJwkSet = (value: unknown): value is JwkSet =>
  typeof value === 'object' && value !== null && Array.isArray((value as JwkSet).keys) && (value as JwkSet).keys.every((key) => typeof key === 'object' && key !== null);

// The JWK Set verify_jwt trusts (public signing keys and the legacy secret as an `oct` key, as the
// CLI's ResolveJWKS builds it); /auth/v1/.well-known/jwks.json publishes only its public keys.
const jwks = jsonVariable('SUPABASE_JWKS', isJwkSet, null as JwkSet | null);
const publicJwks: JwkSet = { keys: (jwks?.keys ?? []).filter((key) => key.kty !== 'oct' && key.d === undefined) };

// key-auth knows the project's API keys, legacy and new, as Kong's consumers do.
function apiGatewayOptions(): ApiGatewayOptions {
  const anonKey = Deno.env.get('SUPABASE_ANON_KEY');
  const serviceRoleKey = Deno.env.get('SUPABASE_SERVICE_ROLE_KEY');
  if (options.restUrl && (!anonKey || !serviceRoleKey)) fail('--rest-url needs SUPABASE_ANON_KEY and SUPABASE_SERVICE_ROLE_KEY in the environment (the keys key-auth accepts)');
  return {
    rest: options.restUrl ? { origin: options.restUrl } : { unavailable: options.restUnavailable },
    keys: {
      anonKey: anonKey ?? '',
      serviceRoleKey: serviceRoleKey ?? '',
      publishableKeys: Object.values(jsonVariable('SUPABASE_PUBLISHABLE_KEYS', isKeyMap, {})),
      secretKeys: Object.values(jsonVariable('SUPABASE_SECRET_KEYS', isKeyMap, {})),
    },
    publicJwks,
  };
}
const gateway = apiGatewayOptions();

let reportedIgnoredNames = '';
async function functionEnvironment(): Promise<Record<string, string>> {
  const { env, ignoredEnvFileNames } = buildFunctionEnvironment(Deno.env.toObject(), await readEnvFile(options.envFilePath));
  const ignored = ignoredEnvFileNames.join(', ');
  if (ignored && ignored !== reportedIgnoredNames) {
    log(`[functions] ignoring ${ignored} from ${relative(Deno.cwd(), options.envFilePath)}: the SUPABASE_ prefix is reserved for the platform's defaults`);
  }
  reportedIgnoredNames = ignored;
  return env;
}

let workers = new Map<string, FunctionWorker>();

/** (Re)reads config.toml and the functions folder, and replaces every function process. */
async function loadFunctions(reason: 'start' | 'change'): Promise<void> {
  if (stopping) return;
  let config;
  let discovery;
  try {
    config = await readFunctionsConfig(options.configPath);
    discovery = await discoverFunctions(options.functionsDir, config);
  } catch (error) {
    if (reason === 'start') fail(`cannot read the functions: ${(error as Error).message}`);
    log(`[functions] ✗ kept the previous functions: ${(error as Error).message}`);
    return;
  }
  const previous = workers;
  workers = new Map(discovery.functions.map((definition) => [definition.name, createWorker(definition)]));
  await Promise.all([...previous.values()].map((worker) => worker.stop()));

  log(`[functions] serving ${discovery.functions.length} function(s) at ${baseUrl}/<name>`);
  for (const { name, verifyJwt } of discovery.functions) log(`[functions]   ${baseUrl}/${name}  (verify_jwt: ${verifyJwt})`);
  for (const { name, reason: why } of discovery.skipped) log(`[functions]   skipped ${name}: ${why}`);
  for (const key of config.ignoredKeys) log(`[functions]   ignored ${key} in ${relative(Deno.cwd(), options.configPath)} (not supported here)`);
  // Start everything now, so a function that cannot start says so in the log right away.
  for (const worker of workers.values()) void worker.endpoint();
}

function createWorker(definition: FunctionDefinition): FunctionWorker {
  return new FunctionWorker({ definition, environment: functionEnvironment, bootTimeoutMs: options.bootTimeoutMs, log });
}

async function handle(request: Request, info: Deno.ServeHandlerInfo): Promise<Response> {
  const remote = info.remoteAddr as Deno.NetAddr;
  const api = await handleApiRequest(request, remote.hostname, gateway);
  if (api) return api;
  const url = new URL(request.url);
  const route = parseFunctionRoute(url.pathname);
  const worker = route ? workers.get(route.name) : undefined;
  if (!route || !worker) return gatewayErrors.notFound();
  if (!supportedMethods.has(request.method)) return gatewayErrors.methodNotAllowed(request.method);
  // The gateway's request-transformer runs first (an API key becomes the JWT it stands for), then
  // verify_jwt. Preflights carry no credentials; like the platform, let them reach the function's
  // CORS code.
  const authorization = upstreamAuthorization(request.headers, url, gateway.keys);
  if (request.method !== 'OPTIONS' && worker.definition.verifyJwt) {
    const rejection = await rejectUnauthorized(authorization, { jwtSecret, jwks });
    if (rejection) return rejection;
  }
  const endpoint = await worker.endpoint();
  if (!endpoint.ok) return gatewayErrors.bootError();
  return forwardToFunction(request, {
    origin: endpoint.origin,
    pathAndQuery: `${route.functionPath}${url.search}`,
    clientAddress: remote.hostname,
    authorization,
    idleTimeoutMs: options.idleTimeoutMs,
    onUnreachable: () => worker.settleAfterFailure(),
  });
}

let server: Deno.HttpServer<Deno.NetAddr>;
try {
  server = Deno.serve({ port: options.port, hostname: options.hostname, onListen: () => {} }, handle);
} catch (error) {
  if (error instanceof Deno.errors.AddrInUse) {
    fail(`port ${options.port} is already in use: stop the other process or run \`npm stop\``);
  }
  throw error;
}

const watchers: Deno.FsWatcher[] = [];
let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log(`[functions] ${signal}: stopping the functions`);
  for (const watcher of watchers) watcher.close();
  await Promise.all([...workers.values()].map((worker) => worker.stop()));
  await Promise.race([server.shutdown(), new Promise((resolve) => setTimeout(resolve, 2000))]);
  Deno.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) Deno.addSignalListener(signal, () => void shutdown(signal));

log('origin' in gateway.rest
  ? `[gateway] Data API at http://${options.hostname}:${options.port}/rest/v1/ -> PostgREST ${gateway.rest.origin}`
  : `[gateway] Data API NOT served (/rest/v1 answers 503): ${gateway.rest.unavailable}`);
await loadFunctions('start');

// Reload on edits, as `supabase functions serve` does: a change under the functions folder, to
// config.toml or to the env file restarts every function with the current code and settings.
if (options.watch) {
  // Files Deno or editors write on their own; reacting to them could restart in a loop.
  const ignored = (path: string) => /\/node_modules\/|(^|\/)(deno\.lock|\.DS_Store|\.[^/]*\.swp|[^/]*~)$/.test(path);
  const relevant = (path: string) =>
    !ignored(path) && (path.startsWith(`${options.functionsDir}/`) || path === options.configPath || path === options.envFilePath);
  const watchPaths = [...new Set([options.functionsDir, dirname(options.configPath), dirname(options.envFilePath)])];
  let debounce: ReturnType<typeof setTimeout> | undefined;
  for (const path of watchPaths) {
    const watcher = Deno.watchFs(path, { recursive: path === options.functionsDir });
    watchers.push(watcher);
    (async () => {
      for await (const event of watcher) {
        if (!event.paths.some(relevant)) continue;
        clearTimeout(debounce);
        debounce = setTimeout(() => {
          log('[functions] files changed, reloading');
          void loadFunctions('change');
        }, 200);
      }
    })().catch(() => {});
  }
}

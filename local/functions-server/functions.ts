// Which functions exist and which environment each one gets.
import { join, resolve } from 'node:path';
import { type FunctionsConfig, settingsFor } from './config.ts';

export interface FunctionDefinition {
  name: string;
  directory: string;
  entrypoint: string;
  verifyJwt: boolean;
  /** import_map from config.toml (absolute), if declared. */
  importMap?: string;
}

export interface Discovery {
  functions: FunctionDefinition[];
  /** Folders with an index.ts that are not served, and why. */
  skipped: Array<{ name: string; reason: string }>;
}

/** Like the CLI: direct subfolders holding index.ts, except `_shared`-style folders, dotfolders and `tests`. */
export function isFunctionFolderName(name: string): boolean {
  return !name.startsWith('_') && !name.startsWith('.') && name !== 'tests';
}

export async function discoverFunctions(functionsDir: string, config: FunctionsConfig): Promise<Discovery> {
  const discovery: Discovery = { functions: [], skipped: [] };
  const names: string[] = [];
  for await (const entry of Deno.readDir(functionsDir)) {
    if (entry.isDirectory && isFunctionFolderName(entry.name)) names.push(entry.name);
  }
  for (const name of names.sort()) {
    const directory = resolve(functionsDir, name);
    const entrypoint = join(directory, 'index.ts');
    try {
      if (!(await Deno.stat(entrypoint)).isFile) continue;
    } catch {
      continue; // a folder without index.ts is not a function (yet)
    }
    const settings = settingsFor(config, name);
    if (!settings.enabled) discovery.skipped.push({ name, reason: 'enabled = false in config.toml' });
    else discovery.functions.push({ name, directory, entrypoint, verifyJwt: settings.verifyJwt, ...(settings.importMap ? { importMap: settings.importMap } : {}) });
  }
  return discovery;
}

// What the Deno process itself needs to find its module cache, npm and the network. The edge
// runtime hides HOME and PATH from functions; a subprocess cannot run without them.
const runtimeVariables = [
  'HOME',
  'PATH',
  'TMPDIR',
  'DENO_DIR',
  'DENO_AUTH_TOKENS',
  'DENO_CERT',
  'DENO_TLS_CA_STORE',
  'XDG_CACHE_HOME',
  'NPM_CONFIG_REGISTRY',
  'npm_config_registry',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'NODE_EXTRA_CA_CERTS', // Deno trusts these extra CAs too (TLS-inspecting proxies)
];

// Secrets the platform never hands to functions: the gateway's JWT secret, the CLI's internals.
const isPlatformOnlyVariable = (name: string) => name === 'SUPABASE_JWT_SECRET' || name.startsWith('SUPABASE_INTERNAL_');

export interface FunctionEnvironment {
  env: Record<string, string>;
  /** Env-file names dropped because the SUPABASE_ prefix is reserved for the platform. */
  ignoredEnvFileNames: string[];
}

/**
 * The env every function gets, shared project-wide like Supabase secrets:
 * the platform defaults (every SUPABASE_* variable of the server's own environment except the
 * JWT secret: the keys, SUPABASE_PUBLISHABLE_KEYS / SUPABASE_SECRET_KEYS, SUPABASE_JWKS), the env
 * file, TZ=UTC like the hosted runtime, and what Deno needs to run.
 */
export function buildFunctionEnvironment(serverEnv: Record<string, string>, envFile: Record<string, string>): FunctionEnvironment {
  const env: Record<string, string> = {};
  for (const name of runtimeVariables) {
    const value = serverEnv[name];
    if (value !== undefined) env[name] = value;
  }
  const ignoredEnvFileNames: string[] = [];
  for (const [name, value] of Object.entries(envFile)) {
    // `supabase secrets set` and `functions serve` refuse names starting with SUPABASE_.
    if (name.startsWith('SUPABASE_')) ignoredEnvFileNames.push(name);
    else env[name] = value;
  }
  for (const [name, value] of Object.entries(serverEnv)) {
    if (name.startsWith('SUPABASE_') && !isPlatformOnlyVariable(name)) env[name] = value;
  }
  env.TZ = 'UTC';
  return { env, ignoredEnvFileNames };
}

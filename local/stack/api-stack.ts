// The API of a throwaway stack (npm test, the demo, the bench): PostgREST for the throwaway
// database and the gateway in front of it, each on a free port, both owned by the calling process.
// Same configuration as `npm start`; only the ports differ.
import { join } from 'node:path';
import { dbUrl, functionsDir, stackKeys, supabaseDir } from './config.ts';
import { type FunctionsServer, freePort, startServer } from './gateway.ts';
import { platformEnvironment } from './keys.ts';
import { StackError } from './log.ts';
import { type RunningPostgrest, launchPostgrest, postgrestAvailability } from './postgrest.ts';
import { localSigningKeys } from './signing.ts';

export interface ApiStack {
  /** The one origin apps use (SUPABASE_URL): /rest/v1, /functions/v1, and 501 for the rest. */
  url: string;
  /** PostgREST itself, without the gateway (benchmarks measure both). */
  restUrl: string;
  anonKey: string;
  serviceRoleKey: string;
  /** `sb_publishable_…` / `sb_secret_…`: the gateway accepts them as it does the legacy keys. */
  publishableKey: string;
  secretKey: string;
  gateway: FunctionsServer;
  postgrest: RunningPostgrest;
  stop: () => Promise<void>;
}

export interface ApiStackOptions {
  /** Functions folder served under /functions/v1 (default: the project's). */
  functionsDir?: string;
  /** Extra gateway arguments (e.g. `--no-watch`) and environment (function secrets). */
  gatewayArgs?: string[];
  gatewayEnv?: Record<string, string>;
  envFile?: string;
}

/** Starts PostgREST (retrying on another port if one was taken meanwhile), then the gateway. */
export async function startApiStack(dbPort: number, options: ApiStackOptions = {}): Promise<ApiStack> {
  const availability = postgrestAvailability();
  if (!availability.available) throw new StackError(`PostgREST is not available: ${availability.reason}`);
  const signingKeys = localSigningKeys(stackKeys);
  let postgrest: RunningPostgrest | undefined;
  for (let attempt = 1; !postgrest; attempt++) {
    try {
      postgrest = await launchPostgrest({ dbPort, serverPort: await freePort(), adminPort: await freePort(), signingKeys });
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
  const { anonKey, serviceRoleKey, publishableKey, secretKey } = stackKeys;
  let gateway: FunctionsServer;
  const port = await freePort();
  try {
    gateway = await startServer({
      port,
      functionsDir: options.functionsDir ?? functionsDir,
      config: join(supabaseDir, 'config.toml'),
      ...(options.envFile ? { envFile: options.envFile } : {}),
      args: ['--no-watch', '--rest-url', postgrest.url, ...(options.gatewayArgs ?? [])],
      env: {
        SUPABASE_URL: `http://127.0.0.1:${port}`,
        SUPABASE_DB_URL: dbUrl(dbPort),
        ...platformEnvironment(stackKeys),
        ...(options.gatewayEnv ?? {}),
      },
    });
  } catch (error) {
    await postgrest.stop();
    throw error;
  }
  const running = postgrest;
  return {
    url: gateway.url(''),
    restUrl: running.url,
    anonKey,
    serviceRoleKey,
    publishableKey,
    secretKey,
    gateway,
    postgrest: running,
    stop: async () => {
      await gateway.stop();
      await running.stop();
    },
  };
}

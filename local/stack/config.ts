// Fixed facts of the local stack: where it lives, which ports it uses, the well-known local
// development credentials. Ports follow `supabase start` (see supabase/config.toml).
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultJwtSecret, type LocalKeys, localKeys } from './keys.ts';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Git-ignored folder holding the clusters, logs and pid files of the local stack. */
export const stateDir = join(repoRoot, '.slotbase');
export const platformDir = join(repoRoot, 'local', 'platform');
export const functionsServerEntry = join(repoRoot, 'local', 'functions-server', 'serve.ts');
export const supabaseDir = join(repoRoot, 'supabase');
export const functionsDir = join(supabaseDir, 'functions');
export const testsDir = join(supabaseDir, 'tests');
export const typesFile = join(repoRoot, 'types', 'database.ts');

export const pgMajor = 15;
/** Overridable so that several checkouts can run their own stack side by side. */
export const devDbPort = portFromEnv('SLOTBASE_DB_PORT', 54322);
export const functionsPort = portFromEnv('SLOTBASE_API_PORT', 54321);
/**
 * PostgREST's own HTTP and admin ports behind the gateway. Derived from the API port (+10000,
 * +10001: above Linux's ephemeral range, and distinct for every checkout whose API ports differ by
 * more than one) unless set.
 */
export const restPort = portFromEnv('SLOTBASE_REST_PORT', functionsPort + 10_000);
export const restAdminPort = portFromEnv('SLOTBASE_REST_ADMIN_PORT', functionsPort + 10_001);
/** Throwaway clusters (tests, demo, bench) take a free port from here, in random order. */
export const testDbPortRange = [54330, 54399] as const;

function portFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') {
    if (fallback > 65535) throw new Error(`${name} must be set when SLOTBASE_API_PORT is above 55534`);
    return fallback;
  }
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) throw new Error(`${name} must be a port number (1024-65535), got "${value}"`);
  return port;
}

/** Password of every login role in the local clusters (Supabase local-dev convention). */
export const dbPassword = 'postgres';
export const dbName = 'postgres';

/** Supabase's well-known local JWT secret; the anon/service keys are signed with it. */
export const jwtSecret = process.env.SUPABASE_JWT_SECRET ?? defaultJwtSecret;
/** Every key of the local stacks (keys.ts): legacy and new API keys, the signing key, the JWKS. */
export const stackKeys: LocalKeys = localKeys(jwtSecret);

export function dbUrl(port: number, user = 'postgres'): string {
  return `postgresql://${user}:${dbPassword}@127.0.0.1:${port}/${dbName}`;
}

/** A short stable id of this checkout, for paths outside the repo. */
export const checkoutId = createHash('sha1').update(repoRoot).digest('hex').slice(0, 10);

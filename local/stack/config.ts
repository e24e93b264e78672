// Fixed facts of the local stack: where it lives, which ports it uses, the well-known local
// development credentials. Ports follow `supabase start` (see supabase/config.toml).
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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
export const devDbPort = 54322;
export const functionsPort = 54321;
/** The test runner's throwaway cluster takes the first free port from here. */
export const testDbPortRange = [54330, 54339] as const;

/** Password of every login role in the local clusters (Supabase local-dev convention). */
export const dbPassword = 'postgres';
export const dbName = 'postgres';

/** Supabase's well-known local JWT secret; the anon/service keys are signed with it. */
export const jwtSecret = process.env.SUPABASE_JWT_SECRET ?? 'super-secret-jwt-token-with-at-least-32-characters-long';

export function dbUrl(port: number, user = 'postgres'): string {
  return `postgresql://${user}:${dbPassword}@127.0.0.1:${port}/${dbName}`;
}

/** A short stable id of this checkout, for paths outside the repo. */
export const checkoutId = createHash('sha1').update(repoRoot).digest('hex').slice(0, 10);

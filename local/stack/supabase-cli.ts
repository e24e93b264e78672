// The official Supabase CLI (npm `supabase`), run natively against a database URL: the commands
// that need no Docker (db push, db lint, db advisors, gen types).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './config.ts';
import { StackError } from './log.ts';

const cliPath = join(repoRoot, 'node_modules', '.bin', 'supabase');

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function supabase(args: string[]): CliResult {
  const result = spawnSync(cliPath, args, {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // The local clusters speak plain TCP on loopback; without this the CLI warns about TLS.
    env: { ...process.env, PGSSLMODE: 'disable', SUPABASE_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
  });
  if (result.error) {
    throw new StackError(`the Supabase CLI could not run (${result.error.message})`, 'Run `npm ci` first.');
  }
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

function check(result: CliResult, what: string): CliResult {
  if (result.status !== 0) throw new StackError(`${what} failed:\n${result.stdout}${result.stderr}`.trim());
  return result;
}

/** Applies supabase/migrations (and the seed) as the non-superuser `postgres`, like a deploy. */
export function pushMigrations(url: string, { seed }: { seed: boolean }): CliResult {
  const result = supabase(['db', 'push', `--remote=${url}`, '--yes', ...(seed ? ['--include-seed'] : [])]);
  // A local database built from migrations that the repository has since renamed or removed.
  if (result.status !== 0 && /Remote migration versions not found/.test(`${result.stdout}${result.stderr}`)) {
    throw new StackError(`supabase db push failed: the local database has migrations that are not in supabase/migrations:\n${result.stdout}${result.stderr}`.trim(),
      'Rebuild the local database from supabase/migrations with `npm run db:reset`.');
  }
  return check(result, 'supabase db push');
}

/** `supabase gen types` for the API schema, formatted with oxfmt as the CLI recommends. */
export function generateTypes(url: string): string {
  const raw = check(supabase(['gen', 'types', '--lang=typescript', '--schema', 'public', `--remote=${url}`]), 'supabase gen types').stdout;
  const formatted = spawnSync(join(repoRoot, 'node_modules', '.bin', 'oxfmt'), ['--stdin-filepath=database.ts'], {
    cwd: repoRoot,
    input: raw,
    encoding: 'utf8',
  });
  if (formatted.status !== 0) throw new StackError(`oxfmt could not format the generated types:\n${formatted.stderr}`);
  return formatted.stdout;
}

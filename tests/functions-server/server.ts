// The real functions server (local/functions-server/serve.ts) for tests that talk to it over HTTP
// (launched by local/stack/gateway.ts), the fixture functions, and small polling helpers.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';

import { type FunctionsServer, type StartOptions, startServer } from '../../local/stack/gateway.ts';

export { freePort, type FunctionsServer, launch, type StartOptions, startServer } from '../../local/stack/gateway.ts';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const fixturesDir = join(repoRoot, 'tests', 'fixtures', 'functions');

/**
 * The project's own Edge Functions (supabase/functions) served as `supabase functions serve
 * --no-watch` serves them, with the project's config.toml (its verify_jwt settings) unless the
 * test brings its own.
 */
export function startProjectFunctions(options: Omit<StartOptions, 'functionsDir' | 'config' | 'args'> & { config?: string }): Promise<FunctionsServer> {
  return startServer({ config: join(repoRoot, 'supabase', 'config.toml'), ...options, functionsDir: join(repoRoot, 'supabase', 'functions'), args: ['--no-watch'] });
}

/** A private copy of the fixture functions, for tests that edit files. */
export function copyFixtures(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'slotbase-functions-'));
  cpSync(fixturesDir, dir, { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Polls until `probe` returns true (or throws after `timeoutMs`). */
export async function eventually(probe: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The dispatcher claims every due message in the database, not only the caller's: two test files
 * that run a real dispatch-notifications at the same time would send each other's messages to
 * their own fake Twilio. A file that dispatches holds this lock (a session advisory lock on a
 * connection of its own) from before its first booking until after its last dispatch; another
 * such file waits for it. Returns the release.
 */
export async function holdDispatcherLock(databaseUrl: string): Promise<() => Promise<void>> {
  const session = postgres(databaseUrl, { max: 1, idle_timeout: 0, onnotice: () => {} });
  await session`select pg_advisory_lock(hashtext('slotbase tests: dispatch-notifications'))`;
  return () => session.end({ timeout: 1 }); // closing the session releases its lock
}

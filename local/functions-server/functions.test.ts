import { deepStrictEqual, equal } from 'node:assert/strict';
import { join } from 'node:path';
import { parseFunctionsConfig } from './config.ts';
import { buildFunctionEnvironment, discoverFunctions } from './functions.ts';

async function functionsFolder(layout: Record<string, string>): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: 'functions-discovery-' });
  for (const [path, content] of Object.entries(layout)) {
    await Deno.mkdir(join(dir, path, '..'), { recursive: true });
    await Deno.writeTextFile(join(dir, path), content);
  }
  return dir;
}

Deno.test('discovers subfolders with index.ts, like the CLI', async () => {
  const dir = await functionsFolder({
    'health/index.ts': '',
    'stripe-webhook/index.ts': '',
    'stripe-webhook/handler.ts': '',
    '_shared/index.ts': '', // shared code, never a function
    '.hidden/index.ts': '',
    'tests/index.ts': '', // the docs' home for function tests
    'draft/handler.ts': '', // no index.ts yet
    'old/index.ts': '',
    'README.md': '',
  });
  try {
    const config = parseFunctionsConfig('[functions.stripe-webhook]\nverify_jwt = false\n[functions.old]\nenabled = false\n');
    const { functions, skipped } = await discoverFunctions(dir, config);
    deepStrictEqual(
      functions.map(({ name, verifyJwt, entrypoint }) => ({ name, verifyJwt, entrypoint })),
      [
        { name: 'health', verifyJwt: true, entrypoint: join(dir, 'health', 'index.ts') },
        { name: 'stripe-webhook', verifyJwt: false, entrypoint: join(dir, 'stripe-webhook', 'index.ts') },
      ],
    );
    deepStrictEqual(skipped, [{ name: 'old', reason: 'enabled = false in config.toml' }]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test('function env: platform defaults and env file, not the rest of the server environment', () => {
  const { env, ignoredEnvFileNames } = buildFunctionEnvironment(
    {
      HOME: '/root',
      PATH: '/usr/bin',
      SUPABASE_URL: 'http://127.0.0.1:54321',
      SUPABASE_ANON_KEY: 'anon-jwt',
      SUPABASE_SERVICE_ROLE_KEY: 'service-jwt',
      SUPABASE_DB_URL: 'postgresql://postgres:postgres@127.0.0.1:54322/postgres',
      SUPABASE_JWT_SECRET: 'gateway only',
      SUPABASE_INTERNAL_DEBUG: 'true',
      AWS_SECRET_ACCESS_KEY: 'developer machine secret',
      TZ: 'Europe/Madrid',
    },
    { STRIPE_SECRET_KEY: 'sk_test_1', SUPABASE_URL: 'http://wrong.invalid' },
  );
  deepStrictEqual(env, {
    HOME: '/root',
    PATH: '/usr/bin',
    STRIPE_SECRET_KEY: 'sk_test_1',
    SUPABASE_URL: 'http://127.0.0.1:54321',
    SUPABASE_ANON_KEY: 'anon-jwt',
    SUPABASE_SERVICE_ROLE_KEY: 'service-jwt',
    SUPABASE_DB_URL: 'postgresql://postgres:postgres@127.0.0.1:54322/postgres',
    TZ: 'UTC',
  });
  deepStrictEqual(ignoredEnvFileNames, ['SUPABASE_URL']);
});

Deno.test('function env: the new keys and the JWK Set given by the stack are passed on as they are, never made up', () => {
  const jwks = '{"keys":[{"kty":"EC","kid":"k1"}]}';
  const { env } = buildFunctionEnvironment(
    { SUPABASE_ANON_KEY: 'anon-jwt', SUPABASE_PUBLISHABLE_KEYS: '{"default":"sb_publishable_x"}', SUPABASE_SECRET_KEYS: '{"default":"sb_secret_y"}', SUPABASE_JWKS: jwks },
    {},
  );
  equal(env.SUPABASE_PUBLISHABLE_KEYS, '{"default":"sb_publishable_x"}');
  equal(env.SUPABASE_SECRET_KEYS, '{"default":"sb_secret_y"}');
  equal(env.SUPABASE_JWKS, jwks);
  equal(buildFunctionEnvironment({ SUPABASE_ANON_KEY: 'anon-jwt' }, {}).env.SUPABASE_PUBLISHABLE_KEYS, undefined);
});

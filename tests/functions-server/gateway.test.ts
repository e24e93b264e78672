// The functions server as a client sees it: the real server under Deno, the fixture functions of
// tests/fixtures/functions, plain HTTP.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateKeyPair, SignJWT } from 'jose';
import { apiKeys, localKeys, signHs256 } from '../../local/stack/keys.ts';
import { localSigningKeys } from '../../local/stack/signing.ts';
import { fixturesDir, type FunctionsServer, startServer } from './server.ts';

// Not the well-known local secret, to prove the server verifies with SUPABASE_JWT_SECRET.
const jwtSecret = 'fixture-jwt-secret-with-at-least-32-characters!!';
const localDefaultSecret = 'super-secret-jwt-token-with-at-least-32-characters-long';
const { anonKey, serviceRoleKey } = apiKeys(jwtSecret);

let server: FunctionsServer;

beforeAll(async () => {
  server = await startServer({
    functionsDir: fixturesDir,
    config: join(fixturesDir, 'config.toml'),
    envFile: join(fixturesDir, 'fixture.env'),
    args: ['--no-watch', '--request-idle-timeout-ms', '2000'],
    env: {
      SUPABASE_JWT_SECRET: jwtSecret,
      SUPABASE_URL: 'http://127.0.0.1:54321',
      SUPABASE_ANON_KEY: anonKey,
      SUPABASE_SERVICE_ROLE_KEY: serviceRoleKey,
      OUTSIDE_VARIABLE: 'must not reach the functions',
    },
  });
});

afterAll(async () => {
  await server?.stop();
});

interface Echo {
  function: string;
  method: string;
  pathname: string;
  search: string;
  headers: Record<string, string | null>;
  env: Record<string, string | null>;
  body: string;
}

const call = (path: string, init?: RequestInit) => fetch(server.url(path), init);
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function expectGatewayError(response: Response, status: number, code: string, message: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('sb-error-code')).toBe(code);
  expect(await response.json()).toEqual({ code, message });
}

describe('startup', () => {
  it('prints one line per served function with its URL and verify_jwt, and says what it skipped', async () => {
    // The server answers HTTP as soon as it listens; its list of functions may reach our pipe a moment later.
    await vi.waitFor(() => expect(server.output()).toContain('skipped disabled: enabled = false in config.toml'), { timeout: 10_000, interval: 50 });
    const output = server.output();
    expect(output).toContain(`${server.url('/functions/v1/echo-private')}  (verify_jwt: true)`);
    expect(output).toContain(`${server.url('/functions/v1/echo-public')}  (verify_jwt: false)`);
    expect(output).not.toContain('/functions/v1/_shared');
  });
});

describe('verify_jwt = true (echo-private)', () => {
  it('rejects a request without Authorization like the platform gateway', async () => {
    await expectGatewayError(await call('/functions/v1/echo-private'), 401, 'UNAUTHORIZED_NO_AUTH_HEADER', 'Missing authorization header');
  });

  it('rejects an Authorization header that is not "Bearer <token>"', async () => {
    const response = await call('/functions/v1/echo-private', { headers: { Authorization: `Basic ${anonKey}` } });
    await expectGatewayError(response, 401, 'UNAUTHORIZED_INVALID_JWT_FORMAT', "Auth header is not 'Bearer {token}'");
  });

  it('rejects a malformed token', async () => {
    const response = await call('/functions/v1/echo-private', { headers: bearer('not.a-jwt') });
    await expectGatewayError(response, 401, 'UNAUTHORIZED_INVALID_JWT_FORMAT', 'Invalid JWT');
  });

  it('rejects a token signed with another secret (here: the well-known local one)', async () => {
    const response = await call('/functions/v1/echo-private', { headers: bearer(apiKeys(localDefaultSecret).anonKey) });
    await expectGatewayError(response, 401, 'UNAUTHORIZED_LEGACY_JWT', 'Invalid JWT');
  });

  it('rejects an expired token', async () => {
    const expired = signHs256({ role: 'authenticated', sub: 'user-1', exp: Math.floor(Date.now() / 1000) - 60 }, jwtSecret);
    await expectGatewayError(await call('/functions/v1/echo-private', { headers: bearer(expired) }), 401, 'UNAUTHORIZED_LEGACY_JWT', 'Invalid JWT');
  });

  it('passes a valid anon key through, forwarding method, path, query, headers and body unchanged', async () => {
    const response = await call('/functions/v1/echo-private/bookings/42?include=history&x=%C3%A9', {
      method: 'PATCH',
      headers: { ...bearer(anonKey), apikey: anonKey, 'content-type': 'application/json', 'x-custom': 'kept' },
      body: JSON.stringify({ status: 'cancelled' }),
    });
    expect(response.status).toBe(200);
    const echo = (await response.json()) as Echo;
    expect(echo).toMatchObject({
      function: 'echo-private',
      method: 'PATCH',
      // The platform strips /functions/v1: functions route on /<name>/...
      pathname: '/echo-private/bookings/42',
      search: '?include=history&x=%C3%A9',
      body: '{"status":"cancelled"}',
    });
    expect(echo.headers).toMatchObject({
      authorization: `Bearer ${anonKey}`,
      apikey: anonKey,
      'content-type': 'application/json',
      'x-custom': 'kept',
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-host': `127.0.0.1:${server.port}`,
    });
  });

  it('passes a valid user token (role authenticated, future exp)', async () => {
    const userToken = signHs256({ role: 'authenticated', sub: 'user-1', exp: Math.floor(Date.now() / 1000) + 3600 }, jwtSecret);
    expect((await call('/functions/v1/echo-private', { headers: bearer(userToken) })).status).toBe(200);
  });

  it('lets CORS preflights reach the function without a token, as the platform does', async () => {
    const response = await call('/functions/v1/echo-private', {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('x-handled-by')).toBe('echo-private');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('verify_jwt = false (echo-public)', () => {
  it('serves requests without any token', async () => {
    const response = await call('/functions/v1/echo-public');
    expect(response.status).toBe(200);
    expect(((await response.json()) as Echo).function).toBe('echo-public');
  });

  it('does not check a token that is present but invalid', async () => {
    expect((await call('/functions/v1/echo-public', { headers: bearer('garbage') })).status).toBe(200);
  });
});

describe('today\'s keys on the functions route (the gateway\'s request-transformer, then verify_jwt)', () => {
  const keys = localKeys(jwtSecret);

  it('a secret key stands for the service_role JWT, a publishable key for the anon JWT: that is the Authorization the function gets', async () => {
    for (const [apikey, jwt] of [[keys.secretKey, serviceRoleKey], [keys.publishableKey, anonKey]] as const) {
      const response = await call('/functions/v1/echo-private', { headers: { apikey } });
      expect(response.status).toBe(200);
      expect(((await response.json()) as Echo).headers).toMatchObject({ apikey, authorization: `Bearer ${jwt}` });
    }
    // an opaque key as bearer beside the same apikey is replaced too; alone, or unknown, it is dropped and verify_jwt refuses
    const both = await call('/functions/v1/echo-private', { headers: { apikey: keys.secretKey, ...bearer(keys.secretKey) } });
    expect(((await both.json()) as Echo).headers.authorization).toBe(`Bearer ${serviceRoleKey}`);
    await expectGatewayError(await call('/functions/v1/echo-private', { headers: bearer(keys.secretKey) }), 401, 'UNAUTHORIZED_NO_AUTH_HEADER', 'Missing authorization header');
    await expectGatewayError(await call('/functions/v1/echo-private', { headers: { apikey: 'sb_secret_unknown' } }), 401, 'UNAUTHORIZED_NO_AUTH_HEADER', 'Missing authorization header');
    // without verify_jwt the function still gets the mapped Authorization
    const open = await call('/functions/v1/echo-public', { headers: { apikey: keys.secretKey } });
    expect(((await open.json()) as Echo).headers.authorization).toBe(`Bearer ${serviceRoleKey}`);
  });

  it('verify_jwt checks ES256 sessions against the JWK Set: the local signing key passes, another key with its kid does not', async () => {
    const session = await localSigningKeys(keys).sign({ role: 'authenticated', sub: 'user-1', aud: 'authenticated', exp: Math.floor(Date.now() / 1000) + 3600 });
    expect((await call('/functions/v1/echo-private', { headers: bearer(session) })).status).toBe(200);
    const attacker = await generateKeyPair('ES256');
    const forged = await new SignJWT({ role: 'service_role', exp: Math.floor(Date.now() / 1000) + 3600 })
      .setProtectedHeader({ alg: 'ES256', kid: String(keys.signingKey.kid), typ: 'JWT' })
      .sign(attacker.privateKey);
    await expectGatewayError(await call('/functions/v1/echo-private', { headers: bearer(forged) }), 401, 'UNAUTHORIZED_ASYMMETRIC_JWT', 'Invalid JWT');
  });
});

describe('environment of the functions', () => {
  it('gets the env file, the platform defaults, TZ=UTC and nothing else from the server', async () => {
    const echo = (await (await call('/functions/v1/echo-public')).json()) as Echo;
    expect(echo.env).toEqual({
      GREETING: 'hello from the env file',
      // From the server's environment; the env file's SUPABASE_URL is ignored (reserved prefix).
      SUPABASE_URL: 'http://127.0.0.1:54321',
      SUPABASE_ANON_KEY: anonKey,
      // the new keys and the verifiers' JWK Set (public signing key + this secret as `oct`), as the CLI hands them over
      SUPABASE_PUBLISHABLE_KEYS: JSON.stringify({ default: localKeys(jwtSecret).publishableKey }),
      SUPABASE_SECRET_KEYS: JSON.stringify({ default: localKeys(jwtSecret).secretKey }),
      SUPABASE_JWKS: JSON.stringify(localKeys(jwtSecret).jwks),
      SUPABASE_JWT_SECRET: null,
      OUTSIDE_VARIABLE: null,
      TZ: 'UTC',
    });
    expect(server.output()).toContain('ignoring SUPABASE_URL from');
  });
});

describe('routing and errors', () => {
  it('answers 404 NOT_FOUND for unknown, disabled and underscore functions', async () => {
    for (const path of ['/functions/v1/nope', '/functions/v1/disabled', '/functions/v1/_shared', '/functions/v1/']) {
      await expectGatewayError(await call(path), 404, 'NOT_FOUND', 'Requested function was not found');
    }
  });

  it('leaves other paths to the API gateway: Kong\'s "no Route matched", and /rest/v1 without PostgREST says so', async () => {
    for (const path of ['/echo-public', '/v1/echo-public', '/functions/v1']) {
      const response = await call(path);
      expect(response.status, path).toBe(404);
      expect(await response.json()).toEqual({ message: 'no Route matched with those values' });
    }
    expect((await call('/rest/v1/echo-public')).status).toBe(401); // key-auth comes first
    const rest = await call('/rest/v1/echo-public', { headers: { apikey: anonKey } });
    expect(rest.status).toBe(503);
    expect(((await rest.json()) as { code: string }).code).toBe('data_api_not_running');
    expect(server.output()).toContain('[gateway] Data API NOT served (/rest/v1 answers 503)');
  });

  it('answers 405 for methods the platform does not support', async () => {
    const response = await call('/functions/v1/echo-public', { method: 'HEAD' });
    expect(response.status).toBe(405);
    expect(response.headers.get('sb-error-code')).toBe('METHOD_NOT_ALLOWED');
  });

  it('streams responses instead of buffering them', async () => {
    const response = await call('/functions/v1/echo-public/stream');
    const reader = response.body!.getReader();
    const first = await reader.read(); // would hang if the proxy waited for the whole body
    expect(new TextDecoder().decode(first.value)).toBe('first\n');
    await call('/functions/v1/echo-public/release');
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
    expect(rest).toBe('second\n');
  });

  it('returns function 5xx unchanged, tagged EDGE_FUNCTION_ERROR', async () => {
    const response = await call('/functions/v1/echo-public/status?code=502');
    expect(response.status).toBe(502);
    expect(response.headers.get('sb-error-code')).toBe('EDGE_FUNCTION_ERROR');
    expect(await response.json()).toEqual({ status: 502 });
  });

  it('answers 503 BOOT_ERROR for a function that cannot start, while the others keep working', async () => {
    await expectGatewayError(await call('/functions/v1/boot-error'), 503, 'BOOT_ERROR', 'Function failed to start (please check logs)');
    expect(server.output()).toMatch(/✗ boot-error failed to start \(exit code 1: error: Uncaught .*STRIPE_SECRET_KEY is not set\)/);
    expect((await call('/functions/v1/echo-public')).status).toBe(200);
  });

  it('answers 500 WORKER_ERROR when the function process dies mid-request, then starts it again', async () => {
    const before = ((await (await call('/functions/v1/echo-public/pid')).json()) as { pid: number }).pid;
    await expectGatewayError(await call('/functions/v1/echo-public/crash'), 500, 'WORKER_ERROR', 'Function exited due to an error (please check logs)');
    const after = await call('/functions/v1/echo-public/pid');
    expect(after.status).toBe(200);
    expect(((await after.json()) as { pid: number }).pid).not.toBe(before);
  });

  it('answers 504 IDLE_TIMEOUT when the function sends no response in time', async () => {
    await expectGatewayError(await call('/functions/v1/echo-public/slow?ms=10000'), 504, 'IDLE_TIMEOUT', 'Request idle timeout limit (2s) reached');
  });
});

import { deepStrictEqual, equal } from 'node:assert/strict';
import { parseFunctionRoute, rejectUnauthorized } from './gateway.ts';

const secret = 'super-secret-jwt-token-with-at-least-32-characters-long';
const anonKey =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';
const now = 1_800_000_000;

async function rejection(authorization: string | null) {
  const response = await rejectUnauthorized(authorization, { jwtSecret: secret, jwks: null }, now);
  if (!response) return null;
  return { status: response.status, header: response.headers.get('sb-error-code'), body: await response.json() };
}

Deno.test('routes /functions/v1/<name>/... to the function, which sees /<name>/...', () => {
  deepStrictEqual(parseFunctionRoute('/functions/v1/health'), { name: 'health', functionPath: '/health' });
  deepStrictEqual(parseFunctionRoute('/functions/v1/tasks/42/notes'), { name: 'tasks', functionPath: '/tasks/42/notes' });
  deepStrictEqual(parseFunctionRoute('/functions/v1/tasks/'), { name: 'tasks', functionPath: '/tasks/' });
  equal(parseFunctionRoute('/functions/v1/'), null);
  equal(parseFunctionRoute('/functions/v1'), null);
  equal(parseFunctionRoute('/rest/v1/health'), null);
});

Deno.test('a valid HS256 token passes', async () => {
  equal(await rejection(`Bearer ${anonKey}`), null);
});

Deno.test('no Authorization header: UNAUTHORIZED_NO_AUTH_HEADER', async () => {
  deepStrictEqual(await rejection(null), {
    status: 401,
    header: 'UNAUTHORIZED_NO_AUTH_HEADER',
    body: { code: 'UNAUTHORIZED_NO_AUTH_HEADER', message: 'Missing authorization header' },
  });
});

Deno.test('not "Bearer <token>": UNAUTHORIZED_INVALID_JWT_FORMAT', async () => {
  for (const header of [anonKey, `Basic ${anonKey}`, `bearer ${anonKey}`, 'Bearer', `Bearer  ${anonKey}`]) {
    deepStrictEqual(await rejection(header), {
      status: 401,
      header: 'UNAUTHORIZED_INVALID_JWT_FORMAT',
      body: { code: 'UNAUTHORIZED_INVALID_JWT_FORMAT', message: "Auth header is not 'Bearer {token}'" },
    }, header);
  }
});

Deno.test('a bearer that is not a JWT (e.g. an sb_ key or a webhook secret): UNAUTHORIZED_INVALID_JWT_FORMAT', async () => {
  const result = await rejection('Bearer sb_publishable_abc123');
  deepStrictEqual(result?.body, { code: 'UNAUTHORIZED_INVALID_JWT_FORMAT', message: 'Invalid JWT' });
});

Deno.test('wrong signature or expired: UNAUTHORIZED_LEGACY_JWT', async () => {
  const [header, payload] = anonKey.split('.');
  const wrongSignature = `${header}.${payload}.${'A'.repeat(43)}`;
  deepStrictEqual(await rejection(`Bearer ${wrongSignature}`), {
    status: 401,
    header: 'UNAUTHORIZED_LEGACY_JWT',
    body: { code: 'UNAUTHORIZED_LEGACY_JWT', message: 'Invalid JWT' },
  });
  const afterExpiry = await rejectUnauthorized(`Bearer ${anonKey}`, { jwtSecret: secret, jwks: null }, 1983812996 + 1);
  equal(afterExpiry?.headers.get('sb-error-code'), 'UNAUTHORIZED_LEGACY_JWT');
});

Deno.test('asymmetric tokens without a matching key, and unknown algorithms, get their own codes', async () => {
  const encode = (value: unknown) => btoa(JSON.stringify(value)).replaceAll('=', '').replaceAll('+', '-').replaceAll('/', '_');
  const es256 = `${encode({ alg: 'ES256', kid: 'x' })}.${encode({ role: 'authenticated' })}.c2ln`;
  const ps256 = `${encode({ alg: 'PS256' })}.${encode({ role: 'authenticated' })}.c2ln`;
  equal((await rejection(`Bearer ${es256}`))?.header, 'UNAUTHORIZED_ASYMMETRIC_JWT');
  deepStrictEqual((await rejection(`Bearer ${ps256}`))?.body, {
    code: 'UNAUTHORIZED_UNSUPPORTED_TOKEN_ALGORITHM',
    message: 'Unsupported JWT algorithm PS256',
  });
});

Deno.test('ES256 tokens are verified against the JWK Set: its key passes, another key, a forged payload or an expiry do not', async () => {
  const { generateKeyPair, exportJWK, SignJWT } = await import('npm:jose@6.2.17');
  const projectKey = await generateKeyPair('ES256', { extractable: true });
  const otherKey = await generateKeyPair('ES256', { extractable: true });
  const jwks = { keys: [{ ...(await exportJWK(projectKey.publicKey)), kid: 'project-key', alg: 'ES256', use: 'sig' }, { kty: 'oct', k: 'c2VjcmV0' }] };
  const sign = (key: CryptoKey, claims: Record<string, unknown>) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'project-key', typ: 'JWT' }).sign(key);
  const check = async (token: string, at = now) => (await rejectUnauthorized(`Bearer ${token}`, { jwtSecret: secret, jwks }, at))?.headers.get('sb-error-code') ?? null;
  const valid = await sign(projectKey.privateKey, { role: 'authenticated', sub: 'u1', exp: now + 60 });
  equal(await check(valid), null);
  equal(await check(await sign(otherKey.privateKey, { role: 'authenticated', sub: 'u1', exp: now + 60 })), 'UNAUTHORIZED_ASYMMETRIC_JWT');
  const [header, , signature] = valid.split('.');
  const forged = `${header}.${btoa(JSON.stringify({ role: 'service_role', exp: now + 60 })).replaceAll('=', '')}.${signature}`;
  equal(await check(forged), 'UNAUTHORIZED_ASYMMETRIC_JWT');
  equal(await check(valid, now + 61), 'UNAUTHORIZED_ASYMMETRIC_JWT');
  // without a JWK Set nothing asymmetric can be verified
  equal((await rejectUnauthorized(`Bearer ${valid}`, { jwtSecret: secret, jwks: null }, now))?.headers.get('sb-error-code'), 'UNAUTHORIZED_ASYMMETRIC_JWT');
});

import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { SignJWT } from 'jose';
import { issuer, kid, legacySecret, projectUrl, publishableKey, secretKey, testProject } from '../tests/callers.ts';
import { callerEnv, type CallerCheck, createCallerVerifier, requireService, requireUser } from './caller.ts';
import { parseEnv } from './env.ts';

const project = await testProject();
const verify = createCallerVerifier(project.env);
const call = (headers: Record<string, string>) => verify(new Request('http://localhost/fn', { method: 'POST', headers }));
const kindOf = (check: CallerCheck) => (check.ok ? `${check.caller.kind}:${'via' in check.caller ? check.caller.via : 'claims'}` : `refused:${check.reason}`);

Deno.test('the project\'s keys: secret and service_role keys are the server, publishable and anon keys anonymous', async () => {
  equal(kindOf(await call({ apikey: secretKey })), 'service:secret_key');
  equal(kindOf(await call({ apikey: secretKey, Authorization: `Bearer ${secretKey}` })), 'service:secret_key');
  equal(kindOf(await call({ Authorization: `Bearer ${project.serviceRoleKey}` })), 'service:service_role_key');
  equal(kindOf(await call({ apikey: publishableKey })), 'anonymous:publishable_key');
  equal(kindOf(await call({ Authorization: `Bearer ${project.anonKey}`, apikey: project.anonKey })), 'anonymous:anon_key');
  equal(kindOf(await call({})), 'anonymous:no_credentials');
});

Deno.test('a user token signed with the project\'s key (ES256, kid) is a user, with its verified claims', async () => {
  const check = await call({ Authorization: `Bearer ${await project.userToken()}`, apikey: publishableKey });
  ok(check.ok && check.caller.kind === 'user');
  equal(check.caller.claims.sub, '0b4c3f1e-2d5a-4b6c-8d7e-9f0a1b2c3d4e');
  equal(check.caller.claims.role, 'authenticated');
  equal(check.caller.claims.iss, issuer);
});

Deno.test('legacy HS256 tokens: verified with the legacy secret of the JWK Set (as the CLI provides it) or LEGACY_JWT_SECRET', async () => {
  const legacy = await project.legacyUserToken();
  equal(kindOf(await call({ Authorization: `Bearer ${legacy}` })), 'user:claims');
  const withoutOct = { ...project.env, SUPABASE_JWKS: { keys: project.env.SUPABASE_JWKS!.keys.filter((key) => key.kty !== 'oct') } };
  const noSecret = createCallerVerifier(withoutOct);
  const refused = await noSecret(new Request('http://localhost/fn', { headers: { Authorization: `Bearer ${legacy}` } }));
  equal(kindOf(refused), 'refused:invalid_token');
  const fromSecret = createCallerVerifier({ ...withoutOct, LEGACY_JWT_SECRET: legacySecret });
  equal(kindOf(await fromSecret(new Request('http://localhost/fn', { headers: { Authorization: `Bearer ${legacy}` } }))), 'user:claims');
});

Deno.test('a service_role token signed with the project\'s key is the server', async () => {
  equal(kindOf(await call({ Authorization: `Bearer ${await project.serviceToken()}` })), 'service:service_role_token');
});

Deno.test('every bad credential is refused with its reason, never downgraded to anonymous', async () => {
  const reasons: Record<string, string> = {};
  for (const { name, headers } of await project.badCredentials()) reasons[name] = kindOf(await call(headers));
  deepStrictEqual(reasons, {
    'an expired user token': 'refused:expired_token',
    'a user token signed by another key (same kid)': 'refused:invalid_token',
    'a user token whose kid the project does not know': 'refused:invalid_token',
    'a forged payload (service_role) under a real signature': 'refused:invalid_token',
    'alg none': 'refused:invalid_token',
    'HS256 under another secret': 'refused:invalid_token',
    'a service_role token under another secret': 'refused:invalid_token',
    'HS512 under the legacy secret': 'refused:invalid_token',
    'a user token of another issuer': 'refused:wrong_issuer',
    'a user token without an issuer': 'refused:wrong_issuer',
    'a user token for another audience': 'refused:wrong_audience',
    'a token without exp': 'refused:invalid_token',
    'a token of an unknown role': 'refused:unsupported_role',
    'not a JWT': 'refused:invalid_token',
    'not a Bearer header': 'refused:malformed_authorization',
    'an unknown secret key as apikey': 'refused:unknown_api_key',
    'an unknown secret key as bearer': 'refused:unknown_api_key',
  });
  // a valid publishable key does not rescue a bad token beside it
  const [expired] = await project.badCredentials();
  equal(kindOf(await call({ ...expired!.headers, apikey: publishableKey })), 'refused:expired_token');
});

Deno.test('JWT_ISSUERS adds accepted issuers (e.g. a custom domain), nothing else', async () => {
  const custom = 'https://api.clinic.example/auth/v1';
  const token = await project.userToken({ iss: custom });
  equal(kindOf(await call({ Authorization: `Bearer ${token}` })), 'refused:wrong_issuer');
  const withCustom = createCallerVerifier({ ...project.env, JWT_ISSUERS: ` ${custom} , https://other.example/auth/v1` });
  equal(kindOf(await withCustom(new Request('http://localhost/fn', { headers: { Authorization: `Bearer ${token}` } }))), 'user:claims');
});

Deno.test('without SUPABASE_JWKS the keys come from <SUPABASE_URL>/auth/v1/.well-known/jwks.json; an unreachable endpoint is 503, not the caller\'s fault', async () => {
  const published = { keys: project.env.SUPABASE_JWKS!.keys.filter((key) => key.kty !== 'oct') };
  const requested: string[] = [];
  const server = Deno.serve({ port: 0, hostname: '127.0.0.1', onListen: () => {} }, (request) => {
    requested.push(new URL(request.url).pathname);
    return Response.json(published);
  });
  try {
    const url = `http://127.0.0.1:${server.addr.port}`;
    const { SUPABASE_JWKS: _jwks, ...rest } = project.env;
    const remote = createCallerVerifier({ ...rest, SUPABASE_URL: url, JWT_ISSUERS: issuer });
    const token = await project.userToken();
    equal(kindOf(await remote(new Request('http://localhost/fn', { headers: { Authorization: `Bearer ${token}` } }))), 'user:claims');
    deepStrictEqual(requested, ['/auth/v1/.well-known/jwks.json']);
  } finally {
    await server.shutdown();
  }
  const { SUPABASE_JWKS: _jwks, ...rest } = project.env;
  const unreachable = createCallerVerifier({ ...rest, SUPABASE_URL: 'http://127.0.0.1:9', JWT_ISSUERS: issuer });
  const check = await unreachable(new Request('http://localhost/fn', { headers: { Authorization: `Bearer ${await project.userToken()}` } }));
  equal(kindOf(check), 'refused:keys_unavailable');
  ok(!check.ok);
  const response = requireUser(check, 'pay');
  ok(response instanceof Response);
  equal(response.status, 503);
  equal(response.headers.get('retry-after'), '5');
});

Deno.test('requireService: the server passes; no credential or a bad one 401; a user, a publishable key 403', async () => {
  equal(requireService(await call({ apikey: secretKey }), 'run'), null);
  equal(requireService(await call({}), 'run')?.status, 401);
  equal(requireService(await call({ Authorization: 'Bearer not-a-jwt' }), 'run')?.status, 401);
  equal(requireService(await call({ Authorization: `Bearer ${await project.userToken()}` }), 'run')?.status, 403);
  const forbidden = requireService(await call({ apikey: publishableKey }), 'run');
  equal(forbidden?.status, 403);
  equal((await forbidden!.json()).code, 'forbidden');
});

Deno.test('requireUser: a user passes with claims; anonymous 401; the server\'s keys 403', async () => {
  const user = requireUser(await call({ Authorization: `Bearer ${await project.userToken()}` }), 'pay');
  ok(!(user instanceof Response));
  equal(user.claims.role, 'authenticated');
  equal((requireUser(await call({ apikey: publishableKey }), 'pay') as Response).status, 401);
  equal((requireUser(await call({ apikey: secretKey }), 'pay') as Response).status, 403);
});

Deno.test('the environment is parsed once with zod: malformed key maps or JWK Sets stop the function from booting', () => {
  const base = { SUPABASE_URL: projectUrl };
  const parsed = parseEnv(callerEnv, { ...base, SUPABASE_JWKS: JSON.stringify({ keys: [{ kty: 'EC', kid }] }), SUPABASE_SECRET_KEYS: '{"default":"sb_secret_x"}' });
  deepStrictEqual(parsed.SUPABASE_SECRET_KEYS, { default: 'sb_secret_x' });
  deepStrictEqual(parsed.SUPABASE_JWKS, { keys: [{ kty: 'EC', kid }] });
  for (const [name, value] of [['SUPABASE_JWKS', '{"keys":'], ['SUPABASE_JWKS', '{"keys":{}}'], ['SUPABASE_SECRET_KEYS', '["sb_secret_x"]'], ['LEGACY_JWT_SECRET', 'short']]) {
    let message = '';
    try {
      parseEnv(callerEnv, { ...base, [name as string]: value });
    } catch (error) {
      message = (error as Error).message;
    }
    ok(message.includes(`${name} is invalid`), `${name}=${value}: ${message}`);
  }
});

Deno.test('an HS256 token naming a kid is checked only against a shared key of that kid (or one without)', async () => {
  const token = await new SignJWT({ role: 'authenticated', sub: 'u', aud: 'authenticated', iss: issuer, exp: Math.floor(Date.now() / 1000) + 60 })
    .setProtectedHeader({ alg: 'HS256', kid: 'shared-1' })
    .sign(new TextEncoder().encode('shared-key-one-that-is-at-least-32-chars'));
  const env = { ...project.env, SUPABASE_JWKS: { keys: [{ kty: 'oct', kid: 'shared-2', k: btoa('shared-key-one-that-is-at-least-32-chars').replaceAll('=', '') }] } };
  equal(kindOf(await createCallerVerifier(env)(new Request('http://x', { headers: { Authorization: `Bearer ${token}` } }))), 'refused:invalid_token');
  const matching = { ...env, SUPABASE_JWKS: { keys: [{ ...env.SUPABASE_JWKS.keys[0]!, kid: 'shared-1' }] } };
  equal(kindOf(await createCallerVerifier(matching)(new Request('http://x', { headers: { Authorization: `Bearer ${token}` } }))), 'user:claims');
});

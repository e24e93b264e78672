import { deepStrictEqual, equal } from 'node:assert/strict';
import { corsPreflight, handleApiRequest, parseApiRoute, rejectApiKey, upstreamAuthorization } from './api-gateway.ts';

const keys = { anonKey: 'anon.key.jwt', serviceRoleKey: 'service.key.jwt', publishableKeys: ['sb_publishable_p'], secretKeys: ['sb_secret_s'] };
const publicJwks = { keys: [{ kty: 'EC', kid: 'k1', crv: 'P-256', x: 'x', y: 'y', alg: 'ES256', use: 'sig', key_ops: ['verify'] }] };

Deno.test('routes like Kong: prefixes matched, /rest/v1 stripped, the rest unrouted', () => {
  deepStrictEqual(parseApiRoute('/rest/v1/rpc/search_slots'), { kind: 'rest', upstreamPath: '/rpc/search_slots' });
  deepStrictEqual(parseApiRoute('/rest/v1/'), { kind: 'rest', upstreamPath: '/' });
  deepStrictEqual(parseApiRoute('/rest/v1'), { kind: 'none' });
  deepStrictEqual(parseApiRoute('/graphql/v1'), { kind: 'graphql' });
  deepStrictEqual(parseApiRoute('/auth/v1/token'), { kind: 'unavailable', service: 'auth' });
  deepStrictEqual(parseApiRoute('/realtime/v1/websocket'), { kind: 'unavailable', service: 'realtime' });
  deepStrictEqual(parseApiRoute('/storage/v1/object/x'), { kind: 'unavailable', service: 'storage' });
  deepStrictEqual(parseApiRoute('/functions/v1/health'), { kind: 'functions' });
  deepStrictEqual(parseApiRoute('/auth/v1/.well-known/jwks.json'), { kind: 'jwks' });
  deepStrictEqual(parseApiRoute('/auth/v1/.well-known/openid-configuration'), { kind: 'unavailable', service: 'auth' });
  deepStrictEqual(parseApiRoute('/authx/v1'), { kind: 'none' });
});

Deno.test('key-auth: header first, then the query string; missing, unknown and duplicate keys are 401', async () => {
  const check = async (headers: HeadersInit, query = '') => {
    const response = rejectApiKey(new Request(`http://x/rest/v1/t${query}`, { headers }), new URL(`http://x/rest/v1/t${query}`), keys);
    return response ? { status: response.status, body: await response.json() } : null;
  };
  equal(await check({ apikey: keys.anonKey }), null);
  equal(await check({}, `?apikey=${keys.serviceRoleKey}`), null);
  equal(await check({ apikey: 'sb_publishable_p' }), null);
  equal(await check({ apikey: 'sb_secret_s' }), null);
  deepStrictEqual(await check({ apikey: 'sb_secret_other' }), { status: 401, body: { message: 'Invalid authentication credentials' } });
  deepStrictEqual(await check({}), { status: 401, body: { message: 'No API key found in request' } });
  deepStrictEqual(await check({ apikey: 'other' }), { status: 401, body: { message: 'Invalid authentication credentials' } });
  deepStrictEqual(await check({}, '?apikey=a&apikey=b'), { status: 401, body: { message: 'Duplicate API key found' } });
});

Deno.test('Authorization upstream: the caller\'s, unless absent or an opaque sb_ key; then the JWT the apikey stands for', () => {
  const url = new URL('http://x/rest/v1/t');
  const upstream = (headers: HeadersInit, at = url) => upstreamAuthorization(new Headers(headers), at, keys);
  equal(upstream({ authorization: 'Bearer user.jwt', apikey: keys.anonKey }), 'Bearer user.jwt');
  equal(upstream({ authorization: 'Bearer user.jwt', apikey: 'sb_secret_s' }), 'Bearer user.jwt');
  equal(upstream({ apikey: keys.serviceRoleKey }), `Bearer ${keys.serviceRoleKey}`);
  equal(upstream({ authorization: 'Bearer sb_publishable_x', apikey: keys.anonKey }), `Bearer ${keys.anonKey}`);
  // the new keys are not JWTs: the gateway sends the legacy JWT of the same role
  equal(upstream({ apikey: 'sb_secret_s' }), `Bearer ${keys.serviceRoleKey}`);
  equal(upstream({ authorization: 'Bearer sb_secret_s', apikey: 'sb_secret_s' }), `Bearer ${keys.serviceRoleKey}`);
  equal(upstream({ apikey: 'sb_publishable_p' }), `Bearer ${keys.anonKey}`);
  // an opaque key in Authorization with nothing to map it from is dropped, never passed on
  equal(upstream({ authorization: 'Bearer sb_secret_s' }), null);
  equal(upstream({ apikey: 'unknown' }), null);
  equal(upstream({}, new URL(`http://x/rest/v1/t?apikey=${keys.anonKey}`)), `Bearer ${keys.anonKey}`);
});

Deno.test('/auth/v1/.well-known/jwks.json serves the public keys without a key, as GoTrue does; other Auth paths stay 501', async () => {
  const options = { rest: { unavailable: 'n/a' }, keys, publicJwks };
  const response = await handleApiRequest(new Request('http://x/auth/v1/.well-known/jwks.json'), '127.0.0.1', options);
  equal(response?.status, 200);
  equal(response?.headers.get('cache-control'), 'public, max-age=600');
  equal(response?.headers.get('access-control-allow-origin'), '*');
  deepStrictEqual(await response!.json(), publicJwks);
  equal((await handleApiRequest(new Request('http://x/auth/v1/.well-known/jwks.json', { method: 'POST' }), '127.0.0.1', options))?.status, 405);
  equal((await handleApiRequest(new Request('http://x/auth/v1/token'), '127.0.0.1', options))?.status, 501);
});

Deno.test('only a real preflight (Origin + Access-Control-Request-Method) is answered by the gateway', () => {
  equal(corsPreflight(new Request('http://x/rest/v1/t', { method: 'OPTIONS' })), null);
  const response = corsPreflight(new Request('http://x/rest/v1/t', { method: 'OPTIONS', headers: { origin: 'http://a', 'access-control-request-method': 'GET' } }));
  equal(response?.status, 200);
  equal(response?.headers.get('access-control-allow-headers'), null);
});

Deno.test('without PostgREST, /rest/v1 says why (503) after key-auth; functions are left to the caller', async () => {
  const options = { rest: { unavailable: 'not packaged for this platform' }, keys, publicJwks };
  const response = await handleApiRequest(new Request('http://x/rest/v1/t', { headers: { apikey: keys.anonKey } }), '127.0.0.1', options);
  equal(response?.status, 503);
  equal(((await response!.json()) as { message: string }).message.includes('not packaged for this platform'), true);
  equal(await handleApiRequest(new Request('http://x/functions/v1/health'), '127.0.0.1', options), null);
  equal((await handleApiRequest(new Request('http://x/rest/v1/t'), '127.0.0.1', options))?.status, 401);
});

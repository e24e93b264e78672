import { deepStrictEqual, equal } from 'node:assert/strict';
import { decodeJwt, verifyHs256Jwt } from './jwt.ts';

const localSecret = 'super-secret-jwt-token-with-at-least-32-characters-long';
// The anon key every `supabase start` prints for the local secret (expires 2032-10-19).
const localAnonKey =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';
const now = 1_800_000_000; // 2027-01-15T08:00:00Z

function base64url(data: string | Uint8Array): string {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

async function sign(payload: Record<string, unknown>, secret = localSecret, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }) {
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(signingInput)));
  return `${signingInput}.${base64url(signature)}`;
}

Deno.test('accepts the well-known local anon key under the local secret', async () => {
  const result = await verifyHs256Jwt(localAnonKey, localSecret, now);
  deepStrictEqual(result, {
    valid: true,
    header: { alg: 'HS256', typ: 'JWT' },
    payload: { iss: 'supabase-demo', role: 'anon', exp: 1983812996 },
  });
});

Deno.test('rejects the same key under another secret', async () => {
  const result = await verifyHs256Jwt(localAnonKey, 'another-secret-that-is-at-least-32-characters', now);
  deepStrictEqual(result, { valid: false, reason: 'invalid_signature', algorithm: 'HS256' });
});

Deno.test('rejects a token whose payload was altered after signing', async () => {
  const [header, , signature] = localAnonKey.split('.');
  const forgedPayload = base64url(JSON.stringify({ iss: 'supabase-demo', role: 'service_role', exp: 1983812996 }));
  const result = await verifyHs256Jwt(`${header}.${forgedPayload}.${signature}`, localSecret, now);
  equal(result.valid ? 'valid' : result.reason, 'invalid_signature');
});

Deno.test('rejects an expired token, including at the exact second of expiry', async () => {
  deepStrictEqual(await verifyHs256Jwt(await sign({ role: 'anon', exp: now - 1 }), localSecret, now), {
    valid: false,
    reason: 'expired',
    algorithm: 'HS256',
  });
  equal((await verifyHs256Jwt(await sign({ role: 'anon', exp: now }), localSecret, now)).valid, false);
  equal((await verifyHs256Jwt(await sign({ role: 'anon', exp: now + 1 }), localSecret, now)).valid, true);
});

Deno.test('rejects a token used before its nbf', async () => {
  const early = await verifyHs256Jwt(await sign({ role: 'anon', nbf: now + 60 }), localSecret, now);
  equal(early.valid ? 'valid' : early.reason, 'not_yet_valid');
  equal((await verifyHs256Jwt(await sign({ role: 'anon', nbf: now }), localSecret, now)).valid, true);
});

Deno.test('accepts a token without exp, as jose does', async () => {
  equal((await verifyHs256Jwt(await sign({ role: 'anon' }), localSecret, now)).valid, true);
});

Deno.test('rejects exp or nbf that are not numbers', async () => {
  const textExp = await verifyHs256Jwt(await sign({ role: 'anon', exp: String(now + 60) }), localSecret, now);
  equal(textExp.valid ? 'valid' : textExp.reason, 'invalid_claims');
  const textNbf = await verifyHs256Jwt(await sign({ role: 'anon', nbf: 'soon' }), localSecret, now);
  equal(textNbf.valid ? 'valid' : textNbf.reason, 'invalid_claims');
});

Deno.test('refuses other algorithms, naming them, and never trusts alg "none"', async () => {
  const none = `${base64url(JSON.stringify({ alg: 'none' }))}.${base64url(JSON.stringify({ role: 'service_role' }))}.`;
  equal((await verifyHs256Jwt(none, localSecret, now)).valid, false);
  const es256 = await sign({ role: 'anon' }, localSecret, { alg: 'ES256', typ: 'JWT' });
  deepStrictEqual(await verifyHs256Jwt(es256, localSecret, now), { valid: false, reason: 'unsupported_algorithm', algorithm: 'ES256' });
});

Deno.test('calls anything that is not a compact JWS malformed', async () => {
  const malformed = [
    '',
    'not-a-jwt',
    'a.b',
    'a.b.c.d',
    `${localAnonKey}=`,
    `${base64url('{"alg":"HS256"}')}.${base64url('[1,2]')}.abc`, // payload must be an object
    `${base64url('not json')}.${base64url('{}')}.abc`,
    'eyJhbGciOiJIUzI1NiJ9.e30.a+b/', // standard base64 characters are not base64url
  ];
  for (const token of malformed) {
    deepStrictEqual(await verifyHs256Jwt(token, localSecret, now), { valid: false, reason: 'malformed' }, token);
  }
});

Deno.test('decodeJwt exposes header and payload without verifying', () => {
  const decoded = decodeJwt(localAnonKey);
  deepStrictEqual(decoded?.payload, { iss: 'supabase-demo', role: 'anon', exp: 1983812996 });
  equal(decoded?.signingInput, localAnonKey.split('.').slice(0, 2).join('.'));
  equal(decoded?.signature.length, 32);
});

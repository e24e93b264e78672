// Today's Supabase keys through the one origin, as the pinned CLI's `supabase start` serves them:
// publishable and secret API keys beside the legacy anon/service_role JWTs, sessions signed ES256
// with the local signing key (kid in the header) and published at /auth/v1/.well-known/jwks.json,
// PostgREST verifying tokens against that JWK Set plus the legacy secret, and the Edge Functions
// reached with the same keys. A token signed by another key is refused everywhere.
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { stackKeys } from '../../local/stack/config.ts';
import { signHs256 } from '../../local/stack/keys.ts';
import { api, apiMissing, as, closeAuthConnection, env, seed } from './api.ts';

const seconds = () => Math.floor(Date.now() / 1000);
const patientsOfHarbor = `/rest/v1/patients?select=id&tenant_id=eq.${seed.harbor}`;

async function rows(response: Response): Promise<unknown[]> {
  expect(response.status).toBe(200);
  return (await response.json()) as unknown[];
}

describe.skipIf(apiMissing)('today\'s keys through the gateway', () => {
  afterAll(closeAuthConnection);

  it('npm test\'s stack has the CLI\'s publishable and secret keys', () => {
    expect(env.publishableKey).toBe('sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH');
    expect(env.secretKey).toBe('sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz');
  });

  it('publishes the signing key at /auth/v1/.well-known/jwks.json (no key needed, the public half only); the rest of /auth/v1 stays 501', async () => {
    const response = await fetch(`${env.apiUrl}/auth/v1/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=600');
    const jwks = (await response.json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toEqual([expect.objectContaining({ kty: 'EC', alg: 'ES256', kid: stackKeys.signingKey.kid, use: 'sig', key_ops: ['verify'] })]);
    expect(JSON.stringify(jwks)).not.toMatch(/"d"|"oct"/);
    expect((await api('/auth/v1/token?grant_type=password', { method: 'POST', body: '{}' })).status).toBe(501);
  });

  it('the secret key alone acts as service_role and the publishable key alone as anon, like the legacy keys', async () => {
    const asSecret = await rows(await api(patientsOfHarbor, { key: env.secretKey }));
    expect(asSecret.length).toBeGreaterThan(0);
    expect(await rows(await api(patientsOfHarbor, { key: env.serviceRoleKey }))).toEqual(asSecret);
    const asPublishable = await api('/rest/v1/patients?select=id', { key: env.publishableKey });
    expect(asPublishable.status).toBe(401); // anon: no grant on patients
    expect(await rows(await api('/rest/v1/centres?select=id&limit=1', { key: env.publishableKey }))).toHaveLength(1);
    // an opaque key as the bearer token is replaced by the JWT it stands for when it equals the apikey
    expect(await rows(await api(patientsOfHarbor, { key: env.secretKey, token: env.secretKey }))).toEqual(asSecret);
  });

  it('key-auth knows every key of the project and nothing else; a key never rides on Authorization alone', async () => {
    const unknown = await api('/rest/v1/centres', { key: 'sb_secret_guessed_guessed_guessed' });
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toEqual({ message: 'Invalid authentication credentials' });
    const bearerOnly = await fetch(`${env.apiUrl}/rest/v1/centres`, { headers: { authorization: `Bearer ${env.secretKey}` } });
    expect(bearerOnly.status).toBe(401);
    expect(await bearerOnly.json()).toEqual({ message: 'No API key found in request' });
  });

  it('a session as Auth signs it (ES256, kid) is the user with the publishable key, and with the secret key as apikey it is still the user', async () => {
    const sam = await as(seed.sam);
    expect(JSON.parse(Buffer.from(sam.accessToken.split('.')[0]!, 'base64url').toString())).toEqual({ alg: 'ES256', kid: stackKeys.signingKey.kid, typ: 'JWT' });
    expect(await rows(await api('/rest/v1/patients?select=id', { key: env.publishableKey, token: sam.accessToken }))).toEqual([{ id: seed.samPatient }]);
    expect(await rows(await api('/rest/v1/patients?select=id', { key: env.secretKey, token: sam.accessToken }))).toEqual([{ id: seed.samPatient }]);
  });

  it('a legacy HS256 session of the JWT secret still works (PostgREST trusts the secret as an oct key of the JWK Set)', async () => {
    const sam = await as(seed.sam);
    const claims = JSON.parse(Buffer.from(sam.accessToken.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    const legacy = signHs256(claims, stackKeys.jwtSecret);
    expect(await rows(await api('/rest/v1/patients?select=id', { key: env.publishableKey, token: legacy }))).toEqual([{ id: seed.samPatient }]);
  });

  it('a token signed by another key is refused by PostgREST, even with our kid, and a forged payload too', async () => {
    const sam = await as(seed.sam);
    const claims = JSON.parse(Buffer.from(sam.accessToken.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    const attacker = await generateKeyPair('ES256');
    const foreign = await new SignJWT({ ...claims, role: 'service_role' }).setProtectedHeader({ alg: 'ES256', kid: String(stackKeys.signingKey.kid), typ: 'JWT' }).sign(attacker.privateKey);
    const [header, , signature] = sam.accessToken.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, role: 'service_role' })).toString('base64url')}.${signature}`;
    const otherSecret = signHs256({ ...claims, role: 'service_role' }, 'another-secret-with-at-least-32-characters!!');
    for (const token of [foreign, forged, otherSecret]) {
      const response = await api(patientsOfHarbor, { key: env.publishableKey, token });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { code: string }).code).toBe('PGRST301');
    }
  });

  it('the Edge Functions get the same keys: the secret key is the server, the publishable key and a session are not; another key\'s token is refused', async () => {
    const fn = (name: string, headers: Record<string, string>) =>
      fetch(`${env.apiUrl}/functions/v1/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ appointment_id: seed.samPatient, flow: 'payment_intent' }) });
    const codeOf = async (response: Response) => `${response.status} ${((await response.json()) as { code: string }).code}`;
    // process-refunds is the server's: past the check it says Stripe is not configured here
    expect(await codeOf(await fn('process-refunds', { apikey: env.secretKey }))).toBe('503 payments_not_configured');
    expect(await codeOf(await fn('process-refunds', { apikey: env.secretKey, authorization: `Bearer ${env.secretKey}` }))).toBe('503 payments_not_configured');
    expect(await codeOf(await fn('process-refunds', { apikey: env.publishableKey }))).toBe('403 forbidden');
    const sam = await as(seed.sam);
    expect(await codeOf(await fn('process-refunds', { apikey: env.publishableKey, authorization: `Bearer ${sam.accessToken}` }))).toBe('403 forbidden');
    // create-payment is a signed-in user's (verify_jwt on: the gateway checks the ES256 session first)
    expect(await codeOf(await fn('create-payment', { apikey: env.publishableKey, authorization: `Bearer ${sam.accessToken}` }))).toBe('503 payments_not_configured');
    expect(await codeOf(await fn('create-payment', { apikey: env.publishableKey }))).toBe('401 unauthorized');
    expect(await codeOf(await fn('create-payment', { apikey: env.secretKey }))).toBe('403 forbidden');
    const attacker = await generateKeyPair('ES256');
    const foreign = await new SignJWT({ role: 'authenticated', sub: sam.userId, aud: 'authenticated', iss: `${env.apiUrl}/auth/v1`, exp: seconds() + 60 })
      .setProtectedHeader({ alg: 'ES256', kid: String(stackKeys.signingKey.kid), typ: 'JWT' })
      .sign(attacker.privateKey);
    expect(await codeOf(await fn('create-payment', { apikey: env.publishableKey, authorization: `Bearer ${foreign}` }))).toBe('401 UNAUTHORIZED_ASYMMETRIC_JWT');
    expect(await codeOf(await fn('process-refunds', { apikey: env.publishableKey, authorization: `Bearer ${foreign}` }))).toBe('401 unauthorized');
  });
});

// A test project for the caller check (_shared/caller.ts): its keys, its JWK Set, tokens as its
// Auth would sign them, and every credential a function must refuse. Used by the handler tests
// under Deno and vitest (no Deno or Node APIs here).
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { CallerEnv } from '../_shared/caller.ts';

export const projectUrl = 'https://project-ref.supabase.co';
export const issuer = `${projectUrl}/auth/v1`;
export const legacySecret = 'test-project-legacy-jwt-secret-at-least-32-chars';
export const publishableKey = 'sb_publishable_test_project_key';
export const secretKey = 'sb_secret_test_project_key';
export const kid = 'test-project-key';

const seconds = () => Math.floor(Date.now() / 1000);

function base64url(text: string): string {
  return btoa(text).replaceAll('=', '').replaceAll('+', '-').replaceAll('/', '_');
}

async function hs256(claims: Record<string, unknown>, secret: string, header: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT', ...header }).sign(new TextEncoder().encode(secret));
}

export interface TestProject {
  env: CallerEnv;
  anonKey: string;
  serviceRoleKey: string;
  /** A user's access token as the project's Auth signs it (ES256, kid), with claim overrides. */
  userToken: (claims?: Record<string, unknown>) => Promise<string>;
  /** The same claims signed with the legacy JWT secret (HS256, no kid). */
  legacyUserToken: (claims?: Record<string, unknown>) => Promise<string>;
  /** A service_role token signed with the project's key (what a gateway could mint for a secret key). */
  serviceToken: () => Promise<string>;
  /** Credentials that must be refused, each with the status a function answers. */
  badCredentials: () => Promise<RefusedCredential[]>;
  /** Everyone a server-only function refuses: no credential, the anonymous keys, a user, every bad credential. */
  notTheServer: () => Promise<RefusedCredential[]>;
}

export interface RefusedCredential {
  name: string;
  headers: Record<string, string>;
  status: 401 | 403;
}

export async function testProject(): Promise<TestProject> {
  const project = await generateKeyPair('ES256', { extractable: true });
  const attacker = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = { ...(await exportJWK(project.publicKey)), kid, alg: 'ES256', use: 'sig', key_ops: ['verify'] };
  const env: CallerEnv = {
    SUPABASE_URL: projectUrl,
    SUPABASE_JWKS: { keys: [publicJwk, { kty: 'oct', k: base64url(legacySecret) }] },
    SUPABASE_PUBLISHABLE_KEYS: { default: publishableKey },
    SUPABASE_SECRET_KEYS: { default: secretKey },
    SUPABASE_ANON_KEY: await hs256({ iss: 'supabase', role: 'anon', exp: seconds() + 86400 }, legacySecret),
    SUPABASE_SERVICE_ROLE_KEY: await hs256({ iss: 'supabase', role: 'service_role', exp: seconds() + 86400 }, legacySecret),
  };
  const userClaims = (claims: Record<string, unknown> = {}) => ({
    iss: issuer,
    sub: '0b4c3f1e-2d5a-4b6c-8d7e-9f0a1b2c3d4e',
    aud: 'authenticated',
    role: 'authenticated',
    iat: seconds(),
    exp: seconds() + 3600,
    session_id: 'c2f0f3b4-5e6d-4c7b-8a9f-0e1d2c3b4a59',
    ...claims,
  });
  const es256 = (claims: Record<string, unknown>, key: CryptoKey = project.privateKey, header: Record<string, unknown> = {}) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT', ...header }).sign(key);
  const userToken = (claims: Record<string, unknown> = {}) => es256(userClaims(claims));

  const badCredentials = async (): Promise<RefusedCredential[]> => {
    const valid = await userToken();
    const [header, , signature] = valid.split('.') as [string, string, string];
    const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
    return [
      { name: 'an expired user token', headers: bearer(await userToken({ exp: seconds() - 60 })), status: 401 },
      { name: 'a user token signed by another key (same kid)', headers: bearer(await es256(userClaims(), attacker.privateKey)), status: 401 },
      { name: 'a user token whose kid the project does not know', headers: bearer(await es256(userClaims(), project.privateKey, { kid: 'unknown-kid' })), status: 401 },
      { name: 'a forged payload (service_role) under a real signature', headers: bearer(`${header}.${base64url(JSON.stringify({ role: 'service_role', exp: seconds() + 60 }))}.${signature}`), status: 401 },
      { name: 'alg none', headers: bearer(`${base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url(JSON.stringify({ role: 'service_role', exp: seconds() + 60 }))}.`), status: 401 },
      { name: 'HS256 under another secret', headers: bearer(await hs256(userClaims(), 'some-other-secret-that-is-32-characters-long!!')), status: 401 },
      { name: 'a service_role token under another secret', headers: bearer(await hs256({ role: 'service_role', exp: seconds() + 60 }, 'some-other-secret-that-is-32-characters-long!!')), status: 401 },
      { name: 'HS512 under the legacy secret', headers: bearer(await new SignJWT(userClaims()).setProtectedHeader({ alg: 'HS512' }).sign(new TextEncoder().encode(legacySecret))), status: 401 },
      { name: 'a user token of another issuer', headers: bearer(await userToken({ iss: 'https://other-project.supabase.co/auth/v1' })), status: 401 },
      { name: 'a user token without an issuer', headers: bearer(await userToken({ iss: undefined })), status: 401 },
      { name: 'a user token for another audience', headers: bearer(await userToken({ aud: 'other-service' })), status: 401 },
      { name: 'a token without exp', headers: bearer(await userToken({ exp: undefined })), status: 401 },
      { name: 'a token of an unknown role', headers: bearer(await userToken({ role: 'supabase_admin' })), status: 401 },
      { name: 'not a JWT', headers: bearer('not-a-jwt'), status: 401 },
      { name: 'not a Bearer header', headers: { Authorization: `Basic ${btoa('a:b')}` }, status: 401 },
      { name: 'an unknown secret key as apikey', headers: { apikey: 'sb_secret_guessed' }, status: 401 },
      { name: 'an unknown secret key as bearer', headers: bearer('sb_secret_guessed'), status: 401 },
    ];
  };

  const notTheServer = async (): Promise<RefusedCredential[]> => [
    { name: 'no credential', headers: {}, status: 401 },
    { name: 'publishable key', headers: { apikey: publishableKey }, status: 403 },
    { name: 'anon key', headers: { Authorization: `Bearer ${env.SUPABASE_ANON_KEY}` }, status: 403 },
    { name: 'a signed-in user', headers: { Authorization: `Bearer ${await userToken()}` }, status: 403 },
    ...(await badCredentials()),
  ];

  return {
    env,
    notTheServer,
    anonKey: env.SUPABASE_ANON_KEY as string,
    serviceRoleKey: env.SUPABASE_SERVICE_ROLE_KEY as string,
    userToken,
    legacyUserToken: (claims = {}) => hs256(userClaims(claims), legacySecret),
    serviceToken: () => es256({ role: 'service_role', iss: issuer, exp: seconds() + 60 }),
    badCredentials,
  };
}

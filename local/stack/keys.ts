// The keys of the local stack: the same well-known development values the pinned Supabase CLI
// (3.1.0) uses by default for `supabase start`, read from its bundled start code:
//
// - the legacy JWT secret and the anon / service_role API keys signed with it (HS256; claims
//   `iss: supabase-demo`, `role`, `exp` 2032-10-19);
// - the publishable and secret API keys `sb_publishable_…` / `sb_secret_…` (opaque, not JWTs: the
//   gateway maps them to the anon / service_role JWT on the way in);
// - one asymmetric JWT signing key, ES256 on P-256 with kid b81269f1-…, which GoTrue signs access
//   tokens with (GOTRUE_JWT_KEYS) and whose public half Auth publishes at
//   /auth/v1/.well-known/jwks.json;
// - the verifiers' JWK Set (PostgREST's PGRST_JWT_SECRET, the functions' SUPABASE_JWKS): the public
//   signing key plus the legacy secret as an `oct` key, so legacy HS256 tokens keep working.
//
// Never use any of these outside local development: they are published with the CLI.
import { createHmac } from 'node:crypto';

export type Jwk = Record<string, unknown> & { kty: string; kid?: string };
export interface JwkSet {
  keys: Jwk[];
}

/** Supabase's well-known local JWT secret (overridable with SUPABASE_JWT_SECRET, as in config.ts). */
export const defaultJwtSecret = 'super-secret-jwt-token-with-at-least-32-characters-long';
export const localPublishableKey = 'sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH';
export const localSecretKey = 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz';

/** The CLI's default signing key (a private JWK: `d` is the private part). */
export const localSigningKey: Jwk = {
  kty: 'EC',
  kid: 'b81269f1-21d8-4f2e-b719-c2240a840d90',
  use: 'sig',
  key_ops: ['sign', 'verify'],
  alg: 'ES256',
  ext: true,
  crv: 'P-256',
  x: 'M5Sjqn5zwC9Kl1zVfUUGvv9boQjCGd45G8sdopBExB4',
  y: 'P6IXMvA2WYXSHSOMTBH2jsw_9rrzGy89FjPf6oOsIxQ',
  d: 'dIhR8wywJlqlua4y_yMq2SLhlFXDZJBCvFrY1DCHyVU',
};

function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}

export function signHs256(payload: Record<string, unknown>, secret: string): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = base64url(JSON.stringify(payload));
  const signature = createHmac('sha256', secret).update(`${header}.${body}`).digest();
  return `${header}.${body}.${base64url(signature)}`;
}

const demoKeyExpiry = 1983812996;

/** The legacy anon and service_role API keys: HS256 JWTs over the JWT secret. */
export function apiKeys(secret: string): { anonKey: string; serviceRoleKey: string } {
  return {
    anonKey: signHs256({ iss: 'supabase-demo', role: 'anon', exp: demoKeyExpiry }, secret),
    serviceRoleKey: signHs256({ iss: 'supabase-demo', role: 'service_role', exp: demoKeyExpiry }, secret),
  };
}

/** The public half of a signing key, as Auth publishes it: `use: sig`, `key_ops: [verify]`, no `d`. */
export function publicJwk(key: Jwk): Jwk {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...rest } = key;
  return { ...rest, use: 'sig', key_ops: ['verify'] };
}

/** The legacy secret as the `oct` JWK the CLI adds to the verifiers' set (ResolveJWKS). */
export function secretJwk(secret: string): Jwk {
  return { kty: 'oct', k: base64url(secret) };
}

/** Every key of a local stack, for the stack, the gateway, PostgREST, the functions and the token tool. */
export interface LocalKeys {
  jwtSecret: string;
  anonKey: string;
  serviceRoleKey: string;
  publishableKey: string;
  secretKey: string;
  signingKey: Jwk;
  /** What /auth/v1/.well-known/jwks.json serves: public asymmetric keys only. */
  publicJwks: JwkSet;
  /** What verifiers trust (PostgREST, the functions, verify_jwt): public keys plus the legacy secret. */
  jwks: JwkSet;
}

export function localKeys(jwtSecret: string): LocalKeys {
  const publicKey = publicJwk(localSigningKey);
  return {
    jwtSecret,
    ...apiKeys(jwtSecret),
    publishableKey: localPublishableKey,
    secretKey: localSecretKey,
    signingKey: localSigningKey,
    publicJwks: { keys: [publicKey] },
    jwks: { keys: [publicKey, secretJwk(jwtSecret)] },
  };
}

/**
 * The platform's variables for the gateway and the functions (what `supabase functions serve`
 * hands the edge runtime): the legacy and the new keys, the verifiers' JWKS, and the gateway's own
 * SUPABASE_JWT_SECRET (the functions server does not pass that one on to functions).
 */
export function platformEnvironment(keys: LocalKeys): Record<string, string> {
  return {
    SUPABASE_ANON_KEY: keys.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: keys.serviceRoleKey,
    SUPABASE_PUBLISHABLE_KEYS: JSON.stringify({ default: keys.publishableKey }),
    SUPABASE_SECRET_KEYS: JSON.stringify({ default: keys.secretKey }),
    SUPABASE_JWKS: JSON.stringify(keys.jwks),
    SUPABASE_JWT_SECRET: keys.jwtSecret,
  };
}

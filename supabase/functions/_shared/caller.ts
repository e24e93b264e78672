// Who called a function, verified inside the function: never from a claim that was merely
// decoded, and the same whether the platform's verify_jwt gate is on or off. Supabase's
// "Securing Edge Functions" guide (docs: functions/auth, functions/auth-headers) has functions
// check their callers themselves, because verify_jwt does not know the new API keys and is being
// retired with the legacy JWT secret. What this module accepts, in this order:
//
// 1. an API key, in the `apikey` header or as the bearer token, equal (in constant time) to one of
//    the project's keys: a secret key (SUPABASE_SECRET_KEYS) or the legacy service_role key
//    (SUPABASE_SERVICE_ROLE_KEY) is the server itself; a publishable key (SUPABASE_PUBLISHABLE_KEYS)
//    or the legacy anon key is an anonymous client;
// 2. otherwise a bearer JWT, verified with jose: ES256/RS256 against the project's JWK Set
//    (SUPABASE_JWKS, as the platform and the CLI provide it, else fetched from
//    <SUPABASE_URL>/auth/v1/.well-known/jwks.json), HS256 against the legacy JWT secret (an `oct`
//    key of SUPABASE_JWKS, as the CLI provides it, or the function secret LEGACY_JWT_SECRET);
//    `exp` required, no other algorithm (never `none`). Its role decides: `service_role` is the
//    server (e.g. the JWT the gateway sends for a secret key), `anon` an anonymous client, and
//    `authenticated` a user, whose token must also carry `sub`, `aud` = authenticated and the
//    project's Auth issuer (<SUPABASE_URL>/auth/v1, or one of JWT_ISSUERS).
//
// A credential that is present but wrong is refused (401), never treated as no credential.
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors,
  type JSONWebKeySet,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { z } from 'zod';
import { constantTimeEqual, fromBase64Url } from './crypto.ts';
import type { Claims } from './db.ts';
import { problem } from './http.ts';

export type Caller =
  | { kind: 'service'; via: 'secret_key' | 'service_role_key' | 'service_role_token' }
  | { kind: 'user'; claims: Claims & { sub: string } }
  | { kind: 'anonymous'; via: 'publishable_key' | 'anon_key' | 'anon_token' | 'no_credentials' };

export type CallerRejection =
  | 'malformed_authorization' // Authorization is not `Bearer <credential>`
  | 'unknown_api_key' // an apikey that is none of the project's keys
  | 'invalid_token' // not a JWT, a bad signature, an unknown key, a wrong algorithm
  | 'expired_token'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'unsupported_role'
  | 'keys_unavailable'; // the project's JWK Set could not be fetched: not the caller's fault (503)

export type CallerCheck = { ok: true; caller: Caller } | { ok: false; reason: CallerRejection; message: string };

export type VerifyCaller = (request: Request) => Promise<CallerCheck>;

const jwkSet = z.object({ keys: z.array(z.record(z.string(), z.unknown())) });
const keyMap = z.record(z.string(), z.string().min(1));

/** A JSON variable, parsed and checked; a name that does not parse stops the function from booting. */
function json<T extends z.ZodType>(schema: T) {
  return z.string().transform((text, context) => {
    try {
      const parsed = schema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data as z.infer<T>;
    } catch {
      // reported below
    }
    context.addIssue({ code: 'custom', message: 'is not the expected JSON' });
    return z.NEVER;
  });
}

/**
 * The variables the caller check reads; functions extend it with their own and parse once
 * (_shared/env.ts parseEnv). The SUPABASE_* ones are the platform's (and `npm start`'s);
 * LEGACY_JWT_SECRET and JWT_ISSUERS are function secrets, both optional.
 */
export const callerEnv = z.object({
  SUPABASE_URL: z.url(),
  SUPABASE_JWKS: json(jwkSet).optional(),
  SUPABASE_PUBLISHABLE_KEYS: json(keyMap).optional(),
  SUPABASE_SECRET_KEYS: json(keyMap).optional(),
  SUPABASE_ANON_KEY: z.string().min(1).optional(),
  SUPABASE_SERVICE_ROLE_KEY: z.string().min(1).optional(),
  // The legacy JWT secret, for HS256 user tokens while the project still issues them and the
  // platform's JWK Set does not carry it.
  LEGACY_JWT_SECRET: z.string().min(32).optional(),
  // More accepted `iss` values for user tokens (comma-separated), e.g. a custom domain's Auth URL.
  JWT_ISSUERS: z.string().optional(),
});

export type CallerEnv = z.infer<typeof callerEnv>;

export interface CallerVerifierOptions {
  /** The JWK Set when SUPABASE_JWKS is not set (default: fetched from the project's Auth). */
  remoteJwks?: (url: URL) => JWTVerifyGetKey;
  /** Seconds since the epoch (tests). */
  now?: () => number;
}

const asymmetricAlgorithms = ['ES256', 'RS256'];
const authIssuerPath = '/auth/v1';

/** Builds the check once per function process from the parsed environment. */
export function createCallerVerifier(env: CallerEnv, options: CallerVerifierOptions = {}): VerifyCaller {
  const secretKeys = Object.values(env.SUPABASE_SECRET_KEYS ?? {});
  const publishableKeys = Object.values(env.SUPABASE_PUBLISHABLE_KEYS ?? {});
  const supabaseUrl = env.SUPABASE_URL.replace(/\/+$/, '');
  const issuers = [`${supabaseUrl}${authIssuerPath}`, ...(env.JWT_ISSUERS ?? '').split(',').map((issuer) => issuer.trim()).filter(Boolean)];

  // HS256: the `oct` keys of the JWK Set (the legacy secret, as the CLI hands it over) and LEGACY_JWT_SECRET.
  const sharedSecrets: Array<{ kid: string | null; secret: Uint8Array }> = [];
  for (const key of env.SUPABASE_JWKS?.keys ?? []) {
    const bytes = key.kty === 'oct' && typeof key.k === 'string' ? fromBase64Url(key.k) : null;
    if (bytes && bytes.length > 0) sharedSecrets.push({ kid: typeof key.kid === 'string' ? key.kid : null, secret: bytes });
  }
  if (env.LEGACY_JWT_SECRET) sharedSecrets.push({ kid: null, secret: new TextEncoder().encode(env.LEGACY_JWT_SECRET) });

  // ES256/RS256: the public keys of the JWK Set, else the project's discovery endpoint.
  const publicKeys = (env.SUPABASE_JWKS?.keys ?? []).filter((key) => key.kty !== 'oct');
  let keySet: JWTVerifyGetKey | undefined;
  const asymmetricKeys = () =>
    keySet ??= env.SUPABASE_JWKS
      ? createLocalJWKSet({ keys: publicKeys } as JSONWebKeySet)
      : (options.remoteJwks ?? ((url) => createRemoteJWKSet(url)))(new URL(`${supabaseUrl}${authIssuerPath}/.well-known/jwks.json`));

  const now = options.now ?? (() => Date.now() / 1000);

  async function matchKey(credential: string): Promise<Caller | null> {
    for (const key of secretKeys) if (await constantTimeEqual(credential, key)) return { kind: 'service', via: 'secret_key' };
    if (env.SUPABASE_SERVICE_ROLE_KEY && await constantTimeEqual(credential, env.SUPABASE_SERVICE_ROLE_KEY)) return { kind: 'service', via: 'service_role_key' };
    for (const key of publishableKeys) if (await constantTimeEqual(credential, key)) return { kind: 'anonymous', via: 'publishable_key' };
    if (env.SUPABASE_ANON_KEY && await constantTimeEqual(credential, env.SUPABASE_ANON_KEY)) return { kind: 'anonymous', via: 'anon_key' };
    return null;
  }

  async function verifyToken(token: string): Promise<CallerCheck> {
    let algorithm: unknown;
    let kid: unknown;
    try {
      ({ alg: algorithm, kid } = decodeProtectedHeader(token));
    } catch {
      return reject('invalid_token', 'The bearer token is not a JWT.');
    }
    const verifyOptions = { requiredClaims: ['exp'], currentDate: new Date(now() * 1000) };
    let payload: JWTPayload;
    try {
      if (algorithm === 'HS256') {
        const candidates = sharedSecrets.filter((candidate) => typeof kid !== 'string' || candidate.kid === null || candidate.kid === kid);
        if (candidates.length === 0) return reject('invalid_token', 'The token is signed with a shared secret this project does not trust.');
        payload = await verifyWithAny(token, candidates.map((candidate) => candidate.secret), { ...verifyOptions, algorithms: ['HS256'] });
      } else if (typeof algorithm === 'string' && asymmetricAlgorithms.includes(algorithm)) {
        payload = (await jwtVerify(token, asymmetricKeys(), { ...verifyOptions, algorithms: asymmetricAlgorithms })).payload;
      } else {
        return reject('invalid_token', `Tokens signed with ${typeof algorithm === 'string' ? algorithm : 'no algorithm'} are not accepted.`);
      }
    } catch (error) {
      if (error instanceof errors.JWTExpired) return reject('expired_token', 'The token has expired.');
      if (keySetUnavailable(error)) return reject('keys_unavailable', 'The project\'s signing keys could not be fetched to verify the token.');
      return reject('invalid_token', 'The token is not valid for this project.');
    }
    return callerOfClaims(payload);
  }

  function callerOfClaims(payload: JWTPayload): CallerCheck {
    const role = payload.role;
    if (role === 'service_role') return { ok: true, caller: { kind: 'service', via: 'service_role_token' } };
    if (role === 'anon') return { ok: true, caller: { kind: 'anonymous', via: 'anon_token' } };
    if (role !== 'authenticated') return reject('unsupported_role', 'The token\'s role is not one this function serves.');
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!audiences.includes('authenticated')) return reject('wrong_audience', 'The token was not issued for signed-in users of this project.');
    if (typeof payload.iss !== 'string' || !issuers.includes(payload.iss)) return reject('wrong_issuer', 'The token was not issued by this project\'s Auth.');
    if (typeof payload.sub !== 'string' || payload.sub === '') return reject('invalid_token', 'The token names no user.');
    return { ok: true, caller: { kind: 'user', claims: payload as Claims & { sub: string } } };
  }

  return async (request) => {
    const authorization = request.headers.get('authorization');
    const apikey = request.headers.get('apikey');
    let bearer: string | null = null;
    if (authorization !== null) {
      const match = /^Bearer (\S+)$/.exec(authorization);
      if (!match) return reject('malformed_authorization', 'The Authorization header is not "Bearer <token>".');
      bearer = match[1] as string;
    }
    if (bearer !== null) {
      const byKey = await matchKey(bearer);
      if (byKey) return { ok: true, caller: byKey };
      if (bearer.startsWith('sb_')) return reject('unknown_api_key', 'The API key is not one of this project\'s keys.');
      return verifyToken(bearer);
    }
    if (apikey !== null) {
      const byKey = await matchKey(apikey);
      return byKey ? { ok: true, caller: byKey } : reject('unknown_api_key', 'The API key is not one of this project\'s keys.');
    }
    return { ok: true, caller: { kind: 'anonymous', via: 'no_credentials' } };
  };
}

/** jose's errors for a JWK Set it could not get (timeout, network, not a key set), as opposed to a bad token. */
function keySetUnavailable(error: unknown): boolean {
  if (!(error instanceof errors.JOSEError)) return true;
  return error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error.code === 'ERR_JOSE_GENERIC';
}

function reject(reason: CallerRejection, message: string): CallerCheck {
  return { ok: false, reason, message };
}

/** Verifies an HS256 token with each candidate secret; the last failure when none matches. */
async function verifyWithAny(token: string, secrets: Uint8Array[], options: Parameters<typeof jwtVerify>[2]): Promise<JWTPayload> {
  let failure: unknown;
  for (const secret of secrets) {
    try {
      return (await jwtVerify(token, secret, options)).payload;
    } catch (error) {
      failure = error;
      // An expired token with a good signature is expired under every key: say so.
      if (error instanceof errors.JWTExpired || error instanceof errors.JWTClaimValidationFailed) break;
    }
  }
  throw failure;
}

// --- what a function answers -----------------------------------------------------------------

/** A refused credential: 401 `unauthorized`, or 503 when the project's keys could not be fetched. */
export function refusedCaller(check: Extract<CallerCheck, { ok: false }>, init: ResponseInit = {}): Response {
  if (check.reason === 'keys_unavailable') {
    const headers = new Headers(init.headers);
    headers.set('Retry-After', '5');
    return problem(503, 'auth_keys_unavailable', check.message, 'Try again in a moment.', { ...init, headers });
  }
  return problem(401, 'unauthorized', check.message, 'Send a valid access token as Authorization: Bearer <token>, or an API key of this project in the apikey header.', init);
}

/**
 * Service-only functions (cron jobs, other server code): null when the caller is the server;
 * otherwise 401 without any credential (or with a bad one) and 403 for anyone else.
 */
export function requireService(check: CallerCheck, action: string, init: ResponseInit = {}): Response | null {
  if (!check.ok) return refusedCaller(check, init);
  if (check.caller.kind === 'service') return null;
  const hint = 'Call it with a secret key of the project in the apikey header (the pg_cron jobs do, through private.invoke_edge_function).';
  if (check.caller.kind === 'anonymous' && check.caller.via === 'no_credentials') return problem(401, 'unauthorized', `Only the server may ${action}.`, hint, init);
  return problem(403, 'forbidden', `Only the server may ${action}.`, hint, init);
}

/**
 * Functions that act for a signed-in user: the user's verified claims, or the answer: 401 for no,
 * an anonymous or a bad credential, 403 for the server's keys (they act for nobody).
 */
export function requireUser(check: CallerCheck, action: string, init: ResponseInit = {}): { claims: Claims & { sub: string } } | Response {
  if (!check.ok) return refusedCaller(check, init);
  if (check.caller.kind === 'user') return { claims: check.caller.claims };
  if (check.caller.kind === 'service') return problem(403, 'forbidden', `Only a signed-in user may ${action}.`, 'Call it with the user\'s access token: it acts as that user.', init);
  return problem(401, 'unauthorized', `Sign in to ${action}.`, 'Send the user\'s access token as Authorization: Bearer <token>.', init);
}

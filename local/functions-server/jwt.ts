// JSON Web Token verification as the platform's `verify_jwt` check does it (the CLI's edge-runtime
// main, verifyHybridJWT, which uses jose): HS256 tokens against the legacy JWT secret, ES256 and
// RS256 tokens against the project's JWK Set (SUPABASE_JWKS), both with jose's jwtVerify. A token
// is first checked to be a compact JWS of JSON objects, so that a malformed one is reported as such
// before its signature is looked at.
import { base64url, createLocalJWKSet, errors, jwtVerify } from 'npm:jose@6.2.17';

export type JwtRejection =
  | 'malformed' // not three base64url parts holding a JSON header and a JSON object payload
  | 'unsupported_algorithm' // header.alg is none of the algorithms verified here
  | 'invalid_signature'
  | 'expired' // exp <= now
  | 'not_yet_valid' // nbf > now
  | 'invalid_claims'; // exp or nbf present but not a number

export type JwtVerification =
  | { valid: true; header: Record<string, unknown>; payload: Record<string, unknown> }
  | { valid: false; reason: JwtRejection; algorithm?: string };

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Uint8Array<ArrayBuffer>;
}

const encoder = new TextEncoder();
const base64urlPart = /^[A-Za-z0-9_-]+$/;

function base64urlToBytes(part: string): Uint8Array<ArrayBuffer> | null {
  // unpadded base64url only: jose would also take padding, which a compact JWS never has
  if (!base64urlPart.test(part) || part.length % 4 === 1) return null;
  try {
    return new Uint8Array(base64url.decode(part));
  } catch {
    return null;
  }
}

function parseJsonObject(bytes: Uint8Array): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Splits and decodes a compact JWS without verifying it; null when it is not one. */
export function decodeJwt(token: string): DecodedJwt | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const headerBytes = base64urlToBytes(headerPart);
  const payloadBytes = base64urlToBytes(payloadPart);
  const signature = base64urlToBytes(signaturePart);
  if (!headerBytes || !payloadBytes || !signature) return null;
  const header = parseJsonObject(headerBytes);
  const payload = parseJsonObject(payloadBytes);
  if (!header || !payload) return null;
  return { header, payload, signingInput: `${headerPart}.${payloadPart}`, signature };
}

// Importing the key is the expensive part; the server verifies every request with one secret.
const keyCache = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    keyCache.set(secret, key);
  }
  return key;
}

/**
 * Verifies an HS256 JWT with jose. `nowSeconds` is injectable so expiry can be tested without
 * waiting. As jose (the platform) does: `exp` and `nbf` are optional but must be numbers.
 */
export async function verifyHs256Jwt(token: string, secret: string, nowSeconds = Date.now() / 1000): Promise<JwtVerification> {
  const decoded = decodeJwt(token);
  if (!decoded) return { valid: false, reason: 'malformed' };
  const algorithm = typeof decoded.header.alg === 'string' ? decoded.header.alg : undefined;
  if (algorithm !== 'HS256') return { valid: false, reason: 'unsupported_algorithm', ...(algorithm ? { algorithm } : {}) };
  return await verifiedWith(token, await hmacKey(secret), ['HS256'], algorithm, nowSeconds);
}

async function verifiedWith(
  token: string,
  key: CryptoKey | ReturnType<typeof createLocalJWKSet>,
  algorithms: string[],
  algorithm: string,
  nowSeconds: number,
): Promise<JwtVerification> {
  try {
    const { payload, protectedHeader } = await jwtVerify(token, key as never, { algorithms, currentDate: new Date(nowSeconds * 1000) });
    return { valid: true, header: protectedHeader as Record<string, unknown>, payload: payload as Record<string, unknown> };
  } catch (error) {
    return rejectionOf(error, algorithm);
  }
}

export interface JwkSet {
  keys: Array<Record<string, unknown>>;
}

const asymmetricAlgorithms = ['ES256', 'RS256'];

/** Maps jose's failure to the same reasons as the HS256 check. */
function rejectionOf(error: unknown, algorithm: string): JwtVerification {
  if (error instanceof errors.JWTExpired) return { valid: false, reason: 'expired', algorithm };
  if (error instanceof errors.JWTClaimValidationFailed) {
    return { valid: false, reason: error.claim === 'nbf' && error.reason === 'check_failed' ? 'not_yet_valid' : 'invalid_claims', algorithm };
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return { valid: false, reason: 'malformed' };
  return { valid: false, reason: 'invalid_signature', algorithm };
}

/**
 * Verifies an ES256/RS256 JWT against the public keys of `jwks` (matched by `kid` and `alg`);
 * anything else is 'unsupported_algorithm'. `nowSeconds` is injectable like verifyHs256Jwt's.
 */
export async function verifyAsymmetricJwt(token: string, jwks: JwkSet, nowSeconds = Date.now() / 1000): Promise<JwtVerification> {
  const decoded = decodeJwt(token);
  if (!decoded) return { valid: false, reason: 'malformed' };
  const algorithm = typeof decoded.header.alg === 'string' ? decoded.header.alg : undefined;
  if (!algorithm || !asymmetricAlgorithms.includes(algorithm)) return { valid: false, reason: 'unsupported_algorithm', ...(algorithm ? { algorithm } : {}) };
  return await verifiedWith(token, createLocalJWKSet(jwks as never), asymmetricAlgorithms, algorithm, nowSeconds);
}

// HS256 JSON Web Token verification with WebCrypto, as the platform's legacy `verify_jwt` check
// does it: signature over `header.payload` with the project's JWT secret, then `exp` and `nbf`.
// subtle.verify compares the MAC in constant time, so no hand-written comparison is needed.

export type JwtRejection =
  | 'malformed' // not three base64url parts holding a JSON header and a JSON object payload
  | 'unsupported_algorithm' // header.alg is not HS256
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
  if (!base64urlPart.test(part) || part.length % 4 === 1) return null;
  const base64 = part.replaceAll('-', '+').replaceAll('_', '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  try {
    return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
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
 * Verifies an HS256 JWT. `nowSeconds` is injectable so expiry can be tested without waiting.
 * Like the platform (jose's jwtVerify), `exp` and `nbf` are optional but must be numbers.
 */
export async function verifyHs256Jwt(token: string, secret: string, nowSeconds = Date.now() / 1000): Promise<JwtVerification> {
  const decoded = decodeJwt(token);
  if (!decoded) return { valid: false, reason: 'malformed' };
  const { header, payload, signingInput, signature } = decoded;
  const algorithm = typeof header.alg === 'string' ? header.alg : undefined;
  if (algorithm !== 'HS256') return { valid: false, reason: 'unsupported_algorithm', ...(algorithm ? { algorithm } : {}) };

  const signatureMatches = await crypto.subtle.verify('HMAC', await hmacKey(secret), signature, encoder.encode(signingInput));
  if (!signatureMatches) return { valid: false, reason: 'invalid_signature', algorithm };

  const { exp, nbf } = payload;
  if ((exp !== undefined && typeof exp !== 'number') || (nbf !== undefined && typeof nbf !== 'number')) {
    return { valid: false, reason: 'invalid_claims', algorithm };
  }
  if (exp !== undefined && exp <= nowSeconds) return { valid: false, reason: 'expired', algorithm };
  if (nbf !== undefined && nbf > nowSeconds) return { valid: false, reason: 'not_yet_valid', algorithm };
  return { valid: true, header, payload };
}

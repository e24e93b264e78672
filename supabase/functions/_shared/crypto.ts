// Encodings and signatures for every function, in one place: base64 (standard and URL-safe), hex,
// SHA-256 and HMAC. Hashing and signing are WebCrypto; checking a signature is
// `crypto.subtle.verify`, which compares in constant time inside WebCrypto; base64 is
// `node:buffer`, the runtime's own codec (Deno, the edge runtime and Node all provide it). So
// nothing here re-implements an encoding or a comparison.
import { Buffer } from 'node:buffer';

const encoder = new TextEncoder();

export type HmacHash = 'SHA-1' | 'SHA-256';

/** The UTF-8 bytes of a text. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Standard base64 with padding. */
export function toBase64(bytes: Uint8Array | string): string {
  return Buffer.from(typeof bytes === 'string' ? utf8(bytes) : bytes).toString('base64');
}

/**
 * The bytes of standard base64 (padding optional), or null when the text is not base64 at all.
 * Strict on purpose: a lenient decoder would skip foreign characters and accept a mangled value.
 */
export function fromBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.replace(/=+$/, '').length % 4 === 1) return null;
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** The bytes of base64url without padding (JWT segments), or null when it is not base64url. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  return new Uint8Array(Buffer.from(text, 'base64url'));
}

/** Lower-case hex. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/**
 * The bytes of hex text (either case, an even number of digits), or null when it is not hex:
 * a signature that arrives mangled must not be half-decoded into something shorter.
 */
export function fromHex(text: string): Uint8Array | null {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(text)) return null;
  return new Uint8Array(Buffer.from(text, 'hex'));
}

/** SHA-256 of a text's UTF-8 bytes, as hex. */
export async function sha256Hex(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(text) as BufferSource)));
}

/** An HMAC key for signing and verifying; import it once and reuse it. */
export function hmacKey(hash: HmacHash, secret: Uint8Array | string): Promise<CryptoKey> {
  const raw = typeof secret === 'string' ? utf8(secret) : secret;
  return crypto.subtle.importKey('raw', raw as BufferSource, { name: 'HMAC', hash }, false, ['sign', 'verify']);
}

/** HMAC of `data` (text as UTF-8). */
export async function hmacSign(key: CryptoKey, data: Uint8Array | string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, (typeof data === 'string' ? utf8(data) : data) as BufferSource));
}

/** True when `signature` is the HMAC of `data`; compared in constant time by WebCrypto. */
export function hmacVerify(key: CryptoKey, signature: Uint8Array, data: Uint8Array | string): Promise<boolean> {
  return crypto.subtle.verify('HMAC', key, signature as BufferSource, (typeof data === 'string' ? utf8(data) : data) as BufferSource);
}

// One random key per process: equal texts have equal MACs under it, and comparing a MAC is
// crypto.subtle.verify's constant-time check, so no secret is ever compared character by character.
let comparisonKey: Promise<CryptoKey> | undefined;

/** True when two secrets (API keys) are equal, compared in constant time. */
export async function constantTimeEqual(a: string, b: string): Promise<boolean> {
  comparisonKey ??= crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']) as Promise<CryptoKey>;
  const key = await comparisonKey;
  return hmacVerify(key, await hmacSign(key, a), b);
}

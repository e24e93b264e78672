// Standard Webhooks (standardwebhooks.com) signature verification, as Supabase Auth signs its HTTP
// hooks (Send SMS, Send Email): headers `webhook-id`, `webhook-timestamp` (Unix seconds) and
// `webhook-signature` = `v1,<base64 HMAC-SHA256(key, "${id}.${timestamp}.${body}")>`, several
// signatures separated by spaces (GoTrue writes one per configured secret, joined with ", ").
// The secret is configured as `v1,whsec_<standard base64>` (docs: auth/auth-hooks, "Security
// model"); the key is the base64-decoded part.
//
// Written on WebCrypto instead of wrapping npm:standardwebhooks so the check has no dependency
// and runs the same under Deno and Node; the tests sign with npm:standardwebhooks@1.1.1 (the
// reference library) to prove both agree.

/** Why a request was refused. Never carries the secret or the expected signature. */
export type WebhookRejection =
  | 'missing_headers'
  | 'invalid_timestamp'
  | 'timestamp_too_old'
  | 'timestamp_too_new'
  | 'no_matching_signature';

export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError';
  constructor(readonly reason: WebhookRejection, message: string) {
    super(message);
  }
}

export interface WebhookVerifier {
  /** Resolves when one of the signatures matches and the timestamp is within the tolerance; rejects with WebhookVerificationError otherwise. */
  verify(headers: Headers, body: string): Promise<void>;
}

export interface VerifierOptions {
  /** Accepted clock difference either way, in seconds (Standard Webhooks: 5 minutes). */
  toleranceSeconds?: number;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
}

const encoder = new TextEncoder();

function decodeBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) return null;
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The signing key of one configured secret: `v1,whsec_<base64>` as Supabase shows it, or
 * `whsec_<base64>`, or the bare base64. Throws (naming the format, never the value) otherwise.
 */
export function webhookKeyOf(secret: string): Uint8Array {
  const base64 = secret.trim().replace(/^v1,/, '').replace(/^whsec_/, '');
  const key = decodeBase64(base64);
  if (!key || key.length === 0) {
    throw new Error('the hook secret must look like v1,whsec_<base64> (Authentication → Hooks in the dashboard shows it)');
  }
  return key;
}

/** True when `value` is one or more `v1,whsec_<base64>` secrets separated by `|` (rotation). */
export function isWebhookSecret(value: string): boolean {
  return value.split('|').every((part) => /^v1,whsec_[A-Za-z0-9+/]+={0,2}$/.test(part.trim()) && decodeBase64(part.trim().slice(9)) !== null);
}

async function hmacKey(raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

async function signatureBytes(key: CryptoKey, id: string, timestamp: string, body: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`${id}.${timestamp}.${body}`)));
}

/** Compares in time independent of where the bytes differ (lengths are public: 32-byte HMACs). */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] as number) ^ (b[i] as number);
  return difference === 0;
}

/**
 * A verifier for one hook. `secrets`: the configured value, `v1,whsec_<base64>`; several separated
 * by `|` are all accepted (GoTrue's own format for rotating hook secrets).
 */
export function createWebhookVerifier(secrets: string, { toleranceSeconds = 300, now = Date.now }: VerifierOptions = {}): WebhookVerifier {
  const keys = Promise.all(secrets.split('|').map((secret) => hmacKey(webhookKeyOf(secret))));
  return {
    async verify(headers, body) {
      const id = headers.get('webhook-id');
      const timestamp = headers.get('webhook-timestamp');
      const signatures = headers.get('webhook-signature');
      if (!id || !timestamp || !signatures) {
        throw new WebhookVerificationError('missing_headers', 'webhook-id, webhook-timestamp and webhook-signature are required');
      }
      if (!/^\d{1,12}$/.test(timestamp)) {
        throw new WebhookVerificationError('invalid_timestamp', 'webhook-timestamp is not a Unix time in seconds');
      }
      const seconds = Number(timestamp);
      const nowSeconds = Math.floor(now() / 1000);
      if (nowSeconds - seconds > toleranceSeconds) {
        throw new WebhookVerificationError('timestamp_too_old', 'webhook-timestamp is too old (replayed or delayed request)');
      }
      if (seconds - nowSeconds > toleranceSeconds) {
        throw new WebhookVerificationError('timestamp_too_new', 'webhook-timestamp is in the future');
      }
      // "v1,<sig> v1,<sig2>" (spec) and "v1,<sig>, v1,<sig2>" (GoTrue's join) both split here.
      const candidates = signatures.split(/\s+/).map((entry) => entry.replace(/,$/, '')).flatMap((entry) => {
        const comma = entry.indexOf(',');
        if (comma < 0 || entry.slice(0, comma) !== 'v1') return [];
        const bytes = decodeBase64(entry.slice(comma + 1));
        return bytes ? [bytes] : [];
      });
      for (const key of await keys) {
        const expected = await signatureBytes(key, id, timestamp, body);
        let matched = false;
        for (const candidate of candidates) matched = constantTimeEqual(candidate, expected) || matched;
        if (matched) return;
      }
      throw new WebhookVerificationError('no_matching_signature', 'no webhook-signature matches the body (wrong secret or changed body)');
    },
  };
}

/** Signs like a Standard Webhooks sender: the `webhook-*` headers for `body`. For tests and tools. */
export async function signWebhook(
  secret: string,
  body: string,
  { id = crypto.randomUUID(), timestamp = Math.floor(Date.now() / 1000) }: { id?: string; timestamp?: number } = {},
): Promise<Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string>> {
  const key = await hmacKey(webhookKeyOf(secret));
  const signature = encodeBase64(await signatureBytes(key, id, String(timestamp), body));
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': `v1,${signature}` };
}

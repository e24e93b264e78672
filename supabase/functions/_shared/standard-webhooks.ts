// Standard Webhooks (standardwebhooks.com) signature verification, as Supabase Auth signs its HTTP
// hooks (Send SMS, Send Email): headers `webhook-id`, `webhook-timestamp` (Unix seconds) and
// `webhook-signature` = `v1,<base64 HMAC-SHA256(key, "${id}.${timestamp}.${body}")>`, several
// signatures separated by spaces (GoTrue writes one per configured secret, joined with ", ").
// The secret is configured as `v1,whsec_<standard base64>` (docs: auth/auth-hooks, "Security
// model"); the key is the base64-decoded part.
//
// Written on the functions' one crypto module (_shared/crypto.ts: WebCrypto HMAC, verified in
// constant time by crypto.subtle.verify) instead of a second library, so the check runs the same
// under Deno and Node; the tests sign with the reference library, standardwebhooks, to prove
// both agree.
import { fromBase64, hmacKey, hmacSign, hmacVerify, toBase64 } from './crypto.ts';

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

/**
 * The signing key of one configured secret: `v1,whsec_<base64>` as Supabase shows it, or
 * `whsec_<base64>`, or the bare base64. Throws (naming the format, never the value) otherwise.
 */
export function webhookKeyOf(secret: string): Uint8Array {
  const base64 = secret.trim().replace(/^v1,/, '').replace(/^whsec_/, '');
  const key = fromBase64(base64);
  if (!key || key.length === 0) {
    throw new Error('the hook secret must look like v1,whsec_<base64> (Authentication → Hooks in the dashboard shows it)');
  }
  return key;
}

/** True when `value` is one or more `v1,whsec_<base64>` secrets separated by `|` (rotation). */
export function isWebhookSecret(value: string): boolean {
  return value.split('|').every((part) => /^v1,whsec_[A-Za-z0-9+/]+={0,2}$/.test(part.trim()) && fromBase64(part.trim().slice(9)) !== null);
}

/** What is signed: `${id}.${timestamp}.${body}`. */
const signedContent = (id: string, timestamp: string, body: string) => `${id}.${timestamp}.${body}`;

/**
 * A verifier for one hook. `secrets`: the configured value, `v1,whsec_<base64>`; several separated
 * by `|` are all accepted (GoTrue's own format for rotating hook secrets).
 */
export function createWebhookVerifier(secrets: string, { toleranceSeconds = 300, now = Date.now }: VerifierOptions = {}): WebhookVerifier {
  const keys = Promise.all(secrets.split('|').map((secret) => hmacKey('SHA-256', webhookKeyOf(secret))));
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
        const bytes = fromBase64(entry.slice(comma + 1));
        return bytes ? [bytes] : [];
      });
      const content = signedContent(id, timestamp, body);
      for (const key of await keys) {
        for (const candidate of candidates) {
          if (await hmacVerify(key, candidate, content)) return;
        }
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
  const key = await hmacKey('SHA-256', webhookKeyOf(secret));
  const signature = toBase64(await hmacSign(key, signedContent(id, String(timestamp), body)));
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': `v1,${signature}` };
}

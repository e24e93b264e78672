// Twilio request signatures (X-Twilio-Signature), per Twilio's "Secure webhooks" docs:
// base64(HMAC-SHA1(key = Auth Token, data = the full URL Twilio requested, including any query
// string, followed by every POST parameter sorted by name, each as name + value with no
// separators)). On the functions' one crypto module (_shared/crypto.ts), so the same code runs in
// Deno and in Node (tests).
import { fromBase64, hmacKey, hmacSign, hmacVerify, toBase64 } from '../crypto.ts';

/** The POST parameters in signing order: sorted by name (then value, for repeated names). */
function signingData(url: string, params: URLSearchParams | Record<string, string>): string {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  entries.sort(([a, va], [b, vb]) => (a < b ? -1 : a > b ? 1 : va < vb ? -1 : va > vb ? 1 : 0));
  return url + entries.map(([name, v]) => name + v).join('');
}

/** The signature Twilio sends for a form-encoded request to `url` with `params`. */
export async function twilioSignature(authToken: string, url: string, params: URLSearchParams | Record<string, string>): Promise<string> {
  return toBase64(await hmacSign(await hmacKey('SHA-1', authToken), signingData(url, params)));
}

/** True when `signature` (the X-Twilio-Signature header) is valid for this URL and these parameters. */
export async function verifyTwilioSignature(
  authToken: string,
  url: string,
  params: URLSearchParams | Record<string, string>,
  signature: string | null | undefined,
): Promise<boolean> {
  const bytes = signature ? fromBase64(signature) : null;
  if (!bytes || bytes.length === 0 || !authToken) return false;
  return hmacVerify(await hmacKey('SHA-1', authToken), bytes, signingData(url, params));
}

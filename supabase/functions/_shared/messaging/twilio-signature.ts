// Twilio request signatures (X-Twilio-Signature), per Twilio's "Secure webhooks" docs:
// base64(HMAC-SHA1(key = Auth Token, data = the full URL Twilio requested, including any query
// string, followed by every POST parameter sorted by name, each as name + value with no
// separators)). WebCrypto only, so the same code runs in Deno and in Node (tests).

/** The POST parameters in signing order: sorted by name (then value, for repeated names). */
function signingData(url: string, params: URLSearchParams | Record<string, string>): string {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  entries.sort(([a, va], [b, vb]) => (a < b ? -1 : a > b ? 1 : va < vb ? -1 : va > vb ? 1 : 0));
  return url + entries.map(([name, v]) => name + v).join('');
}

function toBase64(bytes: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The signature Twilio sends for a form-encoded request to `url` with `params`. */
export async function twilioSignature(authToken: string, url: string, params: URLSearchParams | Record<string, string>): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(authToken), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  return toBase64(await crypto.subtle.sign('HMAC', key, encoder.encode(signingData(url, params))));
}

function constantTimeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let difference = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) difference |= (x[i % x.length] ?? 0) ^ (y[i % y.length] ?? 0);
  return difference === 0 && x.length > 0;
}

/** True when `signature` (the X-Twilio-Signature header) is valid for this URL and these parameters. */
export async function verifyTwilioSignature(
  authToken: string,
  url: string,
  params: URLSearchParams | Record<string, string>,
  signature: string | null | undefined,
): Promise<boolean> {
  if (!signature || !authToken) return false;
  return constantTimeEqual(await twilioSignature(authToken, url, params), signature);
}

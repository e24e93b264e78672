// One provider HTTP call with a time limit, shared by the Twilio and Resend adapters: a network
// failure or a timeout becomes a retryable ProviderError (the message may or may not have reached
// the provider; the caller decides how to retry). The adapters send with sendOnce
// (_shared/provider-fetch.ts), so the runtime never repeats the call behind the caller's back.
import type { Fetch } from '../provider-fetch.ts';
import { ProviderError } from './types.ts';

export type { Fetch };

/** Default upper bound for one provider request (connect + answer). */
export const defaultProviderTimeoutMs = 10_000;

export async function providerFetch(provider: string, fetchImpl: Fetch, url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  try {
    return await fetchImpl(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new ProviderError(`${provider}: no answer within ${timeoutMs} ms`, true, null, 'timeout');
    }
    throw new ProviderError(`${provider}: request failed (${error instanceof Error ? error.message : String(error)})`, true, null, 'network');
  }
}

/** The JSON body of a response, or null when it is not JSON. */
export async function jsonOrNull(response: Response): Promise<Record<string, unknown> | null> {
  const text = await response.text().catch(() => '');
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Whether an HTTP failure is worth retrying: 408, 409 (concurrent idempotent request), 429 and
 * 5xx; 401 too, because a bad or rotated credential is a configuration problem of ours, not of the
 * message, and should not park messages while someone fixes it. Every other 4xx is permanent.
 */
export function retryableStatus(status: number): boolean {
  return status === 401 || status === 408 || status === 409 || status === 429 || status >= 500;
}

// EmailSender over Resend's REST API with plain fetch: POST {apiBase}/emails with JSON
// `{ from, to, subject, text, html? }`, `Authorization: Bearer re_…` and an `Idempotency-Key`
// (Resend keeps keys 24 hours: a retry with the same key does not send twice). Resend answers
// 200 `{ id }`; errors are JSON `{ statusCode, name, message }`.
import { sendOnce } from '../provider-fetch.ts';
import { defaultProviderTimeoutMs, type Fetch, jsonOrNull, providerFetch, retryableStatus } from './http-call.ts';
import { type EmailMessage, type EmailSender, ProviderError, type SendResult } from './types.ts';

export interface ResendOptions {
  apiKey: string;
  /** "Clinic <bookings@example.com>" — a sender on a domain verified in Resend. */
  from: string;
  /** Default https://api.resend.com; tests point it at tests/fakes/resend.ts. */
  apiBase?: string;
  replyTo?: string;
  timeoutMs?: number;
  fetch?: Fetch;
}

export function createResendSender(options: ResendOptions): EmailSender {
  if (!options.apiKey) throw new Error('createResendSender: apiKey is required');
  if (!options.from) throw new Error('createResendSender: from is required');
  const url = `${(options.apiBase ?? 'https://api.resend.com').replace(/\/+$/, '')}/emails`;
  const fetchImpl = options.fetch ?? sendOnce;
  const timeoutMs = options.timeoutMs ?? defaultProviderTimeoutMs;

  return {
    async sendEmail(message: EmailMessage): Promise<SendResult> {
      const payload: Record<string, unknown> = { from: options.from, to: [message.to], subject: message.subject, text: message.text };
      if (message.html !== undefined) payload.html = message.html;
      if (options.replyTo) payload.reply_to = options.replyTo;
      const headers: Record<string, string> = {
        Authorization: `Bearer ${options.apiKey}`,
        'Content-Type': 'application/json',
        Accept: 'application/json',
      };
      if (message.idempotencyKey) headers['Idempotency-Key'] = message.idempotencyKey;

      const response = await providerFetch('resend', fetchImpl, url, { method: 'POST', headers, body: JSON.stringify(payload) }, timeoutMs);
      const body = await jsonOrNull(response);
      if (response.ok && typeof body?.id === 'string') {
        return { provider: 'resend', providerMessageId: body.id, captured: false };
      }
      if (response.ok) throw new ProviderError(`resend: HTTP ${response.status} without an email id`, true, response.status);
      const name = typeof body?.name === 'string' ? body.name : null;
      const text = typeof body?.message === 'string' ? body.message : `HTTP ${response.status}`;
      // 409 invalid_idempotent_request (same key, other payload) will never succeed; 409
      // concurrent_idempotent_requests will.
      const retryable = name === 'invalid_idempotent_request' ? false : retryableStatus(response.status);
      throw new ProviderError(`resend ${name ?? response.status}: ${text}`, retryable, response.status, name);
    },
  };
}

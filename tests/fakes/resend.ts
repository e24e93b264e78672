// A fake of Resend's API for tests: POST /emails (JSON, Bearer key) answers 200 `{ id }` and
// records the request; the same Idempotency-Key returns the same id without a second email.
// Error injection answers like Resend: 500, 429 (rate_limit_exceeded), 422 validation_error, or
// never (hang). `signResendEvent` signs a webhook payload the way Resend (Svix) does.
import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { type FakeServer, type Failure, sendJson, startFakeServer } from './http.ts';

export interface ResendEmail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string | null;
  html: string | null;
  idempotencyKey: string | null;
}

export interface FakeResend extends FakeServer {
  apiKey: string;
  /** Accepted emails (one per idempotency key), oldest first. */
  emails: ResendEmail[];
  /** Error injection; with `to`, only emails to that address fail. */
  failNextWith: (kind: 'server_error' | 'rate_limited' | 'invalid' | 'hang', count?: number, to?: string) => void;
}

export const resendFailures: Record<'server_error' | 'rate_limited' | 'invalid' | 'hang', Failure> = {
  server_error: { status: 500, body: { statusCode: 500, name: 'internal_server_error', message: 'An unexpected error occurred.' } },
  rate_limited: { status: 429, body: { statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests.' } },
  invalid: { status: 422, body: { statusCode: 422, name: 'validation_error', message: 'Invalid `to` field.' } },
  hang: 'hang',
};

export async function startFakeResend({ apiKey = `re_${randomBytes(12).toString('hex')}` } = {}): Promise<FakeResend> {
  const emails: ResendEmail[] = [];
  const byKey = new Map<string, ResendEmail>();
  const server = await startFakeServer((request, response) => {
    if (request.method !== 'POST' || request.path !== '/emails') {
      sendJson(response, 404, { statusCode: 404, name: 'not_found', message: 'The requested endpoint does not exist.' });
      return;
    }
    if (request.headers.authorization !== `Bearer ${apiKey}`) {
      sendJson(response, 401, { statusCode: 401, name: 'missing_api_key', message: 'Missing or invalid API key in the authorization header.' });
      return;
    }
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(request.body) as Record<string, unknown>;
    } catch {
      sendJson(response, 422, { statusCode: 422, name: 'validation_error', message: 'Invalid JSON.' });
      return;
    }
    const key = request.headers['idempotency-key'] || null;
    const replay = key ? byKey.get(key) : undefined;
    if (replay) {
      sendJson(response, 200, { id: replay.id });
      return;
    }
    const to = Array.isArray(payload.to) ? payload.to.map(String) : [String(payload.to ?? '')];
    if (!payload.from || !payload.subject || to.some((address) => !address.includes('@'))) {
      sendJson(response, 422, { statusCode: 422, name: 'validation_error', message: 'Missing `from`, `subject` or a valid `to`.' });
      return;
    }
    const email: ResendEmail = {
      id: randomUUID(),
      from: String(payload.from),
      to,
      subject: String(payload.subject),
      text: typeof payload.text === 'string' ? payload.text : null,
      html: typeof payload.html === 'string' ? payload.html : null,
      idempotencyKey: key,
    };
    emails.push(email);
    if (key) byKey.set(key, email);
    sendJson(response, 200, { id: email.id });
  });
  const sentTo = (body: string, to: string) => {
    try {
      const parsed = JSON.parse(body) as { to?: unknown };
      return Array.isArray(parsed.to) ? parsed.to.includes(to) : parsed.to === to;
    } catch {
      return false;
    }
  };
  return {
    ...server,
    apiKey,
    emails,
    failNextWith: (kind, count = 1, to) => server.failNext(resendFailures[kind], count, to === undefined ? undefined : (request) => sentTo(request.body, to)),
  };
}

/** A fresh webhook signing secret in Resend's format (`whsec_<base64>`). */
export function newResendWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** The svix-* headers Resend sends with `payload` (signed with `secret` at `timestamp`). */
export function signResendEvent(payload: string, secret: string, { id = `msg_${randomBytes(12).toString('hex')}`, timestamp = new Date() } = {}): Record<string, string> {
  const signature = new Webhook(secret).sign(id, timestamp, payload);
  return { 'svix-id': id, 'svix-timestamp': String(Math.floor(timestamp.getTime() / 1000)), 'svix-signature': signature, 'content-type': 'application/json' };
}

/** A Resend webhook event body (`{ type, created_at, data }`) for an email. */
export function resendEvent(type: string, emailId: string, to: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    type,
    created_at: now,
    data: { created_at: now, email_id: emailId, from: 'Slotbase <bookings@example.test>', to: [to], subject: 'Your appointment', ...extra },
  };
}

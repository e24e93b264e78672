// POST /functions/v1/resend-webhook (verify_jwt = false: Resend signs instead, with Svix:
// svix-id, svix-timestamp, svix-signature; secret whsec_…). Svix's scheme is Standard Webhooks
// under other header names, so the project's one verifier (_shared/standard-webhooks.ts, also
// behind the Auth hooks) checks it, 5-minute timestamp tolerance.
//   email.delivered  → delivered
//   email.bounced, email.failed → undelivered
//   email.complained → opt-out of the address (email_complaint) + undelivered
//   anything else (sent, opened, clicked, delivery_delayed, …) → 200, ignored
// A bad, missing or stale signature → 400 invalid_signature, nothing changes.
import { connectionLost, databaseErrorOf, httpStatusOf } from '../_shared/db.ts';
import { databaseUnavailable, json, payloadTooLarge, problem, readBodyText } from '../_shared/http.ts';
import type { DeliveryStore } from '../_shared/messaging/delivery.ts';
import type { WebhookVerifier } from '../_shared/standard-webhooks.ts';
import { z } from 'zod';

export interface ResendWebhookDependencies extends DeliveryStore {
  /** createWebhookVerifier(RESEND_WEBHOOK_SECRET), the secret being "whsec_…". */
  verifier: WebhookVerifier;
  log?: (line: string) => void;
}

const maxBodyBytes = 256 * 1024;

const emailPattern = /^[^\s@]+@[^\s@]+$/;

/** What the handler reads from a verified Resend event; everything else is Resend's business. */
const resendEvent = z.looseObject({
  type: z.string().max(64),
  created_at: z.string().max(64).optional(),
  data: z.looseObject({
    email_id: z.string().min(1).max(200).optional(),
    to: z.union([z.string(), z.array(z.string())]).optional(),
    bounce: z.looseObject({ message: z.string().optional() }).optional(),
    failed: z.looseObject({ reason: z.string().optional() }).optional(),
  }),
});

export function createResendWebhookHandler(deps: ResendWebhookDependencies): (request: Request) => Promise<Response> {
  const log = deps.log ?? console.log;
  return async (request) => {
    if (request.method !== 'POST') {
      return problem(405, 'method_not_allowed', `resend-webhook does not accept ${request.method}.`, 'Resend posts JSON events.', { headers: { Allow: 'POST' } });
    }
    const body = await readBodyText(request, maxBodyBytes);
    if (body === null) return payloadTooLarge(maxBodyBytes);
    try {
      await deps.verifier.verify(new Headers({
        'webhook-id': request.headers.get('svix-id') ?? '',
        'webhook-timestamp': request.headers.get('svix-timestamp') ?? '',
        'webhook-signature': request.headers.get('svix-signature') ?? '',
      }), body);
    } catch (error) {
      log(`resend-webhook: rejected a request: ${error instanceof Error ? error.message : String(error)}`);
      return problem(400, 'invalid_signature', 'The Svix signature is missing, wrong or too old.', 'Resend must sign with the secret in RESEND_WEBHOOK_SECRET; timestamps older than 5 minutes are refused.');
    }
    let raw: unknown;
    try {
      raw = JSON.parse(body);
    } catch {
      return problem(400, 'invalid_event', 'The body is not JSON.', 'Send Resend webhook events to this endpoint.');
    }
    const parsed = resendEvent.safeParse(raw);
    if (!parsed.success) {
      const reasons = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'event'} ${issue.message}`).join('; ');
      log(`resend-webhook: refused a signed body that is not a Resend event: ${reasons}`);
      return problem(400, 'invalid_event', `The body is not a Resend event: ${reasons}.`, 'Send Resend webhook events to this endpoint.');
    }
    const event = parsed.data;
    const type = event.type;
    const emailId = event.data.email_id ?? null;
    try {
      if (!emailId || !['email.delivered', 'email.bounced', 'email.failed', 'email.complained'].includes(type)) {
        return json(200, { received: true, outcome: 'ignored' });
      }
      if (type === 'email.complained') {
        const to = event.data.to === undefined ? [] : Array.isArray(event.data.to) ? event.data.to : [event.data.to];
        const recipients = to.map((address) => address.trim().toLowerCase()).filter((address) => address.length <= 254 && emailPattern.test(address));
        // The Svix message id stays the same across Resend's retries: a replay changes nothing.
        const svixId = request.headers.get('svix-id');
        const createdAt = event.created_at ? new Date(event.created_at) : null;
        const occurredAt = createdAt && !Number.isNaN(createdAt.getTime()) && createdAt.getTime() <= Date.now() ? createdAt : null;
        for (const [index, address] of recipients.entries()) {
          const id = svixId ? (recipients.length > 1 ? `${svixId}:${index}` : svixId) : null;
          await deps.recordOptOut('email', address, 'email_complaint', { id, occurredAt });
        }
      }
      const status = type === 'email.delivered' ? 'delivered' : 'undelivered';
      const reason = type === 'email.bounced' && event.data.bounce?.message
        ? `resend ${type}: ${event.data.bounce.message.slice(0, 500)}`
        : type === 'email.failed' && event.data.failed?.reason
        ? `resend ${type}: ${event.data.failed.reason.slice(0, 500)}`
        : status === 'undelivered' ? `resend ${type}` : null;
      const found = await deps.recordDeliveryStatus('resend', emailId, status, reason);
      if (!found) log(`resend-webhook: ${type} for unknown email ${emailId}`);
      return json(200, { received: true, outcome: found ? 'processed' : 'unmatched' });
    } catch (error) {
      log(`resend-webhook: ${error instanceof Error ? error.message : String(error)}`);
      if (connectionLost(error)) return databaseUnavailable();
      const refusal = databaseErrorOf(error);
      if (refusal && httpStatusOf(refusal.code) < 500) {
        return problem(400, 'invalid_event', `The event was refused: ${refusal.message}.`, refusal.hint ?? undefined);
      }
      return problem(500, 'webhook_failed', 'The event could not be recorded.', 'Resend retries failed deliveries; see the function log.');
    }
  };
}

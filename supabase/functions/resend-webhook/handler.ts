// POST /functions/v1/resend-webhook (verify_jwt = false: Resend signs instead, with Svix:
// svix-id, svix-timestamp, svix-signature; secret whsec_…). Svix's scheme is Standard Webhooks
// under other header names, so the project's one verifier (_shared/standard-webhooks.ts, also
// behind the Auth hooks) checks it, 5-minute timestamp tolerance.
//   email.delivered  → delivered
//   email.bounced, email.failed → undelivered
//   email.complained → opt-out of the address (email_complaint) + undelivered
//   anything else (sent, opened, clicked, delivery_delayed, …) → 200, ignored
// A bad, missing or stale signature → 400 invalid_signature, nothing changes.
import { connectionLost } from '../_shared/db.ts';
import { databaseUnavailable, json, problem } from '../_shared/http.ts';
import type { DeliveryStore } from '../_shared/messaging/delivery.ts';
import type { WebhookVerifier } from '../_shared/standard-webhooks.ts';

export interface ResendWebhookDependencies extends DeliveryStore {
  /** createWebhookVerifier(RESEND_WEBHOOK_SECRET), the secret being "whsec_…". */
  verifier: WebhookVerifier;
  log?: (line: string) => void;
}

interface ResendEvent {
  type?: unknown;
  created_at?: unknown;
  data?: { email_id?: unknown; to?: unknown; bounce?: { message?: unknown; type?: unknown }; failed?: { reason?: unknown } };
}

export function createResendWebhookHandler(deps: ResendWebhookDependencies): (request: Request) => Promise<Response> {
  const log = deps.log ?? console.log;
  return async (request) => {
    if (request.method !== 'POST') {
      return problem(405, 'method_not_allowed', `resend-webhook does not accept ${request.method}.`, 'Resend posts JSON events.', { headers: { Allow: 'POST' } });
    }
    const body = await request.text();
    let event: ResendEvent;
    try {
      await deps.verifier.verify(new Headers({
        'webhook-id': request.headers.get('svix-id') ?? '',
        'webhook-timestamp': request.headers.get('svix-timestamp') ?? '',
        'webhook-signature': request.headers.get('svix-signature') ?? '',
      }), body);
      event = JSON.parse(body) as ResendEvent;
    } catch (error) {
      log(`resend-webhook: rejected a request: ${error instanceof Error ? error.message : String(error)}`);
      return problem(400, 'invalid_signature', 'The Svix signature is missing, wrong or too old.', 'Resend must sign with the secret in RESEND_WEBHOOK_SECRET; timestamps older than 5 minutes are refused.');
    }
    const type = typeof event?.type === 'string' ? event.type : '';
    const emailId = typeof event?.data?.email_id === 'string' ? event.data.email_id : null;
    try {
      if (!emailId || !['email.delivered', 'email.bounced', 'email.failed', 'email.complained'].includes(type)) {
        return json(200, { received: true, outcome: 'ignored' });
      }
      if (type === 'email.complained') {
        const recipients = Array.isArray(event.data?.to) ? event.data.to.filter((to): to is string => typeof to === 'string') : [];
        // The Svix message id stays the same across Resend's retries: a replay changes nothing.
        const svixId = request.headers.get('svix-id');
        const createdAt = typeof event.created_at === 'string' ? new Date(event.created_at) : null;
        const occurredAt = createdAt && !Number.isNaN(createdAt.getTime()) && createdAt.getTime() <= Date.now() ? createdAt : null;
        for (const [index, address] of recipients.entries()) {
          const id = svixId ? (recipients.length > 1 ? `${svixId}:${index}` : svixId) : null;
          await deps.recordOptOut('email', address.trim().toLowerCase(), 'email_complaint', { id, occurredAt });
        }
      }
      const status = type === 'email.delivered' ? 'delivered' : 'undelivered';
      const reason = type === 'email.bounced' && typeof event.data?.bounce?.message === 'string'
        ? `resend ${type}: ${event.data.bounce.message}`
        : type === 'email.failed' && typeof event.data?.failed?.reason === 'string'
        ? `resend ${type}: ${event.data.failed.reason}`
        : status === 'undelivered' ? `resend ${type}` : null;
      const found = await deps.recordDeliveryStatus('resend', emailId, status, reason);
      if (!found) log(`resend-webhook: ${type} for unknown email ${emailId}`);
      return json(200, { received: true, outcome: found ? 'processed' : 'unmatched' });
    } catch (error) {
      log(`resend-webhook: ${error instanceof Error ? error.message : String(error)}`);
      if (connectionLost(error)) return databaseUnavailable();
      return problem(500, 'webhook_failed', 'The event could not be recorded.', 'Resend retries failed deliveries; see the function log.');
    }
  };
}

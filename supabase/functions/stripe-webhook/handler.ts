// POST /functions/v1/stripe-webhook: Stripe's events for payments and refunds (verify_jwt = false:
// Stripe signs instead). One endpoint serves the platform account and connected accounts (Connect
// events carry `account`).
//
// 1. The signature (`Stripe-Signature`, HMAC-SHA256 over the raw body with STRIPE_WEBHOOK_SECRET,
//    5-minute tolerance) is checked on the raw body before anything is parsed: a missing or wrong
//    signature, a tampered body or an old timestamp is 400 invalid_signature and changes nothing.
// 2. public.handle_stripe_event (as service_role) records the event id first (exactly once: a
//    redelivery is "duplicate" and changes nothing), then applies it. Unknown event types are
//    "ignored"; both answer 200 so Stripe stops redelivering.
// 3. Refunds the event created (a payment that succeeded after its hold was released) are sent to
//    Stripe right away with the process-refunds code, best effort: the cron job retries.
// A database failure answers 500, so Stripe redelivers the event later.
import { connectionLost } from '../_shared/db.ts';
import { databaseUnavailable, json, problem } from '../_shared/http.ts';
import type { RefundRunSummary } from '../_shared/stripe.ts';

/** The jsonb public.handle_stripe_event returns. */
export interface StripeEventOutcome {
  outcome: 'processed' | 'duplicate' | 'ignored' | 'unmatched' | string;
  payment_id?: string | null;
  refund_ids?: string[] | null;
  [key: string]: unknown;
}

export interface StripeWebhookDependencies {
  /** Verifies the signature over the raw body; resolves the event or rejects. */
  verify: (payload: string, signature: string) => Promise<unknown>;
  /** public.handle_stripe_event as service_role. */
  handleEvent: (event: Record<string, unknown>) => Promise<StripeEventOutcome>;
  /** Issues these refunds now (claim_refunds with refund_ids); never needed for correctness. */
  issueRefunds: (refundIds: string[]) => Promise<RefundRunSummary>;
  log?: (message: string) => void;
}

const noStore = { 'Cache-Control': 'no-store' };

export function createStripeWebhookHandler({ verify, handleEvent, issueRefunds, log = console.error }: StripeWebhookDependencies): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'POST') {
      return problem(405, 'method_not_allowed', `stripe-webhook does not accept ${request.method}.`, 'Stripe sends events with POST.', {
        headers: { ...noStore, Allow: 'POST' },
      });
    }
    const payload = await request.text();
    const signature = request.headers.get('stripe-signature');
    if (!signature) {
      return problem(400, 'invalid_signature', 'The Stripe-Signature header is missing.', 'Only Stripe can call this endpoint; configure it as a webhook endpoint in the Stripe Dashboard.', { headers: noStore });
    }
    try {
      await verify(payload, signature);
    } catch (error) {
      log(`stripe-webhook: rejected an event: ${error instanceof Error ? error.message.split('\n')[0] : 'signature check failed'}`);
      return problem(400, 'invalid_signature', 'The Stripe signature does not match this request.',
        'Check STRIPE_WEBHOOK_SECRET (the endpoint\'s whsec_… signing secret) and that the body reaches the function unchanged.', { headers: noStore });
    }

    let event: Record<string, unknown>;
    try {
      event = JSON.parse(payload) as Record<string, unknown>;
      if (typeof event !== 'object' || event === null || typeof event.id !== 'string' || typeof event.type !== 'string') throw new Error('not an event');
    } catch {
      return problem(400, 'invalid_event', 'The body is not a Stripe event.', 'Send Stripe events (v1 snapshot payloads) to this endpoint.', { headers: noStore });
    }

    let result: StripeEventOutcome;
    try {
      result = await handleEvent(event);
    } catch (error) {
      const detail = error && typeof error === 'object' && 'code' in error ? `${(error as { code: unknown }).code}: ` : '';
      log(`stripe-webhook: could not apply event ${event.id} (${event.type}): ${detail}${error instanceof Error ? error.message : String(error)}`);
      if (connectionLost(error)) return databaseUnavailable({ headers: noStore });
      return problem(500, 'event_not_processed', 'The event could not be processed now.', 'Stripe retries the delivery automatically.', { headers: noStore });
    }

    const refundIds = Array.isArray(result.refund_ids) ? result.refund_ids : [];
    let refunds: RefundRunSummary | null = null;
    if (refundIds.length > 0) {
      try {
        refunds = await issueRefunds(refundIds);
      } catch (error) {
        log(`stripe-webhook: refunds ${refundIds.join(', ')} wait for process-refunds: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return json(200, { received: true, id: event.id, type: event.type, outcome: result.outcome, ...(refunds ? { refunds } : {}) }, { headers: noStore });
  };
}

// POST /functions/v1/stripe-webhook: Stripe's events for payments and refunds (verify_jwt = false:
// Stripe signs instead). One endpoint serves the platform account and connected accounts (Connect
// events carry `account`).
//
// 1. The signature (`Stripe-Signature`, HMAC-SHA256 over the raw body with STRIPE_WEBHOOK_SECRET,
//    5-minute tolerance) is checked on the raw body before anything is parsed: a missing or wrong
//    signature, a tampered body or an old timestamp is 400 invalid_signature and changes nothing.
// 2. The verified body must be a Stripe event (zod: an evt_ id, a type, data.object); a signed
//    body that is not one (e.g. an empty id) is 400 invalid_event with the reason, never 500.
// 3. public.handle_stripe_event (as service_role) records the event id first (exactly once: a
//    redelivery is "duplicate" and changes nothing), then applies it. Unknown event types are
//    "ignored"; both answer 200 so Stripe stops redelivering.
// 4. Refunds the event created (a payment that succeeded after its hold was released) are sent to
//    Stripe right away with the process-refunds code, best effort: the cron job retries.
// A database failure answers 500 (503 when the connection was lost), so Stripe redelivers the
// event later; a refusal of the event by the database (SQLSTATE 22xxx, PTxxx) is its 4xx.
import { json, payloadTooLarge, problem, readBodyText } from '../_shared/http.ts';
import { applyEvent, type EventOutcome, parseEvent } from '../_shared/payment-webhook.ts';
import type { RefundRunSummary } from '../_shared/refunds.ts';
import { z } from 'zod';

/** The envelope every Stripe event has; the rest of it is for handle_stripe_event to read. */
export const stripeEventEnvelope = z.looseObject({
  id: z.string().regex(/^evt_[A-Za-z0-9_]{1,250}$/, 'must be a Stripe event id (evt_...)'),
  type: z.string().regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/, 'must be a Stripe event type such as payment_intent.succeeded').max(255),
  account: z.string().regex(/^acct_[A-Za-z0-9]{1,250}$/, 'must be a connected account id (acct_...)').nullish(),
  data: z.looseObject({ object: z.looseObject({}) }),
});

/** The jsonb public.handle_stripe_event returns. */
export type StripeEventOutcome = EventOutcome;

export interface StripeWebhookDependencies {
  /** Verifies the signature over the raw body; resolves the event or rejects. */
  verify: (payload: string, signature: string) => Promise<unknown>;
  /** public.handle_stripe_event as service_role. */
  handleEvent: (event: Record<string, unknown> & z.infer<typeof stripeEventEnvelope>) => Promise<StripeEventOutcome>;
  /** Issues these refunds now (claim_refunds with refund_ids); never needed for correctness. */
  issueRefunds: (refundIds: string[]) => Promise<RefundRunSummary>;
  log?: (message: string) => void;
}

const noStore = { 'Cache-Control': 'no-store' };

/** Stripe's events are a few kB (an expanded object at most tens); 1 MB bounds what a caller can make us read. */
const maxBodyBytes = 1024 * 1024;

export function createStripeWebhookHandler({ verify, handleEvent, issueRefunds, log = console.error }: StripeWebhookDependencies): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'POST') {
      return problem(405, 'method_not_allowed', `stripe-webhook does not accept ${request.method}.`, 'Stripe sends events with POST.', {
        headers: { ...noStore, Allow: 'POST' },
      });
    }
    const payload = await readBodyText(request, maxBodyBytes);
    if (payload === null) return payloadTooLarge(maxBodyBytes, { headers: noStore });
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

    const context = { name: 'stripe-webhook', provider: 'Stripe', hint: 'Send Stripe events (v1 snapshot payloads) to this endpoint.', headers: noStore, log };
    const event = parseEvent(payload, stripeEventEnvelope, context);
    if (event instanceof Response) return event;

    const applied = await applyEvent(() => handleEvent(event), issueRefunds, `event ${event.id} (${event.type})`, context);
    if (applied instanceof Response) return applied;
    const { result, refunds } = applied;
    return json(200, { received: true, id: event.id, type: event.type, outcome: result.outcome, ...(refunds ? { refunds } : {}) }, { headers: noStore });
  };
}

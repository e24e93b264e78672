// POST /functions/v1/razorpay-webhook: Razorpay's events for payments, orders, Payment Links and
// refunds (verify_jwt = false: Razorpay signs instead). Register it in the Razorpay Dashboard
// (Account & Settings -> Webhooks) with the events below and a webhook secret.
//
// 1. The signature (`X-Razorpay-Signature`, hex HMAC-SHA256 of the raw body with
//    RAZORPAY_WEBHOOK_SECRET) is checked on the raw body before anything is parsed: a missing or
//    wrong signature or a changed body is 400 invalid_signature and changes nothing.
// 2. `x-razorpay-event-id` names the event ("unique per event"; a redelivery carries the same
//    one); without it the event cannot be handled exactly once: 400 invalid_event.
// 3. The verified body must be a Razorpay event (zod: entity "event", an event name, a payload
//    object); a signed body that is not one is 400 invalid_event with the reason, never 500.
// 4. public.handle_razorpay_event (as service_role) records the event id first (exactly once: a
//    redelivery is "duplicate" and changes nothing), then applies it; events Slotbase does not use
//    are "ignored". All answer 200, so Razorpay stops redelivering.
// 5. Refunds the event created (money that arrived after the hold was released) are sent to
//    Razorpay right away with the process-refunds code, best effort: the cron job retries.
// A database failure answers 500 (503 when the connection was lost): Razorpay retries a failed
// delivery for 24 hours. Razorpay does not sign the event id header: a signed body sent again
// under another id is applied again, and changes nothing, because every step only moves forward.
import { json, payloadTooLarge, problem, readBodyText } from '../_shared/http.ts';
import { applyEvent, type EventOutcome, parseEvent } from '../_shared/payment-webhook.ts';
import type { RefundRunSummary } from '../_shared/refunds.ts';
import { z } from 'zod';

/** The envelope of every Razorpay webhook body; the entities are for handle_razorpay_event to read. */
export const razorpayEventEnvelope = z.looseObject({
  entity: z.literal('event', { message: 'must be "event"' }),
  event: z.string().regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/, 'must be a Razorpay event name such as payment.captured').max(255),
  account_id: z.string().max(255).nullish(),
  payload: z.looseObject({}),
});

/** The jsonb public.handle_razorpay_event returns. */
export type RazorpayEventOutcome = EventOutcome;

export interface RazorpayWebhookDependencies {
  /** True when the signature is the HMAC of the raw body with the webhook secret (constant time). */
  verify: (payload: string, signature: string) => Promise<boolean>;
  /** public.handle_razorpay_event as service_role. */
  handleEvent: (eventId: string, event: Record<string, unknown> & z.infer<typeof razorpayEventEnvelope>) => Promise<RazorpayEventOutcome>;
  /** Issues these refunds now (claim_refunds with refund_ids); never needed for correctness. */
  issueRefunds: (refundIds: string[]) => Promise<RefundRunSummary>;
  log?: (message: string) => void;
}

const noStore = { 'Cache-Control': 'no-store' };

/** Razorpay's events are a few kB; 1 MB bounds what a caller can make us read. */
const maxBodyBytes = 1024 * 1024;

/** An event id: printable, no spaces, at most 255 characters (what private.razorpay_events keeps). */
const eventIdPattern = /^[\x21-\x7e]{1,255}$/;

export function createRazorpayWebhookHandler({ verify, handleEvent, issueRefunds, log = console.error }: RazorpayWebhookDependencies): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'POST') {
      return problem(405, 'method_not_allowed', `razorpay-webhook does not accept ${request.method}.`, 'Razorpay sends events with POST.', {
        headers: { ...noStore, Allow: 'POST' },
      });
    }
    const payload = await readBodyText(request, maxBodyBytes);
    if (payload === null) return payloadTooLarge(maxBodyBytes, { headers: noStore });
    const signature = request.headers.get('x-razorpay-signature');
    if (!signature) {
      return problem(400, 'invalid_signature', 'The X-Razorpay-Signature header is missing.', 'Only Razorpay can call this endpoint; configure it as a webhook in the Razorpay Dashboard.', { headers: noStore });
    }
    if (!(await verify(payload, signature))) {
      log('razorpay-webhook: rejected an event: the signature does not match');
      return problem(400, 'invalid_signature', 'The Razorpay signature does not match this request.',
        'Check RAZORPAY_WEBHOOK_SECRET (the secret entered with the webhook in the Razorpay Dashboard) and that the body reaches the function unchanged.', { headers: noStore });
    }
    const eventId = request.headers.get('x-razorpay-event-id');
    if (!eventId || !eventIdPattern.test(eventId)) {
      return problem(400, 'invalid_event', 'The x-razorpay-event-id header is missing or malformed.', 'Razorpay sends every event with its id; without it the event cannot be handled exactly once.', { headers: noStore });
    }

    const context = { name: 'razorpay-webhook', provider: 'Razorpay', hint: 'Send Razorpay webhook events to this endpoint.', headers: noStore, log };
    const event = parseEvent(payload, razorpayEventEnvelope, context);
    if (event instanceof Response) return event;

    const applied = await applyEvent(() => handleEvent(eventId, event), issueRefunds, `event ${eventId} (${event.event})`, context);
    if (applied instanceof Response) return applied;
    const { result, refunds } = applied;
    return json(200, { received: true, id: eventId, event: event.event, outcome: result.outcome, ...(refunds ? { refunds } : {}) }, { headers: noStore });
  };
}

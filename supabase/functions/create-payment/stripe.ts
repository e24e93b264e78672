// create-payment for a Stripe payment: the PaymentIntent (in the app) or Checkout Session (a
// hosted page) of the payment open_payment returned, created with the payment's idempotency key
// and Stripe-Account, then recorded with attach_stripe_payment.
import type { StripeApi, StripeRequestOptions } from '../_shared/stripe.ts';
import type { CreatePaymentBody, OpenedPayment, PaymentAnswer, StripeIds } from './handler.ts';

/** Stripe Checkout sessions live 30 minutes to 24 hours. */
const checkoutMinimumMs = 30 * 60_000;
const checkoutMaximumMs = 24 * 60 * 60_000;

/**
 * The session's expires_at (unix seconds): the hold's end, but at least Stripe's 30-minute minimum.
 * Derived from the payment's created_at, not the clock, so a retry of the same payment sends the
 * same parameters (Stripe rejects an idempotency key reused with different ones); a retry long after
 * the payment was opened has to fall back to the clock to stay above the minimum.
 */
export function checkoutExpiresAt(payment: Pick<OpenedPayment, 'created_at' | 'hold_expires_at'>, now: Date): number {
  const created = payment.created_at.getTime();
  let expires = Math.max(payment.hold_expires_at.getTime(), created + checkoutMinimumMs + 60_000);
  if (expires < now.getTime() + checkoutMinimumMs + 10_000) expires = now.getTime() + checkoutMinimumMs + 60_000;
  expires = Math.min(expires, now.getTime() + checkoutMaximumMs - 60_000);
  return Math.floor(expires / 1000);
}

/**
 * Creates (or, for a reused payment, finds) the Stripe object and records it; returns what the
 * app needs: `client_secret` (payment_intent) or `checkout_url` (checkout). Stripe errors and
 * attach errors reject (the handler tells them apart).
 */
export async function startStripePayment(
  stripe: StripeApi,
  payment: OpenedPayment,
  body: CreatePaymentBody,
  attach: (paymentId: string, ids: StripeIds) => Promise<void>,
  now: Date,
): Promise<Partial<PaymentAnswer>> {
  const options: StripeRequestOptions = {
    idempotencyKey: payment.idempotency_key,
    ...(payment.stripe_account_id ? { stripeAccount: payment.stripe_account_id } : {}),
  };
  const currency = payment.currency.toLowerCase();

  if (payment.flow === 'checkout') {
    if (payment.stripe_checkout_session_id && payment.checkout_url) return { checkout_url: payment.checkout_url };
    const session = await stripe.checkout.sessions.create(
      {
        mode: 'payment',
        line_items: [{ quantity: 1, price_data: { currency, unit_amount: payment.amount_minor, product_data: { name: payment.description || 'Appointment' } } }],
        client_reference_id: payment.id,
        ...(payment.patient_email ? { customer_email: payment.patient_email } : {}),
        metadata: payment.metadata,
        payment_intent_data: {
          metadata: payment.metadata,
          ...(payment.description ? { description: payment.description } : {}),
          ...(payment.patient_email ? { receipt_email: payment.patient_email } : {}),
        },
        success_url: body.success_url as string,
        cancel_url: body.cancel_url as string,
        expires_at: checkoutExpiresAt(payment, now),
      },
      options,
    );
    const paymentIntentId = typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id ?? null;
    await attach(payment.id, { paymentIntentId, checkoutSessionId: session.id, checkoutUrl: session.url });
    return { checkout_url: session.url };
  }

  const intent = payment.stripe_payment_intent_id
    ? await stripe.paymentIntents.retrieve(payment.stripe_payment_intent_id, {}, payment.stripe_account_id ? { stripeAccount: payment.stripe_account_id } : {})
    : await stripe.paymentIntents.create(
      {
        amount: payment.amount_minor,
        currency,
        ...(payment.description ? { description: payment.description } : {}),
        metadata: payment.metadata,
        ...(payment.patient_email ? { receipt_email: payment.patient_email } : {}),
        automatic_payment_methods: { enabled: true },
      },
      options,
    );
  if (!payment.stripe_payment_intent_id) {
    await attach(payment.id, { paymentIntentId: intent.id, checkoutSessionId: null, checkoutUrl: null });
  }
  return { client_secret: intent.client_secret };
}

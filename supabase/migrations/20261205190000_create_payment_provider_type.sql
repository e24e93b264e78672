-- Payments are provider-neutral: a tenant takes money through Stripe or through Razorpay (Stripe
-- does not onboard businesses in India). public.payment_provider names the two; every rule about
-- payments (the amount, holds, expiry, policy refunds, exactly-once events, late money refunded)
-- stays in SQL and is shared, and each provider's ids are recorded beside it (docs/payments.md).
-- The flows keep their names and mean the same for both providers: payment_intent is paying in
-- the app, checkout a hosted page.

create type public.payment_provider as enum ('stripe', 'razorpay');
comment on type public.payment_provider is
  'Who moves the money of a payment: stripe (PaymentIntents, Checkout Sessions, Connect accounts) or razorpay (Orders with Razorpay Checkout, Payment Links, Route linked accounts). Chosen per tenant in tenant_payment_settings.provider.';

comment on type public.payment_flow is
  'How the patient pays: payment_intent (in the app: Stripe PaymentSheet / Elements with a client secret, or Razorpay Checkout with an order id) or checkout (a hosted page the app redirects to or the clinic sends: a Stripe Checkout Session, or a Razorpay Payment Link).';

comment on type public.payment_status is
  'State of a payment: requires_payment (created, waiting for the patient), processing (paid by a delayed method or authorised, not settled yet), succeeded (money received), failed (the provider refused it; the hold was released), expired (the hold or the provider''s object expired first), cancelled (the appointment, or the Razorpay Payment Link, was cancelled before it was paid). requires_payment and processing are "open".';

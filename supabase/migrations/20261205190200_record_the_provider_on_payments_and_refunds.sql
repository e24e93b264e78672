-- Payments and refunds record their provider and its ids. Existing rows are Stripe's.
--
-- public.payments: provider (from the tenant's settings when the payment is opened) and, for
-- Razorpay, the Route linked account, the Order (payment_intent flow: paid in Razorpay Checkout;
-- for a Payment Link, the order the link made), the Payment that paid it and the Payment Link
-- (checkout flow, a hosted page: its short URL is checkout_url, which the payment_link message
-- sends). A payment carries only its own provider's ids.
-- public.refunds: provider (always its payment's: a second foreign key on (tenant_id,
-- payment_id, provider)) and Razorpay's refund id; a refund made in the Razorpay Dashboard and
-- seen by webhook has reason razorpay_dashboard.

alter table public.payments
  add column provider public.payment_provider not null default 'stripe',
  add column razorpay_account_id text null,
  add column razorpay_order_id text null,
  add column razorpay_payment_id text null,
  add column razorpay_payment_link_id text null,
  add constraint payments_tenant_id_id_provider_key unique (tenant_id, id, provider),
  add constraint payments_razorpay_order_id_key unique (razorpay_order_id),
  add constraint payments_razorpay_payment_id_key unique (razorpay_payment_id),
  add constraint payments_razorpay_payment_link_id_key unique (razorpay_payment_link_id),
  add constraint payments_razorpay_account_id_format check (razorpay_account_id ~ '^acc_[A-Za-z0-9]{1,64}$'),
  add constraint payments_razorpay_order_id_format check (razorpay_order_id ~ '^order_[A-Za-z0-9]{1,64}$'),
  add constraint payments_razorpay_payment_id_format check (razorpay_payment_id ~ '^pay_[A-Za-z0-9]{1,64}$'),
  add constraint payments_razorpay_payment_link_id_format check (razorpay_payment_link_id ~ '^plink_[A-Za-z0-9]{1,64}$'),
  add constraint payments_razorpay_payment_link_for_checkout check (razorpay_payment_link_id is null or flow = 'checkout'),
  add constraint payments_ids_of_their_provider check (
    case provider
      when 'stripe' then razorpay_account_id is null and razorpay_order_id is null and razorpay_payment_id is null
                         and razorpay_payment_link_id is null
      else stripe_account_id is null and stripe_payment_intent_id is null and stripe_checkout_session_id is null
    end),
  add constraint payments_failure_message_length check (pg_catalog.char_length(failure_message) <= 1000);

comment on table public.payments is
  'A payment attempt for an appointment, through the tenant''s provider: a Stripe PaymentIntent or Checkout Session, or a Razorpay Order (Checkout) or Payment Link. Amounts come from the database only (open_payment); state moves with the provider''s webhooks (handle_stripe_event, handle_razorpay_event, exactly once per event) and verified Razorpay Checkout results (confirm_razorpay_payment). At most one open payment per appointment. Readable by the patient and the staff who see the appointment (tenant-wide, its centre''s, its clinician); written by service_role and the payment functions. See docs/payments.md.';
comment on column public.payments.id is 'Payment id; sent to the provider in the metadata / notes (payment_id), as the Checkout client_reference_id (Stripe) and as the Order receipt and Payment Link reference_id (Razorpay).';
comment on column public.payments.flow is 'payment_intent (in the app: Stripe PaymentSheet/Elements, Razorpay Checkout) or checkout (a hosted page: Stripe Checkout, a Razorpay Payment Link).';
comment on column public.payments.currency is 'ISO 4217 currency of the service (upper-case; Stripe takes it lower-case, Razorpay upper-case).';
comment on column public.payments.amount_minor is 'amount in the currency''s minor unit as both providers want it (0 decimals for JPY and the other zero-decimal currencies, 3 for BHD JOD KWD OMR TND, else 2).';
comment on column public.payments.idempotency_key is 'Stripe Idempotency-Key for creating the PaymentIntent or Checkout Session: payment:<appointment_id>:<attempt>. (Razorpay finds an attempt''s Order or Payment Link again by the payment id.)';
comment on column public.payments.checkout_url is 'URL of the hosted payment page (checkout flow): the Stripe Checkout page, or the Razorpay Payment Link''s short URL.';
comment on column public.payments.receipt_url is 'Stripe receipt URL of the charge (from charge.succeeded / charge.updated); Razorpay sends none.';
comment on column public.payments.failure_message is 'Why the provider refused or ended the payment, or why the last Razorpay attempt on it failed (at most 1000 characters).';
comment on column public.payments.provider is 'stripe or razorpay: the tenant''s provider when the payment was opened.';
comment on column public.payments.razorpay_account_id is 'Razorpay Route linked account (acc_...) the amount is transferred to (the tenant''s at creation); null = the platform''s account.';
comment on column public.payments.razorpay_order_id is 'Razorpay Order (order_...): created for the payment_intent flow (create-payment), or the order a Payment Link made (learned from payment_link.paid).';
comment on column public.payments.razorpay_payment_id is 'Razorpay Payment (pay_...) that paid it (captured), refunds go against it.';
comment on column public.payments.razorpay_payment_link_id is 'Razorpay Payment Link (plink_...) of the checkout flow; its short URL is checkout_url.';
comment on constraint payments_tenant_id_id_provider_key on public.payments is 'Lets refunds reference their payment together with its provider (a refund goes through its payment''s provider).';
comment on constraint payments_razorpay_order_id_key on public.payments is 'A Razorpay Order belongs to one payment.';
comment on constraint payments_razorpay_payment_id_key on public.payments is 'A Razorpay Payment belongs to one payment.';
comment on constraint payments_razorpay_payment_link_id_key on public.payments is 'A Razorpay Payment Link belongs to one payment.';
comment on constraint payments_razorpay_account_id_format on public.payments is 'Razorpay linked account ids look like acc_...';
comment on constraint payments_razorpay_order_id_format on public.payments is 'Razorpay Order ids look like order_...';
comment on constraint payments_razorpay_payment_id_format on public.payments is 'Razorpay Payment ids look like pay_...';
comment on constraint payments_razorpay_payment_link_id_format on public.payments is 'Razorpay Payment Link ids look like plink_...';
comment on constraint payments_razorpay_payment_link_for_checkout on public.payments is 'A Payment Link is a hosted page: only checkout payments have one.';
comment on constraint payments_ids_of_their_provider on public.payments is 'A payment carries only its own provider''s account and object ids.';
comment on constraint payments_failure_message_length on public.payments is 'Failure messages are at most 1000 characters.';

alter table public.refunds
  add column provider public.payment_provider not null default 'stripe',
  add column razorpay_refund_id text null,
  add constraint refunds_tenant_id_payment_id_provider_fkey foreign key (tenant_id, payment_id, provider)
    references public.payments (tenant_id, id, provider) on delete restrict,
  add constraint refunds_razorpay_refund_id_key unique (razorpay_refund_id),
  add constraint refunds_razorpay_refund_id_format check (razorpay_refund_id ~ '^rfnd_[A-Za-z0-9]{1,64}$'),
  add constraint refunds_ids_of_their_provider check (
    case provider when 'stripe' then razorpay_refund_id is null else stripe_refund_id is null end),
  add constraint refunds_last_error_length check (pg_catalog.char_length(last_error) <= 1200),
  drop constraint refunds_reason_valid,
  add constraint refunds_reason_valid check (reason in ('cancellation', 'slot_released', 'staff', 'stripe_dashboard', 'razorpay_dashboard'));

create index refunds_tenant_id_payment_id_provider_idx on public.refunds (tenant_id, payment_id, provider);
comment on index public.refunds_tenant_id_payment_id_provider_idx is 'Serves the (tenant_id, payment_id, provider) foreign key.';

comment on table public.refunds is
  'Refunds of succeeded payments: created by the database (cancellation trigger, late payments for released slots, staff requests, refunds made in the Stripe or Razorpay Dashboard seen by webhook), sent to the payment''s provider by the process-refunds Edge Function (claim_refunds / record_refund_result, idempotency key per refund). Readable by the patient and the staff who see the appointment; written by service_role and the payment functions. See docs/payments.md.';
comment on column public.refunds.id is 'Refund id; sent to the provider in the metadata / notes (refund_id) and in the idempotency key (refund:<id> for Stripe, refund_<id> for Razorpay).';
comment on column public.refunds.amount is 'Amount refunded in major units of currency (3 decimals so any minor amount of a provider fits).';
comment on column public.refunds.amount_minor is 'amount in the currency''s minor unit, as sent to the provider.';
comment on column public.refunds.reason is 'cancellation (the appointment was cancelled), slot_released (the payment succeeded after the hold was gone), staff (request_refund), stripe_dashboard / razorpay_dashboard (made outside Slotbase, seen by webhook).';
comment on column public.refunds.status is 'requested -> processing (claimed) -> submitted (the provider answered pending) -> succeeded | failed.';
comment on column public.refunds.last_error is 'Last error reported by the provider or the worker.';
comment on column public.refunds.provider is 'The payment''s provider, which the refund goes through (foreign key with the payment).';
comment on column public.refunds.razorpay_refund_id is 'Razorpay Refund id (rfnd_...), once Razorpay created it.';
comment on constraint refunds_tenant_id_payment_id_provider_fkey on public.refunds is 'A refund goes through its payment''s provider.';
comment on constraint refunds_razorpay_refund_id_key on public.refunds is 'A Razorpay refund is recorded once.';
comment on constraint refunds_razorpay_refund_id_format on public.refunds is 'Razorpay refund ids look like rfnd_...';
comment on constraint refunds_ids_of_their_provider on public.refunds is 'A refund carries only its own provider''s refund id.';
comment on constraint refunds_last_error_length on public.refunds is 'Errors are kept short (at most 1200 characters).';
comment on constraint refunds_reason_valid on public.refunds is 'Known refund reasons.';

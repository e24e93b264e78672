-- public.payments: one attempt to collect money for an appointment through Stripe (issue 5).
--
-- Created only by public.open_payment (20261121210600), which takes the amount from the
-- database (the service's deposit, else the clinician's price override, else the service's
-- price), never from the client. Moved on only by public.attach_stripe_payment and
-- public.handle_stripe_event (Stripe webhooks, exactly once per event) and by the appointment
-- triggers of 20261121210750 (a released hold expires its open payment).
-- At most one OPEN payment (requires_payment or processing) per appointment; every attempt has
-- its own Stripe idempotency key `payment:<appointment_id>:<attempt>`, so a retried request
-- never creates a second PaymentIntent or Checkout Session.
-- Reads: the patient (own) and the tenant's staff (policies in 20261121210500); writes:
-- service_role only (and the definer functions).

create table public.payments (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  appointment_id uuid not null,
  patient_id uuid not null,
  flow public.payment_flow not null,
  kind text not null,
  amount numeric(12, 2) not null,
  currency public.currency_code not null,
  amount_minor bigint not null,
  status public.payment_status not null default 'requires_payment',
  attempt integer not null,
  idempotency_key text not null,
  stripe_account_id text null,
  stripe_payment_intent_id text null,
  stripe_checkout_session_id text null,
  checkout_url text null,
  receipt_url text null,
  amount_refunded numeric(12, 3) not null default 0,
  failure_message text null,
  succeeded_at timestamptz null,
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint payments_pkey primary key (tenant_id, id),
  constraint payments_id_key unique (id),
  constraint payments_idempotency_key_key unique (idempotency_key),
  constraint payments_stripe_payment_intent_id_key unique (stripe_payment_intent_id),
  constraint payments_stripe_checkout_session_id_key unique (stripe_checkout_session_id),
  constraint payments_tenant_id_appointment_id_fkey foreign key (tenant_id, appointment_id) references public.appointments (tenant_id, id) on delete restrict,
  constraint payments_tenant_id_patient_id_fkey foreign key (tenant_id, patient_id) references public.patients (tenant_id, id) on delete restrict,
  constraint payments_kind_valid check (kind in ('full', 'deposit')),
  constraint payments_amount_positive check (amount > 0),
  constraint payments_amount_minor_positive check (amount_minor > 0),
  constraint payments_attempt_positive check (attempt >= 1),
  constraint payments_idempotency_key_format check (idempotency_key = 'payment:' || appointment_id::text || ':' || attempt::text),
  constraint payments_stripe_account_id_format check (stripe_account_id ~ '^acct_[A-Za-z0-9]{1,64}$'),
  constraint payments_stripe_payment_intent_id_format check (stripe_payment_intent_id ~ '^pi_[A-Za-z0-9_]{1,250}$'),
  constraint payments_stripe_checkout_session_id_format check (stripe_checkout_session_id ~ '^cs_[A-Za-z0-9_]{1,250}$'),
  constraint payments_checkout_url_format check (checkout_url ~ '^https?://' and pg_catalog.char_length(checkout_url) <= 4096),
  constraint payments_receipt_url_format check (receipt_url ~ '^https?://' and pg_catalog.char_length(receipt_url) <= 4096),
  constraint payments_amount_refunded_range check (amount_refunded >= 0 and amount_refunded <= amount),
  constraint payments_succeeded_at_when_succeeded check (status <> 'succeeded' or succeeded_at is not null)
);
alter table public.payments enable row level security;

comment on table public.payments is
  'A payment attempt for an appointment (Stripe PaymentIntent or Checkout Session). Amounts come from the database only (open_payment); state moves with Stripe webhooks (handle_stripe_event, exactly once per event). At most one open payment per appointment. Readable by the patient and the tenant''s staff; written by service_role and the payment functions. See docs/payments.md.';
comment on column public.payments.tenant_id is 'Tenant of the appointment.';
comment on column public.payments.id is 'Payment id; also sent to Stripe as metadata.payment_id and as the Checkout client_reference_id.';
comment on column public.payments.appointment_id is 'The appointment paid for (public.appointments).';
comment on column public.payments.patient_id is 'The appointment''s patient (public.patients), copied for the patient''s read access.';
comment on column public.payments.flow is 'payment_intent (in-app PaymentSheet/Elements) or checkout (hosted Stripe Checkout).';
comment on column public.payments.kind is 'full (the price: the clinician''s price override, else the service''s price) or deposit (the service''s deposit_amount).';
comment on column public.payments.amount is 'Amount charged in major units of currency, from the database at creation.';
comment on column public.payments.currency is 'ISO 4217 currency of the service (upper-case; Stripe takes it lower-case).';
comment on column public.payments.amount_minor is 'amount in the currency''s minor unit as Stripe wants it (0 decimals for JPY and the other zero-decimal currencies, 3 for BHD JOD KWD OMR TND, else 2).';
comment on column public.payments.status is 'requires_payment | processing (open) -> succeeded | failed | expired | cancelled (see public.payment_status).';
comment on column public.payments.attempt is 'Attempt number for the appointment (1, 2, ...): a new attempt after an earlier one ended.';
comment on column public.payments.idempotency_key is 'Stripe Idempotency-Key for creating the PaymentIntent or Checkout Session: payment:<appointment_id>:<attempt>.';
comment on column public.payments.stripe_account_id is 'Stripe Connect account the payment is made on (the tenant''s at creation; null = the platform account).';
comment on column public.payments.stripe_payment_intent_id is 'Stripe PaymentIntent (pi_...): set by attach_stripe_payment, or by the webhook for Checkout.';
comment on column public.payments.stripe_checkout_session_id is 'Stripe Checkout Session (cs_...) for the checkout flow.';
comment on column public.payments.checkout_url is 'URL of the hosted Checkout page (checkout flow).';
comment on column public.payments.receipt_url is 'Stripe receipt URL of the charge (from charge.succeeded / charge.updated).';
comment on column public.payments.amount_refunded is 'Sum of the payment''s succeeded refunds (public.refunds), in major units.';
comment on column public.payments.failure_message is 'Why Stripe refused or ended the payment (last_payment_error.message and the like).';
comment on column public.payments.succeeded_at is 'When the payment succeeded (the webhook was processed).';
comment on column public.payments.created_at is 'When the payment was opened.';
comment on column public.payments.updated_at is 'When it last changed (maintained by trigger).';
comment on constraint payments_id_key on public.payments is 'A payment id names one payment across all tenants (webhook metadata and the RPCs use the id alone).';
comment on constraint payments_idempotency_key_key on public.payments is 'One payment per Stripe idempotency key.';
comment on constraint payments_stripe_payment_intent_id_key on public.payments is 'A PaymentIntent belongs to one payment.';
comment on constraint payments_stripe_checkout_session_id_key on public.payments is 'A Checkout Session belongs to one payment.';
comment on constraint payments_tenant_id_appointment_id_fkey on public.payments is 'The appointment belongs to the same tenant.';
comment on constraint payments_tenant_id_patient_id_fkey on public.payments is 'The patient belongs to the same tenant.';
comment on constraint payments_kind_valid on public.payments is 'A payment is the full price or a deposit.';
comment on constraint payments_amount_positive on public.payments is 'Nothing is charged for nothing.';
comment on constraint payments_amount_minor_positive on public.payments is 'The Stripe amount is positive.';
comment on constraint payments_attempt_positive on public.payments is 'Attempts count from 1.';
comment on constraint payments_idempotency_key_format on public.payments is 'The idempotency key is payment:<appointment_id>:<attempt>.';
comment on constraint payments_stripe_account_id_format on public.payments is 'Stripe account ids look like acct_...';
comment on constraint payments_stripe_payment_intent_id_format on public.payments is 'PaymentIntent ids look like pi_...';
comment on constraint payments_stripe_checkout_session_id_format on public.payments is 'Checkout Session ids look like cs_...';
comment on constraint payments_checkout_url_format on public.payments is 'The Checkout URL is an http(s) URL.';
comment on constraint payments_receipt_url_format on public.payments is 'The receipt URL is an http(s) URL.';
comment on constraint payments_amount_refunded_range on public.payments is 'Never more is refunded than was paid.';
comment on constraint payments_succeeded_at_when_succeeded on public.payments is 'A succeeded payment records when.';

create unique index payments_one_open_per_appointment_idx on public.payments (tenant_id, appointment_id)
  where status in ('requires_payment', 'processing');
comment on index public.payments_one_open_per_appointment_idx is
  'At most one open payment (requires_payment or processing) per appointment.';
create index payments_tenant_id_appointment_id_idx on public.payments (tenant_id, appointment_id);
comment on index public.payments_tenant_id_appointment_id_idx is 'An appointment''s payments (the appointment foreign key, open_payment, refunds on cancellation).';
create index payments_tenant_id_patient_id_idx on public.payments (tenant_id, patient_id);
comment on index public.payments_tenant_id_patient_id_idx is 'A patient''s payment history (the patient foreign key).';

create trigger set_updated_at before update on public.payments
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.payments is 'Keeps updated_at current.';

revoke all on table public.payments from anon, authenticated, service_role;
grant select on table public.payments to authenticated;
grant select, insert, update, delete on table public.payments to service_role;

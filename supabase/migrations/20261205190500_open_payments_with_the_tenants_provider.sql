-- open_payment opens a payment with the tenant's provider (tenant_payment_settings.provider,
-- Stripe when the tenant has no settings) and the account the money goes to (a Stripe Connect
-- account, or a Razorpay Route linked account). An open payment keeps its provider even if the
-- clinic switches meanwhile. What create-payment needs for Razorpay Checkout comes back with it:
-- the Razorpay ids already attached (a reused payment) and the prefill of the Checkout form (the
-- patient's name, e-mail and phone, the clinic's name). Everything else is as before.
-- Razorpay Route moves only INR: a tenant with a linked account cannot open a payment in another
-- currency (PT422), so no order is created whose transfer Razorpay would refuse.

alter type public.opened_payment
  add attribute provider public.payment_provider,
  add attribute razorpay_account_id text,
  add attribute razorpay_order_id text,
  add attribute razorpay_payment_id text,
  add attribute razorpay_payment_link_id text,
  add attribute patient_name text,
  add attribute patient_phone text,
  add attribute merchant_name text;

comment on type public.opened_payment is
  'What public.open_payment returns: the payment''s columns (as in public.payments) plus what the provider call needs (description, patient_email, hold_expires_at, metadata, and for Razorpay Checkout the prefill: patient_name, patient_phone, merchant_name).';
comment on column public.opened_payment.currency is 'ISO 4217 currency, upper-case (lower-case it for Stripe).';
comment on column public.opened_payment.amount_minor is 'Amount in the currency''s minor unit: the amount to send to Stripe or Razorpay.';
comment on column public.opened_payment.idempotency_key is 'Stripe Idempotency-Key for creating the PaymentIntent / Checkout Session.';
comment on column public.opened_payment.description is 'Service name and local start in the centre''s time zone, e.g. "Scan, Tue 24 Nov 2026, 10:00 (Europe/London)": the Stripe description / line item name, the Razorpay Checkout and Payment Link description.';
comment on column public.opened_payment.patient_email is 'The patient''s e-mail for Stripe receipt_email / customer_email and the Razorpay prefill; null when the patient has none.';
comment on column public.opened_payment.metadata is 'Provider metadata (Stripe metadata, Razorpay notes): {"tenant_id", "appointment_id", "payment_id"} as strings; the webhooks match events with it.';
comment on column public.opened_payment.provider is 'stripe or razorpay: which provider to create the payment''s object at.';
comment on column public.opened_payment.razorpay_account_id is 'Razorpay Route linked account to transfer the amount to; null = the platform''s account.';
comment on column public.opened_payment.razorpay_order_id is 'Razorpay Order already attached (a reused payment), else null.';
comment on column public.opened_payment.razorpay_payment_id is 'Razorpay Payment that paid it, once known.';
comment on column public.opened_payment.razorpay_payment_link_id is 'Razorpay Payment Link already attached (a reused payment), else null.';
comment on column public.opened_payment.patient_name is 'The patient''s name (Razorpay Checkout prefill.name, Payment Link customer.name).';
comment on column public.opened_payment.patient_phone is 'The patient''s phone, E.164 (Razorpay Checkout prefill.contact, Payment Link customer.contact); null when none.';
comment on column public.opened_payment.merchant_name is 'The clinic''s name (tenant), shown on Razorpay Checkout.';

create or replace function private.open_payment(p_appointment_id uuid, p_flow public.payment_flow)
returns public.opened_payment
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Implementation of public.open_payment (see there). security definer: a patient may not insert
 * payments, nor read the clinician's price or the clinic's payment settings. Locks the
 * appointment (private.appointment_for_change), so concurrent calls for it queue and the second
 * one reuses the payment the first one opened. A new payment takes the tenant's provider and
 * account (tenant_payment_settings; no row: Stripe, the platform account).
 * Refusals: PT409 status_conflict (cancelled, already booked), hold_expired, nothing_to_pay,
 * payment_in_progress (another flow's payment is open); PT422 a price the currency cannot
 * express, or a currency Razorpay Route cannot transfer (not INR); PT403 tenant_suspended; a
 * patient's payments are counted against the 'payment' rate limits (HTTP 429 rate_limited).
 *
 * Returns: one row, the payment plus what the provider call needs.
 */
declare
  v_change private.appointment_change;
  v_appointment public.appointments;
  v_caller text;
  v_price record;
  v_payment public.payments;
  v_attempt integer;
  v_settings public.tenant_payment_settings;
  v_provider public.payment_provider;
  v_description text;
  v_email text;
  v_patient_name text;
  v_patient_phone text;
  v_merchant text;
  v_result public.opened_payment;
begin
  if p_appointment_id is null or p_flow is null then
    raise exception using errcode = '22023', message = 'appointment_id and flow are required',
      hint = 'Pass the appointment to pay for and the flow: payment_intent or checkout.';
  end if;
  v_change := private.appointment_for_change(p_appointment_id, 'row', 'payment');
  v_appointment := v_change.appointment;
  v_caller := v_change.caller;
  if v_caller not in ('server', 'staff', 'patient') then
    raise exception using errcode = 'PT403', message = 'you may not take a payment for this appointment',
      hint = 'The patient pays in the app, or the clinic''s front desk takes the payment.';
  end if;
  if v_appointment.status in ('cancelled', 'entered_in_error') then
    raise exception using errcode = 'PT409', message = 'this appointment was cancelled',
      detail = 'status_conflict',
      hint = 'Search for available times again and book a new appointment.';
  end if;
  if v_appointment.status <> 'pending' then
    raise exception using errcode = 'PT409', message = 'this appointment is already booked',
      detail = 'status_conflict',
      hint = 'Nothing is left to pay online for it; reload the appointment.';
  end if;
  if v_appointment.hold_expires_at <= pg_catalog.now() then
    raise exception using errcode = 'PT409', message = 'the hold on this appointment has expired',
      detail = 'hold_expired',
      hint = 'Its time is no longer kept: search for available times again and book a new appointment.';
  end if;

  select p.* into v_price
  from private.payment_amount(v_appointment.tenant_id, v_appointment.service_id, v_appointment.clinician_id) as p;
  if not coalesce(v_price.payment_required, false) or coalesce(v_price.amount, 0) <= 0 then
    raise exception using errcode = 'PT409', message = 'there is nothing to pay for this appointment',
      detail = 'nothing_to_pay',
      hint = 'The service is not paid online; the clinic confirms the booking.';
  end if;

  select p.* into v_payment
  from public.payments as p
  where p.tenant_id = v_appointment.tenant_id and p.appointment_id = v_appointment.id
    and p.status in ('requires_payment', 'processing')
  for update;
  if found then
    if v_payment.flow <> p_flow then
      raise exception using errcode = 'PT409',
        message = pg_catalog.format('a %s payment is already open for this appointment', v_payment.flow),
        detail = 'payment_in_progress',
        hint = pg_catalog.format('Finish that payment (flow %s), or wait until the hold expires.', v_payment.flow);
    end if;
  else
    select s.* into v_settings from public.tenant_payment_settings as s where s.tenant_id = v_appointment.tenant_id;
    v_provider := coalesce(v_settings.provider, 'stripe');
    if v_provider = 'razorpay' and v_settings.razorpay_account_id is not null and v_price.currency <> 'INR' then
      raise exception using errcode = 'PT422',
        message = pg_catalog.format('this clinic cannot take online payments in %s', v_price.currency),
        hint = 'Razorpay Route transfers only INR: the clinic must price this service in INR, or pay at the clinic.';
    end if;
    select coalesce(max(p.attempt), 0) + 1 into v_attempt
    from public.payments as p
    where p.tenant_id = v_appointment.tenant_id and p.appointment_id = v_appointment.id;
    insert into public.payments (tenant_id, appointment_id, patient_id, flow, kind, amount, currency, amount_minor,
                                 status, attempt, idempotency_key, provider, stripe_account_id, razorpay_account_id)
    values (v_appointment.tenant_id, v_appointment.id, v_appointment.patient_id, p_flow, v_price.kind, v_price.amount,
            v_price.currency, private.to_minor_units(v_price.amount, v_price.currency), 'requires_payment', v_attempt,
            'payment:' || v_appointment.id::text || ':' || v_attempt::text, v_provider,
            case when v_provider = 'stripe' then v_settings.stripe_account_id end,
            case when v_provider = 'razorpay' then v_settings.razorpay_account_id end)
    returning * into v_payment;
  end if;

  select pg_catalog.format('%s, %s (%s)', s.name,
                           pg_catalog.to_char(v_appointment.starts_at at time zone c.timezone, 'Dy DD Mon YYYY, HH24:MI'),
                           c.timezone),
         pt.email::text, pt.full_name::text, pt.phone::text, t.name::text
    into v_description, v_email, v_patient_name, v_patient_phone, v_merchant
  from public.services as s
  join public.centres as c on c.tenant_id = s.tenant_id and c.id = v_appointment.centre_id
  join public.tenants as t on t.id = s.tenant_id
  left join public.patients as pt on pt.tenant_id = s.tenant_id and pt.id = v_appointment.patient_id
  where s.tenant_id = v_appointment.tenant_id and s.id = v_appointment.service_id;

  v_result.tenant_id := v_payment.tenant_id;
  v_result.id := v_payment.id;
  v_result.appointment_id := v_payment.appointment_id;
  v_result.patient_id := v_payment.patient_id;
  v_result.flow := v_payment.flow;
  v_result.kind := v_payment.kind;
  v_result.amount := v_payment.amount;
  v_result.currency := v_payment.currency;
  v_result.amount_minor := v_payment.amount_minor;
  v_result.status := v_payment.status;
  v_result.attempt := v_payment.attempt;
  v_result.idempotency_key := v_payment.idempotency_key;
  v_result.stripe_account_id := v_payment.stripe_account_id;
  v_result.stripe_payment_intent_id := v_payment.stripe_payment_intent_id;
  v_result.stripe_checkout_session_id := v_payment.stripe_checkout_session_id;
  v_result.checkout_url := v_payment.checkout_url;
  v_result.receipt_url := v_payment.receipt_url;
  v_result.amount_refunded := v_payment.amount_refunded;
  v_result.failure_message := v_payment.failure_message;
  v_result.succeeded_at := v_payment.succeeded_at;
  v_result.created_at := v_payment.created_at;
  v_result.updated_at := v_payment.updated_at;
  v_result.description := v_description;
  v_result.patient_email := v_email;
  v_result.hold_expires_at := v_appointment.hold_expires_at;
  v_result.metadata := pg_catalog.jsonb_build_object('tenant_id', v_payment.tenant_id::text,
                                                     'appointment_id', v_payment.appointment_id::text,
                                                     'payment_id', v_payment.id::text);
  v_result.provider := v_payment.provider;
  v_result.razorpay_account_id := v_payment.razorpay_account_id;
  v_result.razorpay_order_id := v_payment.razorpay_order_id;
  v_result.razorpay_payment_id := v_payment.razorpay_payment_id;
  v_result.razorpay_payment_link_id := v_payment.razorpay_payment_link_id;
  v_result.patient_name := v_patient_name;
  v_result.patient_phone := v_patient_phone;
  v_result.merchant_name := v_merchant;
  return v_result;
end
$$;
comment on function private.open_payment(uuid, public.payment_flow) is
  'Implementation of public.open_payment (security definer: patients cannot insert payments or read clinician prices or payment settings). Locks the appointment, checks caller and state, reuses the open payment of the same flow or opens a new attempt with the amount from the database and the tenant''s provider.';

comment on function public.open_payment(uuid, public.payment_flow) is
  'Opens or reuses the payment of a pending appointment (patient, appointment staff, service_role) with the amount from the database and the tenant''s provider (Stripe or Razorpay); returns the payment plus description, patient_email, hold_expires_at, metadata and the Razorpay Checkout prefill. Errors: 22023, PT403, PT404, PT409, PT422. See docs/payments.md.';

-- Opening a payment for an appointment (issue 5): public.open_payment (the patient, the clinic's
-- appointment staff or the server, called by the create-payment Edge Function AS THE CALLER) and
-- public.attach_stripe_payment (service_role: records the Stripe objects created for it).
--
-- The amount comes from the database only (private.payment_amount): the service's
-- deposit_amount when it has one, else the clinician's price_override, else the service's
-- price, in the service's currency. The client never sends an amount.
-- Errors: 22023 bad argument, PT403 not allowed (the appointment's clinician, other staff),
-- PT404 not found (also when the caller may not see it), PT409 state (not pending, hold expired,
-- nothing to pay, another flow's payment open), PT422 (a price the currency cannot express).

create function private.payment_amount(p_tenant_id uuid, p_service_id uuid, p_clinician_id uuid)
returns table (kind text, amount numeric, currency text, payment_required boolean)
language sql
stable
security definer
set search_path = ''
as $$
  /**
   * What an appointment of this service with this clinician costs to book online:
   * kind 'deposit' with the service's deposit_amount when it has one, else kind 'full' with the
   * clinician's price_override, else the service's price; the service's currency and whether it
   * requires payment. security definer: patients may not read every clinician_services row.
   * Example: select * from private.payment_amount(tenant_id, service_id, clinician_id);
   */
  select case when s.deposit_amount is not null then 'deposit' else 'full' end,
         coalesce(s.deposit_amount, cs.price_override, s.price),
         s.currency::text,
         s.payment_required
  from public.services as s
  left join public.clinician_services as cs
    on cs.tenant_id = s.tenant_id and cs.service_id = s.id and cs.clinician_id = p_clinician_id
  where s.tenant_id = p_tenant_id and s.id = p_service_id
$$;
comment on function private.payment_amount(uuid, uuid, uuid) is
  'The amount due to book a service with a clinician: the deposit when the service has one, else the clinician''s price override, else the service''s price; with currency and payment_required. Used by open_payment and the payments_due view.';
revoke execute on function private.payment_amount(uuid, uuid, uuid) from public, anon, authenticated, service_role;
grant execute on function private.payment_amount(uuid, uuid, uuid) to authenticated, service_role;

create type public.opened_payment as (
  tenant_id uuid, id uuid, appointment_id uuid, patient_id uuid, flow public.payment_flow, kind text,
  amount numeric, currency text, amount_minor bigint, status public.payment_status, attempt integer,
  idempotency_key text, stripe_account_id text, stripe_payment_intent_id text, stripe_checkout_session_id text,
  checkout_url text, receipt_url text, amount_refunded numeric, failure_message text, succeeded_at timestamptz,
  created_at timestamptz, updated_at timestamptz,
  description text, patient_email text, hold_expires_at timestamptz, metadata jsonb
);
comment on type public.opened_payment is
  'What public.open_payment returns: the payment''s columns (as in public.payments) plus what the Stripe call needs (description, patient_email, hold_expires_at, metadata).';
comment on column public.opened_payment.tenant_id is 'Tenant of the appointment.';
comment on column public.opened_payment.id is 'Payment id (public.payments.id).';
comment on column public.opened_payment.appointment_id is 'The appointment paid for.';
comment on column public.opened_payment.patient_id is 'The appointment''s patient.';
comment on column public.opened_payment.flow is 'payment_intent or checkout.';
comment on column public.opened_payment.kind is 'full or deposit.';
comment on column public.opened_payment.amount is 'Amount in major units, from the database.';
comment on column public.opened_payment.currency is 'ISO 4217 currency, upper-case (lower-case it for Stripe).';
comment on column public.opened_payment.amount_minor is 'Amount in the currency''s minor unit: pass it to Stripe as amount.';
comment on column public.opened_payment.status is 'Payment status (requires_payment or processing for an open payment).';
comment on column public.opened_payment.attempt is 'Attempt number for the appointment.';
comment on column public.opened_payment.idempotency_key is 'Stripe Idempotency-Key for creating the PaymentIntent / Checkout Session.';
comment on column public.opened_payment.stripe_account_id is 'Connect account to create the Stripe object on (Stripe-Account header); null = the platform.';
comment on column public.opened_payment.stripe_payment_intent_id is 'PaymentIntent already attached (a reused payment), else null.';
comment on column public.opened_payment.stripe_checkout_session_id is 'Checkout Session already attached (a reused payment), else null.';
comment on column public.opened_payment.checkout_url is 'Checkout URL already attached (a reused payment), else null.';
comment on column public.opened_payment.receipt_url is 'Receipt URL once the charge succeeded.';
comment on column public.opened_payment.amount_refunded is 'Amount refunded so far.';
comment on column public.opened_payment.failure_message is 'Why Stripe refused the payment, if it did.';
comment on column public.opened_payment.succeeded_at is 'When the payment succeeded.';
comment on column public.opened_payment.created_at is 'When the payment was opened.';
comment on column public.opened_payment.updated_at is 'When it last changed.';
comment on column public.opened_payment.description is 'Service name and local start in the centre''s time zone, e.g. "Scan, Tue 24 Nov 2026, 10:00 (Europe/London)": the Stripe description / line item name.';
comment on column public.opened_payment.patient_email is 'The patient''s e-mail for Stripe receipt_email / customer_email; null when the patient has none.';
comment on column public.opened_payment.hold_expires_at is 'When the appointment''s hold expires (the Checkout Session''s expires_at is at least this, and at least 30 minutes ahead).';
comment on column public.opened_payment.metadata is 'Stripe metadata: {"tenant_id", "appointment_id", "payment_id"} as strings; the webhook matches events with it.';

create function private.open_payment(p_appointment_id uuid, p_flow public.payment_flow)
returns public.opened_payment
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Implementation of public.open_payment (see there). security definer: a patient may not insert
 * payments, nor read the clinician's price. Locks the appointment, so concurrent calls for it
 * queue and the second one reuses the payment the first one opened.
 *
 * Returns: one row, the payment plus what the Stripe call needs.
 */
declare
  v_appointment public.appointments;
  v_caller text;
  v_price record;
  v_payment public.payments;
  v_attempt integer;
  v_account text;
  v_description text;
  v_email text;
  v_result public.opened_payment;
begin
  if p_appointment_id is null or p_flow is null then
    raise exception using errcode = '22023', message = 'appointment_id and flow are required',
      hint = 'Pass the appointment to pay for and the flow: payment_intent or checkout.';
  end if;
  select a.* into v_appointment from public.appointments as a where a.id = p_appointment_id for update;
  v_caller := case when found then private.appointment_caller(v_appointment) end;
  if v_caller is null then
    raise exception using errcode = 'PT404', message = 'appointment not found',
      hint = 'Check the id; you only see your own appointments, or those of your clinic.';
  end if;
  if v_caller not in ('server', 'staff', 'patient') then
    raise exception using errcode = 'PT403', message = 'you may not take a payment for this appointment',
      hint = 'The patient pays in the app, or the clinic''s front desk takes the payment.';
  end if;
  if v_appointment.status in ('cancelled', 'entered_in_error') then
    raise exception using errcode = 'PT409', message = 'this appointment was cancelled',
      hint = 'Search for available times again and book a new appointment.';
  end if;
  if v_appointment.status <> 'pending' then
    raise exception using errcode = 'PT409', message = 'this appointment is already booked',
      hint = 'Nothing is left to pay online for it; reload the appointment.';
  end if;
  if v_appointment.hold_expires_at <= pg_catalog.now() then
    raise exception using errcode = 'PT409', message = 'the hold on this appointment has expired',
      hint = 'Its time is no longer kept: search for available times again and book a new appointment.';
  end if;

  select p.* into v_price
  from private.payment_amount(v_appointment.tenant_id, v_appointment.service_id, v_appointment.clinician_id) as p;
  if not coalesce(v_price.payment_required, false) or coalesce(v_price.amount, 0) <= 0 then
    raise exception using errcode = 'PT409', message = 'there is nothing to pay for this appointment',
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
        hint = pg_catalog.format('Finish that payment (flow %s), or wait until the hold expires.', v_payment.flow);
    end if;
  else
    select coalesce(max(p.attempt), 0) + 1 into v_attempt
    from public.payments as p
    where p.tenant_id = v_appointment.tenant_id and p.appointment_id = v_appointment.id;
    select s.stripe_account_id into v_account
    from public.tenant_payment_settings as s where s.tenant_id = v_appointment.tenant_id;
    insert into public.payments (tenant_id, appointment_id, patient_id, flow, kind, amount, currency, amount_minor,
                                 status, attempt, idempotency_key, stripe_account_id)
    values (v_appointment.tenant_id, v_appointment.id, v_appointment.patient_id, p_flow, v_price.kind, v_price.amount,
            v_price.currency, private.to_minor_units(v_price.amount, v_price.currency), 'requires_payment', v_attempt,
            'payment:' || v_appointment.id::text || ':' || v_attempt::text, v_account)
    returning * into v_payment;
  end if;

  select pg_catalog.format('%s, %s (%s)', s.name,
                           pg_catalog.to_char(v_appointment.starts_at at time zone c.timezone, 'Dy DD Mon YYYY, HH24:MI'),
                           c.timezone),
         pt.email::text
    into v_description, v_email
  from public.services as s
  join public.centres as c on c.tenant_id = s.tenant_id and c.id = v_appointment.centre_id
  left join public.patients as pt on pt.tenant_id = s.tenant_id and pt.id = v_appointment.patient_id
  where s.tenant_id = v_appointment.tenant_id and s.id = v_appointment.service_id;

  select
    v_payment.tenant_id, v_payment.id, v_payment.appointment_id, v_payment.patient_id, v_payment.flow, v_payment.kind,
    v_payment.amount::numeric, v_payment.currency, v_payment.amount_minor, v_payment.status, v_payment.attempt,
    v_payment.idempotency_key, v_payment.stripe_account_id, v_payment.stripe_payment_intent_id,
    v_payment.stripe_checkout_session_id, v_payment.checkout_url, v_payment.receipt_url,
    v_payment.amount_refunded::numeric, v_payment.failure_message, v_payment.succeeded_at, v_payment.created_at,
    v_payment.updated_at,
    v_description, v_email, v_appointment.hold_expires_at,
    pg_catalog.jsonb_build_object('tenant_id', v_payment.tenant_id::text, 'appointment_id', v_payment.appointment_id::text,
                                  'payment_id', v_payment.id::text)
    into v_result;
  return v_result;
end
$$;
comment on function private.open_payment(uuid, public.payment_flow) is
  'Implementation of public.open_payment (security definer: patients cannot insert payments or read clinician prices). Locks the appointment, checks caller and state, reuses the open payment of the same flow or opens a new attempt with the amount from the database.';
revoke execute on function private.open_payment(uuid, public.payment_flow) from public, anon, authenticated, service_role;
grant execute on function private.open_payment(uuid, public.payment_flow) to authenticated, service_role;

create function public.open_payment(appointment_id uuid, flow public.payment_flow)
returns public.opened_payment
language sql
volatile
security invoker
set search_path = ''
as $$
  /**
   * Opens (or reuses) the payment of a pending appointment, for the create-payment Edge
   * Function, which calls it AS THE CALLER and then creates the Stripe object.
   *
   * Parameters:
   *   appointment_id  a pending appointment whose hold has not expired and whose service
   *                   requires payment
   *   flow            payment_intent (in-app) or checkout (hosted page)
   * Who:     the appointment's patient, appointment staff of its centre, service_role.
   * Returns: one row: the payment's columns (id = the payment id; amount, currency and
   *          amount_minor FROM THE DATABASE: the service's deposit, else the clinician's price
   *          override, else the service's price; idempotency_key payment:<appointment>:<attempt>;
   *          stripe_account_id of the tenant) plus description (service name and local start),
   *          patient_email, hold_expires_at and metadata {tenant_id, appointment_id, payment_id}
   *          for Stripe. The open payment of the same flow is returned again (same row, same
   *          idempotency key), so retries create nothing new.
   * Errors:  22023, PT403 (the clinician, other staff), PT404 (not visible), PT409 (cancelled,
   *          already booked, hold expired, nothing to pay, another flow''s payment is open),
   *          PT422 (price not expressible in the currency).
   * Example: select * from public.open_payment('…appointment id…', 'payment_intent');
   */
  select private.open_payment(open_payment.appointment_id, open_payment.flow)
$$;
comment on function public.open_payment(uuid, public.payment_flow) is
  'Opens or reuses the payment of a pending appointment (patient, appointment staff, service_role) with the amount from the database; returns the payment plus description, patient_email, hold_expires_at and Stripe metadata. Errors: 22023, PT403, PT404, PT409, PT422. See docs/payments.md.';
revoke execute on function public.open_payment(uuid, public.payment_flow) from public, anon, authenticated, service_role;
grant execute on function public.open_payment(uuid, public.payment_flow) to authenticated, service_role;

create function private.attach_stripe_payment(
  p_payment_id uuid, p_payment_intent_id text, p_checkout_session_id text, p_checkout_url text)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Implementation of public.attach_stripe_payment (see there).
 * Returns: the payment id.
 */
declare
  v_payment public.payments;
begin
  if p_payment_id is null then
    raise exception using errcode = '22023', message = 'payment_id is required', hint = 'Pass the id open_payment returned.';
  end if;
  if p_payment_intent_id is null and p_checkout_session_id is null and p_checkout_url is null then
    raise exception using errcode = '22023', message = 'nothing to attach',
      hint = 'Pass the PaymentIntent id (pi_...) or the Checkout Session id (cs_...) and its URL.';
  end if;
  if p_payment_intent_id !~ '^pi_[A-Za-z0-9_]{1,250}$' then
    raise exception using errcode = '22023', message = 'payment_intent_id is not a Stripe PaymentIntent id',
      hint = 'PaymentIntent ids look like pi_...';
  end if;
  if p_checkout_session_id !~ '^cs_[A-Za-z0-9_]{1,250}$' then
    raise exception using errcode = '22023', message = 'checkout_session_id is not a Stripe Checkout Session id',
      hint = 'Checkout Session ids look like cs_...';
  end if;
  if p_checkout_url !~ '^https?://' or pg_catalog.char_length(p_checkout_url) > 4096 then
    raise exception using errcode = '22023', message = 'checkout_url is not an http(s) URL',
      hint = 'Pass the url of the Checkout Session.';
  end if;

  select p.* into v_payment from public.payments as p where p.id = p_payment_id for update;
  if not found then
    raise exception using errcode = 'PT404', message = 'payment not found', hint = 'Pass the id open_payment returned.';
  end if;
  if v_payment.flow = 'payment_intent' and (p_checkout_session_id is not null or p_checkout_url is not null) then
    raise exception using errcode = '22023', message = 'a payment_intent payment has no Checkout Session',
      hint = 'Attach only the PaymentIntent id to a payment_intent payment.';
  end if;
  if (p_payment_intent_id is not null and v_payment.stripe_payment_intent_id <> p_payment_intent_id)
     or (p_checkout_session_id is not null and v_payment.stripe_checkout_session_id <> p_checkout_session_id)
     or (p_checkout_url is not null and v_payment.checkout_url <> p_checkout_url) then
    raise exception using errcode = 'PT409', message = 'this payment is already attached to other Stripe objects',
      hint = 'Create Stripe objects with the payment''s idempotency_key, so a retry returns the same object.';
  end if;

  begin
    update public.payments as p
       set stripe_payment_intent_id = coalesce(p.stripe_payment_intent_id, p_payment_intent_id),
           stripe_checkout_session_id = coalesce(p.stripe_checkout_session_id, p_checkout_session_id),
           checkout_url = coalesce(p.checkout_url, p_checkout_url)
     where p.tenant_id = v_payment.tenant_id and p.id = v_payment.id
       and (p.stripe_payment_intent_id is distinct from coalesce(p.stripe_payment_intent_id, p_payment_intent_id)
            or p.stripe_checkout_session_id is distinct from coalesce(p.stripe_checkout_session_id, p_checkout_session_id)
            or p.checkout_url is distinct from coalesce(p.checkout_url, p_checkout_url));
  exception when unique_violation then
    raise exception using errcode = 'PT409', message = 'that Stripe object belongs to another payment',
      hint = 'Create Stripe objects with the payment''s idempotency_key.';
  end;
  return v_payment.id;
end
$$;
comment on function private.attach_stripe_payment(uuid, text, text, text) is
  'Implementation of public.attach_stripe_payment (security definer, service_role only).';
revoke execute on function private.attach_stripe_payment(uuid, text, text, text) from public, anon, authenticated, service_role;
grant execute on function private.attach_stripe_payment(uuid, text, text, text) to service_role;

create function public.attach_stripe_payment(
  payment_id uuid, payment_intent_id text default null, checkout_session_id text default null,
  checkout_url text default null)
returns public.payments
language plpgsql
volatile
security invoker
set search_path = ''
as $$
/**
 * Records the Stripe objects created for a payment (service_role: the create-payment Edge
 * Function after creating them). Idempotent: the same ids again change nothing. The ids are
 * recorded whatever the payment's status; check `status` of the returned row.
 *
 * Parameters: payment_id (from open_payment); payment_intent_id (pi_...; the payment_intent
 *             flow, optional for checkout); checkout_session_id (cs_...) and checkout_url
 *             (checkout flow).
 * Returns:    the payment.
 * Errors:     22023 bad ids or nothing to attach; PT404 unknown payment; PT409 the payment has
 *             other Stripe objects already, or the object belongs to another payment.
 * Example:    select * from public.attach_stripe_payment(id, 'pi_123', null, null);
 */
declare
  v_id uuid;
  v_payment public.payments;
begin
  v_id := private.attach_stripe_payment(attach_stripe_payment.payment_id, attach_stripe_payment.payment_intent_id,
                                        attach_stripe_payment.checkout_session_id, attach_stripe_payment.checkout_url);
  select p.* into v_payment from public.payments as p where p.id = v_id;
  return v_payment;
end
$$;
comment on function public.attach_stripe_payment(uuid, text, text, text) is
  'Records the PaymentIntent / Checkout Session of a payment (service_role only); idempotent. Errors: 22023, PT404, PT409.';
revoke execute on function public.attach_stripe_payment(uuid, text, text, text) from public, anon, authenticated, service_role;
grant execute on function public.attach_stripe_payment(uuid, text, text, text) to service_role;

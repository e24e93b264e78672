-- supabase/tests/_setup/razorpay_fixtures.sql — what the Razorpay payment tests pay for, on top of
-- the payments fixtures, in schema `tests`. Applied like the other _setup files (as postgres,
-- committed, creates no data); a test calls `select tests.create_razorpay_fixtures();` after
-- `begin` and the final `rollback` removes everything.
--
--   tenant_a takes payments with Razorpay, its money transferred to the Route linked account
--   acc_AlphaClinic01 (tenant_payment_settings); tenant_b stays on Stripe.
--   pay_rupee  a tenant_a service at centre_a1 paid when booking: 1500.00 INR (150000 paise),
--              offered by clinician_a and clinician_a_visiting.
--
-- tests.insert_razorpay_payment(name, appointment, status, flow) writes a Razorpay payment
-- directly as postgres (id tests.tenancy_id(name); order_<name> for payment_intent, plink_<name>
-- and its short URL for checkout; names of letters and digits only), at the appointment's price.
-- tests.razorpay_payment(id, order_id, status, amount, currency, notes) is a Razorpay Payment
-- entity, tests.razorpay_event(event, payload) a webhook body around entities,
-- tests.razorpay_notes(payment) the notes create-payment gives Razorpay.

create schema if not exists tests;

create or replace function tests.create_razorpay_fixtures()
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_a uuid := tests.tenancy_id('tenant_a');
begin
  perform tests.create_payment_fixtures();
  insert into public.services (tenant_id, id, name, duration_minutes, min_booking_notice, max_booking_horizon,
                               slot_alignment_minutes, price, currency, payment_required, deposit_amount, mode,
                               cancellation_window, cancellation_fee, is_public, is_active)
  values (v_a, tests.tenancy_id('pay_rupee'), 'Counselling session', 30, '1 hour', '60 days', 15, 1500, 'INR', true, null,
          'in_person', '24 hours', 300, true, true);
  insert into public.clinician_services (tenant_id, clinician_id, service_id) values
    (v_a, tests.tenancy_id('clinician_a'), tests.tenancy_id('pay_rupee')),
    (v_a, tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('pay_rupee'));
  insert into public.tenant_payment_settings (tenant_id, provider, razorpay_account_id)
  values (v_a, 'razorpay', 'acc_AlphaClinic01');
end
$$;
comment on function tests.create_razorpay_fixtures() is
  'pgTAP fixtures: the payments fixtures plus tenant_a on Razorpay (Route account acc_AlphaClinic01) and the INR service pay_rupee. Call as postgres, once per test.';

create or replace function tests.insert_razorpay_payment(
  name text, appointment text, status public.payment_status default 'requires_payment',
  flow public.payment_flow default 'payment_intent')
returns uuid
language plpgsql
set search_path = ''
as $$
declare
  v_appointment public.appointments;
  v_price record;
  v_attempt integer;
begin
  select a.* into v_appointment from public.appointments as a where a.id = tests.tenancy_id(appointment);
  select p.* into v_price from private.payment_amount(v_appointment.tenant_id, v_appointment.service_id, v_appointment.clinician_id) as p;
  select coalesce(max(p.attempt), 0) + 1 into v_attempt from public.payments as p where p.appointment_id = v_appointment.id;
  insert into public.payments (tenant_id, id, appointment_id, patient_id, flow, kind, amount, currency, amount_minor, status,
                               attempt, idempotency_key, provider, razorpay_account_id, razorpay_order_id, razorpay_payment_link_id,
                               checkout_url, razorpay_payment_id, succeeded_at)
  values (v_appointment.tenant_id, tests.tenancy_id(name), v_appointment.id, v_appointment.patient_id, insert_razorpay_payment.flow,
          v_price.kind, v_price.amount, v_price.currency, private.to_minor_units(v_price.amount, v_price.currency),
          insert_razorpay_payment.status, v_attempt, 'payment:' || v_appointment.id::text || ':' || v_attempt::text, 'razorpay',
          'acc_AlphaClinic01',
          case when insert_razorpay_payment.flow = 'payment_intent' then 'order_' || name end,
          case when insert_razorpay_payment.flow = 'checkout' then 'plink_' || name end,
          case when insert_razorpay_payment.flow = 'checkout' then 'https://rzp.io/rzp/' || name end,
          case when insert_razorpay_payment.status = 'succeeded' then 'pay_' || name end,
          case when insert_razorpay_payment.status = 'succeeded' then pg_catalog.now() end);
  return tests.tenancy_id(name);
end
$$;
comment on function tests.insert_razorpay_payment(text, text, public.payment_status, public.payment_flow) is
  'pgTAP fixtures: inserts Razorpay payment `name` (order_<name> or plink_<name>, pay_<name> when succeeded) for appointment `appointment` at its price, directly as postgres; returns its id.';

create or replace function tests.razorpay_notes(payment text)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
begin
  return (select pg_catalog.jsonb_build_object('tenant_id', p.tenant_id::text, 'appointment_id', p.appointment_id::text, 'payment_id', p.id::text)
          from public.payments as p where p.id = tests.tenancy_id(payment));
end
$$;
comment on function tests.razorpay_notes(text) is 'pgTAP fixtures: the notes create-payment gives Razorpay for payment `payment`.';

create or replace function tests.razorpay_payment(
  id text, order_id text, status text, amount bigint, currency text default 'INR', notes jsonb default '[]'::jsonb)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select pg_catalog.jsonb_build_object('id', id, 'entity', 'payment', 'amount', amount, 'currency', currency, 'status', status,
                                       'order_id', order_id, 'method', 'upi', 'captured', status = 'captured', 'notes', notes,
                                       'error_code', case when status = 'failed' then 'BAD_REQUEST_ERROR' end,
                                       'error_description', case when status = 'failed' then 'Payment failed because the UPI app declined it' end,
                                       'error_reason', case when status = 'failed' then 'payment_declined' end,
                                       'created_at', 1796000000)
$$;
comment on function tests.razorpay_payment(text, text, text, bigint, text, jsonb) is
  'pgTAP fixtures: a Razorpay Payment entity as JSON (a failed one carries Razorpay''s error fields).';

create or replace function tests.razorpay_event(event text, payload jsonb)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select pg_catalog.jsonb_build_object('entity', 'event', 'account_id', 'acc_PlatformTest1', 'event', event,
                                       'contains', (select coalesce(pg_catalog.jsonb_agg(k), '[]'::jsonb) from pg_catalog.jsonb_object_keys(payload) as k),
                                       'payload', payload, 'created_at', 1796000000)
$$;
comment on function tests.razorpay_event(text, jsonb) is
  'pgTAP fixtures: a Razorpay webhook body {entity: event, account_id, event, contains, payload, created_at} around the payload''s entities.';

revoke execute on function tests.create_razorpay_fixtures() from public;
revoke execute on function tests.insert_razorpay_payment(text, text, public.payment_status, public.payment_flow) from public;
revoke execute on function tests.razorpay_notes(text) from public;
revoke execute on function tests.razorpay_payment(text, text, text, bigint, text, jsonb) from public;
revoke execute on function tests.razorpay_event(text, jsonb) from public;
grant execute on function tests.razorpay_notes(text) to service_role;
grant execute on function tests.razorpay_payment(text, text, text, bigint, text, jsonb) to service_role;
grant execute on function tests.razorpay_event(text, jsonb) to service_role;

-- supabase/tests/_setup/payments_fixtures.sql — what the payment tests pay for, on top of
-- the appointment, catalogue and tenancy casts, in schema `tests`. Applied like the other _setup
-- files (as postgres, committed, creates no data); a test calls
-- `select tests.create_payment_fixtures();` after `begin` and the final `rollback` removes
-- everything.
--
--   services (payment required; all public, active, 30 min, at centre_a1 unless noted)
--     appt_paid      (from appointments_fixtures) 100.00 GBP; clinician_a_visiting overrides
--                    the price: 120.00
--     pay_deposit    150.00 GBP with a deposit of 50.00, cancellation window 48 hours, fee 20.00
--     pay_yen        5000 JPY (a zero-decimal currency)
--     pay_dinar      12.50 KWD (a three-decimal currency)
--     pay_b          tenant_b, 60.00 USD at centre_b1 (clinician_b)
--   clinician_a and clinician_a_visiting offer every tenant_a service above.
--
-- tests.insert_payment(name, appointment, status, flow) writes a payment directly as postgres
-- (id tests.tenancy_id(name), Stripe ids pi_<name> / cs_<name>), at the appointment's price.
-- tests.stripe_event(id, type, object, account) builds a Stripe event as JSON.
-- tests.payment_metadata(payment) is the metadata open_payment gives Stripe.

create schema if not exists tests;

create or replace function tests.create_payment_fixtures()
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_a uuid := tests.tenancy_id('tenant_a');
  v_b uuid := tests.tenancy_id('tenant_b');
  v_service text;
begin
  perform tests.create_appointment_fixtures();

  insert into public.services (tenant_id, id, name, duration_minutes, min_booking_notice, max_booking_horizon,
                               slot_alignment_minutes, price, currency, payment_required, deposit_amount, mode,
                               cancellation_window, cancellation_fee, is_public, is_active) values
    (v_a, tests.tenancy_id('pay_deposit'), 'Physiotherapy', 30, '1 hour', '60 days', 15, 150, 'GBP', true, 50, 'in_person', '48 hours', 20, true, true),
    (v_a, tests.tenancy_id('pay_yen'), 'Acupuncture', 30, '1 hour', '60 days', 15, 5000, 'JPY', true, null, 'in_person', null, 0, true, true),
    (v_a, tests.tenancy_id('pay_dinar'), 'Dietitian', 30, '1 hour', '60 days', 15, 12.5, 'KWD', true, null, 'in_person', null, 0, true, true),
    (v_b, tests.tenancy_id('pay_b'), 'Paid check-up', 30, '1 hour', '60 days', 15, 60, 'USD', true, null, 'in_person', null, 0, true, true);

  foreach v_service in array array['pay_deposit', 'pay_yen', 'pay_dinar'] loop
    insert into public.clinician_services (tenant_id, clinician_id, service_id) values
      (v_a, tests.tenancy_id('clinician_a'), tests.tenancy_id(v_service)),
      (v_a, tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id(v_service));
  end loop;
  insert into public.clinician_services (tenant_id, clinician_id, service_id) values
    (v_b, tests.tenancy_id('clinician_b'), tests.tenancy_id('pay_b'));
  update public.clinician_services set price_override = 120
   where tenant_id = v_a and clinician_id = tests.tenancy_id('clinician_a_visiting') and service_id = tests.tenancy_id('appt_paid');
end
$$;
comment on function tests.create_payment_fixtures() is
  'pgTAP fixtures: appointment + catalogue + tenancy casts plus the paid services of supabase/tests/_setup/payments_fixtures.sql. Call as postgres, once per test.';

create or replace function tests.insert_payment(
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
                               attempt, idempotency_key, stripe_payment_intent_id, stripe_checkout_session_id, checkout_url,
                               succeeded_at)
  values (v_appointment.tenant_id, tests.tenancy_id(name), v_appointment.id, v_appointment.patient_id, insert_payment.flow,
          v_price.kind, v_price.amount, v_price.currency, private.to_minor_units(v_price.amount, v_price.currency),
          insert_payment.status, v_attempt, 'payment:' || v_appointment.id::text || ':' || v_attempt::text,
          'pi_' || name,
          case when insert_payment.flow = 'checkout' then 'cs_' || name end,
          case when insert_payment.flow = 'checkout' then 'https://checkout.stripe.com/c/pay/cs_' || name end,
          case when insert_payment.status = 'succeeded' then pg_catalog.now() end);
  return tests.tenancy_id(name);
end
$$;
comment on function tests.insert_payment(text, text, public.payment_status, public.payment_flow) is
  'pgTAP fixtures: inserts payment `name` (id tests.tenancy_id(name), pi_<name>, cs_<name> for checkout) for appointment `appointment` at its price, directly as postgres; returns its id.';

create or replace function tests.stripe_event(id text, type text, object jsonb, account text default null)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select pg_catalog.jsonb_build_object('id', id, 'object', 'event', 'type', type, 'api_version', '2025-10-29.clover',
                                       'created', pg_catalog.floor(extract(epoch from pg_catalog.now()))::bigint,
                                       'livemode', false, 'account', account,
                                       'data', pg_catalog.jsonb_build_object('object', object))
$$;
comment on function tests.stripe_event(text, text, jsonb, text) is
  'pgTAP fixtures: a Stripe event {id, type, account, livemode: false, data: {object}} as JSON.';

create or replace function tests.payment_metadata(payment text)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
begin
  -- plpgsql, not sql: this file is applied before tenancy_fixtures.sql defines tests.tenancy_id
  return (select pg_catalog.jsonb_build_object('tenant_id', p.tenant_id::text, 'appointment_id', p.appointment_id::text, 'payment_id', p.id::text)
          from public.payments as p where p.id = tests.tenancy_id(payment));
end
$$;
comment on function tests.payment_metadata(text) is
  'pgTAP fixtures: the Stripe metadata open_payment gives for payment `payment`.';

revoke execute on function tests.create_payment_fixtures() from public;
revoke execute on function tests.insert_payment(text, text, public.payment_status, public.payment_flow) from public;
revoke execute on function tests.stripe_event(text, text, jsonb, text) from public;
revoke execute on function tests.payment_metadata(text) from public;
grant execute on function tests.stripe_event(text, text, jsonb, text) to service_role;
grant execute on function tests.payment_metadata(text) to service_role;

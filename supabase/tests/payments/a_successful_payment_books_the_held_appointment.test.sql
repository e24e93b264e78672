-- payment_intent.succeeded, checkout.session.completed (payment_status paid) and
-- checkout.session.async_payment_succeeded: the payment succeeds (succeeded_at, the Stripe ids
-- filled in when the webhook came before attach_stripe_payment) and its pending appointment is
-- booked (hold cleared, history reason payment_succeeded).
begin;
select plan(8);

-- SETUP
select tests.create_payment_fixtures();
select tests.insert_appointment('hold_pi', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'), 'pending');
select tests.insert_appointment('hold_cs', 'pay_deposit', 'clinician_a', 'patient_a', tests.appointment_slot(2, '12:00'), 'pending');
select tests.insert_appointment('hold_async', 'pay_yen', 'clinician_a', 'patient_a', tests.appointment_slot(2, '14:00'), 'pending');
select tests.insert_payment('pay_pi', 'hold_pi');
select tests.insert_payment('pay_cs', 'hold_cs', 'requires_payment', 'checkout');
select tests.insert_payment('pay_async', 'hold_async', 'processing', 'checkout');
-- the webhook may arrive before attach_stripe_payment: no Stripe ids yet
update public.payments set stripe_payment_intent_id = null where id = tests.tenancy_id('pay_pi');
update public.payments set stripe_payment_intent_id = null where id = tests.tenancy_id('pay_cs');

-- TEST: a PaymentIntent, matched by metadata
select tests.authenticate_as_service_role();
select is(
  public.handle_stripe_event(tests.stripe_event('evt_pi', 'payment_intent.succeeded',
    jsonb_build_object('id', 'pi_3Late', 'object', 'payment_intent', 'amount', 10000, 'amount_received', 10000, 'currency', 'gbp',
                       'status', 'succeeded', 'latest_charge', 'ch_1', 'metadata', tests.payment_metadata('pay_pi')))),
  jsonb_build_object('outcome', 'processed', 'payment_id', tests.tenancy_id('pay_pi'), 'detail', jsonb_build_object('appointment', 'booked')),
  'payment_intent.succeeded: processed, appointment booked');
select results_eq(
  $$ select p.status::text, p.succeeded_at is not null, p.stripe_payment_intent_id, a.status::text, a.hold_expires_at
     from public.payments as p join public.appointments as a on a.id = p.appointment_id where p.id = tests.tenancy_id('pay_pi') $$,
  $$ values ('succeeded', true, 'pi_3Late', 'booked', null::timestamptz) $$,
  'the payment succeeded with its PaymentIntent id; the appointment is booked and no longer held');
select results_eq(
  $$ select from_status::text, to_status::text, reason from public.appointment_status_history
     where appointment_id = tests.tenancy_id('hold_pi') and from_status is not null $$,
  $$ values ('pending', 'booked', 'payment_succeeded') $$,
  'the history says why: payment_succeeded');

-- TEST: a Checkout Session, matched by its id
select is(
  public.handle_stripe_event(tests.stripe_event('evt_cs', 'checkout.session.completed',
    jsonb_build_object('id', 'cs_pay_cs', 'object', 'checkout.session', 'mode', 'payment', 'payment_status', 'paid',
                       'amount_total', 5000, 'currency', 'gbp', 'payment_intent', 'pi_3FromCheckout',
                       'client_reference_id', tests.tenancy_id('pay_cs'), 'metadata', tests.payment_metadata('pay_cs')))) ->> 'outcome',
  'processed', 'checkout.session.completed (paid) is processed');
select results_eq(
  $$ select p.status::text, p.stripe_payment_intent_id, a.status::text
     from public.payments as p join public.appointments as a on a.id = p.appointment_id where p.id = tests.tenancy_id('pay_cs') $$,
  $$ values ('succeeded', 'pi_3FromCheckout', 'booked') $$,
  'the deposit (50.00 GBP = 5000) succeeded, the session''s PaymentIntent is stored, the appointment is booked');

-- TEST: a delayed Checkout payment, matched by client_reference_id alone
select is(
  public.handle_stripe_event(tests.stripe_event('evt_async', 'checkout.session.async_payment_succeeded',
    jsonb_build_object('id', 'cs_pay_async', 'object', 'checkout.session', 'payment_status', 'paid',
                       'amount_total', 5000, 'currency', 'jpy', 'client_reference_id', tests.tenancy_id('pay_async')))) ->> 'outcome',
  'processed', 'checkout.session.async_payment_succeeded is processed');
select results_eq(
  $$ select p.status::text, a.status::text
     from public.payments as p join public.appointments as a on a.id = p.appointment_id where p.id = tests.tenancy_id('pay_async') $$,
  $$ values ('succeeded', 'booked') $$,
  'a processing payment succeeds (5000 JPY = amount 5000) and the appointment is booked');

-- TEST: the checkout's own payment_intent.succeeded afterwards changes nothing more
select is(
  public.handle_stripe_event(tests.stripe_event('evt_cs_pi', 'payment_intent.succeeded',
    jsonb_build_object('id', 'pi_3FromCheckout', 'object', 'payment_intent', 'amount', 5000, 'amount_received', 5000, 'currency', 'gbp',
                       'metadata', tests.payment_metadata('pay_cs')))) -> 'detail',
  '{"no_change": "the payment had already succeeded"}'::jsonb,
  'the PaymentIntent event of a Checkout payment that already succeeded changes nothing');

select * from finish();
rollback;

-- A success event whose amount (amount_received / amount_total) or currency differs from the
-- payment's is recorded as processed with detail amount_mismatch, and changes no state: the
-- payment stays open and the appointment held.
begin;
select plan(4);

-- SETUP
select tests.create_payment_fixtures();
select tests.insert_appointment('hold', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'), 'pending');
select tests.insert_payment('pay', 'hold', 'requires_payment', 'checkout');

-- TEST
select tests.authenticate_as_service_role();
select is(
  public.handle_stripe_event(tests.stripe_event('evt_low', 'payment_intent.succeeded',
    jsonb_build_object('id', 'pi_pay', 'object', 'payment_intent', 'amount', 100, 'amount_received', 100, 'currency', 'gbp'))),
  jsonb_build_object('outcome', 'processed', 'payment_id', tests.tenancy_id('pay'),
                     'detail', jsonb_build_object('amount_mismatch', jsonb_build_object('expected_amount_minor', 10000, 'expected_currency', 'gbp',
                                                                                        'received_amount_minor', 100, 'received_currency', 'gbp'))),
  'a PaymentIntent for 1.00 instead of 100.00: amount_mismatch');
select is(
  public.handle_stripe_event(tests.stripe_event('evt_usd', 'checkout.session.completed',
    jsonb_build_object('id', 'cs_pay', 'object', 'checkout.session', 'payment_status', 'paid', 'amount_total', 10000, 'currency', 'usd'))) #>> '{detail,amount_mismatch,received_currency}',
  'usd', 'the right number in the wrong currency: amount_mismatch');
reset role;
select results_eq(
  $$ select p.status::text, p.succeeded_at, a.status::text
     from public.payments as p join public.appointments as a on a.id = p.appointment_id where p.id = tests.tenancy_id('pay') $$,
  $$ values ('requires_payment', null::timestamptz, 'pending') $$,
  'the payment is still open and the appointment still held');
select is((select detail #>> '{amount_mismatch,received_amount_minor}' from private.stripe_events where id = 'evt_low'), '100',
  'the mismatch is kept with the event for support');

select * from finish();
rollback;

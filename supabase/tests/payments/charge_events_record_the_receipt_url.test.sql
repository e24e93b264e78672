-- charge.succeeded and charge.updated store the charge's receipt_url on the payment (matched by
-- the charge's payment_intent), which the patient and staff can then read; a charge of a payment
-- that is not ours is unmatched.
begin;
select plan(4);

-- SETUP
select tests.create_payment_fixtures();
select tests.insert_appointment('paid', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'));
select tests.insert_payment('pay', 'paid', 'succeeded');

-- TEST
select tests.authenticate_as_service_role();
select is(public.handle_stripe_event(tests.stripe_event('evt_c1', 'charge.succeeded',
    jsonb_build_object('id', 'ch_1', 'object', 'charge', 'payment_intent', 'pi_pay', 'receipt_url', 'https://pay.stripe.com/receipts/payment/r1'))),
  jsonb_build_object('outcome', 'processed', 'payment_id', tests.tenancy_id('pay'), 'detail', '{"receipt_url": true}'::jsonb),
  'charge.succeeded is processed');
select public.handle_stripe_event(tests.stripe_event('evt_c2', 'charge.updated',
  jsonb_build_object('id', 'ch_1', 'object', 'charge', 'payment_intent', 'pi_pay', 'receipt_url', 'https://pay.stripe.com/receipts/payment/r2')));
select tests.authenticate_as('patient');
select is((select receipt_url from public.payments where id = tests.tenancy_id('pay')), 'https://pay.stripe.com/receipts/payment/r2',
  'the patient reads the latest receipt URL');
select tests.authenticate_as_service_role();
select is(public.handle_stripe_event(tests.stripe_event('evt_c3', 'charge.succeeded',
    jsonb_build_object('id', 'ch_2', 'object', 'charge', 'payment_intent', 'pi_unknown', 'receipt_url', 'https://pay.stripe.com/receipts/x'))) ->> 'outcome',
  'unmatched', 'a charge of another PaymentIntent is unmatched');
select is(public.handle_stripe_event(tests.stripe_event('evt_c4', 'charge.updated',
    jsonb_build_object('id', 'ch_1', 'object', 'charge', 'payment_intent', 'pi_pay', 'receipt_url', 'javascript:alert(1)'))) #>> '{detail,receipt_url}',
  'false', 'a receipt URL that is not http(s) is not stored');

select * from finish();
rollback;

-- checkout.session.completed with payment_status unpaid (a delayed method such as a bank debit)
-- and payment_intent.processing move an open payment to processing and keep the hold; the
-- PaymentIntent id of the session is stored; a payment that is already further is left alone.
begin;
select plan(4);

-- SETUP
select tests.create_payment_fixtures();
select tests.insert_appointment('hold_cs', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'), 'pending');
select tests.insert_appointment('hold_pi', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '12:00'), 'pending');
select tests.insert_payment('pay_cs', 'hold_cs', 'requires_payment', 'checkout');
update public.payments set stripe_payment_intent_id = null where id = tests.tenancy_id('pay_cs');
select tests.insert_payment('pay_pi', 'hold_pi');

-- TEST
select tests.authenticate_as_service_role();
select public.handle_stripe_event(tests.stripe_event('evt_p1', 'checkout.session.completed',
  jsonb_build_object('id', 'cs_pay_cs', 'object', 'checkout.session', 'payment_status', 'unpaid', 'amount_total', 10000, 'currency', 'gbp',
                     'payment_intent', 'pi_3Debit')));
select results_eq($$ select p.status::text, p.stripe_payment_intent_id, a.status::text
                     from public.payments as p join public.appointments as a on a.id = p.appointment_id where p.id = tests.tenancy_id('pay_cs') $$,
  $$ values ('processing', 'pi_3Debit', 'pending') $$, 'an unpaid completed session: processing, PaymentIntent stored, still held');
select is(public.handle_stripe_event(tests.stripe_event('evt_p2', 'payment_intent.processing',
    jsonb_build_object('id', 'pi_pay_pi', 'object', 'payment_intent', 'status', 'processing'))) -> 'detail',
  '{"payment": "processing"}'::jsonb, 'payment_intent.processing: processing');
select is(public.handle_stripe_event(tests.stripe_event('evt_p3', 'payment_intent.processing',
    jsonb_build_object('id', 'pi_pay_pi', 'object', 'payment_intent', 'status', 'processing'))) -> 'detail',
  '{"no_change": "the payment is already processing"}'::jsonb, 'processing again (another event) changes nothing');
select is((select status::text from public.payments where id = tests.tenancy_id('pay_pi')), 'processing', 'the payment is processing');

select * from finish();
rollback;

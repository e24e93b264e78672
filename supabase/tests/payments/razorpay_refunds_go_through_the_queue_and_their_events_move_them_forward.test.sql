-- Refunds of Razorpay payments use the same queue and rules as Stripe's: cancelling a paid
-- appointment refunds it by the clinic's policy through Razorpay; a worker claims only the
-- refunds of the providers it has keys for, with what Razorpay needs (the Payment to refund,
-- whether to reverse the Route transfer, the X-Refund-Idempotency key refund_<id>);
-- record_refund_result takes Razorpay's rfnd_ ids (and refuses Stripe's for them); refund.*
-- events move refunds forward and amount_refunded follows; a refund made in the Razorpay
-- Dashboard becomes a razorpay_dashboard row. A refund cannot name another provider than its
-- payment's.
begin;
select plan(12);

-- SETUP
select tests.create_razorpay_fixtures();
select tests.insert_appointment('paid', 'pay_rupee', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));
select tests.insert_razorpay_payment('rzpPaid', 'paid', 'succeeded');
select tests.insert_appointment('spaid', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(3, '12:00'));
select tests.insert_payment('stripePaid', 'spaid', 'succeeded');

-- TEST: cancelling refunds by policy, through Razorpay
select tests.authenticate_as('patient');
select lives_ok($$ select public.cancel_appointment(tests.tenancy_id('paid'), 'cannot come') $$, 'the patient cancels outside the window');
select tests.clear_authentication();
reset role;
select results_eq(
  $$ select reason, status, provider::text, amount, amount_minor from public.refunds where payment_id = tests.tenancy_id('rzpPaid') $$,
  $$ values ('cancellation', 'requested', 'razorpay', 1500.000::numeric, 150000::bigint) $$,
  'a cancellation refund of everything, through the payment''s provider');
select throws_ok(
  $$ insert into public.refunds (tenant_id, payment_id, appointment_id, patient_id, provider, amount, currency, amount_minor, reason)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('rzpPaid'), tests.tenancy_id('paid'), tests.tenancy_id('patient_a'),
             'stripe', 1, 'INR', 100, 'staff') $$,
  '23503', null, 'a refund cannot go through another provider than its payment''s');

-- TEST: the queue
select public.request_refund(tests.tenancy_id('stripePaid'), 10, 'goodwill');
select tests.authenticate_as_service_role();
select results_eq($$ select provider::text, payment_id, idempotency_key = 'refund:' || refund_id::text
                     from public.claim_refunds(10, '2 minutes', null, array['stripe']::public.payment_provider[]) $$,
  $$ values ('stripe', tests.tenancy_id('stripePaid'), true) $$,
  'a worker with Stripe keys only claims the Stripe refund (key refund:<id>), not the Razorpay one');
create temporary table claimed on commit drop as
  select * from public.claim_refunds(10, '2 minutes', null, array['razorpay']::public.payment_provider[]);
select results_eq(
  $$ select provider::text, razorpay_payment_id, razorpay_account_id, stripe_payment_intent_id, amount_minor, currency,
            idempotency_key = 'refund_' || refund_id::text, metadata ->> 'payment_id'
     from claimed $$,
  $$ values ('razorpay', 'pay_rzpPaid', 'acc_AlphaClinic01', null::text, 150000::bigint, 'INR', true, tests.tenancy_id('rzpPaid')::text) $$,
  'a Razorpay worker claims it with the Payment, the linked account (reverse the transfer) and the key refund_<id>');
select is((select count(*)::int from claimed), 1, 'and a Razorpay worker takes only the Razorpay refund');
select throws_ok(
  $$ select public.record_refund_result((select refund_id from claimed), 're_3Stripe', 'pending') $$,
  '22023', 'provider_refund_id is not a Razorpay refund id', 'a Stripe refund id for a Razorpay refund is 22023');
select is((select status from public.record_refund_result((select refund_id from claimed), 'rfnd_FP8QHiV938haTz', 'pending')), 'submitted',
  'Razorpay answered pending: submitted with the rfnd_ id');

-- TEST: refund.* events
select is(
  public.handle_razorpay_event('evt_r1', tests.razorpay_event('refund.processed', jsonb_build_object(
    'refund', jsonb_build_object('entity', jsonb_build_object('id', 'rfnd_FP8QHiV938haTz', 'entity', 'refund', 'amount', 150000, 'currency', 'INR',
                                                              'payment_id', 'pay_rzpPaid', 'status', 'processed',
                                                              'notes', jsonb_build_object('refund_id', (select refund_id from claimed)::text))),
    'payment', jsonb_build_object('entity', tests.razorpay_payment('pay_rzpPaid', 'order_rzpPaid', 'captured', 150000))))) -> 'detail',
  jsonb_build_object('refund_id', (select refund_id from claimed), 'refund', 'succeeded'),
  'refund.processed: the refund succeeded');
select is(
  public.handle_razorpay_event('evt_r2', tests.razorpay_event('refund.created', jsonb_build_object(
    'refund', jsonb_build_object('entity', jsonb_build_object('id', 'rfnd_FP8QHiV938haTz', 'amount', 150000, 'currency', 'INR',
                                                              'payment_id', 'pay_rzpPaid', 'status', 'pending'))))) -> 'detail',
  jsonb_build_object('refund_id', (select refund_id from claimed), 'refund', 'succeeded'),
  'a late refund.created (pending) does not move it back');
select tests.clear_authentication();
reset role;
select is((select amount_refunded from public.payments where id = tests.tenancy_id('rzpPaid')), 1500.000::numeric,
  'amount_refunded counts it');

-- TEST: a refund made in the Razorpay Dashboard
update public.refunds set status = 'failed', last_error = 'test: make room' where payment_id = tests.tenancy_id('rzpPaid');
select tests.authenticate_as_service_role();
select public.handle_razorpay_event('evt_r3', tests.razorpay_event('refund.processed', jsonb_build_object(
  'refund', jsonb_build_object('entity', jsonb_build_object('id', 'rfnd_Dashboard001', 'amount', 50000, 'currency', 'INR',
                                                            'payment_id', 'pay_rzpPaid', 'status', 'processed', 'notes', '[]'::jsonb)))));
select tests.clear_authentication();
reset role;
select results_eq(
  $$ select reason, status, provider::text, amount, razorpay_refund_id from public.refunds
     where payment_id = tests.tenancy_id('rzpPaid') and reason = 'razorpay_dashboard' $$,
  $$ values ('razorpay_dashboard', 'succeeded', 'razorpay', 500.000::numeric, 'rfnd_Dashboard001') $$,
  'a refund made in the Razorpay Dashboard is recorded as razorpay_dashboard');

select * from finish();
rollback;

-- confirm_razorpay_payment (service_role: the verify-razorpay-payment function, after checking
-- the Checkout signature and fetching the Payment from Razorpay) applies a Checkout result at
-- once: captured books the hold, authorized marks the payment processing, failed notes the
-- failure and keeps the hold. The webhook that arrives later changes nothing more, and a result
-- the webhook already applied changes nothing. A Payment of another order, a Stripe payment, a
-- hosted payment or a payment without its Order is 22023, an unknown payment PT404.
begin;
select plan(10);

-- SETUP
select tests.create_razorpay_fixtures();
select tests.insert_appointment('c1', 'pay_rupee', 'clinician_a', 'patient_a', tests.appointment_slot(2, '09:00'), 'pending');
select tests.insert_appointment('c2', 'pay_rupee', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'), 'pending');
select tests.insert_appointment('c3', 'pay_rupee', 'clinician_a', 'patient_a', tests.appointment_slot(2, '11:00'), 'pending');
select tests.insert_appointment('c4', 'pay_rupee', 'clinician_a', 'patient_a', tests.appointment_slot(2, '12:00'), 'pending');
select tests.insert_appointment('cs', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(3, '12:00'), 'pending');
select tests.insert_razorpay_payment('ck1', 'c1');
select tests.insert_razorpay_payment('ck2', 'c2');
select tests.insert_razorpay_payment('ck3', 'c3');
select tests.insert_razorpay_payment('lnk4', 'c4', 'requires_payment', 'checkout');
select tests.insert_payment('stripe5', 'cs');

-- TEST
select tests.authenticate_as('patient');
select throws_ok($$ select public.confirm_razorpay_payment(tests.tenancy_id('ck1'), tests.razorpay_payment('pay_Ck1', 'order_ck1', 'captured', 150000)) $$,
  '42501', null, 'a patient cannot confirm a payment themself: only the server, after checking the signature');
select tests.authenticate_as_service_role();
select is(
  public.confirm_razorpay_payment(tests.tenancy_id('ck1'), tests.razorpay_payment('pay_Ck1', 'order_ck1', 'captured', 150000)),
  jsonb_build_object('outcome', 'processed', 'payment_id', tests.tenancy_id('ck1'), 'detail', jsonb_build_object('appointment', 'booked'),
                     'payment_status', 'succeeded', 'appointment_status', 'booked'),
  'a captured Checkout payment: the hold is booked at once');
select is(
  public.handle_razorpay_event('evt_c1', tests.razorpay_event('payment.captured',
    jsonb_build_object('payment', jsonb_build_object('entity', tests.razorpay_payment('pay_Ck1', 'order_ck1', 'captured', 150000))))) -> 'detail',
  '{"no_change": "the payment had already succeeded"}'::jsonb, 'the webhook arriving afterwards changes nothing');
select is(
  public.confirm_razorpay_payment(tests.tenancy_id('ck1'), tests.razorpay_payment('pay_Ck1', 'order_ck1', 'captured', 150000)) -> 'detail',
  '{"no_change": "the payment had already succeeded"}'::jsonb, 'confirming twice changes nothing');
select is(
  public.confirm_razorpay_payment(tests.tenancy_id('ck2'), tests.razorpay_payment('pay_Ck2', 'order_ck2', 'authorized', 150000)) ->> 'payment_status',
  'processing', 'an authorised Checkout payment is processing until Razorpay captures it');
select results_eq(
  $$ select public.confirm_razorpay_payment(tests.tenancy_id('ck3'), tests.razorpay_payment('pay_Ck3', 'order_ck3', 'failed', 150000))
            - 'payment_id' - 'outcome' $$,
  $$ values ('{"detail": {"payment": "requires_payment", "attempt_failed": true}, "payment_status": "requires_payment", "appointment_status": "pending"}'::jsonb) $$,
  'a failed attempt is noted; the hold stays for another attempt');
select throws_ok($$ select public.confirm_razorpay_payment(tests.tenancy_id('ck3'), tests.razorpay_payment('pay_Ck3b', 'order_ck2', 'captured', 150000)) $$,
  '22023', 'the Razorpay payment is for another order', 'a Payment of another order is refused');
select throws_ok($$ select public.confirm_razorpay_payment(tests.tenancy_id('stripe5'), tests.razorpay_payment('pay_S5', 'order_x', 'captured', 10000)) $$,
  '22023', 'this payment is not paid with Razorpay Checkout', 'a Stripe payment is refused');
select throws_ok($$ select public.confirm_razorpay_payment(tests.tenancy_id('lnk4'), tests.razorpay_payment('pay_L4', 'order_x', 'captured', 150000)) $$,
  '22023', 'this payment is not paid with Razorpay Checkout', 'a Payment Link payment has no Checkout result');
select throws_ok($$ select public.confirm_razorpay_payment(gen_random_uuid(), tests.razorpay_payment('pay_X', 'order_x', 'captured', 150000)) $$,
  'PT404', 'payment not found', 'an unknown payment is PT404');

select * from finish();
rollback;

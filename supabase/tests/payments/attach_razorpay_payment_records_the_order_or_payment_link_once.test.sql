-- attach_razorpay_payment (service_role) records the Razorpay object of a payment: the Order of
-- an in-app (payment_intent) payment, the Payment Link and its short URL (checkout_url) of a
-- hosted (checkout) one. The same ids again change nothing; other ids, or an object already
-- recorded for another payment, are PT409 provider_object_conflict; malformed ids, Stripe
-- payments and objects of the other flow are 22023. The Payment Link of a staff-booked hold goes
-- to the patient as the payment_link message, as a Stripe Checkout page does.
begin;
select plan(10);

-- SETUP
select tests.create_razorpay_fixtures();
select tests.insert_appointment('held1', 'pay_rupee', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'), 'pending');
select tests.insert_appointment('held2', 'pay_rupee', 'clinician_a', 'patient_a', tests.appointment_slot(2, '11:00'), 'pending');
select tests.insert_appointment('held3', 'pay_rupee', 'clinician_a', 'patient_a', tests.appointment_slot(2, '12:00'), 'pending');
select tests.insert_appointment('stripehold', 'pay_b', 'clinician_b', 'patient_b', tests.appointment_slot(2, '10:00', 'America/New_York'), 'pending', 'tenant_b', 'centre_b1');
select tests.insert_razorpay_payment('app1', 'held1');
select tests.insert_razorpay_payment('link1', 'held2', 'requires_payment', 'checkout');
select tests.insert_razorpay_payment('app2', 'held3');
select tests.insert_payment('stripe1', 'stripehold');
-- as open_payment leaves them: no Razorpay objects yet
update public.payments set razorpay_order_id = null, razorpay_payment_link_id = null, checkout_url = null
 where id in (tests.tenancy_id('app1'), tests.tenancy_id('link1'), tests.tenancy_id('app2'));

-- TEST
select tests.authenticate_as('a_owner');
select throws_ok($$ select public.attach_razorpay_payment(tests.tenancy_id('app1'), 'order_Fake1') $$, '42501', null,
  'only service_role attaches Razorpay objects');
select tests.authenticate_as_service_role();
select results_eq(
  $$ select razorpay_order_id, razorpay_payment_link_id, checkout_url, status::text
     from public.attach_razorpay_payment(tests.tenancy_id('app1'), order_id => 'order_Q1w2E3r4T5y6U7') $$,
  $$ values ('order_Q1w2E3r4T5y6U7', null::text, null::text, 'requires_payment') $$,
  'the Order of an in-app payment is recorded');
select lives_ok($$ select public.attach_razorpay_payment(tests.tenancy_id('app1'), order_id => 'order_Q1w2E3r4T5y6U7') $$,
  'the same Order again changes nothing (a retried request)');
select is(tests.error_details_of($$ select public.attach_razorpay_payment(tests.tenancy_id('app1'), order_id => 'order_Other0000001') $$),
  '{"code": "PT409", "message": "this payment is already attached to other Razorpay objects", "detail": "provider_object_conflict", "hint": "Look the payment''s Order or Payment Link up by its receipt / reference_id (the payment id) before creating one."}'::jsonb,
  'another Order for the same payment is PT409 provider_object_conflict');
select is((tests.error_details_of($$ select public.attach_razorpay_payment(tests.tenancy_id('app2'), order_id => 'order_Q1w2E3r4T5y6U7') $$)) ->> 'detail',
  'provider_object_conflict', 'an Order recorded for another payment is PT409 provider_object_conflict');
select results_eq(
  $$ select razorpay_payment_link_id, checkout_url
     from public.attach_razorpay_payment(tests.tenancy_id('link1'), payment_link_id => 'plink_ERgihyaAAC0VNW', payment_link_url => 'https://rzp.io/rzp/twH5w1Y') $$,
  $$ values ('plink_ERgihyaAAC0VNW', 'https://rzp.io/rzp/twH5w1Y') $$,
  'a hosted payment records its Payment Link, the short URL as checkout_url');
select throws_ok($$ select public.attach_razorpay_payment(tests.tenancy_id('app2'), payment_link_id => 'plink_A1', payment_link_url => 'https://rzp.io/rzp/a') $$,
  '22023', 'a payment_intent payment has no Payment Link', 'an in-app payment gets no Payment Link');
select throws_ok($$ select public.attach_razorpay_payment(tests.tenancy_id('stripe1'), order_id => 'order_A1') $$,
  '22023', 'this is not a Razorpay payment', 'a Stripe payment gets no Razorpay objects');
select throws_ok($$ select public.attach_razorpay_payment(tests.tenancy_id('app2'), order_id => 'order_with-dash') $$,
  '22023', 'order_id is not a Razorpay Order id', 'a malformed Order id is 22023');
select tests.clear_authentication();
reset role;

select results_eq(
  $$ select n.kind::text, n.status::text, n.payload ->> 'payment_url', (n.payload ->> 'amount')::numeric, n.payload ->> 'currency'
     from public.notifications as n where n.appointment_id = tests.tenancy_id('held2') $$,
  $$ values ('payment_link', 'queued', 'https://rzp.io/rzp/twH5w1Y', 1500.00::numeric, 'INR') $$,
  'the staff-booked hold''s patient gets the Payment Link by the payment_link message');

select * from finish();
rollback;

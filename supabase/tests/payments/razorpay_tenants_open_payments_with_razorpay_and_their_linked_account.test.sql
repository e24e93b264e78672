-- A tenant chooses its provider in tenant_payment_settings: open_payment opens a Razorpay payment
-- for a Razorpay tenant (with its Route linked account and the Checkout prefill: the patient's
-- name, e-mail and phone, the clinic's name) and a Stripe payment for every other tenant; the
-- amount still comes from the database only. Route moves only INR, so a Razorpay tenant with a
-- linked account cannot open a payment in another currency (PT422). An open payment keeps its
-- provider when the clinic switches, and the settings refuse malformed account ids.
begin;
select plan(9);

-- SETUP
select tests.create_razorpay_fixtures();
update public.patients set email = 'pat@example.com' where id = tests.tenancy_id('patient_a');
select tests.insert_appointment('rupee', 'pay_rupee', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'), 'pending');
select tests.insert_appointment('pounds', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '12:00'), 'pending');
select tests.insert_appointment('switch', 'pay_rupee', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'), 'pending');
select tests.insert_appointment('beta', 'pay_b', 'clinician_b', 'patient_b', tests.appointment_slot(2, '10:00', 'America/New_York'), 'pending', 'tenant_b', 'centre_b1');

-- TEST
select tests.authenticate_as('patient');
select results_eq(
  $$ select provider::text, razorpay_account_id, stripe_account_id, amount, currency, amount_minor, razorpay_order_id,
            patient_name, patient_email, patient_phone, merchant_name, metadata ->> 'payment_id' = id::text
     from public.open_payment(tests.tenancy_id('rupee'), 'payment_intent') $$,
  $$ values ('razorpay', 'acc_AlphaClinic01', null::text, 1500.00::numeric, 'INR', 150000::bigint, null::text,
             'Pat Alpha', 'pat@example.com', '+447700900101', 'Alpha Clinics', true) $$,
  'a Razorpay tenant: a Razorpay payment with the linked account, 1500.00 INR = 150000 paise, and the Checkout prefill');
select throws_ok(
  $$ select * from public.open_payment(tests.tenancy_id('pounds'), 'payment_intent') $$,
  'PT422', 'this clinic cannot take online payments in GBP',
  'Route transfers only INR: a GBP service of a tenant with a linked account is PT422');
select is((select count(*)::int from public.payments where appointment_id = tests.tenancy_id('pounds')), 0, 'and nothing was opened');
select results_eq(
  $$ select provider::text, razorpay_account_id, amount_minor from public.open_payment(tests.tenancy_id('beta'), 'payment_intent') $$,
  $$ values ('stripe', null::text, 6000::bigint) $$,
  'a tenant without settings pays with Stripe, as before');
select tests.clear_authentication();
reset role;

-- without a linked account the platform's Razorpay account keeps the money, in any currency
update public.tenant_payment_settings set razorpay_account_id = null where tenant_id = tests.tenancy_id('tenant_a');
select tests.authenticate_as('patient');
select results_eq(
  $$ select provider::text, razorpay_account_id, currency, amount_minor from public.open_payment(tests.tenancy_id('pounds'), 'checkout') $$,
  $$ values ('razorpay', null::text, 'GBP', 10000::bigint) $$,
  'no linked account: a Razorpay payment on the platform account, also in GBP');
select tests.authenticate_as('patient');
select is((select provider::text from public.open_payment(tests.tenancy_id('switch'), 'payment_intent')), 'razorpay', 'opened with Razorpay');
select tests.clear_authentication();
reset role;
update public.tenant_payment_settings set provider = 'stripe' where tenant_id = tests.tenancy_id('tenant_a');
select tests.authenticate_as('patient');
select results_eq(
  $$ select provider::text, attempt from public.open_payment(tests.tenancy_id('switch'), 'payment_intent') $$,
  $$ values ('razorpay', 1) $$,
  'after the clinic switched to Stripe the open payment is reused with its provider (same attempt)');
select tests.clear_authentication();
reset role;

select throws_ok(
  $$ update public.tenant_payment_settings set razorpay_account_id = 'acct_1Stripe' where tenant_id = tests.tenancy_id('tenant_a') $$,
  '23514', null, 'a Stripe account id is not a Razorpay linked account id');
select throws_ok(
  $$ update public.payments set stripe_payment_intent_id = 'pi_mixed' where appointment_id = tests.tenancy_id('switch') $$,
  '23514', null, 'a Razorpay payment cannot carry Stripe ids');

select * from finish();
rollback;

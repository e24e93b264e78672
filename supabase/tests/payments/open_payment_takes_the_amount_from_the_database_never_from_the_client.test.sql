-- open_payment charges what the database says: the service's deposit when it has one, else the
-- clinician's price override, else the service's price; amount_minor in the currency's minor
-- unit (JPY has none, KWD three decimals); the idempotency key names the appointment and the
-- attempt; description, patient e-mail, hold expiry and Stripe metadata come along.
begin;
select plan(9);

-- SETUP
select tests.create_payment_fixtures();
update public.patients set email = 'pat@example.com' where id = tests.tenancy_id('patient_a');
select tests.insert_appointment('plain', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'), 'pending');
select tests.insert_appointment('override', 'appt_paid', 'clinician_a_visiting', 'patient_a', tests.appointment_slot(2, '12:00'), 'pending');
select tests.insert_appointment('deposit', 'pay_deposit', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'), 'pending');
select tests.insert_appointment('yen', 'pay_yen', 'clinician_a', 'patient_a', tests.appointment_slot(4, '10:00'), 'pending');
select tests.insert_appointment('dinar', 'pay_dinar', 'clinician_a', 'patient_a', tests.appointment_slot(5, '10:00'), 'pending');

-- TEST
select tests.authenticate_as('patient');
select results_eq(
  $$ select kind, amount, currency, amount_minor, attempt, idempotency_key, status::text, flow::text
     from public.open_payment(tests.tenancy_id('plain'), 'payment_intent') $$,
  $$ values ('full', 100.00::numeric, 'GBP', 10000::bigint, 1, 'payment:' || tests.tenancy_id('plain') || ':1', 'requires_payment', 'payment_intent') $$,
  'the service''s price: 100.00 GBP = 10000 pence, attempt 1, key payment:<appointment>:1');
select results_eq(
  $$ select kind, amount, amount_minor from public.open_payment(tests.tenancy_id('override'), 'checkout') $$,
  $$ values ('full', 120.00::numeric, 12000::bigint) $$,
  'the clinician''s price override wins over the service''s price');
select results_eq(
  $$ select kind, amount, amount_minor from public.open_payment(tests.tenancy_id('deposit'), 'payment_intent') $$,
  $$ values ('deposit', 50.00::numeric, 5000::bigint) $$,
  'a service with a deposit charges the deposit, not the price');
select results_eq(
  $$ select amount, currency, amount_minor from public.open_payment(tests.tenancy_id('yen'), 'payment_intent') $$,
  $$ values (5000.00::numeric, 'JPY', 5000::bigint) $$,
  'JPY is a zero-decimal currency: 5000 yen is amount 5000 at Stripe');
select results_eq(
  $$ select amount, currency, amount_minor from public.open_payment(tests.tenancy_id('dinar'), 'payment_intent') $$,
  $$ values (12.50::numeric, 'KWD', 12500::bigint) $$,
  'KWD has three decimals: 12.50 KWD is amount 12500 at Stripe');
select results_eq(
  $$ select description, patient_email, hold_expires_at from public.open_payment(tests.tenancy_id('plain'), 'payment_intent') $$,
  $$ select 'Paid consultation, ' || to_char(tests.appointment_slot(2, '10:00') at time zone 'Europe/London', 'Dy DD Mon YYYY') || ', 10:00 (Europe/London)',
            'pat@example.com', a.hold_expires_at
     from public.appointments as a where a.id = tests.tenancy_id('plain') $$,
  'description = service name and local start in the centre''s zone; the patient''s e-mail; the hold expiry');
select is(
  (select metadata from public.open_payment(tests.tenancy_id('plain'), 'payment_intent')),
  (select jsonb_build_object('tenant_id', tests.tenancy_id('tenant_a')::text, 'appointment_id', tests.tenancy_id('plain')::text,
                             'payment_id', p.id::text) from public.payments as p where p.appointment_id = tests.tenancy_id('plain')),
  'metadata links tenant, appointment and payment for the webhook');

-- TEST: changing the price later does not change the open payment; a new price needs a new attempt
select tests.authenticate_as_service_role();
update public.services set price = 1 where id = tests.tenancy_id('appt_paid');
select is((select amount from public.open_payment(tests.tenancy_id('plain'), 'payment_intent')), 100.00::numeric,
  'the open payment keeps the amount it was opened with (same Stripe object)');
reset role;
select is((select count(*)::integer from public.payments), 5, 'one payment per appointment, however often it was opened');

select * from finish();
rollback;

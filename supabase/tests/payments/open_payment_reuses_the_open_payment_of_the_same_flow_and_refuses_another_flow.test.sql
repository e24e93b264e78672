-- Retrying open_payment returns the same open payment (same row, same idempotency key), so the
-- Edge Function's retries never create a second Stripe object. While a payment of one flow is
-- open, the other flow is PT409 payment_in_progress (hint: finish it). Once the open payment ended while the
-- appointment is still held, the next call is a new attempt with its own key.
begin;
select plan(6);

-- SETUP
select tests.create_payment_fixtures();
select tests.insert_appointment('hold', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'), 'pending');

-- TEST
select tests.authenticate_as('patient');
create temporary table first_call on commit drop as
  select id, idempotency_key from public.open_payment(tests.tenancy_id('hold'), 'checkout');
select results_eq($$ select id, idempotency_key from public.open_payment(tests.tenancy_id('hold'), 'checkout') $$,
  $$ select id, idempotency_key from first_call $$, 'the same flow again returns the same payment and key');
reset role;
update public.payments set status = 'processing' where appointment_id = tests.tenancy_id('hold');
select tests.authenticate_as('patient');
select results_eq($$ select id, status::text from public.open_payment(tests.tenancy_id('hold'), 'checkout') $$,
  $$ select id, 'processing' from first_call $$, 'a processing payment is still the open one and is returned');
select is(tests.error_details_of($$ select public.open_payment(tests.tenancy_id('hold'), 'payment_intent') $$),
  '{"code": "PT409", "message": "a checkout payment is already open for this appointment", "detail": "payment_in_progress", "hint": "Finish that payment (flow checkout), or wait until the hold expires."}'::jsonb,
  'the other flow while one is open: PT409 payment_in_progress with a hint');
reset role;
update public.payments set status = 'failed' where appointment_id = tests.tenancy_id('hold');
select tests.authenticate_as('patient');
select results_eq($$ select attempt, idempotency_key, flow::text from public.open_payment(tests.tenancy_id('hold'), 'payment_intent') $$,
  $$ values (2, 'payment:' || tests.tenancy_id('hold') || ':2', 'payment_intent') $$,
  'after the open payment ended, a new attempt gets the next number and its own key');
reset role;
select is((select count(*)::integer from public.payments where appointment_id = tests.tenancy_id('hold')), 2, 'two attempts in all');
select throws_ok($$ insert into public.payments (tenant_id, appointment_id, patient_id, flow, kind, amount, currency, amount_minor, attempt, idempotency_key)
                    values (tests.tenancy_id('tenant_a'), tests.tenancy_id('hold'), tests.tenancy_id('patient_a'), 'checkout', 'full', 100, 'GBP', 10000, 3,
                            'payment:' || tests.tenancy_id('hold') || ':3') $$,
  '23505', null, 'the database itself refuses a second open payment for an appointment');

select * from finish();
rollback;

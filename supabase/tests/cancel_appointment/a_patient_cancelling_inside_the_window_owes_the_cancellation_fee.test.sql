-- A patient who cancels a booked appointment inside the cancellation window owes the service's
-- cancellation_fee, in the service's currency: cancellation_outcome {by: patient, late: true,
-- fee, currency, payment_required}. The window is the service's, else the tenant's. A pending
-- (unpaid) hold cancelled late costs nothing.
begin;
select plan(5);

-- SETUP
select tests.create_appointment_fixtures();
update public.services set cancellation_fee = 15 where id = tests.tenancy_id('appt_checkup');
update public.services set cancellation_fee = 10 where id = tests.tenancy_id('appt_paid');
select tests.insert_appointment('scan', 'appt_scan', 'clinician_a', 'patient_a', date_trunc('minute', now()) + interval '30 hours');
select tests.insert_appointment('checkup', 'appt_checkup', 'clinician_a', 'patient_a', date_trunc('minute', now()) + interval '20 hours');
select tests.insert_appointment('hold', 'appt_paid', 'clinician_a', 'patient_a', date_trunc('minute', now()) + interval '5 hours', 'pending');
select tests.insert_appointment('b_checkup', 'appt_b_checkup', 'clinician_b', 'patient_b', date_trunc('minute', now()) + interval '3 hours', 'booked', 'tenant_b', 'centre_b1');
update public.services set cancellation_fee = 25 where id = tests.tenancy_id('appt_b_checkup');

-- TEST
select tests.authenticate_as('patient');
select results_eq(
  $$ select cancellation_outcome, cancelled_by from public.cancel_appointment(tests.tenancy_id('scan'), 'patient_request') $$,
  $$ values ('{"by": "patient", "late": true, "fee": 20.00, "currency": "GBP", "payment_required": false}'::jsonb, tests.get_supabase_uid('patient')) $$,
  'a scan 30 hours ahead is inside its 48-hour window: late, fee 20.00 GBP');
select is((select (cancellation_outcome ->> 'fee') from public.appointments where id = tests.tenancy_id('scan')), '20.00',
  'the fee is recorded as the service''s amount with its two decimals');
select results_eq(
  $$ select cancellation_outcome from public.cancel_appointment(tests.tenancy_id('checkup'), 'patient_request') $$,
  $$ values ('{"by": "patient", "late": true, "fee": 15, "currency": "GBP", "payment_required": false}'::jsonb) $$,
  'a check-up 20 hours ahead is inside the tenant''s 24-hour window: late, the service''s fee');
select results_eq(
  $$ select cancellation_outcome from public.cancel_appointment(tests.tenancy_id('hold'), 'changed my mind') $$,
  $$ values ('{"by": "patient", "late": true, "fee": 0, "currency": "GBP", "payment_required": true}'::jsonb) $$,
  'a pending hold cancelled late: late, but no fee (nothing was paid)');
select results_eq(
  $$ select cancellation_outcome from public.cancel_appointment(tests.tenancy_id('b_checkup'), 'patient_request') $$,
  $$ values ('{"by": "patient", "late": true, "fee": 25, "currency": "USD", "payment_required": false}'::jsonb) $$,
  'in another tenant the fee is in that service''s currency (USD)');

select * from finish();
rollback;

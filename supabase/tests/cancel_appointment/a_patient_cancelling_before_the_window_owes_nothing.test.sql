-- A patient who cancels before the cancellation window (the service's cancellation_window, else
-- the tenant's) owes nothing: cancellation_outcome is {by: patient, late: false, fee: 0,
-- currency, payment_required}, cancelled_by is the patient's user and cancelled_at now.
begin;
select plan(4);

-- SETUP: the scan has a 48-hour window and a 20.00 fee; the check-up none (tenant: 24 hours)
-- and, here, a 15.00 fee
select tests.create_appointment_fixtures();
update public.services set cancellation_fee = 15 where id = tests.tenancy_id('appt_checkup');
select tests.insert_appointment('scan', 'appt_scan', 'clinician_a', 'patient_a', tests.appointment_slot(5, '10:00'));
select tests.insert_appointment('checkup', 'appt_checkup', 'clinician_a', 'patient_a', date_trunc('minute', now()) + interval '30 hours');

-- TEST
select tests.authenticate_as('patient');
select results_eq(
  $$ select status::text, cancellation_outcome, cancelled_by, cancelled_at, cancellation_reason
       from public.cancel_appointment(tests.tenancy_id('scan'), 'patient_request') $$,
  $$ values ('cancelled', '{"by": "patient", "late": false, "fee": 0, "currency": "GBP", "payment_required": false}'::jsonb,
             tests.get_supabase_uid('patient'), now(), 'patient_request') $$,
  'a scan five days ahead (outside its 48-hour window): not late, no fee, by the patient');
select results_eq(
  $$ select cancellation_outcome from public.cancel_appointment(tests.tenancy_id('checkup'), 'patient_request') $$,
  $$ values ('{"by": "patient", "late": false, "fee": 0, "currency": "GBP", "payment_required": false}'::jsonb) $$,
  'a check-up 30 hours ahead is outside the tenant''s 24-hour window: no fee although the service has one');
reset role;
select results_eq(
  $$ select from_status::text, to_status::text, actor_user_id, actor_role, reason from public.appointment_status_history
      where appointment_id = tests.tenancy_id('scan') and from_status is not null $$,
  $$ values ('booked', 'cancelled', tests.get_supabase_uid('patient'), 'patient', 'patient_request') $$,
  'the history records the patient''s cancellation');
select is((select count(*)::integer from public.appointments where tenant_id = tests.tenancy_id('tenant_a') and status = 'cancelled'), 2,
  'both are stored cancelled');

select * from finish();
rollback;

-- When the clinic cancels, the patient owes nothing, even inside the window: staff and the
-- appointment's clinician record cancellation_outcome {by: staff, late, fee: 0}, cancelled_by
-- is their user, and the history names them as staff.
begin;
select plan(5);

-- SETUP
select tests.create_appointment_fixtures();
select tests.insert_appointment('scan', 'appt_scan', 'clinician_a', 'patient_a', date_trunc('minute', now()) + interval '30 hours');
select tests.insert_appointment('checkup', 'appt_checkup', 'clinician_a', 'patient_a_2', date_trunc('minute', now()) + interval '3 hours');
select tests.insert_appointment('early', 'appt_scan', 'clinician_a', 'patient_a_2', tests.appointment_slot(6, '10:00'));

-- TEST
select tests.authenticate_as('a_front_desk');
select results_eq(
  $$ select cancellation_outcome, cancelled_by, cancellation_reason from public.cancel_appointment(tests.tenancy_id('scan'), 'clinician_unavailable') $$,
  $$ values ('{"by": "staff", "late": true, "fee": 0, "currency": "GBP", "payment_required": false}'::jsonb,
             tests.get_supabase_uid('a_front_desk'), 'clinician_unavailable') $$,
  'the front desk cancels a scan inside its window: late, fee 0, by staff');
select tests.authenticate_as('a_clinician');
select results_eq(
  $$ select cancellation_outcome, cancelled_by from public.cancel_appointment(tests.tenancy_id('checkup'), 'clinician_ill') $$,
  $$ values ('{"by": "staff", "late": true, "fee": 0, "currency": "GBP", "payment_required": false}'::jsonb, tests.get_supabase_uid('a_clinician')) $$,
  'the appointment''s own clinician may cancel it: by staff, fee 0');
select tests.authenticate_as('a_manager');
select results_eq(
  $$ select cancellation_outcome from public.cancel_appointment(tests.tenancy_id('early'), 'room_closed') $$,
  $$ values ('{"by": "staff", "late": false, "fee": 0, "currency": "GBP", "payment_required": false}'::jsonb) $$,
  'outside the window a staff cancellation is not late');
reset role;
select results_eq(
  $$ select actor_user_id, actor_role, reason from public.appointment_status_history
      where appointment_id in (tests.tenancy_id('scan'), tests.tenancy_id('checkup')) and to_status = 'cancelled' order by at $$,
  $$ values (tests.get_supabase_uid('a_front_desk'), 'staff', 'clinician_unavailable'), (tests.get_supabase_uid('a_clinician'), 'staff', 'clinician_ill') $$,
  'the history names the front desk and the clinician as staff, with their reasons');
select is((select count(*)::integer from public.appointments where tenant_id = tests.tenancy_id('tenant_a') and (cancellation_outcome ->> 'fee')::numeric <> 0), 0,
  'no staff cancellation recorded a fee');

select * from finish();
rollback;

-- The status RPCs: patients cancel their own appointments (late cancels record the fee), staff
-- and the appointment's clinician move visits through arrival, check-in, completion and no-show,
-- only owners and admins mark entered_in_error, other tenants see nothing (PT404), and every
-- change is in the history with actor and reason.
begin;
select plan(13);

-- SETUP
select tests.create_appointment_fixtures();
select tests.insert_appointment('visit', 'appt_checkup', 'clinician_a', 'patient_a', now() - interval '10 minutes');
select tests.insert_appointment('future', 'appt_scan', 'clinician_a', 'patient_a', tests.appointment_slot(1, '10:00'));
select tests.insert_appointment('later', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(5, '10:00'));

-- TEST: other tenants and other patients
select tests.authenticate_as('b_owner');
select throws_ok($$ select public.cancel_appointment(tests.tenancy_id('later'), 'nope') $$, 'PT404', 'appointment not found',
  'staff of another tenant cannot cancel (PT404: they cannot see it)');
select tests.authenticate_as('patient');
select throws_ok($$ select public.cancel_appointment(tests.tenancy_id('later'), 'nope') $$, 'PT404', 'appointment not found',
  'a patient cannot cancel another patient''s appointment');
select throws_ok($$ select public.check_in_appointment(tests.tenancy_id('visit')) $$, 'PT403', 'you may not mark this appointment checked_in',
  'a patient cannot check themselves in');

-- TEST: the patient cancels; inside the 48-hour window of the scan the fee is recorded
select results_eq(
  $$ select status::text, cancellation_reason, cancellation_outcome ->> 'by', (cancellation_outcome ->> 'late')::boolean,
            (cancellation_outcome ->> 'fee')::numeric, cancelled_by = tests.get_supabase_uid('patient')
       from public.cancel_appointment(tests.tenancy_id('future'), 'patient_request') $$,
  $$ values ('cancelled', 'patient_request', 'patient', true, 20.00, true) $$,
  'a patient cancels their own appointment; late inside the window, with the service''s fee');
select throws_ok($$ select public.cancel_appointment(tests.tenancy_id('future'), 'again') $$, 'PT409', 'the appointment is already cancelled',
  'cancelling twice is PT409');

-- TEST: clinician and front desk
select tests.authenticate_as('a_clinician');
select results_eq($$ select status::text from public.mark_arrived(tests.tenancy_id('visit')) $$, $$ values ('arrived') $$,
  'the appointment''s clinician marks arrival');
select tests.authenticate_as('a_front_desk');
select results_eq($$ select status::text from public.check_in_appointment(tests.tenancy_id('visit')) $$, $$ values ('checked_in') $$,
  'the front desk checks the patient in');
select throws_ok($$ select public.mark_no_show(tests.tenancy_id('visit')) $$, 'PT409', 'an appointment cannot go from checked_in to noshow',
  'the status machine still applies through the RPCs');
select throws_ok($$ select public.mark_no_show(tests.tenancy_id('later')) $$, 'PT409', 'an appointment cannot be marked no-show before it starts',
  'no-show only after the start');
select results_eq($$ select status::text from public.complete_appointment(tests.tenancy_id('visit')) $$, $$ values ('fulfilled') $$,
  'the front desk completes the visit');
select throws_ok($$ select public.mark_entered_in_error(tests.tenancy_id('visit'), 'duplicate') $$, 'PT403', 'you may not mark this appointment entered_in_error',
  'the front desk cannot mark entered_in_error');
select tests.authenticate_as('a_admin');
select results_eq($$ select status::text from public.mark_entered_in_error(tests.tenancy_id('visit'), 'duplicate record') $$, $$ values ('entered_in_error') $$,
  'an admin marks a fulfilled appointment entered in error');

-- TEST: history
reset role;
select results_eq(
  $$ select from_status::text, to_status::text, actor_role, reason from public.appointment_status_history
      where appointment_id = tests.tenancy_id('visit') and actor_user_id is not null order by at $$,
  $$ values ('booked', 'arrived', 'staff', null::text), ('arrived', 'checked_in', 'staff', null), ('checked_in', 'fulfilled', 'staff', null),
            ('fulfilled', 'entered_in_error', 'staff', 'duplicate record') $$,
  'every change is in the history with the actor and the reason');

select * from finish();
rollback;

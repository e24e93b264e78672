-- Only pending and booked appointments can be cancelled: a second cancel is PT409 "the
-- appointment is already cancelled" (the first cancellation's record is kept), and an
-- appointment that is arrived, checked in, fulfilled or a no-show is refused by the status
-- machine (PT409).
begin;
select plan(8);

-- SETUP
select tests.create_appointment_fixtures();
select tests.insert_appointment('appt', 'appt_scan', 'clinician_a', 'patient_a', date_trunc('minute', now()) + interval '30 hours');
select tests.insert_appointment('arrived', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(3, '09:00'), 'arrived');
select tests.insert_appointment('checked_in', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(3, '10:00'), 'checked_in');
select tests.insert_appointment('fulfilled', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(3, '11:00'), 'fulfilled');
select tests.insert_appointment('noshow', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(3, '12:00'), 'noshow');

-- TEST: twice
select tests.authenticate_as('patient');
select public.cancel_appointment(tests.tenancy_id('appt'), 'patient_request');
select tests.authenticate_as('a_front_desk');
select is(tests.error_of($$ select public.cancel_appointment(tests.tenancy_id('appt'), 'again') $$),
  array['PT409', 'the appointment is already cancelled', 'Reload the appointment to see its current status.'],
  'cancelling a cancelled appointment is PT409 with a hint to reload');
reset role;
select results_eq($$ select cancellation_reason, cancelled_by, cancellation_outcome ->> 'by', (cancellation_outcome ->> 'fee')::numeric
                       from public.appointments where id = tests.tenancy_id('appt') $$,
  $$ values ('patient_request', tests.get_supabase_uid('patient'), 'patient', 20::numeric) $$,
  'the first cancellation''s reason, actor and fee are kept');
select is((select count(*)::integer from public.appointment_status_history where appointment_id = tests.tenancy_id('appt') and to_status = 'cancelled'), 1,
  'there is one cancellation in the history');

-- TEST: the visit began or is over
select tests.authenticate_as('a_front_desk');
select throws_ok($$ select public.cancel_appointment(tests.tenancy_id('arrived'), 'left') $$,
  'PT409', 'an appointment cannot go from arrived to cancelled', 'an arrived appointment cannot be cancelled');
select is((tests.error_of($$ select public.cancel_appointment(tests.tenancy_id('arrived'), 'left') $$))[3],
  'From arrived the allowed next statuses are: checked_in, fulfilled, noshow (and entered_in_error for owners and admins).',
  'the hint names what is possible instead');
select throws_ok($$ select public.cancel_appointment(tests.tenancy_id('checked_in'), 'left') $$,
  'PT409', 'an appointment cannot go from checked_in to cancelled', 'a checked-in appointment cannot be cancelled');
select throws_ok($$ select public.cancel_appointment(tests.tenancy_id('fulfilled'), 'oops') $$,
  'PT409', 'an appointment cannot go from fulfilled to cancelled', 'a fulfilled appointment cannot be cancelled');
select throws_ok($$ select public.cancel_appointment(tests.tenancy_id('noshow'), 'oops') $$,
  'PT409', 'an appointment cannot go from noshow to cancelled', 'a no-show cannot be cancelled');

select * from finish();
rollback;

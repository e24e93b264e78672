-- The visit RPCs go through the status machine: repeating a step is PT409 "already", going back
-- or starting from a pending, cancelled or finished appointment is PT409 with the allowed next
-- statuses in the hint; nothing changes.
begin;
select plan(8);

-- SETUP
select tests.create_appointment_fixtures();
select tests.insert_appointment('pending', 'appt_paid', 'clinician_a', 'patient_a', date_trunc('minute', now()) - interval '5 minutes', 'pending');
select tests.insert_appointment('arrived', 'appt_checkup', 'clinician_a', 'patient_a_2', date_trunc('minute', now()) - interval '2 hours', 'arrived');
select tests.insert_appointment('checked_in', 'appt_checkup', 'clinician_a', 'patient_a_2', date_trunc('minute', now()) - interval '4 hours', 'checked_in');
select tests.insert_appointment('fulfilled', 'appt_checkup', 'clinician_a', 'patient_a_2', date_trunc('minute', now()) - interval '6 hours', 'fulfilled');
select tests.insert_appointment('cancelled', 'appt_checkup', 'clinician_a', 'patient_a_2', date_trunc('minute', now()) - interval '8 hours', 'cancelled');

-- TEST
select tests.authenticate_as('a_front_desk');
select is(tests.error_of($$ select public.mark_arrived(tests.tenancy_id('arrived')) $$),
  array['PT409', 'the appointment is already arrived', 'Reload the appointment to see its current status.'],
  'marking an arrived patient arrived again is PT409');
select throws_ok($$ select public.mark_arrived(tests.tenancy_id('checked_in')) $$, 'PT409', 'an appointment cannot go from checked_in to arrived',
  'checked_in -> arrived (going back) is PT409');
select is((tests.error_of($$ select public.mark_arrived(tests.tenancy_id('checked_in')) $$))[3],
  'From checked_in the allowed next statuses are: fulfilled (and entered_in_error for owners and admins).', 'the hint names the allowed next statuses');
select throws_ok($$ select public.check_in_appointment(tests.tenancy_id('pending')) $$, 'PT409', 'an appointment cannot go from pending to checked_in',
  'an unconfirmed hold cannot be checked in');
select throws_ok($$ select public.complete_appointment(tests.tenancy_id('pending')) $$, 'PT409', 'an appointment cannot go from pending to fulfilled',
  'nor completed');
select throws_ok($$ select public.check_in_appointment(tests.tenancy_id('fulfilled')) $$, 'PT409', 'an appointment cannot go from fulfilled to checked_in',
  'a fulfilled visit cannot be checked in again');
select throws_ok($$ select public.mark_arrived(tests.tenancy_id('cancelled')) $$, 'PT409', 'an appointment cannot go from cancelled to arrived',
  'a cancelled appointment cannot be marked arrived');
reset role;
select results_eq($$ select status::text from public.appointments where tenant_id = tests.tenancy_id('tenant_a') order by starts_at desc $$,
  $$ values ('pending'), ('arrived'), ('checked_in'), ('fulfilled'), ('cancelled') $$, 'nothing changed');

select * from finish();
rollback;

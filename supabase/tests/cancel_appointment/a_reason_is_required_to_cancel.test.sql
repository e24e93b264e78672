-- cancel_appointment needs a reason: null, empty and blank reasons are 22023 "reason is
-- required" with a hint, and the appointment stays booked. The reason is stored trimmed, on the
-- appointment and in the history.
begin;
select plan(6);

-- SETUP
select tests.create_appointment_fixtures();
select tests.insert_appointment('appt', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(5, '10:00'));

-- TEST
select tests.authenticate_as('patient');
select throws_ok($$ select public.cancel_appointment(tests.tenancy_id('appt'), null) $$, '22023', 'reason is required', 'a null reason is 22023');
select throws_ok($$ select public.cancel_appointment(tests.tenancy_id('appt'), '') $$, '22023', 'reason is required', 'an empty reason is 22023');
select is(tests.error_of($$ select public.cancel_appointment(tests.tenancy_id('appt'), '   ') $$),
  array['22023', 'reason is required', 'Say why, e.g. patient_request, clinician_unavailable.'], 'a blank reason is 22023 with a hint');
reset role;
select is((select status::text from public.appointments where id = tests.tenancy_id('appt')), 'booked', 'the appointment is still booked');

select tests.authenticate_as('patient');
select results_eq($$ select status::text, cancellation_reason from public.cancel_appointment(tests.tenancy_id('appt'), '  feeling better  ') $$,
  $$ values ('cancelled', 'feeling better') $$, 'with a reason it is cancelled; the reason is trimmed');
reset role;
select results_eq($$ select to_status, reason from tests.history_of('appt') offset 1 $$, $$ values ('cancelled', 'feeling better') $$,
  'the history row carries the reason');

select * from finish();
rollback;

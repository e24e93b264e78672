-- Rescheduling an appointment to the start it already has (e.g. a client retrying a reschedule
-- whose answer it lost) succeeds and changes nothing: no reschedule counted, no history row.
begin;
select plan(4);

-- SETUP
select tests.create_appointment_fixtures();
select tests.insert_appointment('appt', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));

-- TEST: a retry after a real move
select tests.authenticate_as('patient');
select results_eq($$ select starts_at, reschedule_count from public.reschedule_appointment(tests.tenancy_id('appt'), tests.appointment_slot(4, '10:00')) $$,
  $$ values (tests.appointment_slot(4, '10:00'), 1) $$, 'the first call moves the appointment');
select results_eq($$ select starts_at, ends_at, reschedule_count from public.reschedule_appointment(tests.tenancy_id('appt'), tests.appointment_slot(4, '10:00')) $$,
  $$ values (tests.appointment_slot(4, '10:00'), tests.appointment_slot(4, '10:30'), 1) $$,
  'the same call again returns the appointment unchanged: reschedule_count stays 1');
reset role;
select is((select count(*)::integer from public.appointment_status_history where appointment_id = tests.tenancy_id('appt')), 2,
  'and writes no second history row (creation and one reschedule)');

-- TEST: the status rules still come first
update public.appointments set status = 'cancelled', cancellation_reason = 'test' where id = tests.tenancy_id('appt');
select tests.authenticate_as('patient');
select throws_ok($$ select public.reschedule_appointment(tests.tenancy_id('appt'), tests.appointment_slot(4, '10:00')) $$,
  'PT409', 'a cancelled appointment cannot be rescheduled', 'a cancelled appointment is PT409 even at its own time');

select * from finish();
rollback;

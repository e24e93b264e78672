-- book_appointment_series is idempotent on (tenant, patient, client_key): a retry returns the
-- same result (same series, appointments and conflicts) without booking again; each occurrence
-- carries '<client_key>#<n>'; the same key for a different series is PT409. A failed
-- all-or-nothing attempt stores nothing, so retrying it later may succeed.
begin;
select plan(6);

-- SETUP: the second of three weekly dates is taken
select tests.create_appointment_fixtures();
select tests.insert_appointment('taken_2', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(9, '10:00'));
select tests.insert_appointment('taken_later', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(9, '14:00'));
select tests.authenticate_as('patient');
create temporary table first_try on commit drop as
  select public.book_appointment_series(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
           tests.appointment_slot(2, '10:00'), 'FREQ=WEEKLY;COUNT=3', client_key => 'series-1', skip_conflicts => true) as result;

-- TEST
select is(
  public.book_appointment_series(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
    tests.appointment_slot(2, '10:00'), 'FREQ=WEEKLY;COUNT=3', client_key => 'series-1', skip_conflicts => true),
  (select result from first_try),
  'the same request with the same client_key returns exactly the same result');
select results_eq(
  $$ select client_key from public.appointments where series_id = (select (result ->> 'series_id')::uuid from first_try) order by starts_at $$,
  $$ values ('series-1#1'), ('series-1#3') $$,
  'each booked occurrence carries <client_key>#<occurrence number>');
select throws_ok(
  $$ select public.book_appointment_series(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
       tests.appointment_slot(2, '10:00'), 'FREQ=WEEKLY;COUNT=4', client_key => 'series-1') $$,
  'PT409', 'this client_key was already used for a different series', 'the same key with a different rule is PT409');

-- TEST: an all-or-nothing failure stores nothing; the retry succeeds once the date is free
select throws_ok(
  $$ select public.book_appointment_series(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
       tests.appointment_slot(2, '14:00'), 'FREQ=DAILY;INTERVAL=7;COUNT=2', client_key => 'series-2') $$,
  'PT409', '1 of 2 dates are not available', 'a series with a taken date fails');
reset role;
update public.appointments set status = 'cancelled', cancellation_reason = 'clinic_closed' where id = tests.tenancy_id('taken_later');
select tests.authenticate_as('patient');
select is(
  jsonb_array_length(public.book_appointment_series(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
    tests.appointment_slot(2, '14:00'), 'FREQ=DAILY;INTERVAL=7;COUNT=2', client_key => 'series-2') -> 'booked'),
  2, 'retried with the same key after the date was freed, both dates are booked');
reset role;
select is((select count(*)::integer from public.appointments where patient_id = tests.tenancy_id('patient_a')), 4,
  'in all, four appointments exist: two of series-1, two of series-2');

select * from finish();
rollback;

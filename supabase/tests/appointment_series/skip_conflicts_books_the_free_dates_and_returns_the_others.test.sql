-- With skip_conflicts the free dates are booked (one appointment each, linked to the series)
-- and the unavailable ones are returned as conflicts and kept on the series
-- (skipped_occurrences). When no date at all is free, it still fails with PT409.
begin;
select plan(6);

-- SETUP: weekly at 10:00 from day 2, five dates; date 2 is taken, date 4 falls in time off.
select tests.create_appointment_fixtures();
select tests.insert_appointment('taken_2', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(9, '10:00'));
insert into public.time_off (tenant_id, clinician_id, during, reason)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'),
        tstzrange(tests.appointment_slot(23, '09:00'), tests.appointment_slot(23, '13:00')), 'Course');
select tests.authenticate_as('patient');
create temporary table booked on commit drop as
  select public.book_appointment_series(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
           tests.appointment_slot(2, '10:00'), 'FREQ=WEEKLY;COUNT=5', skip_conflicts => true) as result;

-- TEST
select is((select result -> 'conflicts' from booked),
  jsonb_build_array(
    jsonb_build_object('starts_at', tests.series_utc(tests.appointment_slot(9, '10:00')), 'code', 'PT409', 'reason', 'slot_taken', 'message', 'That time is no longer available'),
    jsonb_build_object('starts_at', tests.series_utc(tests.appointment_slot(23, '10:00')), 'code', 'PT422', 'reason', null, 'message', 'the clinician does not offer that time')),
  'the two unavailable dates are returned as conflicts, with code, reason and message');
select is((select array_agg(e ->> 'starts_at' order by e ->> 'starts_at') from booked, jsonb_array_elements(result -> 'booked') as e),
  array[tests.series_utc(tests.appointment_slot(2, '10:00')), tests.series_utc(tests.appointment_slot(16, '10:00')),
        tests.series_utc(tests.appointment_slot(30, '10:00'))],
  'the three free dates are booked');
select results_eq(
  $$ select a.id, a.status::text, a.booked_via from public.appointments as a
     where a.series_id = (select (result ->> 'series_id')::uuid from booked) order by a.starts_at $$,
  $$ select (e ->> 'appointment_id')::uuid, 'booked', 'patient' from booked, jsonb_array_elements(result -> 'booked') as e
     order by e ->> 'starts_at' $$,
  'the booked appointments are the patient''s, booked, and belong to the series');
select is((select skipped_occurrences from public.appointment_series where id = (select (result ->> 'series_id')::uuid from booked)),
  (select result -> 'conflicts' from booked), 'the series keeps the skipped dates');

-- TEST: nothing free
select is(
  tests.error_details_of($$ select public.book_appointment_series(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'),
                             tests.tenancy_id('centre_a1'), tests.appointment_slot(9, '10:00'), 'FREQ=DAILY;COUNT=1', skip_conflicts => true) $$),
  '{"code": "PT409", "message": "1 of 1 dates are not available", "detail": "series_conflicts", "hint": "None of the dates is free: choose another time, day or clinician."}'::jsonb,
  'with skip_conflicts, a series none of whose dates is free still fails');
reset role;
select is((select count(*)::integer from public.appointment_series), 1, 'and leaves no empty series behind');

select * from finish();
rollback;

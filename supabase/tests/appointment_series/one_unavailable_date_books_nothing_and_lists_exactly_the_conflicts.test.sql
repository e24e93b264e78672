-- By default a series is all or nothing: when some dates are not available, nothing is booked
-- and the call fails with PT409 "3 of 10 dates are not available", reason series_conflicts (the
-- detail, PostgREST `details`), and a hint naming exactly the conflicting dates in the centre's
-- zone and how to go on. skip_conflicts then lists each conflict with its own code, reason and
-- message (PT409 slot_taken, PT422 not offered).
begin;
select plan(6);

-- SETUP: weekly at 10:00 from day 2; dates 3 and 5 are taken by another patient, date 10
-- (day 65) is beyond the 60-day booking horizon.
select tests.create_appointment_fixtures();
select tests.insert_appointment('taken_3', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(16, '10:00'));
select tests.insert_appointment('taken_5', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(30, '10:15'));
select tests.authenticate_as('patient');
create temporary table failure on commit drop as
  select tests.error_details_of($$
    select public.book_appointment_series(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
             tests.appointment_slot(2, '10:00'), 'FREQ=WEEKLY;COUNT=10', client_key => 'ten-weeks') $$) as error;

-- TEST
select is((select error - 'hint' from failure),
  '{"code": "PT409", "message": "3 of 10 dates are not available", "detail": "series_conflicts"}'::jsonb,
  'the call fails with PT409, a count a client can show and the reason series_conflicts');
select is((select error ->> 'hint' from failure),
  format('Not available: %s 10:00, %s 10:00, %s 10:00 (Europe/London). Choose other dates, or pass skip_conflicts: true to book the 7 dates that are free.',
         to_char((now() at time zone 'Europe/London')::date + 16, 'Dy DD Mon YYYY'), to_char((now() at time zone 'Europe/London')::date + 30, 'Dy DD Mon YYYY'), to_char((now() at time zone 'Europe/London')::date + 65, 'Dy DD Mon YYYY')),
  'the hint names exactly the three unavailable dates, in the centre''s zone');
reset role;
select is((select count(*)::integer from public.appointments where patient_id = tests.tenancy_id('patient_a')), 0,
  'none of the seven free dates was booked');
select is((select count(*)::integer from public.appointment_series), 0, 'no series row was left behind');
select is((select count(*)::integer from public.appointment_status_history h join public.appointments a on a.id = h.appointment_id
            where a.patient_id = tests.tenancy_id('patient_a')), 0, 'and no history either');
select tests.authenticate_as('patient');
select is(
  public.book_appointment_series(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
           tests.appointment_slot(2, '10:00'), 'FREQ=WEEKLY;COUNT=10', skip_conflicts => true) -> 'conflicts',
  jsonb_build_array(
    jsonb_build_object('starts_at', tests.series_utc(tests.appointment_slot(16, '10:00')), 'code', 'PT409', 'reason', 'slot_taken', 'message', 'That time is no longer available'),
    jsonb_build_object('starts_at', tests.series_utc(tests.appointment_slot(30, '10:00')), 'code', 'PT409', 'reason', 'slot_taken', 'message', 'That time is no longer available'),
    jsonb_build_object('starts_at', tests.series_utc(tests.appointment_slot(65, '10:00')), 'code', 'PT422', 'reason', null, 'message', 'that time is too far ahead to book')),
  'skip_conflicts lists the same three dates, each with its own code, reason and message');

select * from finish();
rollback;

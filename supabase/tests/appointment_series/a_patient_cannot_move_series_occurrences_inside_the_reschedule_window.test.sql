-- Every occurrence a series move touches is re-validated by reschedule_appointment, including
-- the patient's reschedule window: when one occurrence is too close to move online, the
-- patient's move of the series fails as a whole (PT409 series_conflicts, that occurrence's new
-- time in the hint; alone it is PT409 too_late_to_change); the front desk may move them all.
begin;
select plan(5);

-- SETUP: scans (reschedule window 48 hours) every third day from day 1, three dates; the first
-- is inside the window.
select tests.create_appointment_fixtures();
create temporary table series on commit drop as
  select tests.book_series('patient_a', tests.appointment_slot(1, '10:00'), 'FREQ=DAILY;INTERVAL=3;COUNT=3', 'appt_scan', 'clinician_a_visiting') as id;
create temporary table occurrence on commit drop as
  select n, tests.series_appointment((select id from series), n) as id from generate_series(1, 3) as n;
grant select on series, occurrence to authenticated;
select tests.authenticate_as('patient');
create temporary table failure on commit drop as
  select tests.error_details_of($$ select public.reschedule_appointment_series((select id from occurrence where n = 2), 'all', tests.appointment_slot(4, '11:00')) $$) as error;

-- TEST
select is((select error ->> 'message' from failure), '1 of 3 appointments cannot be moved', 'the patient''s move fails as a whole');
select is((select array[error ->> 'detail', error ->> 'hint'] from failure),
  array['series_conflicts', format('Not available: %s 11:00 (Europe/London). Nothing was moved. Choose another time, or move the other appointments one at a time (scope this).',
                                   to_char((now() at time zone 'Europe/London')::date + 1, 'Dy DD Mon YYYY'))],
  'the hint names the new time of the occurrence inside the window');
select is(tests.error_details_of($$ select public.reschedule_appointment_series((select id from occurrence where n = 1), 'this', tests.appointment_slot(1, '11:00')) $$),
  '{"code": "PT409", "message": "it is too late to reschedule this appointment online", "detail": "too_late_to_change", "hint": "Call the clinic: the front desk can still move it."}'::jsonb,
  'moved alone, that occurrence is too late to change');
select tests.authenticate_as('a_front_desk');
select is(jsonb_array_length(public.reschedule_appointment_series((select id from occurrence where n = 2), 'all', tests.appointment_slot(4, '11:00')) -> 'rescheduled'),
  3, 'the front desk moves all three');
reset role;
select results_eq(
  $$ select a.starts_at from occurrence as o join public.appointments as a on a.id = o.id order by o.n $$,
  $$ values (tests.appointment_slot(1, '11:00')), (tests.appointment_slot(4, '11:00')), (tests.appointment_slot(7, '11:00')) $$,
  'all three are at 11:00');

select * from finish();
rollback;

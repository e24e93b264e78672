-- reschedule_appointment_series(id, 'this', starts_at) moves only the given occurrence, exactly
-- like reschedule_appointment (validation, history, reschedule_count, its errors unchanged); the
-- other occurrences and the series row stay as they are.
begin;
select plan(6);

-- SETUP
select tests.create_appointment_fixtures();
create temporary table series on commit drop as
  select tests.book_series('patient_a', tests.appointment_slot(2, '10:00'), 'FREQ=WEEKLY;COUNT=3') as id;
create temporary table occurrence on commit drop as
  select n, tests.series_appointment((select id from series), n) as id from generate_series(1, 3) as n;
create temporary table before on commit drop as select * from public.appointment_series where id = (select id from series);
grant select on series, occurrence to authenticated;
select tests.authenticate_as('patient');

-- TEST
select is(
  public.reschedule_appointment_series((select id from occurrence where n = 2), 'this', tests.appointment_slot(10, '14:00')),
  jsonb_build_object('series_id', (select id from series), 'split_from_series_id', null,
    'rescheduled', jsonb_build_array(jsonb_build_object('appointment_id', (select id from occurrence where n = 2),
      'starts_at_before', tests.series_utc(tests.appointment_slot(9, '10:00')), 'starts_at', tests.series_utc(tests.appointment_slot(10, '14:00')))),
    'skipped', '[]'::jsonb),
  'the result names the one moved appointment with its old and new start');
select results_eq(
  $$ select o.n, a.starts_at, a.reschedule_count, a.series_id from occurrence as o join public.appointments as a on a.id = o.id order by o.n $$,
  $$ values (1, tests.appointment_slot(2, '10:00'), 0, (select id from series)), (2, tests.appointment_slot(10, '14:00'), 1, (select id from series)),
            (3, tests.appointment_slot(16, '10:00'), 0, (select id from series)) $$,
  'only the second occurrence moved, and it stays in the series');
select results_eq(
  $$ select h.starts_at_before, h.starts_at_after, h.reason, h.actor_role from public.appointment_status_history as h
     where h.appointment_id = (select id from occurrence where n = 2) and h.from_status is not null $$,
  $$ values (tests.appointment_slot(9, '10:00'), tests.appointment_slot(10, '14:00'), 'rescheduled', 'patient') $$,
  'the move is in the history');
select throws_ok(
  $$ select public.reschedule_appointment_series((select id from occurrence where n = 3), 'this', tests.appointment_slot(17, '14:05')) $$,
  'PT422', 'that time is not a slot start', 'a time slot search would not offer is refused as by reschedule_appointment');
reset role;
select is((select (rrule, first_starts_at, local_start, updated_at) from public.appointment_series where id = (select id from series)),
  (select (rrule, first_starts_at, local_start, updated_at) from before), 'the series row is not touched');
select is((select count(*)::integer from public.appointment_series), 1, 'no new series');

select * from finish();
rollback;

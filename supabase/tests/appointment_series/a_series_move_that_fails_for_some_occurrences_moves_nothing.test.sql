-- Moving 'following'/'all' occurrences is all or nothing: when any occurrence cannot move
-- (its new time is taken: PT409, or not offered: PT422), nothing moves and the call fails with
-- PT409 "2 of 5 appointments cannot be moved", reason series_conflicts, the hint naming exactly
-- the new times of those occurrences. Occurrences that failed only because an earlier failure
-- left a sibling in the way are not counted or named. Once the times are free, the same move succeeds, even
-- though every occurrence lands on the next one's old time.
begin;
select plan(6);

-- SETUP: daily at 10:00 from day 2 (days 2-6), to move one day later. Day 7 10:00 is taken by
-- another patient; the clinician is off on day 4 09:30-11:00.
select tests.create_appointment_fixtures();
create temporary table series on commit drop as
  select tests.book_series('patient_a', tests.appointment_slot(2, '10:00'), 'FREQ=DAILY;COUNT=5') as id;
create temporary table occurrence on commit drop as
  select n, tests.series_appointment((select id from series), n) as id from generate_series(1, 5) as n;
grant select on series, occurrence to authenticated;
create temporary table before on commit drop as select * from public.appointment_series where id = (select id from series);
select tests.insert_appointment('blocker', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(7, '10:00'));
insert into public.time_off (tenant_id, id, clinician_id, during, reason)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('day_off'), tests.tenancy_id('clinician_a'),
        tstzrange(tests.appointment_slot(4, '09:30'), tests.appointment_slot(4, '11:00')), 'Course');
select tests.authenticate_as('a_front_desk');
create temporary table failure on commit drop as
  select tests.error_details_of($$ select public.reschedule_appointment_series((select id from occurrence where n = 1), 'all', tests.appointment_slot(3, '10:00')) $$) as error;

-- TEST
select is((select error - 'hint' from failure),
  '{"code": "PT409", "message": "2 of 5 appointments cannot be moved", "detail": "series_conflicts"}'::jsonb,
  'the move fails with PT409, reason series_conflicts, and a count of the occurrences that cannot move');
select is((select error ->> 'hint' from failure),
  format('Not available: %s 10:00, %s 10:00 (Europe/London). Nothing was moved. Choose another time, or move the other appointments one at a time (scope this).',
         to_char((now() at time zone 'Europe/London')::date + 4, 'Dy DD Mon YYYY'), to_char((now() at time zone 'Europe/London')::date + 7, 'Dy DD Mon YYYY')),
  'the hint names exactly the two new times that are not available (day off, taken), not the ones blocked by them');
reset role;
select results_eq(
  $$ select o.n, a.starts_at, a.reschedule_count from occurrence as o join public.appointments as a on a.id = o.id order by o.n $$,
  $$ select n, tests.appointment_slot(n + 1, '10:00'), 0 from generate_series(1, 5) as n $$,
  'no occurrence moved');
select is((select (rrule, first_starts_at, updated_at) from public.appointment_series where id = (select id from series)),
  (select (rrule, first_starts_at, updated_at) from before), 'the series row is unchanged');

-- TEST: once the times are free, the whole move succeeds
update public.appointments set status = 'cancelled', cancellation_reason = 'patient_request' where id = tests.tenancy_id('blocker');
delete from public.time_off where id = tests.tenancy_id('day_off');
select tests.authenticate_as('a_front_desk');
select is(
  jsonb_array_length(public.reschedule_appointment_series((select id from occurrence where n = 1), 'all', tests.appointment_slot(3, '10:00')) -> 'rescheduled'),
  5, 'the same move then succeeds for all five');
reset role;
select results_eq(
  $$ select o.n, a.starts_at from occurrence as o join public.appointments as a on a.id = o.id order by o.n $$,
  $$ select n, tests.appointment_slot(n + 2, '10:00') from generate_series(1, 5) as n $$,
  'each occurrence is one day later, on its successor''s old time');

select * from finish();
rollback;

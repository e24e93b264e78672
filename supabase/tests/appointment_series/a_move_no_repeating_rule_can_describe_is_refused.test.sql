-- The series row must keep describing its occurrences. Moving a "last Friday of the month"
-- series by a day would give "the day after the last Friday", which no rule of the subset can
-- say: 'all' and 'following' refuse it with 22023 before anything moves (hint: move them one at
-- a time). The same series moves by an hour (same dates), and one occurrence moves anywhere.
begin;
select plan(6);

-- SETUP: the next two last Fridays of a month at 10:00
select tests.create_appointment_fixtures();
update public.services set max_booking_horizon = '120 days' where id = tests.tenancy_id('appt_checkup');
-- (dates are London dates, like tests.appointment_slot's)
create temporary table first_friday on commit drop as
  select min(d) as d
  from (select (date_trunc('month', (now() at time zone 'Europe/London')::date + m * interval '1 month') + interval '1 month - 1 day')::date as month_end
        from generate_series(0, 2) as m) as e,
       lateral (select e.month_end - ((extract(isodow from e.month_end)::integer - 5 + 7) % 7) as d) as f
  where f.d >= (now() at time zone 'Europe/London')::date + 2;
create temporary table series on commit drop as
  select tests.book_series('patient_a', tests.appointment_slot((select d from first_friday) - (now() at time zone 'Europe/London')::date, '10:00'),
                           'FREQ=MONTHLY;BYDAY=-1FR;COUNT=2') as id;
create temporary table occurrence on commit drop as
  select n, tests.series_appointment((select id from series), n) as id from generate_series(1, 2) as n;
grant select on first_friday, series, occurrence to authenticated;
select tests.authenticate_as('a_front_desk');

-- TEST
select is(
  tests.error_details_of($$ select public.reschedule_appointment_series((select id from occurrence where n = 1), 'all',
                             tests.appointment_slot((select d from first_friday) - (now() at time zone 'Europe/London')::date + 1, '10:00')) $$) - 'detail',
  '{"code": "22023", "message": "The new dates of these appointments do not follow the series'' rule", "hint": "Move the appointments one at a time (scope this), or cancel the following ones and book a new series."}'::jsonb,
  'moving every last Friday to the Saturday after is refused');
select throws_ok(
  $$ select public.reschedule_appointment_series((select id from occurrence where n = 1), 'following',
       tests.appointment_slot((select d from first_friday) - (now() at time zone 'Europe/London')::date + 1, '10:00')) $$,
  '22023', 'The new dates of these appointments do not follow the series'' rule', 'so is the same move for the following ones');
select is(
  (select array_agg(extract(isodow from starts_at at time zone 'Europe/London') order by starts_at) from public.appointments where series_id = (select id from series)),
  array[5::numeric, 5], 'nothing moved: both are still on Fridays');
select is(
  jsonb_array_length(public.reschedule_appointment_series((select id from occurrence where n = 1), 'all',
    tests.appointment_slot((select d from first_friday) - (now() at time zone 'Europe/London')::date, '11:00')) -> 'rescheduled'),
  2, 'an hour later on the same Fridays is fine');
reset role;
select matches((select rrule from public.appointment_series where id = (select id from series)),
  '^FREQ=MONTHLY;BYDAY=-1FR;UNTIL=\d{8}T\d{2}0000Z$', 'the rule still says last Friday, with UNTIL at the new hour');
select tests.authenticate_as('a_front_desk');
select is(
  jsonb_array_length(public.reschedule_appointment_series((select id from occurrence where n = 1), 'this',
    tests.appointment_slot((select d from first_friday) - (now() at time zone 'Europe/London')::date + 1, '11:00')) -> 'rescheduled'),
  1, 'a single occurrence can still move to the Saturday');

select * from finish();
rollback;

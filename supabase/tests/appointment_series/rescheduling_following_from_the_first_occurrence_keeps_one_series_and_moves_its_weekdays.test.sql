-- 'following' from the first occurrence moves the whole series, so there is nothing to split
-- off: the series row is updated in place. A date change moves the rule's weekdays with it:
-- Mondays and Thursdays one day later become Tuesdays and Fridays (BYDAY=TU,FR).
begin;
select plan(4);

-- SETUP: Mondays and Thursdays at 10:00 from the next Monday at least two days ahead
select tests.create_appointment_fixtures();
create temporary table monday on commit drop as
  select d - ((now() at time zone 'Europe/London')::date) as days
  from generate_series((now() at time zone 'Europe/London')::date + 2, (now() at time zone 'Europe/London')::date + 8, interval '1 day') as g,
       lateral (select g::date as d) as x
  where extract(isodow from d) = 1;
create temporary table series on commit drop as
  select tests.book_series('patient_a', tests.appointment_slot((select days from monday), '10:00'), 'FREQ=WEEKLY;BYDAY=MO,TH;COUNT=4') as id;
create temporary table occurrence on commit drop as
  select n, tests.series_appointment((select id from series), n) as id from generate_series(1, 4) as n;
grant select on monday, series, occurrence to authenticated;
select tests.authenticate_as('patient');
create temporary table moved on commit drop as
  select public.reschedule_appointment_series((select id from occurrence where n = 1), 'following',
           tests.appointment_slot((select days from monday) + 1, '10:00')) as result;
reset role;

-- TEST
select is((select result -> 'split_from_series_id' from moved), 'null'::jsonb, 'nothing is split off');
select results_eq(
  $$ select a.starts_at, a.series_id from occurrence as o join public.appointments as a on a.id = o.id order by o.n $$,
  $$ select tests.appointment_slot((select days from monday) + d, '10:00'), (select id from series) from unnest(array[1, 4, 8, 11]) as d $$,
  'all four move one day later (Tuesday, Friday, Tuesday, Friday) and stay in the series');
select results_eq(
  $$ select first_starts_at, rrule, split_from_id from public.appointment_series where id = (select id from series) $$,
  $$ values (tests.appointment_slot((select days from monday) + 1, '10:00'),
             'FREQ=WEEKLY;BYDAY=TU,FR;UNTIL=' || to_char(tests.appointment_slot((select days from monday) + 11, '10:00') at time zone 'UTC', 'YYYYMMDD"T"HH24MISS"Z"'),
             null::uuid) $$,
  'the series row now repeats on Tuesdays and Fridays from the new first date');
select is((select count(*)::integer from public.appointment_series), 1, 'there is still one series');

select * from finish();
rollback;

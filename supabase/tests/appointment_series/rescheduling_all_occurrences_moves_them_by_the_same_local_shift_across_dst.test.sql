-- reschedule_appointment_series(id, 'all', starts_at) moves every pending/booked occurrence
-- of the series that has not started by the LOCAL shift of the given one: 09:00 -> 10:30 London
-- time stays 10:30 on both sides of a clock change (exact UTC instants written from the UK's
-- rules). A started occurrence keeps its time, a cancelled one is skipped, and the series row
-- is updated in place (first date, local start, UNTIL).
begin;
select plan(5);

-- SETUP: Mondays at 09:00 around the next London change (C-13, C-6, C+1, C+8); the first has
-- started (moved into the past), the third was cancelled.
select tests.create_appointment_fixtures();
update public.services set max_booking_horizon = '730 days' where id = tests.tenancy_id('appt_checkup');
create temporary table dst on commit drop as
  select change_date,
         case when extract(month from change_date) = 3 then interval '0' else interval '1 hour' end as utc_offset_before,
         case when extract(month from change_date) = 3 then interval '1 hour' else interval '0' end as utc_offset_after
  from tests.series_next_clock_change('Europe/London', current_date + 14);
create temporary table series on commit drop as
  select tests.book_series('patient_a', ((select change_date from dst) - 13 + time '09:00') at time zone 'Europe/London', 'FREQ=WEEKLY;COUNT=4') as id;
create temporary table occurrence on commit drop as
  select n, tests.series_appointment((select id from series), n) as id from generate_series(1, 4) as n;
grant select on dst, series, occurrence to authenticated;
update public.appointments set starts_at = now() - interval '10 minutes', ends_at = now() + interval '20 minutes'
 where id = (select id from occurrence where n = 1);
update public.appointments set status = 'cancelled', cancellation_reason = 'patient_request' where id = (select id from occurrence where n = 3);
create function pg_temp.london(days integer, local_time time) returns timestamptz language sql as $$
  select (((select change_date from dst) + days + local_time) - case when days < 0 then (select utc_offset_before from dst) else (select utc_offset_after from dst) end)
         at time zone 'UTC'
$$;
grant execute on function pg_temp.london(integer, time) to authenticated;
create temporary table moved (result jsonb) on commit drop;
grant select, insert on moved to authenticated;
select tests.authenticate_as('a_manager');
insert into moved select public.reschedule_appointment_series((select id from occurrence where n = 2), 'all', pg_temp.london(-6, '10:30'));
reset role;

-- TEST
select is((select result from moved),
  jsonb_build_object('series_id', (select id from series), 'split_from_series_id', null,
    'rescheduled', jsonb_build_array(
      jsonb_build_object('appointment_id', (select id from occurrence where n = 2), 'starts_at_before', tests.series_utc(pg_temp.london(-6, '09:00')),
                         'starts_at', tests.series_utc(pg_temp.london(-6, '10:30'))),
      jsonb_build_object('appointment_id', (select id from occurrence where n = 4), 'starts_at_before', tests.series_utc(pg_temp.london(8, '09:00')),
                         'starts_at', tests.series_utc(pg_temp.london(8, '10:30')))),
    'skipped', jsonb_build_array(jsonb_build_object('appointment_id', (select id from occurrence where n = 3), 'status', 'cancelled'))),
  'the result lists both moves and the skipped cancelled occurrence');
select results_eq(
  $$ select o.n, tests.series_utc(a.starts_at), a.status::text from occurrence as o join public.appointments as a on a.id = o.id where o.n > 1 order by o.n $$,
  $$ values (2, tests.series_utc(pg_temp.london(-6, '10:30')), 'booked'), (3, tests.series_utc(pg_temp.london(1, '09:00')), 'cancelled'),
            (4, tests.series_utc(pg_temp.london(8, '10:30')), 'booked') $$,
  'the future occurrences are at 10:30 local on both sides of the change (exact instants); the cancelled one did not move');
select ok((select a.starts_at < now() and a.reschedule_count = 0 from public.appointments as a where a.id = (select id from occurrence where n = 1)),
  'the occurrence that has started was not moved');
select results_eq(
  $$ select local_start, first_starts_at, rrule, split_from_id from public.appointment_series where id = (select id from series) $$,
  $$ values (time '10:30', pg_temp.london(-13, '10:30'),
             'FREQ=WEEKLY;UNTIL=' || to_char(pg_temp.london(8, '10:30') at time zone 'UTC', 'YYYYMMDD"T"HH24MISS"Z"'), null::uuid) $$,
  'the series row now describes 10:30 local, UNTIL moved to the last occurrence''s new start');
select is((select count(*)::integer from public.appointment_series), 1, '"all" does not split the series');

select * from finish();
rollback;

-- public.search_slots on the next real London clock changes (the DST files pin "now" in 2026 and
-- test the engine; this one goes through the RPC as anon, so it uses the coming change days):
-- 09:00 ... 16:30 stay on the centre's wall clock, starts_at moves with the offset, and in the
-- repeated hour two rows show the same local time at different instants.
begin;
select plan(6);

-- SETUP: a London centre (anon-visible), hours 09:00-17:00 daily, 30-minute slots, no notice
select tests.create_appointment_fixtures();
select tests.dst_site('Europe/London', 'next_london');
create function pg_temp.last_sunday(year integer, month integer) returns date language sql as $$
  select d - extract(dow from d)::integer
  from (select (make_date(year, month, 1) + interval '1 month - 1 day')::date as d) as last_day $$;
create function pg_temp.next_change(month integer) returns date language sql as $$
  select case when pg_temp.last_sunday(extract(year from now())::integer, month) > current_date + 1
              then pg_temp.last_sunday(extract(year from now())::integer, month)
              else pg_temp.last_sunday(extract(year from now())::integer + 1, month) end $$;
create temporary table change_day as
select pg_temp.next_change(3) as spring, pg_temp.next_change(10) as autumn;
insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end)
select tests.tenancy_id('tenant_a'), tests.tenancy_id('next_london_clinician'), tests.tenancy_id('next_london_centre'), autumn, '00:00', '03:00'
from change_day;
grant select on change_day to anon;
select tests.clear_authentication();

-- TEST: spring forward (GMT -> BST): 09:00 local is 08:00Z
select results_eq(
  $$ select to_char(s.local_starts_at, 'HH24:MI'), s.starts_at, s.timezone
       from change_day as d,
            public.search_slots(tests.tenancy_id('next_london_service'), tests.tenancy_id('next_london_centre'),
                                (d.spring + time '00:00') at time zone 'Europe/London', (d.spring + 1 + time '00:00') at time zone 'Europe/London') as s $$,
  $$ select to_char(t, 'HH24:MI'), (d.spring + t::time) at time zone 'UTC' - interval '1 hour', 'Europe/London'
       from change_day as d, generate_series(timestamp '2000-01-01 09:00', '2000-01-01 16:30', '30 minutes') as t $$,
  'the day clocks go forward: 09:00 ... 16:30 local, each at local time minus one hour (UTC)');
select is(
  (select to_char(min(s.local_starts_at), 'HH24:MI') || ' ' || tests.utc_text(min(s.starts_at))
     from change_day as d,
          public.search_slots(tests.tenancy_id('next_london_service'), tests.tenancy_id('next_london_centre'),
                              (d.spring - 1 + time '00:00') at time zone 'Europe/London', (d.spring + time '00:00') at time zone 'Europe/London') as s),
  (select '09:00 ' || tests.utc_text((d.spring - 1 + time '09:00') at time zone 'UTC') from change_day as d),
  'the day before: 09:00 local is 09:00Z');

-- TEST: fall back (BST -> GMT), with night hours 00:00-03:00
select results_eq(
  $$ select to_char(s.local_starts_at, 'HH24:MI'), s.starts_at - ((d.autumn + time '00:00') at time zone 'UTC')
       from change_day as d,
            public.search_slots(tests.tenancy_id('next_london_service'), tests.tenancy_id('next_london_centre'),
                                (d.autumn + time '00:00') at time zone 'Europe/London', (d.autumn + time '06:00') at time zone 'Europe/London') as s $$,
  $$ values ('00:00', interval '-1 hour'), ('00:30', interval '-30 minutes'),
            ('01:00', interval '0'), ('01:30', interval '30 minutes'),
            ('01:00', interval '1 hour'), ('01:30', interval '90 minutes'),
            ('02:00', interval '2 hours'), ('02:30', interval '150 minutes') $$,
  'the night clocks go back: 01:00 and 01:30 are offered twice, at two instants an hour apart (local_starts_at equal, starts_at not)');
select is(
  (select count(*)::integer from change_day as d,
     public.search_slots(tests.tenancy_id('next_london_service'), tests.tenancy_id('next_london_centre'),
                         (d.autumn + time '00:00') at time zone 'Europe/London', (d.autumn + 1 + time '00:00') at time zone 'Europe/London') as s
    where to_char(s.local_starts_at, 'HH24:MI') between '09:00' and '16:30'),
  16, 'and 09:00 ... 16:30 local as on any day');
select is(
  (select tests.utc_text(s.starts_at) from change_day as d,
     public.search_slots(tests.tenancy_id('next_london_service'), tests.tenancy_id('next_london_centre'),
                         (d.autumn + time '00:00') at time zone 'Europe/London', (d.autumn + 1 + time '00:00') at time zone 'Europe/London') as s
    where to_char(s.local_starts_at, 'HH24:MI') = '09:00'),
  (select tests.utc_text((d.autumn + time '09:00') at time zone 'UTC') from change_day as d),
  '09:00 local is 09:00Z after the change');

-- TEST: every row's local time is the centre's wall clock at starts_at
select is_empty(
  $$ select 1 from change_day as d,
       public.search_slots(tests.tenancy_id('next_london_service'), tests.tenancy_id('next_london_centre'),
                           (d.autumn - 1 + time '00:00') at time zone 'Europe/London', (d.autumn + 2 + time '00:00') at time zone 'Europe/London') as s
      where s.local_starts_at <> (s.starts_at at time zone 'Europe/London') or s.local_ends_at <> (s.ends_at at time zone 'Europe/London') $$,
  'local_starts_at and local_ends_at are the centre''s clock at starts_at and ends_at');

select * from finish();
rollback;

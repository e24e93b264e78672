-- Arguments: service_id, centre_id, window_start and window_end are required; the window must be
-- non-empty and at most 31 days long (of the centre's calendar:
-- a_calendar_month_is_accepted_whatever_its_clock_changes.test.sql). Refusals are 22023 with a
-- message and a hint; missing and reversed windows are refused before anything is looked up (so
-- the same for every caller).
begin;
select plan(8);

-- SETUP
select tests.create_appointment_fixtures();
create function pg_temp.search_error(service uuid, centre uuid, window_start timestamptz, window_end timestamptz) returns text[] language sql as $$
  select tests.error_of(format('select * from public.search_slots(%L, %L, %L, %L)', service, centre, window_start, window_end)) $$;
grant execute on function pg_temp.search_error(uuid, uuid, timestamptz, timestamptz) to anon;
select tests.clear_authentication();

-- TEST: nulls
select is(pg_temp.search_error(null, tests.tenancy_id('centre_a1'), now(), now() + interval '1 day'),
  array['22023', 'service_id, centre_id, window_start and window_end are required',
        'Pass the service, the centre and a window of at most 31 days; leave clinician_id out for any clinician.'],
  'no service: 22023');
select is(pg_temp.search_error(tests.tenancy_id('appt_checkup'), null, now(), now() + interval '1 day')::text,
  pg_temp.search_error(null, tests.tenancy_id('centre_a1'), now(), now() + interval '1 day')::text, 'no centre: the same 22023');
select is((pg_temp.search_error(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), null, now()))[1], '22023', 'no window_start: 22023');
select is((pg_temp.search_error(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), now(), null))[1], '22023', 'no window_end: 22023');

-- TEST: empty or reversed windows
select is(pg_temp.search_error(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), now(), now()),
  array['22023', 'window_end must be after window_start',
        'Pass a window such as window_start 2026-12-01T00:00:00Z and window_end 2026-12-08T00:00:00Z.'],
  'window_end = window_start: 22023');
select is((pg_temp.search_error(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), now(), now() - interval '1 day'))[2],
  'window_end must be after window_start', 'window_end before window_start: 22023');

-- TEST: at most 31 days
select is(pg_temp.search_error(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), now(), now() + interval '31 days 1 second'),
  array['22023', 'the search window is longer than 31 days',
        'Search at most 31 days of the centre''s calendar at a time, e.g. one week or one calendar month from local midnight to local midnight.'],
  '31 days and a second: 22023');
select is(pg_temp.search_error(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), now(), now() + interval '31 days'),
  null, 'exactly 31 days is searched');

select * from finish();
rollback;

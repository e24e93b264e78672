-- The search window is at most 31 days of the centre's wall clock, not 744 hours: October 2026 in
-- London, local midnight to local midnight, lasts 745 hours (the clocks go back on the 25th) and
-- is one request; March 2026 lasts 743 hours. A window longer than 31 local days is refused with
-- 22023 and a hint, even when it is shorter than 745 hours; instants more than 33 days apart are
-- refused before anything is read. The zone is the centre's: the same instants can be 31 days in
-- London and more in another zone.
begin;
select plan(8);

-- SETUP: centre_a1 is in Europe/London; centre_b1 in America/New_York
select tests.create_appointment_fixtures();
create function pg_temp.search_error(service text, centre text, window_start timestamptz, window_end timestamptz) returns text[] language sql as $$
  select tests.error_of(format('select * from public.search_slots(%L, %L, %L, %L)',
                               tests.tenancy_id(service), tests.tenancy_id(centre), window_start, window_end)) $$;
grant execute on function pg_temp.search_error(text, text, timestamptz, timestamptz) to anon;
select tests.clear_authentication();

-- TEST: whole calendar months
select is(timestamptz '2026-11-01 00:00 Europe/London' - timestamptz '2026-10-01 00:00 Europe/London', interval '31 days 01:00:00',
  'October 2026 in London lasts 745 hours');
select is(pg_temp.search_error('appt_checkup', 'centre_a1', '2026-10-01 00:00 Europe/London', '2026-11-01 00:00 Europe/London'), null,
  'October 2026, local midnight to local midnight (745 hours), is searched');
select is(pg_temp.search_error('appt_checkup', 'centre_a1', '2026-03-01 00:00 Europe/London', '2026-04-01 00:00 Europe/London'), null,
  'March 2026 (743 hours) is searched');

-- TEST: more than 31 local days
select is(pg_temp.search_error('appt_checkup', 'centre_a1', '2026-10-01 00:00 Europe/London', '2026-11-01 00:30 Europe/London'),
  array['22023', 'the search window is longer than 31 days',
        'Search at most 31 days of the centre''s calendar at a time, e.g. one week or one calendar month from local midnight to local midnight.'],
  'October plus half an hour: 22023 with a hint');
select is((pg_temp.search_error('appt_checkup', 'centre_a1', '2026-03-01 00:00 Europe/London', '2026-04-01 00:30 Europe/London'))[2],
  'the search window is longer than 31 days',
  'March plus half an hour is refused although it lasts only 743.5 hours: the limit is the local calendar');
select is((pg_temp.search_error('appt_b_checkup', 'centre_b1', '2026-10-01 00:00 Europe/London', '2026-11-01 00:00 Europe/London'))[2],
  'the search window is longer than 31 days',
  'the same 745 hours at a New York centre (no change in that window there) are 31 days and an hour: refused');

-- TEST: far too long is refused before anything is read (no centre needed)
select is(pg_temp.search_error('appt_checkup', 'centre_c1', '2026-10-01 00:00Z', '2026-11-03 00:01Z'),
  array['22023', 'the search window is longer than 31 days',
        'Search at most 31 days of the centre''s calendar at a time, e.g. one week or one calendar month from local midnight to local midnight.'],
  'more than 33 days: 22023 before the centre is looked up');
select is((pg_temp.search_error('appt_checkup', 'centre_c1', '2026-10-01 00:00Z', '2026-11-01 12:00Z'))[1], 'PT404',
  '32 days at a centre anon may not see: the centre is looked up first (PT404), nothing about its calendar is revealed');

select * from finish();
rollback;

-- The session's time zone is the client's choice (PostgREST: Prefer: timezone=...) and never
-- enters a recurrence: the same rule gives the same instants under UTC and under zones whose
-- clocks skip midnight (America/Santiago, America/Havana, Asia/Beirut), where a calendar built by
-- turning dates into timestamptz loses the last day of a month after the change, and BYSETPOS=-1
-- picks the day before it.
begin;
select plan(8);

-- SETUP: the rules and windows, and what they give under UTC
create temporary table cases (name text, rule text, dtstart timestamp, zone text, window_start timestamptz, window_end timestamptz);
insert into cases values
  ('last of the 28th..31st, London, September 2027 up to the 29th 22:00Z',
   'FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1', '2027-01-01 09:00', 'Europe/London', '2027-09-01 00:00Z', '2027-09-29 22:00Z'),
  ('last working day, London, March 2027 up to the 30th 22:00Z',
   'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', '2027-01-01 09:00', 'Europe/London', '2027-03-01 00:00Z', '2027-03-30 22:00Z'),
  ('daily 00:30 in Santiago across its skipped midnight (5 September 2027)',
   'FREQ=DAILY', '2027-01-01 00:30', 'America/Santiago', '2027-09-03 00:00Z', '2027-09-08 00:00Z'),
  ('weekly in Beirut across its skipped midnight (28 March 2027)',
   'FREQ=WEEKLY;BYDAY=SU,MO', '2027-01-03 09:00', 'Asia/Beirut', '2027-03-20 00:00Z', '2027-04-10 00:00Z');
create temporary table expected as
select c.name, array(select tests.utc_text(o) from private.rrule_occurrences(c.rule, c.dtstart, c.zone, c.window_start, c.window_end) as o) as instants
from cases as c;

-- TEST: the UTC answers are the right ones
select is((select instants from expected where name like 'last of the 28th%'), '{}'::text[],
  'the last of the 28th-31st of September 2027 is the 30th, after the window: nothing');
select is((select instants from expected where name like 'last working day%'), '{}'::text[],
  'the last working day of March 2027 is Wednesday the 31st, after the window: nothing');
select is((select instants from expected where name like 'daily 00:30%'),
  array['2027-09-03T04:30Z', '2027-09-04T04:30Z', '2027-09-05T04:30Z', '2027-09-06T03:30Z', '2027-09-07T03:30Z'],
  'daily 00:30 in Santiago: every day, 00:30 on 5 September is read with the offset before the gap (01:30 -03); -03 from the 6th');

-- TEST: the same answers in sessions whose clocks skip midnight
create function pg_temp.cases_that_differ() returns text[] language sql as $$
  select pg_catalog.array_agg(c.name order by c.name) from cases as c join expected as e using (name)
  where array(select tests.utc_text(o) from private.rrule_occurrences(c.rule, c.dtstart, c.zone, c.window_start, c.window_end) as o)
        is distinct from e.instants $$;
set local timezone = 'America/Santiago';
select is(pg_temp.cases_that_differ(), null, 'America/Santiago session: every rule gives the UTC answer');
set local timezone = 'America/Havana';
select is(pg_temp.cases_that_differ(), null, 'America/Havana session: every rule gives the UTC answer');
set local timezone = 'Asia/Beirut';
select is(pg_temp.cases_that_differ(), null, 'Asia/Beirut session: every rule gives the UTC answer');

-- TEST: the DST policy and COUNT normalisation do not move with the session either
set local timezone = 'America/Santiago';
select is(tests.utc_text(private.local_to_utc('2027-09-05 00:30', 'America/Santiago')), '2027-09-05T04:30Z',
  'local_to_utc: 00:30 in Santiago''s gap is 01:30 -03 (04:30Z) in a Santiago session too');
select is(private.normalise_rrule('FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1;COUNT=9', '2027-01-01 09:00', 'Europe/London'),
  'FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1;UNTIL=20270930T080000Z',
  'COUNT=9 of month-ends ends on 30 September 2027 in a Santiago session too');

select * from finish();
rollback;

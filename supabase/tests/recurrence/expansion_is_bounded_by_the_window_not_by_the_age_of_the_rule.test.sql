-- The expander examines the local dates of the query window (± 1 day, whole periods with
-- BYSETPOS), never the dates since DTSTART: a rule started 50 years ago costs what a new one
-- costs. private.rrule_expansion_span is exactly the date range rrule_occurrences generates.
begin;
select plan(7);

-- TEST: the examined span does not depend on DTSTART's age.
select is(
  private.rrule_expansion_span(private.parse_rrule('FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,TH'), '1976-01-05 09:00', 'Europe/London', '2026-06-01 00:00Z', '2026-06-08 00:00Z'),
  private.rrule_expansion_span(private.parse_rrule('FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,TH'), '2026-01-05 09:00', 'Europe/London', '2026-06-01 00:00Z', '2026-06-08 00:00Z'),
  'a one-week window examines the same dates for a 1976 and a 2026 DTSTART'
);
select is(
  private.rrule_expansion_span(private.parse_rrule('FREQ=DAILY'), '1976-01-01 09:00', 'Europe/London', '2026-06-01 00:00Z', '2026-06-08 00:00Z'),
  '[2026-05-31,2026-06-09]'::daterange,
  'a one-week window examines nine local dates: the window plus one day either side'
);
select is(
  upper(private.rrule_expansion_span(private.parse_rrule('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1'), '1976-01-30 09:00', 'Europe/London', '2026-06-10 00:00Z', '2026-06-11 00:00Z'))
  - lower(private.rrule_expansion_span(private.parse_rrule('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1'), '1976-01-30 09:00', 'Europe/London', '2026-06-10 00:00Z', '2026-06-11 00:00Z')),
  30,
  'with BYSETPOS a one-day window examines its whole month (June: 30 dates)'
);
select ok(
  isempty(private.rrule_expansion_span(private.parse_rrule('FREQ=DAILY;UNTIL=19800101T000000Z'), '1976-01-01 09:00', 'Europe/London', '2026-06-01Z', '2026-06-08Z')),
  'a window after UNTIL examines nothing'
);
select ok(
  isempty(private.rrule_expansion_span(private.parse_rrule('FREQ=DAILY'), '2030-01-01 09:00', 'Europe/London', '2026-06-01Z', '2026-06-08Z')),
  'a window before DTSTART examines nothing'
);

-- TEST: results from a 50-year-old DTSTART are still exact.
select is(
  array(select o from private.rrule_occurrences('FREQ=WEEKLY;INTERVAL=3;BYDAY=MO', '1976-01-05 09:00', 'Europe/London', '2026-03-01Z', '2026-05-01Z') as o),
  array['2026-03-16 09:00Z', '2026-04-06 08:00Z', '2026-04-27 08:00Z']::timestamptz[],
  'every third Monday since 5 Jan 1976 (2,619 weeks to 16 Mar 2026, a multiple of 3) lands on 16 Mar, 6 and 27 Apr 2026'
);
select is(
  array(select o from private.rrule_occurrences('FREQ=MONTHLY;INTERVAL=5;BYDAY=-1FR', '1976-01-30 17:00', 'America/New_York', '2026-01-01Z', '2027-01-01Z') as o),
  array[
    '2026-01-30 22:00Z',  -- Fri 30 Jan 17:00 EST
    '2026-06-26 21:00Z',  -- Fri 26 Jun 17:00 EDT
    '2026-11-27 22:00Z'   -- Fri 27 Nov 17:00 EST
  ]::timestamptz[],
  'the last Friday every five months since January 1976 (600 months to January 2026) falls in January, June and November 2026'
);

select * from finish();
rollback;

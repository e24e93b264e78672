-- WEEKLY;INTERVAL=n counts weeks (starting on WKST) from the week that contains DTSTART, never
-- ISO-week parity and never from DTSTART's own weekday (research §4.7, §4.10, §5 T4, T5, T12).
begin;
select plan(5);

-- TEST: T4, DTSTART on a Wednesday, every other Tuesday.
select is(
  array(select o from private.rrule_occurrences('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU', '2026-01-07 09:00', 'Europe/London', '2026-01-01Z', '2026-02-20Z') as o),
  array['2026-01-20 09:00Z', '2026-02-03 09:00Z', '2026-02-17 09:00Z']::timestamptz[],
  'T4: the week of DTSTART (5-11 Jan) has no Tuesday on or after it; the series starts 20 Jan'
);

-- TEST: T5, WKST changes the result.
select is(
  array(select o::date from private.rrule_occurrences('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=MO', '2026-01-06 09:00', 'Europe/London', '2026-01-01Z', '2026-01-26Z') as o),
  array['2026-01-06', '2026-01-11', '2026-01-20', '2026-01-25']::date[],
  'T5a: WKST=MO pairs each Tuesday with the Sunday after it'
);
select is(
  array(select o::date from private.rrule_occurrences('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=SU', '2026-01-06 09:00', 'Europe/London', '2026-01-01Z', '2026-02-02Z') as o),
  array['2026-01-06', '2026-01-18', '2026-01-20', '2026-02-01']::date[],
  'T5b: WKST=SU pairs each Tuesday with the Sunday before the next one'
);

-- TEST: T12, biweekly across the 53-week ISO year 2026.
select is(
  array(select o::date from private.rrule_occurrences('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU', '2026-12-15 09:00', 'Europe/London', '2026-12-01Z', '2027-01-27Z') as o),
  array['2026-12-15', '2026-12-29', '2027-01-12', '2027-01-26']::date[],
  'T12: every other Tuesday from 15 Dec 2026 continues on 12 Jan 2027 (W02), not 5 Jan (W01)'
);

-- TEST: DAILY with INTERVAL counts days from DTSTART.
select is(
  array(select o::date from private.rrule_occurrences('FREQ=DAILY;INTERVAL=3;BYDAY=MO,TU,WE,TH,FR', '2026-01-01 09:00', 'Europe/London', '2026-01-01Z', '2026-01-20Z') as o),
  array['2026-01-01', '2026-01-07', '2026-01-13', '2026-01-16', '2026-01-19']::date[],
  'DAILY;INTERVAL=3 keeps every third day and BYDAY then drops the weekend ones (Sun 4, Sat 10 Jan)'
);

select * from finish();
rollback;

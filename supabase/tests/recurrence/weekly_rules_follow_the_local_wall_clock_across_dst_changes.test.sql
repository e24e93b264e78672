-- Weekly availability is generated in local wall-clock time and converted per occurrence, so a
-- 09:00 London clinic stays at 09:00 local when the UTC offset changes (research
-- recurrence-rrule.md §5 T1-T3; transitions: London 29 Mar / 25 Oct 2026 01:00Z, New York
-- 8 Mar 07:00Z / 1 Nov 06:00Z, Sydney 5 Apr 16:00Z (back) / 3 Oct 16:00Z (forward)).
begin;
select plan(6);

-- TEST: T1, London spring-forward.
select is(
  array(select o from private.rrule_occurrences('FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20260403T080000Z',
    '2026-03-23 09:00', 'Europe/London', '2026-03-01Z', '2026-05-01Z') as o),
  array[
    '2026-03-23 09:00Z', '2026-03-25 09:00Z', '2026-03-27 09:00Z',  -- 09:00 GMT
    '2026-03-30 08:00Z', '2026-04-01 08:00Z', '2026-04-03 08:00Z'   -- 09:00 BST
  ]::timestamptz[],
  'T1: Mon/Wed/Fri 09:00 London moves from 09:00Z to 08:00Z after 29 March'
);

-- TEST: T2, London fall-back.
select is(
  array(select o from private.rrule_occurrences('FREQ=WEEKLY;BYDAY=MO,WE,FR',
    '2026-10-19 09:00', 'Europe/London', '2026-10-19Z', '2026-10-31Z') as o),
  array[
    '2026-10-19 08:00Z', '2026-10-21 08:00Z', '2026-10-23 08:00Z',  -- 09:00 BST
    '2026-10-26 09:00Z', '2026-10-28 09:00Z', '2026-10-30 09:00Z'   -- 09:00 GMT
  ]::timestamptz[],
  'T2: Mon/Wed/Fri 09:00 London moves from 08:00Z to 09:00Z after 25 October'
);

-- TEST: T3a and T3b, New York every other Tuesday.
select is(
  array(select o from private.rrule_occurrences('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU',
    '2026-03-03 09:00', 'America/New_York', '2026-03-01Z', '2026-04-15Z') as o),
  array['2026-03-03 14:00Z', '2026-03-17 13:00Z', '2026-03-31 13:00Z', '2026-04-14 13:00Z']::timestamptz[],
  'T3a: every other Tuesday 09:00 New York, EST (14:00Z) then EDT (13:00Z)'
);
select is(
  array(select o from private.rrule_occurrences('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU',
    '2026-10-20 09:00', 'America/New_York', '2026-10-01Z', '2026-11-18Z') as o),
  array['2026-10-20 13:00Z', '2026-11-03 14:00Z', '2026-11-17 14:00Z']::timestamptz[],
  'T3b: every other Tuesday 09:00 New York, EDT (13:00Z) then EST (14:00Z)'
);

-- TEST: southern hemisphere, Sydney (AEDT +11 until 5 April, AEST +10 until 4 October).
select is(
  array(select o from private.rrule_occurrences('FREQ=WEEKLY;BYDAY=MO,FR',
    '2026-03-30 09:00', 'Australia/Sydney', '2026-03-29Z', '2026-04-11Z') as o),
  array[
    '2026-03-29 22:00Z', '2026-04-02 22:00Z',  -- Mon 30 Mar, Fri 3 Apr 09:00 AEDT
    '2026-04-05 23:00Z', '2026-04-09 23:00Z'   -- Mon 6 Apr, Fri 10 Apr 09:00 AEST
  ]::timestamptz[],
  'Sydney Mon/Fri 09:00 moves from 22:00Z to 23:00Z (previous UTC day) when DST ends in April'
);
select is(
  array(select o from private.rrule_occurrences('FREQ=WEEKLY;BYDAY=MO,FR',
    '2026-09-28 09:00', 'Australia/Sydney', '2026-09-27Z', '2026-10-10Z') as o),
  array[
    '2026-09-27 23:00Z', '2026-10-01 23:00Z',  -- Mon 28 Sep, Fri 2 Oct 09:00 AEST
    '2026-10-04 22:00Z', '2026-10-08 22:00Z'   -- Mon 5 Oct, Fri 9 Oct 09:00 AEDT
  ]::timestamptz[],
  'Sydney Mon/Fri 09:00 moves from 23:00Z to 22:00Z when DST starts in October'
);

select * from finish();
rollback;

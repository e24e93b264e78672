-- UNTIL is a UTC instant compared with each occurrence's instant, inclusive; EXDATE removes an
-- occurrence only when its instant matches exactly (research §4.4, §4.5, §5 T9, T10).
begin;
select plan(6);

-- TEST: T9, 09:00 BST = 08:00Z.
select is(
  (select count(*)::integer from private.rrule_occurrences('FREQ=DAILY;UNTIL=20260605T080000Z', '2026-06-01 09:00', 'Europe/London', '2026-01-01Z', '2027-01-01Z')),
  5,
  'T9a: UNTIL equal to the last occurrence''s instant includes it (1-5 June)'
);
select is(
  (select count(*)::integer from private.rrule_occurrences('FREQ=DAILY;UNTIL=20260605T075959Z', '2026-06-01 09:00', 'Europe/London', '2026-01-01Z', '2027-01-01Z')),
  4,
  'T9b: UNTIL one second earlier excludes it (1-4 June)'
);
set local timezone = 'Pacific/Kiritimati';
select is(
  (select count(*)::integer from private.rrule_occurrences('FREQ=DAILY;UNTIL=20260605T080000Z', '2026-06-01 09:00', 'Europe/London', '2026-01-01Z', '2027-01-01Z')),
  5,
  'the session time zone does not change the result'
);
reset timezone;

-- TEST: T10, EXDATE.
select is(
  array(select o from private.rrule_occurrences(
    e'FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20260403T080000Z\nEXDATE;TZID=Europe/London:20260401T090000',
    '2026-03-23 09:00', 'Europe/London', '2026-03-01Z', '2026-05-01Z') as o),
  array['2026-03-23 09:00Z', '2026-03-25 09:00Z', '2026-03-27 09:00Z', '2026-03-30 08:00Z', '2026-04-03 08:00Z']::timestamptz[],
  'T10a: EXDATE;TZID=Europe/London:20260401T090000 removes Wednesday 1 April'
);
select is(
  (select count(*)::integer from private.rrule_occurrences(
    e'FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20260403T080000Z\nEXDATE:20260401T090000Z',
    '2026-03-23 09:00', 'Europe/London', '2026-03-01Z', '2026-05-01Z')),
  6,
  'T10b: EXDATE:20260401T090000Z is not the occurrence''s instant (08:00Z) and removes nothing'
);
select is(
  (select count(*)::integer from private.rrule_occurrences(
    e'RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20260403T080000Z\nEXDATE:20260401T080000Z,20260323T090000Z',
    '2026-03-23 09:00', 'Europe/London', '2026-03-01Z', '2026-05-01Z')),
  4,
  'a UTC EXDATE list removes each exactly matching instant'
);

select * from finish();
rollback;

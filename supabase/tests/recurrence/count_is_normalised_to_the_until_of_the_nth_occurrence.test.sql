-- COUNT is a write-time notion: private.normalise_rrule replaces COUNT=n by UNTIL = the n-th
-- occurrence's instant, so the expander never counts from DTSTART.
begin;
select plan(9);

-- TEST: T1 with COUNT=6.
select is(
  private.normalise_rrule('FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=6', '2026-03-23 09:00', 'Europe/London'),
  'FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20260403T080000Z',
  'COUNT=6 from Mon 23 March becomes UNTIL = Fri 3 April 09:00 BST'
);

-- TEST: EXDATE does not consume COUNT (T10a).
select is(
  private.normalise_rrule(e'FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=6\nEXDATE;TZID=Europe/London:20260401T090000', '2026-03-23 09:00', 'Europe/London'),
  e'FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20260403T080000Z\nEXDATE:20260401T080000Z',
  'T10a: with one EXDATE, COUNT=6 still ends on 3 April (five occurrences remain)'
);

-- TEST: month-end and ordinals (T7a, T13).
select is(
  private.normalise_rrule('FREQ=MONTHLY;BYMONTHDAY=31;COUNT=7', '2026-01-31 09:00', 'Europe/London'),
  'FREQ=MONTHLY;BYMONTHDAY=31;UNTIL=20261231T090000Z',
  'T7a: the seventh 31st after 31 January 2026 is 31 December'
);
select is(
  private.normalise_rrule('FREQ=MONTHLY;INTERVAL=2;BYDAY=-1MO;COUNT=3', '2023-10-30 14:00', 'Europe/London'),
  'FREQ=MONTHLY;INTERVAL=2;BYDAY=-1MO;UNTIL=20240226T140000Z',
  'T13: COUNT=3 ends on 26 February 2024'
);

-- TEST: a gap occurrence counts (policy: kept, shifted).
select is(
  private.normalise_rrule('FREQ=DAILY;COUNT=3', '2026-03-28 01:30', 'Europe/London'),
  'FREQ=DAILY;UNTIL=20260330T003000Z',
  'T11a: the shifted 29 March occurrence counts, so COUNT=3 ends on 30 March'
);

-- TEST: a DTSTART that does not match the rule is not counted.
select is(
  private.normalise_rrule('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=3', '2026-01-07 09:00', 'Europe/London'),
  'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20260217T090000Z',
  'T4: from Wednesday 7 January the third occurrence is 17 February'
);

-- TEST: rules without COUNT come back canonical.
select is(
  private.normalise_rrule('rrule:byday=we,mo;interval=1;wkst=mo;freq=weekly;until=20261231T235959Z', '2026-01-05 09:00', 'Europe/London'),
  'FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261231T235959Z',
  'a rule without COUNT is returned in canonical form'
);

-- TEST: impossible counts and un-normalised rules are refused.
select throws_ok(
  $$ select private.normalise_rrule('FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=31;COUNT=2', '2026-02-01 09:00', 'Europe/London') $$,
  '22023',
  'This rule has only 0 of its COUNT=2 occurrences in the 100 years after DTSTART.',
  'a rule that never meets its COUNT is refused with 22023'
);
select throws_ok(
  $$ select * from private.rrule_occurrences('FREQ=DAILY;COUNT=3', '2026-01-01 09:00', 'Europe/London', '2026-01-01Z', '2026-02-01Z') $$,
  '22023',
  'This rule still has COUNT; it must be normalised to UNTIL before it is expanded.',
  'the expander refuses a rule that still has COUNT'
);

select * from finish();
rollback;

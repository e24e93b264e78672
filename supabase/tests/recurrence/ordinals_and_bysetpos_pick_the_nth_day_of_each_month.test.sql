-- BYDAY ordinals count weekdays within the month; BYSETPOS picks positions in each period's set
-- after the other BY parts (research §4.8, §5 T6, T8, T13).
begin;
select plan(6);

-- TEST: T6, first Monday, two spellings.
select is(
  array(select o from private.rrule_occurrences('FREQ=MONTHLY;BYDAY=1MO', '2026-01-05 10:00', 'Europe/London', '2026-01-01Z', '2027-01-01Z') as o),
  array[
    '2026-01-05 10:00Z', '2026-02-02 10:00Z', '2026-03-02 10:00Z',   -- 10:00 GMT
    '2026-04-06 09:00Z', '2026-05-04 09:00Z', '2026-06-01 09:00Z', '2026-07-06 09:00Z',
    '2026-08-03 09:00Z', '2026-09-07 09:00Z', '2026-10-05 09:00Z',   -- 10:00 BST
    '2026-11-02 10:00Z', '2026-12-07 10:00Z'
  ]::timestamptz[],
  'T6: BYDAY=1MO is the first Monday of every month'
);
select is(
  array(select o from private.rrule_occurrences('FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1', '2026-01-05 10:00', 'Europe/London', '2026-01-01Z', '2027-01-01Z') as o),
  array(select o from private.rrule_occurrences('FREQ=MONTHLY;BYDAY=1MO', '2026-01-05 10:00', 'Europe/London', '2026-01-01Z', '2027-01-01Z') as o),
  'T6: BYDAY=MO;BYSETPOS=1 equals BYDAY=1MO'
);

-- TEST: T8, last working day.
select is(
  array(select o from private.rrule_occurrences('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', '2026-01-30 09:00', 'Europe/London', '2026-01-01Z', '2026-07-01Z') as o),
  array[
    '2026-01-30 09:00Z', '2026-02-27 09:00Z',                        -- Fri, Fri (GMT)
    '2026-03-31 08:00Z', '2026-04-30 08:00Z', '2026-05-29 08:00Z', '2026-06-30 08:00Z'  -- Tue, Thu, Fri, Tue (BST)
  ]::timestamptz[],
  'T8: MO-FR with BYSETPOS=-1 is the last working day of each month'
);

-- TEST: last Friday.
select is(
  array(select o::date from private.rrule_occurrences('FREQ=MONTHLY;BYDAY=-1FR', '2026-01-30 09:00', 'America/New_York', '2026-01-01Z', '2026-06-01Z') as o),
  array['2026-01-30', '2026-02-27', '2026-03-27', '2026-04-24', '2026-05-29']::date[],
  'BYDAY=-1FR is the last Friday of every month'
);

-- TEST: T13, every other month on the last Monday, across a year.
select is(
  array(select o from private.rrule_occurrences('FREQ=MONTHLY;INTERVAL=2;BYDAY=-1MO', '2023-10-30 14:00', 'Europe/London', '2023-10-01Z', '2024-03-01Z') as o),
  array['2023-10-30 14:00Z', '2023-12-25 14:00Z', '2024-02-26 14:00Z']::timestamptz[],
  'T13: INTERVAL=2;BYDAY=-1MO from October 2023 gives 30 Oct, 25 Dec, 26 Feb'
);

-- TEST: BYSETPOS uses the whole month even when the window covers a few days of it.
select is(
  array(select o from private.rrule_occurrences('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1,-1', '2026-01-01 09:00', 'Europe/London', '2026-03-30Z', '2026-04-03Z') as o),
  array['2026-03-31 08:00Z', '2026-04-01 08:00Z']::timestamptz[],
  'a four-day window at a month boundary still finds the last working day of March and the first of April'
);

select * from finish();
rollback;

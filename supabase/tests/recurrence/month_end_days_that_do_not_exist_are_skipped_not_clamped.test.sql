-- Invalid dates (31 April, 30 February) are skipped, never clamped to the month's last day, and
-- a series never drifts (research §4.9, §5 T7).
begin;
select plan(5);

-- TEST: T7a, BYMONTHDAY=31.
select is(
  array(select o from private.rrule_occurrences('FREQ=MONTHLY;BYMONTHDAY=31', '2026-01-31 09:00', 'Europe/London', '2026-01-01Z', '2027-01-01Z') as o),
  array[
    '2026-01-31 09:00Z', '2026-03-31 08:00Z', '2026-05-31 08:00Z', '2026-07-31 08:00Z',
    '2026-08-31 08:00Z', '2026-10-31 09:00Z', '2026-12-31 09:00Z'
  ]::timestamptz[],
  'T7a: BYMONTHDAY=31 skips February, April, June, September and November'
);

-- TEST: T7b, MONTHLY from the 31st without BY parts.
select is(
  array(select o from private.rrule_occurrences('FREQ=MONTHLY', '2026-01-31 09:00', 'Europe/London', '2026-01-01Z', '2027-01-01Z') as o),
  array[
    '2026-01-31 09:00Z', '2026-03-31 08:00Z', '2026-05-31 08:00Z', '2026-07-31 08:00Z',
    '2026-08-31 08:00Z', '2026-10-31 09:00Z', '2026-12-31 09:00Z'
  ]::timestamptz[],
  'T7b: MONTHLY from 31 January repeats on the 31st only and never drifts to the 28th'
);

-- TEST: T7c, BYMONTHDAY=-1.
select is(
  array(select o from private.rrule_occurrences('FREQ=MONTHLY;BYMONTHDAY=-1', '2026-01-31 09:00', 'Europe/London', '2026-01-01Z', '2026-05-01Z') as o),
  array['2026-01-31 09:00Z', '2026-02-28 09:00Z', '2026-03-31 08:00Z', '2026-04-30 08:00Z']::timestamptz[],
  'T7c: BYMONTHDAY=-1 is the last day of every month'
);

-- TEST: leap years and negative days beyond a short month.
select is(
  array(select o::date from private.rrule_occurrences('FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=29', '2024-02-29 09:00', 'Europe/London', '2024-01-01Z', '2033-01-01Z') as o),
  array['2024-02-29', '2028-02-29', '2032-02-29']::date[],
  'every 12 months on the 29th from 29 Feb 2024 meets only leap years'
);
select is(
  array(select o::date from private.rrule_occurrences('FREQ=MONTHLY;BYMONTHDAY=-30', '2026-01-02 09:00', 'Europe/London', '2026-01-01Z', '2026-05-01Z') as o),
  array['2026-01-02', '2026-03-02', '2026-04-01']::date[],
  'BYMONTHDAY=-30 does not exist in February and is skipped'
);

select * from finish();
rollback;

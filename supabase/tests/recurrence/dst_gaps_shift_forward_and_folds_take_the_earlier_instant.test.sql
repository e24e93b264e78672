-- The DST policy (docs/recurrence.md): a local time in a gap is read with the offset before the
-- gap (shifted forward, kept and counted); a local time in a fold is the earlier instant
-- (RFC 5545 §3.3.5). PostgreSQL's own `AT TIME ZONE` picks the later instant in a fold.
begin;
select plan(14);

-- TEST: local_to_utc in gaps.
select is(private.local_to_utc('2026-03-29 01:30', 'Europe/London'), '2026-03-29 01:30Z'::timestamptz,
  'London gap: 29 Mar 01:30 (does not exist) is 01:30Z = 02:30 BST');
select is(private.local_to_utc('2026-03-08 02:30', 'America/New_York'), '2026-03-08 07:30Z'::timestamptz,
  'New York gap: 8 Mar 02:30 (does not exist) is 07:30Z = 03:30 EDT');
select is(private.local_to_utc('2026-10-04 02:30', 'Australia/Sydney'), '2026-10-03 16:30Z'::timestamptz,
  'Sydney gap: 4 Oct 02:30 (does not exist) is 16:30Z = 03:30 AEDT');
select is(private.local_to_utc('2026-10-04 02:15', 'Australia/Lord_Howe'), '2026-10-03 15:45Z'::timestamptz,
  'Lord Howe 30-minute gap: 4 Oct 02:15 (does not exist) is 15:45Z = 02:45 +11');

-- TEST: local_to_utc in folds.
select is(private.local_to_utc('2026-10-25 01:30', 'Europe/London'), '2026-10-25 00:30Z'::timestamptz,
  'London fold: 25 Oct 01:30 happens twice; the first (BST) is 00:30Z');
select isnt(('2026-10-25 01:30'::timestamp at time zone 'Europe/London'), '2026-10-25 00:30Z'::timestamptz,
  'PostgreSQL AT TIME ZONE alone would pick the later instant (why local_to_utc exists)');
select is(private.local_to_utc('2026-11-01 01:30', 'America/New_York'), '2026-11-01 05:30Z'::timestamptz,
  'New York fold: 1 Nov 01:30 is 05:30Z (EDT), the first of the two');
select is(private.local_to_utc('2026-04-05 02:30', 'Australia/Sydney'), '2026-04-04 15:30Z'::timestamptz,
  'Sydney fold: 5 Apr 02:30 is 15:30Z (AEDT), the first of the two');
select is(private.local_to_utc('2026-04-05 01:45', 'Australia/Lord_Howe'), '2026-04-04 14:45Z'::timestamptz,
  'Lord Howe 30-minute fold: 5 Apr 01:45 is 14:45Z (+11), the first of the two');
select is(private.local_to_utc('2026-07-01 09:00', 'Europe/London'), '2026-07-01 08:00Z'::timestamptz,
  'outside transitions local_to_utc equals AT TIME ZONE');

-- TEST: T11, daily series through a gap and a fold.
select is(
  array(select o from private.rrule_occurrences('FREQ=DAILY', '2026-03-28 01:30', 'Europe/London', '2026-03-28Z', '2026-03-31Z') as o),
  array['2026-03-28 01:30Z', '2026-03-29 01:30Z', '2026-03-30 00:30Z']::timestamptz[],
  'T11a: daily 01:30 London keeps 29 March, shifted to 02:30 BST (rrule-temporal omits it)'
);
select is(
  array(select o from private.rrule_occurrences('FREQ=DAILY', '2026-10-24 01:30', 'Europe/London', '2026-10-24Z', '2026-10-27Z') as o),
  array['2026-10-24 00:30Z', '2026-10-25 00:30Z', '2026-10-26 01:30Z']::timestamptz[],
  'T11b: daily 01:30 London on 25 October is the first 01:30 (BST, 00:30Z), once'
);
select is(
  array(select o from private.rrule_occurrences('FREQ=DAILY', '2026-03-07 02:30', 'America/New_York', '2026-03-07Z', '2026-03-10Z') as o),
  array['2026-03-07 07:30Z', '2026-03-08 07:30Z', '2026-03-09 06:30Z']::timestamptz[],
  'T11c: daily 02:30 New York keeps 8 March as 03:30 EDT'
);
select is(
  array(select o from private.rrule_occurrences('FREQ=DAILY', '2026-10-31 01:30', 'America/New_York', '2026-10-31Z', '2026-11-03Z') as o),
  array['2026-10-31 05:30Z', '2026-11-01 05:30Z', '2026-11-02 06:30Z']::timestamptz[],
  'T11d: daily 01:30 New York on 1 November is the first 01:30 (EDT, 05:30Z)'
);

select * from finish();
rollback;

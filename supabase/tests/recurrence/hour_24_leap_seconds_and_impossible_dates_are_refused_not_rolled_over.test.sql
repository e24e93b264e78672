-- RFC 5545 date-times are real calendar dates with hours 00-23 and minutes and seconds 00-59
-- (§3.3.12). UNTIL=...T240000Z, a leap second (...T235960Z), minute 60, month 13 and 31 February
-- would roll over to another instant (PostgreSQL's make_timestamp accepts 24:00:00 and second
-- 60); they are refused with 22023, the reason in the message, the rule as detail and a hint, and
-- a refused rule writes nothing.
begin;
select plan(11);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_availability_fixtures();

-- TEST: UNTIL
select is(tests.error_details_of($$ select private.parse_rrule('FREQ=DAILY;UNTIL=20261231T240000Z') $$),
  jsonb_build_object('code', '22023',
    'message', 'UNTIL=20261231T240000Z is not a valid date-time: hour 24 does not exist (hours are 00 to 23; the end of a day is 235959).',
    'detail', 'FREQ=DAILY;UNTIL=20261231T240000Z',
    'hint', 'Use real dates and times of day: hours 00-23, minutes and seconds 00-59. The last second of a day is 235959 (e.g. UNTIL=20261231T235959Z), never 240000; leap seconds (60) are not accepted.'),
  'UNTIL at hour 24: 22023 with the reason, the rule and a hint');
select throws_ok($$ select private.parse_rrule('FREQ=DAILY;UNTIL=20161231T235960Z') $$, '22023',
  'UNTIL=20161231T235960Z is not a valid date-time: second 60 does not exist (seconds are 00 to 59; leap seconds are not accepted).',
  'a leap second (31 December 2016 23:59:60 UTC) is refused, not read as the next day');
select throws_ok($$ select private.parse_rrule('FREQ=DAILY;UNTIL=20261231T236000Z') $$, '22023',
  'UNTIL=20261231T236000Z is not a valid date-time: minute 60 does not exist (minutes are 00 to 59).', 'minute 60');
select throws_ok($$ select private.parse_rrule('FREQ=DAILY;UNTIL=20261301T000000Z') $$, '22023',
  'UNTIL=20261301T000000Z is not a valid date-time: month 13 does not exist.', 'month 13');
select throws_ok($$ select private.parse_rrule('FREQ=DAILY;UNTIL=20270229T090000Z') $$, '22023',
  'UNTIL=20270229T090000Z is not a valid date-time: day 29 does not exist in 2027-02.', '29 February of a common year');
select is((private.parse_rrule('FREQ=DAILY;UNTIL=20280229T235959Z'))."until", timestamptz '2028-02-29 23:59:59Z',
  '29 February 2028 at 23:59:59 is a real date-time');

-- TEST: EXDATE, UTC and local
select throws_ok($$ select private.parse_rrule(e'FREQ=DAILY\nEXDATE:20261231T240000Z') $$, '22023',
  'EXDATE value "20261231T240000Z" is not a valid date-time: hour 24 does not exist (hours are 00 to 23; the end of a day is 235959).',
  'a UTC EXDATE at hour 24');
select throws_ok($$ select private.parse_rrule(e'FREQ=DAILY\nEXDATE;TZID=Europe/London:20261231T235960') $$, '22023',
  'EXDATE value "20261231T235960" is not a valid date-time: second 60 does not exist (seconds are 00 to 59; leap seconds are not accepted).',
  'a local EXDATE with a leap second');

-- TEST: through the tables a client writes
select throws_ok($$
  insert into public.availability_rules (tenant_id, clinician_id, centre_id, local_start, local_end, rrule, valid_from)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), '09:00', '17:00',
          'FREQ=DAILY;UNTIL=20261231T240000Z', date '2026-12-01') $$,
  '22023', 'UNTIL=20261231T240000Z is not a valid date-time: hour 24 does not exist (hours are 00 to 23; the end of a day is 235959).',
  'an availability rule with UNTIL at hour 24 is refused');
select is((select count(*)::integer from public.availability_rules where rrule like '%UNTIL=20270101T000000Z%'), 0,
  'and nothing rolled over to 1 January was stored');
select is(private.normalise_rrule('FREQ=DAILY;UNTIL=20261231T235959Z', '2026-12-30 09:00', 'Europe/London'),
  'FREQ=DAILY;UNTIL=20261231T235959Z', 'the last second of the day is the way to say it');

select * from finish();
rollback;

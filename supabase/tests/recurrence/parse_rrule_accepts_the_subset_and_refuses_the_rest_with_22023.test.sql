-- private.parse_rrule accepts exactly the documented subset and refuses everything else with
-- SQLSTATE 22023, a message a client can show and a hint naming the supported parts.
begin;
select plan(30);

-- TEST: accepted rules, read into the composite.
select is(
  private.parse_rrule('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20261231T235959Z'),
  row('WEEKLY', 2, array[row(1, null), row(3, null)]::private.recurrence_weekday[], '{}'::integer[], '{}'::integer[],
      1, '2026-12-31 23:59:59Z'::timestamptz, null::integer, '{}'::timestamptz[])::private.recurrence_rule,
  'a weekly rule is read into freq, interval, by_day (ISO weekdays), wkst MO and until'
);
select is(
  private.parse_rrule('FREQ=MONTHLY;BYDAY=-1FR,1MO;BYMONTHDAY=-1,31;BYSETPOS=-1;WKST=SU;COUNT=10'),
  row('MONTHLY', 1, array[row(1, 1), row(5, -1)]::private.recurrence_weekday[], array[-1, 31], array[-1],
      7, null::timestamptz, 10, '{}'::timestamptz[])::private.recurrence_rule,
  'ordinals, negative month days, BYSETPOS, WKST and COUNT are read'
);
select is(
  (private.parse_rrule(e'RRULE:FREQ=DAILY\r\nEXDATE;TZID=America/New_York:20260308T023000,20260309T090000\nEXDATE:20260101T000000Z')).exdates,
  array['2026-01-01 00:00Z', '2026-03-08 07:30Z', '2026-03-09 13:00Z']::timestamptz[],
  'EXDATE lines (UTC, or local with TZID by the DST policy) become sorted instants'
);
select is(
  private.format_rrule(private.parse_rrule('byday=we,mo,we;freq=weekly;interval=1')),
  'FREQ=WEEKLY;BYDAY=MO,WE',
  'names and values are case-insensitive; duplicates and defaults are dropped in canonical form'
);
select is(
  private.parse_rrule(private.format_rrule(private.parse_rrule(
    e'FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU,-1FR;BYMONTHDAY=1,-1;BYSETPOS=1,-1;WKST=SU;UNTIL=20300101T000000Z\nEXDATE:20260401T080000Z'))),
  private.parse_rrule(
    e'FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU,-1FR;BYMONTHDAY=1,-1;BYSETPOS=1,-1;WKST=SU;UNTIL=20300101T000000Z\nEXDATE:20260401T080000Z'),
  'format_rrule writes text that parse_rrule reads back to the same rule'
);

-- TEST: refused, each with 22023 and a message naming the problem.
select throws_ok($$ select private.parse_rrule('') $$, '22023', 'A recurrence rule is required.', 'empty text');
select throws_ok($$ select private.parse_rrule(null) $$, '22023', 'A recurrence rule is required.', 'null');
select throws_ok($$ select private.parse_rrule('FREQ=YEARLY') $$, '22023', 'FREQ=YEARLY is not supported.', 'FREQ=YEARLY');
select throws_ok($$ select private.parse_rrule('FREQ=HOURLY') $$, '22023', 'FREQ=HOURLY is not supported.', 'FREQ=HOURLY');
select throws_ok($$ select private.parse_rrule('INTERVAL=2') $$, '22023', 'The rule has no FREQ.', 'no FREQ');
select throws_ok($$ select private.parse_rrule('FREQ=WEEKLY;BYHOUR=9') $$, '22023', 'Rule part BYHOUR is not supported.', 'BYHOUR');
select throws_ok($$ select private.parse_rrule('FREQ=MONTHLY;BYMONTH=2') $$, '22023', 'Rule part BYMONTH is not supported.', 'BYMONTH');
select throws_ok($$ select private.parse_rrule('FREQ=WEEKLY;BYWEEKNO=2') $$, '22023', 'Rule part BYWEEKNO is not supported.', 'BYWEEKNO');
select throws_ok($$ select private.parse_rrule('FREQ=DAILY;COUNT=3;UNTIL=20261231T000000Z') $$, '22023', 'A rule may have COUNT or UNTIL, not both.', 'COUNT with UNTIL');
select throws_ok($$ select private.parse_rrule('FREQ=DAILY;UNTIL=20261231') $$, '22023', 'UNTIL must be a UTC date-time such as 20261231T235959Z.', 'a date-only UNTIL');
select throws_ok($$ select private.parse_rrule('FREQ=DAILY;UNTIL=20261231T235959') $$, '22023', 'UNTIL must be a UTC date-time such as 20261231T235959Z.', 'a floating UNTIL');
select throws_ok($$ select private.parse_rrule('FREQ=DAILY;UNTIL=20260231T000000Z') $$, '22023', 'UNTIL=20260231T000000Z is not a valid date-time: day 31 does not exist in 2026-02.', 'UNTIL on 31 February');
select throws_ok($$ select private.parse_rrule('FREQ=WEEKLY;BYDAY=1MO') $$, '22023', 'BYDAY ordinals such as 1MO or -1FR need FREQ=MONTHLY.', 'an ordinal with WEEKLY');
select throws_ok($$ select private.parse_rrule('FREQ=MONTHLY;BYDAY=6MO') $$, '22023', 'BYDAY value "6MO" is not supported.', 'ordinal 6');
select throws_ok($$ select private.parse_rrule('FREQ=WEEKLY;BYMONTHDAY=1') $$, '22023', 'BYMONTHDAY cannot be used with FREQ=WEEKLY.', 'BYMONTHDAY with WEEKLY');
select throws_ok($$ select private.parse_rrule('FREQ=MONTHLY;BYMONTHDAY=0') $$, '22023', 'BYMONTHDAY value "0" must be 1..31 or -31..-1.', 'BYMONTHDAY=0');
select throws_ok($$ select private.parse_rrule('FREQ=MONTHLY;BYSETPOS=1') $$, '22023', 'BYSETPOS needs BYDAY or BYMONTHDAY.', 'BYSETPOS alone');
select throws_ok($$ select private.parse_rrule('FREQ=DAILY;BYDAY=MO;BYSETPOS=1') $$, '22023', 'BYSETPOS cannot be used with FREQ=DAILY.', 'BYSETPOS with DAILY');
select throws_ok($$ select private.parse_rrule('FREQ=DAILY;INTERVAL=0') $$, '22023', 'INTERVAL must be a whole number from 1 to 1000.', 'INTERVAL=0');
select throws_ok($$ select private.parse_rrule('FREQ=DAILY;FREQ=WEEKLY') $$, '22023', 'Rule part FREQ appears more than once.', 'a repeated part');
select throws_ok($$ select private.parse_rrule('FREQ=DAILY;WKST=XX') $$, '22023', 'WKST=XX is not a weekday (MO..SU).', 'a bad WKST');
select throws_ok($$ select private.parse_rrule(e'DTSTART;TZID=Europe/London:20260101T090000\nRRULE:FREQ=DAILY') $$, '22023', 'The DTSTART property is not supported in a recurrence rule.', 'a DTSTART line');
select throws_ok($$ select private.parse_rrule(e'FREQ=DAILY\nRRULE:FREQ=WEEKLY') $$, '22023', 'Only one RRULE is supported.', 'two RRULEs');
select throws_ok($$ select private.parse_rrule(e'FREQ=DAILY\nEXDATE;TZID=Mars/Olympus:20260101T090000') $$, '22023', 'EXDATE time zone "Mars/Olympus" is not known.', 'an unknown EXDATE zone');

-- TEST: the hint names the supported parts.
create function pg_temp.hint_of(statement text) returns text language plpgsql as $f$
declare v_hint text;
begin
  execute statement;
  return null;
exception when invalid_parameter_value then
  get stacked diagnostics v_hint = pg_exception_hint;
  return v_hint;
end;
$f$;
select matches(
  pg_temp.hint_of($$ select private.parse_rrule('FREQ=YEARLY') $$),
  '^Supported: FREQ=DAILY\|WEEKLY\|MONTHLY; INTERVAL=n; BYDAY=.*BYMONTHDAY=.*BYSETPOS=.*WKST=.*UNTIL=.*COUNT=n.*EXDATE',
  'the hint lists FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYSETPOS, WKST, UNTIL, COUNT and EXDATE'
);

select * from finish();
rollback;

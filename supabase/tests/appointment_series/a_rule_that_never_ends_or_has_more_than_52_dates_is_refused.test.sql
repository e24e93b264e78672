-- book_appointment_series refuses with 22023 (and books nothing) a rule that never ends, more
-- than 52 occurrences (by COUNT or by UNTIL), a series ending more than 730 days after its first
-- appointment, a first_starts_at that is not the rule's first date, a rule outside the subset and
-- missing arguments.
begin;
select plan(9);

-- SETUP
select tests.create_appointment_fixtures();
select tests.authenticate_as('patient');
create function pg_temp.book(rule text, first timestamptz default tests.appointment_slot(2, '10:00'))
returns jsonb language sql as $$
  select tests.error_details_of(format(
    'select public.book_appointment_series(tests.tenancy_id(%L), tests.tenancy_id(%L), tests.tenancy_id(%L), %L::timestamptz, %L)',
    'appt_checkup', 'clinician_a', 'centre_a1', first, rule)) - 'detail'
$$;

-- TEST
select is(pg_temp.book('FREQ=WEEKLY'),
  '{"code": "22023", "message": "A series must end: give the rule a COUNT or an UNTIL.", "hint": "For example FREQ=WEEKLY;COUNT=8 (eight weeks) or FREQ=WEEKLY;UNTIL=20270131T235959Z."}'::jsonb,
  'a rule without COUNT or UNTIL is refused');
select is(pg_temp.book('FREQ=DAILY;COUNT=53'),
  '{"code": "22023", "message": "A series can have at most 52 appointments.", "hint": "Use COUNT=52 or less, or book a second series later."}'::jsonb,
  'COUNT=53 is refused');
select is(pg_temp.book('FREQ=DAILY;UNTIL=' || to_char((tests.appointment_slot(2, '10:00') + interval '60 days') at time zone 'UTC', 'YYYYMMDD"T"HH24MISS"Z"')),
  '{"code": "22023", "message": "A series can have at most 52 appointments.", "hint": "Use COUNT=52 or less, or an earlier UNTIL."}'::jsonb,
  'an UNTIL that gives 61 daily dates is refused');
select is(pg_temp.book('FREQ=MONTHLY;INTERVAL=12;COUNT=3') ->> 'message',
  'A series must end within 730 days of its first appointment.',
  'a series spanning three years is refused');
select is(pg_temp.book('FREQ=WEEKLY;BYDAY=' || (array['TU', 'WE', 'TH', 'FR', 'SA', 'SU', 'MO'])[extract(isodow from (tests.appointment_slot(2, '10:00') at time zone 'Europe/London'))::integer] || ';COUNT=2'),
  '{"code": "22023", "message": "first_starts_at must be the first date of the rule", "hint": "Start the series on a day the rule repeats on, e.g. a Monday for BYDAY=MO."}'::jsonb,
  'a first_starts_at on a day the rule does not repeat on is refused');
select is(pg_temp.book('FREQ=HOURLY;COUNT=3') ->> 'code', '22023', 'a rule outside the supported subset is refused');
select is(pg_temp.book(null) ->> 'message', 'service_id, clinician_id, centre_id, first_starts_at and rrule are required', 'the rule is required');
select is(pg_temp.book('FREQ=WEEKLY;COUNT=2', null) ->> 'code', '22023', 'first_starts_at is required');
reset role;
select is((select count(*)::integer from public.appointment_series) + (select count(*)::integer from public.appointments where tenant_id = tests.tenancy_id('tenant_a')),
  0, 'nothing was booked');

select * from finish();
rollback;

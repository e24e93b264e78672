-- COUNT and EXDATE;TZID keep their meaning on the wall clock when a rule's start time or zone is
-- edited. Stored normalised, COUNT=4 is UNTIL = the 4th start instant and EXDATE;TZID a UTC
-- instant; moving 09:00-17:00 to 10:00-18:00 without moving them would drop the 4th Monday (10:00
-- after UNTIL) and bring the excluded Monday back (10:00 does not match 09:00). An update that changes
-- local_start or timezone and leaves the rule text moves UNTIL and the EXDATEs with the
-- occurrences. Sending the rule text again counts afresh from the rule's DTSTART.
begin;
select plan(9);

-- SETUP: clinician_a at centre_a1 (London) on Mondays from 2 March 2026, 4 occurrences, the 2nd
-- (9 March) excluded: 2, 16 and 23 March
select tests.create_tenancy_fixtures();
insert into public.availability_rules (tenant_id, id, clinician_id, centre_id, local_start, local_end, rrule, valid_from)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('mondays'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
        '09:00', '17:00', e'FREQ=WEEKLY;BYDAY=MO;COUNT=4\nEXDATE;TZID=Europe/London:20260309T090000', date '2026-03-02');
create function pg_temp.windows() returns text[] language sql as $$
  select array(select tests.open_windows_utc('tenant_a', 'clinician_a', 'centre_a1', '2026-03-01 00:00Z', '2026-04-15 00:00Z')) $$;

-- TEST: as written
select is(pg_temp.windows(),
  array['[2026-03-02T09:00Z,2026-03-02T17:00Z)', '[2026-03-16T09:00Z,2026-03-16T17:00Z)', '[2026-03-23T09:00Z,2026-03-23T17:00Z)'],
  'as written: 2, 16 and 23 March, 09:00-17:00 (9 March excluded; the 4th occurrence is 23 March)');

-- TEST: one hour later
update public.availability_rules set local_start = '10:00', local_end = '18:00' where id = tests.tenancy_id('mondays');
select is(pg_temp.windows(),
  array['[2026-03-02T10:00Z,2026-03-02T18:00Z)', '[2026-03-16T10:00Z,2026-03-16T18:00Z)', '[2026-03-23T10:00Z,2026-03-23T18:00Z)'],
  'moved to 10:00-18:00: the same three Mondays (23 March kept, 9 March still excluded)');
select is((select rrule from public.availability_rules where id = tests.tenancy_id('mondays')),
  e'FREQ=WEEKLY;BYDAY=MO;UNTIL=20260323T100000Z\nEXDATE:20260309T100000Z',
  'UNTIL and the EXDATE moved with the occurrences');

-- TEST: across the change to summer time, and earlier in the day
update public.availability_rules set local_start = '08:00', local_end = '12:00', valid_from = date '2026-03-16' where id = tests.tenancy_id('mondays');
select is(pg_temp.windows(),
  array['[2026-03-16T08:00Z,2026-03-16T12:00Z)', '[2026-03-23T08:00Z,2026-03-23T12:00Z)'],
  'earlier and from 16 March: 16 and 23 March 08:00-12:00; the rule still ends on 23 March');

-- TEST: another zone keeps the local dates and times
update public.availability_rules set timezone = 'Europe/Paris', valid_from = date '2026-03-02' where id = tests.tenancy_id('mondays');
select is(pg_temp.windows(),
  array['[2026-03-02T07:00Z,2026-03-02T11:00Z)', '[2026-03-16T07:00Z,2026-03-16T11:00Z)', '[2026-03-23T07:00Z,2026-03-23T11:00Z)'],
  'in Europe/Paris: 08:00-12:00 Paris on 2, 16 and 23 March; 9 March still excluded');
select is((select rrule from public.availability_rules where id = tests.tenancy_id('mondays')),
  e'FREQ=WEEKLY;BYDAY=MO;UNTIL=20260323T070000Z\nEXDATE:20260309T070000Z',
  'UNTIL and the EXDATE are 08:00 Paris');

-- TEST: a rule whose end is an instant the user wrote keeps its last date too
update public.availability_rules set rrule = 'FREQ=DAILY;UNTIL=20260304T235959Z', timezone = 'Europe/London', local_start = '09:00', local_end = '17:00'
where id = tests.tenancy_id('mondays');
update public.availability_rules set local_start = '20:00', local_end = '23:00' where id = tests.tenancy_id('mondays');
select is(pg_temp.windows(),
  array['[2026-03-02T20:00Z,2026-03-02T23:00Z)', '[2026-03-03T20:00Z,2026-03-03T23:00Z)', '[2026-03-04T20:00Z,2026-03-04T23:00Z)'],
  'daily until the end of 4 March, moved to the evening: still 2, 3 and 4 March');

-- TEST: the rule text sent again is written afresh (COUNT counted from DTSTART)
update public.availability_rules set rrule = 'FREQ=WEEKLY;BYDAY=MO;COUNT=2', local_start = '09:00', local_end = '17:00'
where id = tests.tenancy_id('mondays');
select is(pg_temp.windows(),
  array['[2026-03-02T09:00Z,2026-03-02T17:00Z)', '[2026-03-09T09:00Z,2026-03-09T17:00Z)'],
  'a new rule text with COUNT=2: the first two Mondays from valid_from');

-- TEST: a clinician may edit their own rule the same way (the trigger runs for the writer)
select tests.authenticate_as('a_clinician');
update public.availability_rules set local_start = '09:30' where id = tests.tenancy_id('mondays');
reset role;
select is(pg_temp.windows(),
  array['[2026-03-02T09:30Z,2026-03-02T17:00Z)', '[2026-03-09T09:30Z,2026-03-09T17:00Z)'],
  'edited by the clinician: both Mondays kept at 09:30');

select * from finish();
rollback;

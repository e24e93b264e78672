-- On write a rule is normalised (private.normalise_rrule with DTSTART = valid_from + local_start
-- in the rule's zone): canonical text, COUNT replaced by UNTIL; the zone defaults to the centre's.
-- Changing what DTSTART depends on re-normalises; other edits leave the rule alone.
begin;
select plan(4);

-- SETUP
select tests.create_tenancy_fixtures();
insert into public.availability_rules (tenant_id, id, clinician_id, centre_id, local_start, local_end, rrule, valid_from)
values (tests.tenancy_id('tenant_b'), tests.tenancy_id('rule_count'), tests.tenancy_id('clinician_b'), tests.tenancy_id('centre_b1'),
        '09:00', '17:00', 'rrule:freq=weekly;byday=mo,we;count=3', date '2026-06-08');

-- TEST
select is((select timezone::text from public.availability_rules where id = tests.tenancy_id('rule_count')),
  'America/New_York', 'the zone defaults to the centre''s (centre_b1, New York)');
select is((select rrule from public.availability_rules where id = tests.tenancy_id('rule_count')),
  'FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20260615T130000Z',
  'COUNT=3 from Monday 8 June 09:00 EDT becomes UNTIL = 15 June 13:00Z, in canonical form');
update public.availability_rules set rrule = 'FREQ=DAILY;COUNT=2', valid_from = date '2026-11-01' where id = tests.tenancy_id('rule_count');
select is((select rrule from public.availability_rules where id = tests.tenancy_id('rule_count')),
  'FREQ=DAILY;UNTIL=20261102T140000Z',
  'an update re-normalises: COUNT=2 from 1 November 09:00 (EST after the change) ends 2 November 14:00Z');
update public.availability_rules set local_end = '18:00' where id = tests.tenancy_id('rule_count');
select is((select rrule from public.availability_rules where id = tests.tenancy_id('rule_count')),
  'FREQ=DAILY;UNTIL=20261102T140000Z', 'changing only the end time keeps the stored rule');

select * from finish();
rollback;

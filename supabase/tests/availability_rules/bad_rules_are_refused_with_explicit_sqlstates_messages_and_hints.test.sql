-- Writing a rule: an rrule outside the subset is refused by the parser (22023, its message and
-- hint), end not after start and valid_until before valid_from by the trigger (PT422 + hint), an
-- unknown zone by the iana_timezone domain (23514), a centre where the clinician does not work by
-- the foreign key (23503).
begin;
select plan(7);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select is(
  (tests.error_of($$ insert into public.availability_rules (tenant_id, clinician_id, centre_id, local_start, local_end, rrule, valid_from)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), '09:00', '17:00', 'FREQ=YEARLY', date '2026-06-01') $$))[1:2],
  array['22023', 'FREQ=YEARLY is not supported.'],
  'FREQ=YEARLY: 22023 from the parser');
select is(
  (tests.error_of($$ insert into public.availability_rules (tenant_id, clinician_id, centre_id, local_start, local_end, rrule, valid_from)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), '09:00', '17:00', 'FREQ=WEEKLY;BYHOUR=9', date '2026-06-01') $$))[1:2],
  array['22023', 'Rule part BYHOUR is not supported.'],
  'BYHOUR: 22023 from the parser');
select matches(
  (tests.error_of($$ insert into public.availability_rules (tenant_id, clinician_id, centre_id, local_start, local_end, rrule, valid_from)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), '09:00', '17:00', 'FREQ=WEEKLY;COUNT=3;UNTIL=20261231T000000Z', date '2026-06-01') $$))[3],
  '^Supported: FREQ=DAILY\|WEEKLY\|MONTHLY',
  'the parser''s hint lists the supported parts');
select is(
  tests.error_of($$ insert into public.availability_rules (tenant_id, clinician_id, centre_id, local_start, local_end, rrule, valid_from)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), '17:00', '09:00', 'FREQ=DAILY', date '2026-06-01') $$),
  array['PT422', 'local_end (09:00:00) must be after local_start (17:00:00)',
        'Hours are a same-day window in local time, e.g. 09:00-17:00; use 24:00 for the end of the day and a second rule for the hours after midnight.'],
  'end before start: PT422 with message and hint');
select is(
  tests.error_of($$ insert into public.availability_rules (tenant_id, clinician_id, centre_id, local_start, local_end, rrule, valid_from, valid_until)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), '09:00', '17:00', 'FREQ=DAILY', date '2026-06-01', date '2026-05-31') $$),
  array['PT422', 'valid_until (2026-05-31) is before valid_from (2026-06-01)',
        'valid_until is the last local date the rule applies (inclusive); leave it null for an open-ended rule.'],
  'valid_until before valid_from: PT422 with message and hint');
select throws_ok(
  $$ insert into public.availability_rules (tenant_id, clinician_id, centre_id, timezone, local_start, local_end, rrule, valid_from)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), 'Mars/Olympus', '09:00', '17:00', 'FREQ=DAILY', date '2026-06-01') $$,
  '23514', 'value for domain iana_timezone violates check constraint "iana_timezone_known"',
  'an unknown time zone: 23514 from the iana_timezone domain');
select throws_ok(
  $$ insert into public.availability_rules (tenant_id, clinician_id, centre_id, local_start, local_end, rrule, valid_from)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a2'), '09:00', '17:00', 'FREQ=DAILY', date '2026-06-01') $$,
  '23503', null,
  'hours at a centre where the clinician is not assigned: 23503 (foreign key to clinician_centres)');

select * from finish();
rollback;

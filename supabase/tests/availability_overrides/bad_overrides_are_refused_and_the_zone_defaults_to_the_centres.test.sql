-- Extra hours: end not after start -> PT422 with a hint; unknown zone -> 23514 (domain); a
-- centre where the clinician is not assigned -> 23503; no zone given -> the centre's.
begin;
select plan(4);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select is(
  tests.error_of($$ insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), date '2026-06-06', '13:00', '13:00') $$),
  array['PT422', 'local_end (13:00:00) must be after local_start (13:00:00)',
        'Extra hours are a same-day window in local time, e.g. 10:00-13:00; use 24:00 for the end of the day.'],
  'end equal to start: PT422 with message and hint');
select throws_ok(
  $$ insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end, timezone)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), date '2026-06-06', '10:00', '13:00', 'UTC+5') $$,
  '23514', 'value for domain iana_timezone violates check constraint "iana_timezone_known"',
  'a POSIX offset instead of a zone: 23514');
select throws_ok(
  $$ insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a2'), date '2026-06-06', '10:00', '13:00') $$,
  '23503', null,
  'a centre where the clinician is not assigned: 23503 (foreign key to clinician_centres)');
insert into public.availability_overrides (tenant_id, id, clinician_id, centre_id, local_date, local_start, local_end)
values (tests.tenancy_id('tenant_b'), tests.tenancy_id('override_zone'), tests.tenancy_id('clinician_b'), tests.tenancy_id('centre_b1'), date '2026-06-06', '10:00', '13:00');
select is((select timezone::text from public.availability_overrides where id = tests.tenancy_id('override_zone')),
  'America/New_York', 'without a zone the override takes its centre''s');

select * from finish();
rollback;

-- A rule applies from valid_from to valid_until, both local dates, inclusive; a COUNT rule stops
-- after its n-th occurrence (normalised to UNTIL on write).
begin;
select plan(3);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_availability_site('tenant_a', 'site_bounds', 'clin_bounds', 'Europe/London');
insert into public.availability_rules (tenant_id, clinician_id, centre_id, local_start, local_end, rrule, valid_from, valid_until)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clin_bounds'), tests.tenancy_id('site_bounds'),
        '09:00', '10:00', 'FREQ=DAILY', date '2026-06-10', date '2026-06-12');

-- TEST
select results_eq(
  $$ select * from tests.open_windows_utc('tenant_a', 'clin_bounds', 'site_bounds', '2026-06-08 00:00Z', '2026-06-15 00:00Z') $$,
  $$ values ('[2026-06-10T08:00Z,2026-06-10T09:00Z)'), ('[2026-06-11T08:00Z,2026-06-11T09:00Z)'),
            ('[2026-06-12T08:00Z,2026-06-12T09:00Z)') $$,
  'a daily rule valid 10-12 June gives 10, 11 and 12 June (valid_until inclusive), nothing before or after');

update public.availability_rules set valid_until = null, rrule = 'FREQ=DAILY;COUNT=2'
where clinician_id = tests.tenancy_id('clin_bounds');
select results_eq(
  $$ select * from tests.open_windows_utc('tenant_a', 'clin_bounds', 'site_bounds', '2026-06-08 00:00Z', '2026-06-15 00:00Z') $$,
  $$ values ('[2026-06-10T08:00Z,2026-06-10T09:00Z)'), ('[2026-06-11T08:00Z,2026-06-11T09:00Z)') $$,
  'COUNT=2 from 10 June gives 10 and 11 June');

update public.availability_rules set rrule = 'FREQ=DAILY', valid_from = date '2026-06-14'
where clinician_id = tests.tenancy_id('clin_bounds');
select results_eq(
  $$ select * from tests.open_windows_utc('tenant_a', 'clin_bounds', 'site_bounds', '2026-06-08 00:00Z', '2026-06-16 00:00Z') $$,
  $$ values ('[2026-06-14T08:00Z,2026-06-14T09:00Z)'), ('[2026-06-15T08:00Z,2026-06-15T09:00Z)') $$,
  'moving valid_from to 14 June starts the hours on 14 June');

select * from finish();
rollback;

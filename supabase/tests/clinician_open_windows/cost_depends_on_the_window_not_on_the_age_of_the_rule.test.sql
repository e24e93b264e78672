-- Expansion is bounded by the query window (private.rrule_occurrences never walks from DTSTART):
-- a rule valid since the year 1000 answers a one-week question like a rule from last week, well
-- inside a statement timeout that walking 374,000 days from valid_from would blow.
begin;
select plan(2);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_availability_site('tenant_a', 'site_old', 'clin_old', 'Europe/London');
select tests.create_availability_site('tenant_a', 'site_new', 'clin_new', 'Europe/London');
insert into public.availability_rules (tenant_id, clinician_id, centre_id, local_start, local_end, rrule, valid_from) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('clin_old'), tests.tenancy_id('site_old'), '09:00', '17:00', 'FREQ=DAILY', date '1000-01-01'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('clin_new'), tests.tenancy_id('site_new'), '09:00', '17:00', 'FREQ=DAILY', date '2026-10-19');

-- TEST
set local statement_timeout = '1s';
select results_eq(
  $$ select * from tests.open_windows_utc('tenant_a', 'clin_old', 'site_old', '2026-10-22 00:00Z', '2026-10-29 00:00Z') $$,
  $$ select * from tests.open_windows_utc('tenant_a', 'clin_new', 'site_new', '2026-10-22 00:00Z', '2026-10-29 00:00Z') $$,
  'a rule from the year 1000 gives the same week (across the October change) as one from 19 October 2026, within 1 s');
select is(
  (select count(*)::integer from tests.open_windows_utc('tenant_a', 'clin_old', 'site_old', '2026-10-22 00:00Z', '2026-10-29 00:00Z')),
  7, 'seven windows in the week');
reset statement_timeout;

select * from finish();
rollback;

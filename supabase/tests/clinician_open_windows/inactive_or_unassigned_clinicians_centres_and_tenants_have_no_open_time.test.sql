-- No open time for a clinician who is inactive, at a centre that is inactive or where they are not
-- assigned, or in an inactive tenant (rules may remain; they are not offered).
begin;
select plan(5);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_availability_fixtures();
select tests.create_availability_site('tenant_c', 'site_gamma', 'clin_gamma', 'Europe/Madrid');
insert into public.availability_rules (tenant_id, clinician_id, centre_id, local_start, local_end, rrule, valid_from)
values (tests.tenancy_id('tenant_c'), tests.tenancy_id('clin_gamma'), tests.tenancy_id('site_gamma'), '09:00', '17:00', 'FREQ=DAILY', date '2026-01-01');

-- TEST
select isnt_empty(
  $$ select * from tests.open_windows_utc('tenant_a', 'clinician_a', 'centre_a1', '2026-06-08 00:00Z', '2026-06-09 00:00Z') $$,
  'an active clinician at an active centre of an active tenant has open time (control)');
select is_empty(
  $$ select * from tests.open_windows_utc('tenant_a', 'clinician_a', 'centre_a2', '2026-06-08 00:00Z', '2026-06-09 00:00Z') $$,
  'none at a centre the clinician is not assigned to');
select is_empty(
  $$ select * from tests.open_windows_utc('tenant_c', 'clin_gamma', 'site_gamma', '2026-06-08 00:00Z', '2026-06-09 00:00Z') $$,
  'none in an inactive tenant');
update public.centres set is_active = false where id = tests.tenancy_id('centre_a1');
select is_empty(
  $$ select * from tests.open_windows_utc('tenant_a', 'clinician_a', 'centre_a1', '2026-06-08 00:00Z', '2026-06-09 00:00Z') $$,
  'none at an inactive centre');
update public.centres set is_active = true where id = tests.tenancy_id('centre_a1');
update public.clinicians set is_active = false where id = tests.tenancy_id('clinician_a');
select is_empty(
  $$ select * from tests.open_windows_utc('tenant_a', 'clinician_a', 'centre_a1', '2026-06-08 00:00Z', '2026-06-09 00:00Z') $$,
  'none for an inactive clinician');

select * from finish();
rollback;

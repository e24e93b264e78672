-- public.time_off: who may create rows. Allowed: owners, admins and managers, the manager of a centre where the clinician works and the clinician themselves, and service_role.
-- Everyone else gets 42501 (RLS with check; anon: no grant).
begin;
select plan(17);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_availability_fixtures();

-- TEST: anon has no insert grant
select tests.clear_authentication();
select throws_ok(
  $$insert into public.time_off (tenant_id, clinician_id, during, reason) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tstzrange('2026-09-07 09:00Z', '2026-09-07 10:00Z'), 'Errand')$$,
  '42501', 'permission denied for table time_off',
  'anon cannot create time off: 42501');
select tests.authenticate_as('a_owner');
select lives_ok(
  $$insert into public.time_off (tenant_id, clinician_id, during, reason) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tstzrange('2026-09-07 09:00Z', '2026-09-07 10:00Z'), 'Errand')$$,
  'the owner creates time off for clinician_a');
select tests.authenticate_as('a_admin');
select lives_ok(
  $$insert into public.time_off (tenant_id, clinician_id, during, reason) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tstzrange('2026-09-07 09:00Z', '2026-09-07 10:00Z'), 'Errand')$$,
  'an admin creates time off for clinician_a_2');
select tests.authenticate_as('a_manager');
select lives_ok(
  $$insert into public.time_off (tenant_id, clinician_id, during, reason) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_visiting'), tstzrange('2026-09-07 09:00Z', '2026-09-07 10:00Z'), 'Errand')$$,
  'a manager creates time off for clinician_a_visiting');
select tests.authenticate_as('a_centre_manager');
select lives_ok(
  $$insert into public.time_off (tenant_id, clinician_id, during, reason) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tstzrange('2026-09-07 09:00Z', '2026-09-07 10:00Z'), 'Errand')$$,
  'the centre manager of centre_a1 creates time off for clinician_a');
select tests.authenticate_as('a_centre_manager');
select throws_ok(
  $$insert into public.time_off (tenant_id, clinician_id, during, reason) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tstzrange('2026-09-07 09:00Z', '2026-09-07 10:00Z'), 'Errand')$$,
  '42501', 'new row violates row-level security policy for table "time_off"',
  'the centre manager of centre_a1 cannot create time off for clinician_a_2: 42501');
select tests.authenticate_as('a_clinician');
select lives_ok(
  $$insert into public.time_off (tenant_id, clinician_id, during, reason) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tstzrange('2026-09-07 09:00Z', '2026-09-07 10:00Z'), 'Errand')$$,
  'clinician_a (a_clinician) creates time off for clinician_a');
select tests.authenticate_as('a_clinician');
select throws_ok(
  $$insert into public.time_off (tenant_id, clinician_id, during, reason) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tstzrange('2026-09-07 09:00Z', '2026-09-07 10:00Z'), 'Errand')$$,
  '42501', 'new row violates row-level security policy for table "time_off"',
  'clinician_a (a_clinician) cannot create time off for clinician_a_2: 42501');
select tests.authenticate_as('a_clinician_2');
select lives_ok(
  $$insert into public.time_off (tenant_id, clinician_id, during, reason) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tstzrange('2026-09-07 09:00Z', '2026-09-07 10:00Z'), 'Errand')$$,
  'clinician_a_2 (a_clinician_2) creates time off for clinician_a_2');
select tests.authenticate_as('a_clinician_2');
select throws_ok(
  $$insert into public.time_off (tenant_id, clinician_id, during, reason) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tstzrange('2026-09-07 09:00Z', '2026-09-07 10:00Z'), 'Errand')$$,
  '42501', 'new row violates row-level security policy for table "time_off"',
  'clinician_a_2 (a_clinician_2) cannot create time off for clinician_a: 42501');
select tests.authenticate_as('a_care_coordinator');
select throws_ok(
  $$insert into public.time_off (tenant_id, clinician_id, during, reason) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tstzrange('2026-09-07 09:00Z', '2026-09-07 10:00Z'), 'Errand')$$,
  '42501', 'new row violates row-level security policy for table "time_off"',
  'a care coordinator cannot create time off for clinician_a: 42501');
select tests.authenticate_as('a_front_desk');
select throws_ok(
  $$insert into public.time_off (tenant_id, clinician_id, during, reason) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tstzrange('2026-09-07 09:00Z', '2026-09-07 10:00Z'), 'Errand')$$,
  '42501', 'new row violates row-level security policy for table "time_off"',
  'the front desk cannot create time off for clinician_a: 42501');
select tests.authenticate_as('patient');
select throws_ok(
  $$insert into public.time_off (tenant_id, clinician_id, during, reason) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tstzrange('2026-09-07 09:00Z', '2026-09-07 10:00Z'), 'Errand')$$,
  '42501', 'new row violates row-level security policy for table "time_off"',
  'a patient of tenant A cannot create time off for clinician_a: 42501');
select tests.authenticate_as('outsider');
select throws_ok(
  $$insert into public.time_off (tenant_id, clinician_id, during, reason) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tstzrange('2026-09-07 09:00Z', '2026-09-07 10:00Z'), 'Errand')$$,
  '42501', 'new row violates row-level security policy for table "time_off"',
  'a signed-in user with no role cannot create time off for clinician_a: 42501');
select tests.authenticate_as('b_owner');
select throws_ok(
  $$insert into public.time_off (tenant_id, clinician_id, during, reason) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tstzrange('2026-09-07 09:00Z', '2026-09-07 10:00Z'), 'Errand')$$,
  '42501', 'new row violates row-level security policy for table "time_off"',
  'the owner of tenant B cannot create time off for clinician_a: 42501');
select tests.authenticate_as_service_role();
select lives_ok(
  $$insert into public.time_off (tenant_id, clinician_id, during, reason) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tstzrange('2026-09-07 09:00Z', '2026-09-07 10:00Z'), 'Errand')$$,
  'service_role creates time off for clinician_a_2');
reset role;
select is((select count(*)::integer from public.time_off where tenant_id = tests.tenancy_id('tenant_a')), 2 + 7,
  'exactly the 7 permitted inserts created rows (next to the 2 fixture rows)');

select * from finish();
rollback;

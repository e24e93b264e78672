-- public.availability_overrides: who may create rows. Allowed: owners, admins and managers (any centre), the centre manager (their centre) and the clinician themselves, and service_role.
-- Everyone else gets 42501 (RLS with check; anon: no grant).
begin;
select plan(17);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_availability_fixtures();

-- TEST: anon has no insert grant
select tests.clear_authentication();
select throws_ok(
  $$insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), date '2026-09-05', '07:00', '08:00')$$,
  '42501', 'permission denied for table availability_overrides',
  'anon cannot create extra hours: 42501');
select tests.authenticate_as('a_owner');
select lives_ok(
  $$insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), date '2026-09-05', '07:00', '08:00')$$,
  'the owner creates hours of clinician_a at centre_a1');
select tests.authenticate_as('a_admin');
select lives_ok(
  $$insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2'), date '2026-09-05', '07:00', '08:00')$$,
  'an admin creates hours of clinician_a_2 at centre_a2');
select tests.authenticate_as('a_manager');
select lives_ok(
  $$insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a_unpublished'), date '2026-09-05', '07:00', '08:00')$$,
  'a manager creates hours of clinician_a at centre_a_unpublished');
select tests.authenticate_as('a_centre_manager');
select lives_ok(
  $$insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), date '2026-09-05', '07:00', '08:00')$$,
  'the centre manager of centre_a1 creates hours of clinician_a at centre_a1');
select tests.authenticate_as('a_centre_manager');
select throws_ok(
  $$insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2'), date '2026-09-05', '07:00', '08:00')$$,
  '42501', 'new row violates row-level security policy for table "availability_overrides"',
  'the centre manager of centre_a1 cannot create hours of clinician_a_2 at centre_a2: 42501');
select tests.authenticate_as('a_clinician');
select lives_ok(
  $$insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), date '2026-09-05', '07:00', '08:00')$$,
  'clinician_a (a_clinician) creates hours of clinician_a at centre_a1');
select tests.authenticate_as('a_clinician');
select throws_ok(
  $$insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2'), date '2026-09-05', '07:00', '08:00')$$,
  '42501', 'new row violates row-level security policy for table "availability_overrides"',
  'clinician_a (a_clinician) cannot create hours of clinician_a_2 at centre_a2: 42501');
select tests.authenticate_as('a_clinician_2');
select lives_ok(
  $$insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2'), date '2026-09-05', '07:00', '08:00')$$,
  'clinician_a_2 (a_clinician_2) creates hours of clinician_a_2 at centre_a2');
select tests.authenticate_as('a_clinician_2');
select throws_ok(
  $$insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), date '2026-09-05', '07:00', '08:00')$$,
  '42501', 'new row violates row-level security policy for table "availability_overrides"',
  'clinician_a_2 (a_clinician_2) cannot create hours of clinician_a at centre_a1: 42501');
select tests.authenticate_as('a_care_coordinator');
select throws_ok(
  $$insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), date '2026-09-05', '07:00', '08:00')$$,
  '42501', 'new row violates row-level security policy for table "availability_overrides"',
  'a care coordinator cannot create hours of clinician_a at centre_a1: 42501');
select tests.authenticate_as('a_front_desk');
select throws_ok(
  $$insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), date '2026-09-05', '07:00', '08:00')$$,
  '42501', 'new row violates row-level security policy for table "availability_overrides"',
  'the front desk cannot create hours of clinician_a at centre_a1: 42501');
select tests.authenticate_as('patient');
select throws_ok(
  $$insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), date '2026-09-05', '07:00', '08:00')$$,
  '42501', 'new row violates row-level security policy for table "availability_overrides"',
  'a patient of tenant A cannot create hours of clinician_a at centre_a1: 42501');
select tests.authenticate_as('outsider');
select throws_ok(
  $$insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), date '2026-09-05', '07:00', '08:00')$$,
  '42501', 'new row violates row-level security policy for table "availability_overrides"',
  'a signed-in user with no role cannot create hours of clinician_a at centre_a1: 42501');
select tests.authenticate_as('b_owner');
select throws_ok(
  $$insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), date '2026-09-05', '07:00', '08:00')$$,
  '42501', 'new row violates row-level security policy for table "availability_overrides"',
  'the owner of tenant B cannot create hours of clinician_a at centre_a1: 42501');
select tests.authenticate_as_service_role();
select lives_ok(
  $$insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2'), date '2026-09-05', '07:00', '08:00')$$,
  'service_role creates hours of clinician_a_2 at centre_a2');
reset role;
select is((select count(*)::integer from public.availability_overrides where tenant_id = tests.tenancy_id('tenant_a')), 2 + 7,
  'exactly the 7 permitted inserts created rows (next to the 2 fixture rows)');

select * from finish();
rollback;

-- public.holidays: who may create rows. Allowed: owners, admins and managers (tenant-wide or a centre) and the centre manager (their centre only), and service_role.
-- Everyone else gets 42501 (RLS with check; anon: no grant).
begin;
select plan(16);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_availability_fixtures();

-- TEST: anon has no insert grant
select tests.clear_authentication();
select throws_ok(
  $$insert into public.holidays (tenant_id, centre_id, local_date, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), date '2026-09-07', 'Closed')$$,
  '42501', 'permission denied for table holidays',
  'anon cannot create holidays: 42501');
select tests.authenticate_as('a_owner');
select lives_ok(
  $$insert into public.holidays (tenant_id, centre_id, local_date, name) values (tests.tenancy_id('tenant_a'), null, date '2026-09-07', 'Closed')$$,
  'the owner creates a tenant-wide holiday');
select tests.authenticate_as('a_admin');
select lives_ok(
  $$insert into public.holidays (tenant_id, centre_id, local_date, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a2'), date '2026-09-07', 'Closed')$$,
  'an admin creates a holiday of centre_a2');
select tests.authenticate_as('a_manager');
select lives_ok(
  $$insert into public.holidays (tenant_id, centre_id, local_date, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), date '2026-09-07', 'Closed')$$,
  'a manager creates a holiday of centre_a1');
select tests.authenticate_as('a_centre_manager');
select lives_ok(
  $$insert into public.holidays (tenant_id, centre_id, local_date, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), date '2026-09-07', 'Closed')$$,
  'the centre manager of centre_a1 creates a holiday of centre_a1');
select tests.authenticate_as('a_centre_manager');
select throws_ok(
  $$insert into public.holidays (tenant_id, centre_id, local_date, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a2'), date '2026-09-07', 'Closed')$$,
  '42501', 'new row violates row-level security policy for table "holidays"',
  'the centre manager of centre_a1 cannot create a holiday of centre_a2: 42501');
select tests.authenticate_as('a_centre_manager');
select throws_ok(
  $$insert into public.holidays (tenant_id, centre_id, local_date, name) values (tests.tenancy_id('tenant_a'), null, date '2026-09-07', 'Closed')$$,
  '42501', 'new row violates row-level security policy for table "holidays"',
  'the centre manager of centre_a1 cannot create a tenant-wide holiday: 42501');
select tests.authenticate_as('a_clinician');
select throws_ok(
  $$insert into public.holidays (tenant_id, centre_id, local_date, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), date '2026-09-07', 'Closed')$$,
  '42501', 'new row violates row-level security policy for table "holidays"',
  'clinician_a (a_clinician) cannot create a holiday of centre_a1: 42501');
select tests.authenticate_as('a_clinician_2');
select throws_ok(
  $$insert into public.holidays (tenant_id, centre_id, local_date, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a2'), date '2026-09-07', 'Closed')$$,
  '42501', 'new row violates row-level security policy for table "holidays"',
  'clinician_a_2 (a_clinician_2) cannot create a holiday of centre_a2: 42501');
select tests.authenticate_as('a_care_coordinator');
select throws_ok(
  $$insert into public.holidays (tenant_id, centre_id, local_date, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), date '2026-09-07', 'Closed')$$,
  '42501', 'new row violates row-level security policy for table "holidays"',
  'a care coordinator cannot create a holiday of centre_a1: 42501');
select tests.authenticate_as('a_front_desk');
select throws_ok(
  $$insert into public.holidays (tenant_id, centre_id, local_date, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), date '2026-09-07', 'Closed')$$,
  '42501', 'new row violates row-level security policy for table "holidays"',
  'the front desk cannot create a holiday of centre_a1: 42501');
select tests.authenticate_as('patient');
select throws_ok(
  $$insert into public.holidays (tenant_id, centre_id, local_date, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), date '2026-09-07', 'Closed')$$,
  '42501', 'new row violates row-level security policy for table "holidays"',
  'a patient of tenant A cannot create a holiday of centre_a1: 42501');
select tests.authenticate_as('outsider');
select throws_ok(
  $$insert into public.holidays (tenant_id, centre_id, local_date, name) values (tests.tenancy_id('tenant_a'), null, date '2026-09-07', 'Closed')$$,
  '42501', 'new row violates row-level security policy for table "holidays"',
  'a signed-in user with no role cannot create a tenant-wide holiday: 42501');
select tests.authenticate_as('b_owner');
select throws_ok(
  $$insert into public.holidays (tenant_id, centre_id, local_date, name) values (tests.tenancy_id('tenant_a'), null, date '2026-09-07', 'Closed')$$,
  '42501', 'new row violates row-level security policy for table "holidays"',
  'the owner of tenant B cannot create a tenant-wide holiday: 42501');
select tests.authenticate_as_service_role();
select lives_ok(
  $$insert into public.holidays (tenant_id, centre_id, local_date, name) values (tests.tenancy_id('tenant_a'), null, date '2026-09-07', 'Closed')$$,
  'service_role creates a tenant-wide holiday');
reset role;
select is((select count(*)::integer from public.holidays where tenant_id = tests.tenancy_id('tenant_a')), 3 + 5,
  'exactly the 5 permitted inserts created rows (next to the 3 fixture rows)');

select * from finish();
rollback;

-- public.holidays: who may change rows (owners, admins and managers (tenant-wide or a centre) and the centre manager (their centre only), and service_role);
-- others change zero rows (RLS using), anon has no grant (42501), and a permitted writer cannot
-- move a row out of their reach (RLS with check, 42501).
begin;
select plan(18);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_availability_fixtures();

-- TEST: anon has no update grant
select tests.clear_authentication();
select throws_ok(
  $$ update public.holidays set name = 'Edited' where tenant_id = tests.tenancy_id('tenant_a') $$,
  '42501', 'permission denied for table holidays',
  'anon cannot change holidays: 42501');
select tests.authenticate_as('a_owner');
select isnt_empty(
  $$ update public.holidays set name = 'Edited' where id = tests.tenancy_id('holiday_a') returning 1 $$,
  'the owner changes holiday_a');
select tests.authenticate_as('a_admin');
select isnt_empty(
  $$ update public.holidays set name = 'Edited' where id = tests.tenancy_id('holiday_a2') returning 1 $$,
  'an admin changes holiday_a2');
select tests.authenticate_as('a_manager');
select isnt_empty(
  $$ update public.holidays set name = 'Edited' where id = tests.tenancy_id('holiday_a1') returning 1 $$,
  'a manager changes holiday_a1');
select tests.authenticate_as('a_centre_manager');
select isnt_empty(
  $$ update public.holidays set name = 'Edited' where id = tests.tenancy_id('holiday_a1') returning 1 $$,
  'the centre manager of centre_a1 changes holiday_a1');
select tests.authenticate_as('a_centre_manager');
select is_empty(
  $$ update public.holidays set name = 'Edited' where id = tests.tenancy_id('holiday_a2') returning 1 $$,
  'the centre manager of centre_a1 cannot change holiday_a2: zero rows');
select tests.authenticate_as('a_centre_manager');
select is_empty(
  $$ update public.holidays set name = 'Edited' where id = tests.tenancy_id('holiday_a') returning 1 $$,
  'the centre manager of centre_a1 cannot change holiday_a: zero rows');
select tests.authenticate_as('a_clinician');
select is_empty(
  $$ update public.holidays set name = 'Edited' where id = tests.tenancy_id('holiday_a1') returning 1 $$,
  'clinician_a (a_clinician) cannot change holiday_a1: zero rows');
select tests.authenticate_as('a_clinician_2');
select is_empty(
  $$ update public.holidays set name = 'Edited' where id = tests.tenancy_id('holiday_a2') returning 1 $$,
  'clinician_a_2 (a_clinician_2) cannot change holiday_a2: zero rows');
select tests.authenticate_as('a_care_coordinator');
select is_empty(
  $$ update public.holidays set name = 'Edited' where id = tests.tenancy_id('holiday_a1') returning 1 $$,
  'a care coordinator cannot change holiday_a1: zero rows');
select tests.authenticate_as('a_front_desk');
select is_empty(
  $$ update public.holidays set name = 'Edited' where id = tests.tenancy_id('holiday_a1') returning 1 $$,
  'the front desk cannot change holiday_a1: zero rows');
select tests.authenticate_as('patient');
select is_empty(
  $$ update public.holidays set name = 'Edited' where id = tests.tenancy_id('holiday_a1') returning 1 $$,
  'a patient of tenant A cannot change holiday_a1: zero rows');
select tests.authenticate_as('outsider');
select is_empty(
  $$ update public.holidays set name = 'Edited' where id = tests.tenancy_id('holiday_a') returning 1 $$,
  'a signed-in user with no role cannot change holiday_a: zero rows');
select tests.authenticate_as('b_owner');
select is_empty(
  $$ update public.holidays set name = 'Edited' where id = tests.tenancy_id('holiday_a') returning 1 $$,
  'the owner of tenant B cannot change holiday_a: zero rows');
select tests.authenticate_as_service_role();
select isnt_empty(
  $$ update public.holidays set name = 'Edited' where id = tests.tenancy_id('holiday_b') returning 1 $$,
  'service_role changes holiday_b');

-- TEST: the new row must pass the policy too (with check)
select tests.authenticate_as('a_centre_manager');
select throws_ok(
  $$ update public.holidays set centre_id = null where id = tests.tenancy_id('holiday_a1') $$,
  '42501', 'new row violates row-level security policy for table "holidays"',
  'the centre manager of centre_a1 cannot turn their centres holiday into a tenant-wide one: 42501');
select tests.authenticate_as('a_centre_manager');
select throws_ok(
  $$ update public.holidays set centre_id = tests.tenancy_id('centre_a2') where id = tests.tenancy_id('holiday_a1') $$,
  '42501', 'new row violates row-level security policy for table "holidays"',
  'the centre manager of centre_a1 cannot move their centres holiday to another centre: 42501');
reset role;
select is((select count(*)::integer from public.holidays where tenant_id = any (tests.tenancy_tenant_ids()) and name = 'Edited'), 4,
  'only the rows of permitted updates changed');

select * from finish();
rollback;

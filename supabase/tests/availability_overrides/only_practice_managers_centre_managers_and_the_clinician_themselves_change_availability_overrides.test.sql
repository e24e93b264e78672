-- public.availability_overrides: who may change rows (owners, admins and managers (any centre), the centre manager (their centre) and the clinician themselves, and service_role);
-- others change zero rows (RLS using), anon has no grant (42501), and a permitted writer cannot
-- move a row out of their reach (RLS with check, 42501).
begin;
select plan(19);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_availability_fixtures();

-- TEST: anon has no update grant
select tests.clear_authentication();
select throws_ok(
  $$ update public.availability_overrides set local_end = '13:30' where tenant_id = tests.tenancy_id('tenant_a') $$,
  '42501', 'permission denied for table availability_overrides',
  'anon cannot change extra hours: 42501');
reset role;

-- TEST: each caller changes one row of extra hours; permitted changes are kept
select is(
  tests.attempt_as(m.who, format(
    $$ update public.availability_overrides set local_end = '13:30' where id = tests.tenancy_id(%L) returning 1 $$,
    m.override)),
  m.expected,
  m.description)
from (values
  ('a_owner', 'override_a', '1 row', 'the owner changes override_a'),
  ('a_admin', 'override_a_2', '1 row', 'an admin changes override_a_2'),
  ('a_manager', 'override_a', '1 row', 'a manager changes override_a'),
  ('a_centre_manager', 'override_a', '1 row', 'the centre manager of centre_a1 changes override_a'),
  ('a_centre_manager', 'override_a_2', '0 rows', 'the centre manager of centre_a1 cannot change override_a_2: zero rows'),
  ('a_clinician', 'override_a', '1 row', 'clinician_a (a_clinician) changes override_a'),
  ('a_clinician', 'override_a_2', '0 rows', 'clinician_a (a_clinician) cannot change override_a_2: zero rows'),
  ('a_clinician_2', 'override_a_2', '1 row', 'clinician_a_2 (a_clinician_2) changes override_a_2'),
  ('a_clinician_2', 'override_a', '0 rows', 'clinician_a_2 (a_clinician_2) cannot change override_a: zero rows'),
  ('a_care_coordinator', 'override_a', '0 rows', 'a care coordinator cannot change override_a: zero rows'),
  ('a_front_desk', 'override_a', '0 rows', 'the front desk cannot change override_a: zero rows'),
  ('patient', 'override_a', '0 rows', 'a patient of tenant A cannot change override_a: zero rows'),
  ('outsider', 'override_a', '0 rows', 'a signed-in user with no role cannot change override_a: zero rows'),
  ('b_owner', 'override_a', '0 rows', 'the owner of tenant B cannot change override_a: zero rows'),
  ('service_role', 'override_b', '1 row', 'service_role changes override_b')
) as m(who, override, expected, description);

-- TEST: the new row must pass the policy too (with check)
select tests.authenticate_as('a_clinician');
select throws_ok(
  $$ update public.availability_overrides set clinician_id = tests.tenancy_id('clinician_a_2'), centre_id = tests.tenancy_id('centre_a2') where id = tests.tenancy_id('override_a') $$,
  '42501', 'new row violates row-level security policy for table "availability_overrides"',
  'clinician_a (a_clinician) cannot hand their own hours to a colleague: 42501');
select tests.authenticate_as('a_centre_manager');
select throws_ok(
  $$ update public.availability_overrides set clinician_id = tests.tenancy_id('clinician_a_2'), centre_id = tests.tenancy_id('centre_a2') where id = tests.tenancy_id('override_a') $$,
  '42501', 'new row violates row-level security policy for table "availability_overrides"',
  'the centre manager of centre_a1 cannot move hours to a centre they do not manage: 42501');
reset role;
select is((select count(*)::integer from public.availability_overrides where tenant_id = any (tests.tenancy_tenant_ids()) and local_end = '13:30'), 3,
  'only the rows of permitted updates changed');

select * from finish();
rollback;

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
reset role;

-- TEST: each caller changes one holiday; permitted changes are kept
select is(
  tests.attempt_as(m.who, format(
    $$ update public.holidays set name = 'Edited' where id = tests.tenancy_id(%L) returning 1 $$,
    m.holiday)),
  m.expected,
  m.description)
from (values
  ('a_owner', 'holiday_a', '1 row', 'the owner changes holiday_a'),
  ('a_admin', 'holiday_a2', '1 row', 'an admin changes holiday_a2'),
  ('a_manager', 'holiday_a1', '1 row', 'a manager changes holiday_a1'),
  ('a_centre_manager', 'holiday_a1', '1 row', 'the centre manager of centre_a1 changes holiday_a1'),
  ('a_centre_manager', 'holiday_a2', '0 rows', 'the centre manager of centre_a1 cannot change holiday_a2: zero rows'),
  ('a_centre_manager', 'holiday_a', '0 rows', 'the centre manager of centre_a1 cannot change holiday_a: zero rows'),
  ('a_clinician', 'holiday_a1', '0 rows', 'clinician_a (a_clinician) cannot change holiday_a1: zero rows'),
  ('a_clinician_2', 'holiday_a2', '0 rows', 'clinician_a_2 (a_clinician_2) cannot change holiday_a2: zero rows'),
  ('a_care_coordinator', 'holiday_a1', '0 rows', 'a care coordinator cannot change holiday_a1: zero rows'),
  ('a_front_desk', 'holiday_a1', '0 rows', 'the front desk cannot change holiday_a1: zero rows'),
  ('patient', 'holiday_a1', '0 rows', 'a patient of tenant A cannot change holiday_a1: zero rows'),
  ('outsider', 'holiday_a', '0 rows', 'a signed-in user with no role cannot change holiday_a: zero rows'),
  ('b_owner', 'holiday_a', '0 rows', 'the owner of tenant B cannot change holiday_a: zero rows'),
  ('service_role', 'holiday_b', '1 row', 'service_role changes holiday_b')
) as m(who, holiday, expected, description);

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

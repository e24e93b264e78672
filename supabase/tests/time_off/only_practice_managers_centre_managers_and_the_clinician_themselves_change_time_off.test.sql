-- public.time_off: who may change rows (owners, admins and managers, the manager of a centre where the clinician works and the clinician themselves, and service_role);
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
  $$ update public.time_off set reason = 'Edited' where tenant_id = tests.tenancy_id('tenant_a') $$,
  '42501', 'permission denied for table time_off',
  'anon cannot change time off: 42501');
reset role;

-- TEST: each caller changes one row of time off; permitted changes are kept
select is(
  tests.attempt_as(m.who, format(
    $$ update public.time_off set reason = 'Edited' where id = tests.tenancy_id(%L) returning 1 $$,
    m.time_off)),
  m.expected,
  m.description)
from (values
  ('a_owner', 'time_off_a', '1 row', 'the owner changes time_off_a'),
  ('a_admin', 'time_off_a_2', '1 row', 'an admin changes time_off_a_2'),
  ('a_manager', 'time_off_a_2', '1 row', 'a manager changes time_off_a_2'),
  ('a_centre_manager', 'time_off_a', '1 row', 'the centre manager of centre_a1 changes time_off_a'),
  ('a_centre_manager', 'time_off_a_2', '0 rows', 'the centre manager of centre_a1 cannot change time_off_a_2: zero rows'),
  ('a_clinician', 'time_off_a', '1 row', 'clinician_a (a_clinician) changes time_off_a'),
  ('a_clinician', 'time_off_a_2', '0 rows', 'clinician_a (a_clinician) cannot change time_off_a_2: zero rows'),
  ('a_clinician_2', 'time_off_a_2', '1 row', 'clinician_a_2 (a_clinician_2) changes time_off_a_2'),
  ('a_clinician_2', 'time_off_a', '0 rows', 'clinician_a_2 (a_clinician_2) cannot change time_off_a: zero rows'),
  ('a_care_coordinator', 'time_off_a', '0 rows', 'a care coordinator cannot change time_off_a: zero rows'),
  ('a_front_desk', 'time_off_a', '0 rows', 'the front desk cannot change time_off_a: zero rows'),
  ('patient', 'time_off_a', '0 rows', 'a patient of tenant A cannot change time_off_a: zero rows'),
  ('outsider', 'time_off_a', '0 rows', 'a signed-in user with no role cannot change time_off_a: zero rows'),
  ('b_owner', 'time_off_a', '0 rows', 'the owner of tenant B cannot change time_off_a: zero rows'),
  ('service_role', 'time_off_b', '1 row', 'service_role changes time_off_b')
) as m(who, time_off, expected, description);

-- TEST: the new row must pass the policy too (with check)
select tests.authenticate_as('a_clinician');
select throws_ok(
  $$ update public.time_off set clinician_id = tests.tenancy_id('clinician_a_2') where id = tests.tenancy_id('time_off_a') $$,
  '42501', 'new row violates row-level security policy for table "time_off"',
  'clinician_a (a_clinician) cannot move their own time off to a colleague: 42501');
select tests.authenticate_as('a_centre_manager');
select throws_ok(
  $$ update public.time_off set clinician_id = tests.tenancy_id('clinician_a_2') where id = tests.tenancy_id('time_off_a') $$,
  '42501', 'new row violates row-level security policy for table "time_off"',
  'the centre manager of centre_a1 cannot move time off to a clinician of another centre: 42501');
reset role;
select is((select count(*)::integer from public.time_off where tenant_id = any (tests.tenancy_tenant_ids()) and reason = 'Edited'), 3,
  'only the rows of permitted updates changed');

select * from finish();
rollback;

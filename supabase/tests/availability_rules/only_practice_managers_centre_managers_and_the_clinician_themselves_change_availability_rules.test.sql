-- public.availability_rules: who may change rows (owners, admins and managers (any centre), the centre manager (their centre) and the clinician themselves, and service_role);
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
  $$ update public.availability_rules set local_end = '17:30' where tenant_id = tests.tenancy_id('tenant_a') $$,
  '42501', 'permission denied for table availability_rules',
  'anon cannot change recurring hours: 42501');
reset role;

-- TEST: each caller changes one rule; permitted changes are kept
select is(
  tests.attempt_as(m.who, format(
    $$ update public.availability_rules set local_end = '17:30' where id = tests.tenancy_id(%L) returning 1 $$,
    m.rule)),
  m.expected,
  m.description)
from (values
  ('a_owner', 'rule_a', '1 row', 'the owner changes rule_a'),
  ('a_admin', 'rule_a_2', '1 row', 'an admin changes rule_a_2'),
  ('a_manager', 'rule_a', '1 row', 'a manager changes rule_a'),
  ('a_centre_manager', 'rule_a', '1 row', 'the centre manager of centre_a1 changes rule_a'),
  ('a_centre_manager', 'rule_a_2', '0 rows', 'the centre manager of centre_a1 cannot change rule_a_2: zero rows'),
  ('a_clinician', 'rule_a', '1 row', 'clinician_a (a_clinician) changes rule_a'),
  ('a_clinician', 'rule_a_2', '0 rows', 'clinician_a (a_clinician) cannot change rule_a_2: zero rows'),
  ('a_clinician_2', 'rule_a_2', '1 row', 'clinician_a_2 (a_clinician_2) changes rule_a_2'),
  ('a_clinician_2', 'rule_a', '0 rows', 'clinician_a_2 (a_clinician_2) cannot change rule_a: zero rows'),
  ('a_care_coordinator', 'rule_a', '0 rows', 'a care coordinator cannot change rule_a: zero rows'),
  ('a_front_desk', 'rule_a', '0 rows', 'the front desk cannot change rule_a: zero rows'),
  ('patient', 'rule_a', '0 rows', 'a patient of tenant A cannot change rule_a: zero rows'),
  ('outsider', 'rule_a', '0 rows', 'a signed-in user with no role cannot change rule_a: zero rows'),
  ('b_owner', 'rule_a', '0 rows', 'the owner of tenant B cannot change rule_a: zero rows'),
  ('service_role', 'rule_b', '1 row', 'service_role changes rule_b')
) as m(who, rule, expected, description);

-- TEST: the new row must pass the policy too (with check)
select tests.authenticate_as('a_clinician');
select throws_ok(
  $$ update public.availability_rules set clinician_id = tests.tenancy_id('clinician_a_2'), centre_id = tests.tenancy_id('centre_a2') where id = tests.tenancy_id('rule_a') $$,
  '42501', 'new row violates row-level security policy for table "availability_rules"',
  'clinician_a (a_clinician) cannot hand their own hours to a colleague: 42501');
select tests.authenticate_as('a_centre_manager');
select throws_ok(
  $$ update public.availability_rules set clinician_id = tests.tenancy_id('clinician_a_2'), centre_id = tests.tenancy_id('centre_a2') where id = tests.tenancy_id('rule_a') $$,
  '42501', 'new row violates row-level security policy for table "availability_rules"',
  'the centre manager of centre_a1 cannot move hours to a centre they do not manage: 42501');
reset role;
select is((select count(*)::integer from public.availability_rules where tenant_id = any (tests.tenancy_tenant_ids()) and local_end = '17:30'), 3,
  'only the rows of permitted updates changed');

select * from finish();
rollback;

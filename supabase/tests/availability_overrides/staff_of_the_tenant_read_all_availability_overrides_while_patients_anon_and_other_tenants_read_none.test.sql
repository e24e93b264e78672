-- public.availability_overrides: every staff role of the tenant reads all of it; patients, signed-in strangers and
-- other tenants read nothing; anon has no grant (42501); service_role reads everything.
begin;
select plan(14);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_availability_fixtures();

-- TEST: anon (no grant)
select tests.clear_authentication();
select throws_ok(
  $$ select 1 from public.availability_overrides $$,
  '42501', 'permission denied for table availability_overrides',
  'anon cannot read extra hours at all: 42501');
reset role;

-- TEST: staff of tenant A, any role and scope, read all of tenant A's rows; patients, strangers and
-- tenant B read none of them; service_role bypasses RLS
select is(
  tests.outcome_as(m.who, format($$ select 1 from public.availability_overrides where %s $$, m.rows)),
  m.expected,
  m.description)
from (values
  ('a_owner', $$tenant_id = tests.tenancy_id('tenant_a')$$, '2 rows', 'the owner reads every row of tenant A''s extra hours'),
  ('a_admin', $$tenant_id = tests.tenancy_id('tenant_a')$$, '2 rows', 'an admin reads every row of tenant A''s extra hours'),
  ('a_manager', $$tenant_id = tests.tenancy_id('tenant_a')$$, '2 rows', 'a manager reads every row of tenant A''s extra hours'),
  ('a_centre_manager', $$tenant_id = tests.tenancy_id('tenant_a')$$, '2 rows', 'the centre manager of centre_a1 reads every row of tenant A''s extra hours'),
  ('a_clinician', $$tenant_id = tests.tenancy_id('tenant_a')$$, '2 rows', 'clinician_a (a_clinician) reads every row of tenant A''s extra hours'),
  ('a_clinician_2', $$tenant_id = tests.tenancy_id('tenant_a')$$, '2 rows', 'clinician_a_2 (a_clinician_2) reads every row of tenant A''s extra hours'),
  ('a_care_coordinator', $$tenant_id = tests.tenancy_id('tenant_a')$$, '2 rows', 'a care coordinator reads every row of tenant A''s extra hours'),
  ('a_front_desk', $$tenant_id = tests.tenancy_id('tenant_a')$$, '2 rows', 'the front desk reads every row of tenant A''s extra hours'),
  ('patient', $$true$$, '0 rows', 'a patient of tenant A reads no extra hours of any tenant'),
  ('outsider', $$true$$, '0 rows', 'a signed-in user with no role reads no extra hours of any tenant'),
  ('b_owner', $$tenant_id = tests.tenancy_id('tenant_a')$$, '0 rows', 'the owner of tenant B reads none of tenant A''s extra hours'),
  ('b_owner', $$tenant_id = tests.tenancy_id('tenant_b')$$, '1 row', 'the owner of tenant B reads their own tenant''s extra hours'),
  ('service_role', $$tenant_id = any (tests.tenancy_tenant_ids())$$, '3 rows', 'service_role reads every row')
) as m(who, rows, expected, description);

select * from finish();
rollback;

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

-- TEST: staff of tenant A, any role and scope, read all of tenant A's rows
select tests.authenticate_as('a_owner');
select is((select count(*)::integer from public.availability_overrides where tenant_id = tests.tenancy_id('tenant_a')), 2,
  'the owner reads every row of tenant A''s extra hours');
select tests.authenticate_as('a_admin');
select is((select count(*)::integer from public.availability_overrides where tenant_id = tests.tenancy_id('tenant_a')), 2,
  'an admin reads every row of tenant A''s extra hours');
select tests.authenticate_as('a_manager');
select is((select count(*)::integer from public.availability_overrides where tenant_id = tests.tenancy_id('tenant_a')), 2,
  'a manager reads every row of tenant A''s extra hours');
select tests.authenticate_as('a_centre_manager');
select is((select count(*)::integer from public.availability_overrides where tenant_id = tests.tenancy_id('tenant_a')), 2,
  'the centre manager of centre_a1 reads every row of tenant A''s extra hours');
select tests.authenticate_as('a_clinician');
select is((select count(*)::integer from public.availability_overrides where tenant_id = tests.tenancy_id('tenant_a')), 2,
  'clinician_a (a_clinician) reads every row of tenant A''s extra hours');
select tests.authenticate_as('a_clinician_2');
select is((select count(*)::integer from public.availability_overrides where tenant_id = tests.tenancy_id('tenant_a')), 2,
  'clinician_a_2 (a_clinician_2) reads every row of tenant A''s extra hours');
select tests.authenticate_as('a_care_coordinator');
select is((select count(*)::integer from public.availability_overrides where tenant_id = tests.tenancy_id('tenant_a')), 2,
  'a care coordinator reads every row of tenant A''s extra hours');
select tests.authenticate_as('a_front_desk');
select is((select count(*)::integer from public.availability_overrides where tenant_id = tests.tenancy_id('tenant_a')), 2,
  'the front desk reads every row of tenant A''s extra hours');

-- TEST: not staff of tenant A
select tests.authenticate_as('patient');
select is((select count(*)::integer from public.availability_overrides), 0,
  'a patient of tenant A reads no extra hours of any tenant');
select tests.authenticate_as('outsider');
select is((select count(*)::integer from public.availability_overrides), 0,
  'a signed-in user with no role reads no extra hours of any tenant');
select tests.authenticate_as('b_owner');
select is((select count(*)::integer from public.availability_overrides where tenant_id = tests.tenancy_id('tenant_a')), 0,
  'the owner of tenant B reads none of tenant A''s extra hours');
select is((select count(*)::integer from public.availability_overrides where tenant_id = tests.tenancy_id('tenant_b')), 1,
  'the owner of tenant B reads their own tenant''s extra hours');

-- TEST: service_role bypasses RLS
select tests.authenticate_as_service_role();
select is((select count(*)::integer from public.availability_overrides where tenant_id = any (tests.tenancy_tenant_ids())), 3,
  'service_role reads every row');

select * from finish();
rollback;

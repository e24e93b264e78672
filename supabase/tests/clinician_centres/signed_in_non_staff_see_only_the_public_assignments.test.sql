-- A signed-in person who is not staff (a patient, or a user with no record) sees what a visitor
-- sees: public, active clinicians at published centres of active tenants.
begin;
select plan(2);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.authenticate_as('patient');
select results_eq(
  $$ select clinician_id, centre_id from public.clinician_centres where tenant_id = any (tests.tenancy_tenant_ids()) order by 1, 2 $$,
  $$ select clinician_id, centre_id from (values (tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a2')), (tests.tenancy_id('clinician_b'), tests.tenancy_id('centre_b1'))) as v (clinician_id, centre_id) order by 1, 2 $$,
  'a patient of tenants A and B sees only the public assignments');
select tests.authenticate_as('outsider');
select results_eq(
  $$ select clinician_id, centre_id from public.clinician_centres where tenant_id = any (tests.tenancy_tenant_ids()) order by 1, 2 $$,
  $$ select clinician_id, centre_id from (values (tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a2')), (tests.tenancy_id('clinician_b'), tests.tenancy_id('centre_b1'))) as v (clinician_id, centre_id) order by 1, 2 $$,
  'a signed-in user with no tie to any tenant sees only the public assignments');

select * from finish();
rollback;

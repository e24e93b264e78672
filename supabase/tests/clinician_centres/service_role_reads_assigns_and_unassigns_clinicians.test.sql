-- service_role bypasses RLS: it reads every assignment and assigns or removes clinicians in any
-- tenant (SELECT, INSERT, DELETE; no UPDATE, see nobody_updates_an_assignment_in_place).
begin;
select plan(3);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.authenticate_as_service_role();

-- TEST
select results_eq(
  $$ select clinician_id, centre_id from public.clinician_centres where tenant_id = any (tests.tenancy_tenant_ids()) order by 1, 2 $$,
  $$ select clinician_id, centre_id from (values (tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1')), (tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a_unpublished')), (tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2')), (tests.tenancy_id('clinician_a_retired'), tests.tenancy_id('centre_a1')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a2')), (tests.tenancy_id('clinician_b'), tests.tenancy_id('centre_b1')), (tests.tenancy_id('clinician_c'), tests.tenancy_id('centre_c1'))) as v (clinician_id, centre_id) order by 1, 2 $$,
  'service_role reads every assignment of every tenant');
select lives_ok(
  $$ insert into public.clinician_centres (tenant_id, clinician_id, centre_id)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a1')) $$,
  'service_role assigns a clinician');
select results_eq(
  $$ delete from public.clinician_centres where tenant_id = tests.tenancy_id('tenant_b') returning clinician_id $$,
  $$ values (tests.tenancy_id('clinician_b')) $$,
  'service_role removes any assignment');

select * from finish();
rollback;

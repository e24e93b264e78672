-- Owners, admins and managers assign clinicians to centres of their tenant and remove them;
-- never across tenants.
begin;
select plan(9);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.authenticate_as('a_owner');
select lives_ok(
  $$ insert into public.clinician_centres (tenant_id, clinician_id, centre_id)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a1')) $$,
  'the owner of tenant A assigns clinician_a_visiting to centre_a1');
select tests.authenticate_as('a_admin');
select lives_ok(
  $$ insert into public.clinician_centres (tenant_id, clinician_id, centre_id)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a1')) $$,
  'an admin of tenant A assigns clinician_a_2 to centre_a1');
select tests.authenticate_as('a_manager');
select lives_ok(
  $$ insert into public.clinician_centres (tenant_id, clinician_id, centre_id)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a2')) $$,
  'a manager of tenant A assigns clinician_a to centre_a2');
select tests.authenticate_as('a_owner');
select results_eq(
  $$ delete from public.clinician_centres where clinician_id = tests.tenancy_id('clinician_a') and centre_id = tests.tenancy_id('centre_a_unpublished') returning 1 $$,
  $$ values (1) $$,
  'the owner of tenant A removes clinician_a from centre_a_unpublished');
select tests.authenticate_as('a_admin');
select results_eq(
  $$ delete from public.clinician_centres where clinician_id = tests.tenancy_id('clinician_a_retired') and centre_id = tests.tenancy_id('centre_a1') returning 1 $$,
  $$ values (1) $$,
  'an admin of tenant A removes clinician_a_retired from centre_a1');
select tests.authenticate_as('a_manager');
select results_eq(
  $$ delete from public.clinician_centres where clinician_id = tests.tenancy_id('clinician_a_visiting') and centre_id = tests.tenancy_id('centre_a2') returning 1 $$,
  $$ values (1) $$,
  'a manager of tenant A removes clinician_a_visiting from centre_a2');
select throws_ok(
  $$ insert into public.clinician_centres (tenant_id, clinician_id, centre_id)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_b1')) $$,
  '23503', null,
  'a clinician of A cannot be assigned to a centre of B (same-tenant foreign key)');
select is_empty(
  $$ delete from public.clinician_centres where tenant_id = tests.tenancy_id('tenant_b') returning 1 $$,
  'a manager of tenant A cannot remove tenant B''s assignments: zero rows');
reset role;
select results_eq(
  $$ select clinician_id, centre_id from public.clinician_centres where tenant_id = tests.tenancy_id('tenant_a') order by 1, 2 $$,
  $$ select clinician_id, centre_id from (values (tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1')), (tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a2')), (tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a1')), (tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a1'))) as v (clinician_id, centre_id) order by 1, 2 $$,
  'tenant A''s assignments are exactly the result of those changes');

select * from finish();
rollback;

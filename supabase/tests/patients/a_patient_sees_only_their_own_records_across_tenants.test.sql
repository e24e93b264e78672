-- A patient (a signed-in user linked to patient records) sees their own records, one per
-- tenant they belong to, and no other patient's.
begin;
select plan(4);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.authenticate_as('patient');
select results_eq(
  $$ select id from public.patients where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ select id from (values (tests.tenancy_id('patient_a')), (tests.tenancy_id('patient_b'))) as v (id) order by 1 $$,
  'a patient of tenants A and B sees their own record in each tenant, and nothing else');
select results_eq(
  $$ select full_name::text from public.patients where tenant_id = tests.tenancy_id('tenant_a') $$,
  $$ values ('Pat Alpha') $$,
  'in tenant A the patient sees only their own record, not the other patients');
select tests.authenticate_as('a_patient_2');
select results_eq(
  $$ select id from public.patients where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ select id from (values (tests.tenancy_id('patient_a_2'))) as v (id) order by 1 $$,
  'another patient of tenant A sees only their own record');
select tests.authenticate_as('outsider');
select is_empty(
  $$ select id from public.patients where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  'a signed-in user without a patient record sees no patient');

select * from finish();
rollback;

-- Owners, admins and managers delete services of their tenant (their clinician_services go with
-- them); everyone else signed in deletes zero rows, also staff of a suspended tenant.
begin;
select plan(12);

-- SETUP
select tests.create_catalogue_fixtures();

-- TEST: refused (zero rows)
select tests.authenticate_as('a_centre_manager');
select is_empty($$ delete from public.services where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'a centre manager of tenant A (centre A1) deletes no service of tenant A');
select tests.authenticate_as('a_clinician');
select is_empty($$ delete from public.services where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'a clinician of tenant A deletes no service of tenant A');
select tests.authenticate_as('a_care_coordinator');
select is_empty($$ delete from public.services where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'a care coordinator of tenant A deletes no service of tenant A');
select tests.authenticate_as('a_front_desk');
select is_empty($$ delete from public.services where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'the front desk of tenant A deletes no service of tenant A');
select tests.authenticate_as('patient');
select is_empty($$ delete from public.services where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'a patient (of tenants A and B) deletes no service of tenant A');
select tests.authenticate_as('b_owner');
select is_empty($$ delete from public.services where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'the owner of tenant B deletes no service of tenant A');
select tests.authenticate_as('c_owner');
select is_empty($$ delete from public.services where tenant_id = tests.tenancy_id('tenant_c') returning 1 $$, 'the owner of the inactive tenant C deletes no service of C');

-- TEST: allowed
select tests.authenticate_as('a_owner');
select isnt_empty($$ delete from public.services where id = tests.tenancy_id('service_a_retired') returning 1 $$, 'the owner of tenant A deletes a service of tenant A');
select tests.authenticate_as('a_admin');
select isnt_empty($$ delete from public.services where id = tests.tenancy_id('service_a_internal') returning 1 $$, 'an admin of tenant A deletes a service of tenant A');
select tests.authenticate_as('a_manager');
select isnt_empty($$ delete from public.services where id = tests.tenancy_id('service_a_video') returning 1 $$, 'a manager of tenant A deletes a service of tenant A');
reset role;
select set_eq(
  $$ select id from public.services where tenant_id = any (tests.tenancy_tenant_ids()) and tenant_id = tests.tenancy_id('tenant_a') $$,
  $$ values (tests.tenancy_id('service_a_consult')), (tests.tenancy_id('service_a_scan')) $$,
  'exactly the three deleted services are gone');
select is((select count(*)::integer from public.clinician_services where service_id = tests.tenancy_id('service_a_internal')), 0, 'deleting a service removes who offered it');

select * from finish();
rollback;

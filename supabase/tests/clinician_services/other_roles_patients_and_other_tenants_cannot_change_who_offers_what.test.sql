-- Centre managers, clinicians (also for themselves), care coordinators, front desk, patients and
-- staff of another or a suspended tenant cannot change clinician_services: inserts fail the policy
-- (42501), updates and deletes change zero rows.
begin;
select plan(23);

-- SETUP
select tests.create_catalogue_fixtures();

-- TEST: insert refused (42501)
select tests.authenticate_as('a_centre_manager');
select throws_ok($$ insert into public.clinician_services (tenant_id, clinician_id, service_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('service_a_video')) $$,
  '42501', 'new row violates row-level security policy for table "clinician_services"', 'a centre manager of tenant A (centre A1) cannot make a clinician of tenant A offer a service');
select tests.authenticate_as('a_clinician');
select throws_ok($$ insert into public.clinician_services (tenant_id, clinician_id, service_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('service_a_video')) $$,
  '42501', 'new row violates row-level security policy for table "clinician_services"', 'a clinician of tenant A cannot make a clinician of tenant A offer a service');
select tests.authenticate_as('a_care_coordinator');
select throws_ok($$ insert into public.clinician_services (tenant_id, clinician_id, service_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('service_a_video')) $$,
  '42501', 'new row violates row-level security policy for table "clinician_services"', 'a care coordinator of tenant A cannot make a clinician of tenant A offer a service');
select tests.authenticate_as('a_front_desk');
select throws_ok($$ insert into public.clinician_services (tenant_id, clinician_id, service_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('service_a_video')) $$,
  '42501', 'new row violates row-level security policy for table "clinician_services"', 'the front desk of tenant A cannot make a clinician of tenant A offer a service');
select tests.authenticate_as('patient');
select throws_ok($$ insert into public.clinician_services (tenant_id, clinician_id, service_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('service_a_video')) $$,
  '42501', 'new row violates row-level security policy for table "clinician_services"', 'a patient (of tenants A and B) cannot make a clinician of tenant A offer a service');
select tests.authenticate_as('b_owner');
select throws_ok($$ insert into public.clinician_services (tenant_id, clinician_id, service_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('service_a_video')) $$,
  '42501', 'new row violates row-level security policy for table "clinician_services"', 'the owner of tenant B cannot make a clinician of tenant A offer a service');
select tests.authenticate_as('c_owner');
select throws_ok($$ insert into public.clinician_services (tenant_id, clinician_id, service_id) values (tests.tenancy_id('tenant_c'), tests.tenancy_id('clinician_c'), tests.tenancy_id('service_c_consult_2')) $$,
  '42501', 'new row violates row-level security policy for table "clinician_services"', 'the owner of the inactive tenant C cannot make a clinician of C offer a service');

-- TEST: update and delete change zero rows
select tests.authenticate_as('a_centre_manager');
select is_empty($$ update public.clinician_services set price_override = 1 where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'a centre manager of tenant A (centre A1) changes no override in tenant A');
select is_empty($$ delete from public.clinician_services where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'a centre manager of tenant A (centre A1) removes no pairing of tenant A');
select tests.authenticate_as('a_clinician');
select is_empty($$ update public.clinician_services set price_override = 1 where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'a clinician of tenant A changes no override in tenant A');
select is_empty($$ delete from public.clinician_services where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'a clinician of tenant A removes no pairing of tenant A');
select tests.authenticate_as('a_care_coordinator');
select is_empty($$ update public.clinician_services set price_override = 1 where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'a care coordinator of tenant A changes no override in tenant A');
select is_empty($$ delete from public.clinician_services where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'a care coordinator of tenant A removes no pairing of tenant A');
select tests.authenticate_as('a_front_desk');
select is_empty($$ update public.clinician_services set price_override = 1 where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'the front desk of tenant A changes no override in tenant A');
select is_empty($$ delete from public.clinician_services where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'the front desk of tenant A removes no pairing of tenant A');
select tests.authenticate_as('patient');
select is_empty($$ update public.clinician_services set price_override = 1 where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'a patient (of tenants A and B) changes no override in tenant A');
select is_empty($$ delete from public.clinician_services where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'a patient (of tenants A and B) removes no pairing of tenant A');
select tests.authenticate_as('b_owner');
select is_empty($$ update public.clinician_services set price_override = 1 where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'the owner of tenant B changes no override in tenant A');
select is_empty($$ delete from public.clinician_services where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'the owner of tenant B removes no pairing of tenant A');
select tests.authenticate_as('c_owner');
select is_empty($$ update public.clinician_services set price_override = 1 where tenant_id = tests.tenancy_id('tenant_c') returning 1 $$, 'the owner of the inactive tenant C changes no override of C');
select is_empty($$ delete from public.clinician_services where tenant_id = tests.tenancy_id('tenant_c') returning 1 $$, 'the owner of the inactive tenant C removes no pairing of C');
reset role;
select set_eq(
  $$ select clinician_id, service_id from public.clinician_services where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('clinician_a'), tests.tenancy_id('service_a_consult')), (tests.tenancy_id('clinician_a'), tests.tenancy_id('service_a_internal')), (tests.tenancy_id('clinician_a_2'), tests.tenancy_id('service_a_consult')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('service_a_scan')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('service_a_retired')), (tests.tenancy_id('clinician_a_retired'), tests.tenancy_id('service_a_consult')), (tests.tenancy_id('clinician_b'), tests.tenancy_id('service_b_consult')), (tests.tenancy_id('clinician_c'), tests.tenancy_id('service_c_consult')) $$,
  'every pairing is still there');
select is((select count(*)::integer from public.clinician_services where price_override = 1), 0, 'no override was changed');

select * from finish();
rollback;

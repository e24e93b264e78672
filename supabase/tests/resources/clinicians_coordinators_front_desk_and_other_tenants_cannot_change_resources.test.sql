-- Clinicians, care coordinators, front desk and staff of another tenant (or of a suspended one)
-- cannot add (42501), edit or delete (zero rows) resources.
begin;
select plan(19);

-- SETUP
select tests.create_catalogue_fixtures();

-- TEST
select tests.authenticate_as('a_clinician');
select throws_ok($$ insert into public.resources (tenant_id, centre_id, kind, resource_type, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), 'room', 'treatment_room', 'Sneaky') $$,
  '42501', 'new row violates row-level security policy for table "resources"', 'a clinician of tenant A cannot add a resource in tenant A');
select is_empty($$ update public.resources set is_active = false where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'a clinician of tenant A changes no resource of tenant A');
select is_empty($$ delete from public.resources where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'a clinician of tenant A deletes no resource of tenant A');
select tests.authenticate_as('a_clinician_2');
select throws_ok($$ insert into public.resources (tenant_id, centre_id, kind, resource_type, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), 'room', 'treatment_room', 'Sneaky') $$,
  '42501', 'new row violates row-level security policy for table "resources"', 'a centre-scoped clinician of tenant A cannot add a resource in tenant A');
select is_empty($$ update public.resources set is_active = false where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'a centre-scoped clinician of tenant A changes no resource of tenant A');
select is_empty($$ delete from public.resources where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'a centre-scoped clinician of tenant A deletes no resource of tenant A');
select tests.authenticate_as('a_care_coordinator');
select throws_ok($$ insert into public.resources (tenant_id, centre_id, kind, resource_type, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), 'room', 'treatment_room', 'Sneaky') $$,
  '42501', 'new row violates row-level security policy for table "resources"', 'a care coordinator of tenant A cannot add a resource in tenant A');
select is_empty($$ update public.resources set is_active = false where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'a care coordinator of tenant A changes no resource of tenant A');
select is_empty($$ delete from public.resources where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'a care coordinator of tenant A deletes no resource of tenant A');
select tests.authenticate_as('a_front_desk');
select throws_ok($$ insert into public.resources (tenant_id, centre_id, kind, resource_type, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), 'room', 'treatment_room', 'Sneaky') $$,
  '42501', 'new row violates row-level security policy for table "resources"', 'the front desk of tenant A cannot add a resource in tenant A');
select is_empty($$ update public.resources set is_active = false where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'the front desk of tenant A changes no resource of tenant A');
select is_empty($$ delete from public.resources where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'the front desk of tenant A deletes no resource of tenant A');
select tests.authenticate_as('b_owner');
select throws_ok($$ insert into public.resources (tenant_id, centre_id, kind, resource_type, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), 'room', 'treatment_room', 'Sneaky') $$,
  '42501', 'new row violates row-level security policy for table "resources"', 'the owner of tenant B cannot add a resource in tenant A');
select is_empty($$ update public.resources set is_active = false where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'the owner of tenant B changes no resource of tenant A');
select is_empty($$ delete from public.resources where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'the owner of tenant B deletes no resource of tenant A');
select tests.authenticate_as('c_owner');
select throws_ok($$ insert into public.resources (tenant_id, centre_id, kind, resource_type, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), 'room', 'treatment_room', 'Sneaky') $$,
  '42501', 'new row violates row-level security policy for table "resources"', 'the owner of the inactive tenant C cannot add a resource in tenant A');
select is_empty($$ update public.resources set is_active = false where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'the owner of the inactive tenant C changes no resource of tenant A');
select is_empty($$ delete from public.resources where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'the owner of the inactive tenant C deletes no resource of tenant A');
reset role;
select is((select count(*)::integer from public.resources where tenant_id = any (tests.tenancy_tenant_ids()) and is_active), 4, 'every resource is still there and active');

select * from finish();
rollback;

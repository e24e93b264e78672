-- Staff of a tenant (any role or scope) see every resource of their tenant; never another tenants.
begin;
select plan(10);

-- SETUP
select tests.create_catalogue_fixtures();

-- TEST: every role of tenant A
select tests.authenticate_as('a_owner');
select set_eq(
  $$ select id from public.resources where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('resource_a1_room')), (tests.tenancy_id('resource_a1_ultrasound')), (tests.tenancy_id('resource_a2_room')) $$,
  'the owner of tenant A sees every room and piece of equipment of A, at every centre');
select tests.authenticate_as('a_admin');
select set_eq(
  $$ select id from public.resources where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('resource_a1_room')), (tests.tenancy_id('resource_a1_ultrasound')), (tests.tenancy_id('resource_a2_room')) $$,
  'an admin of tenant A sees every room and piece of equipment of A, at every centre');
select tests.authenticate_as('a_manager');
select set_eq(
  $$ select id from public.resources where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('resource_a1_room')), (tests.tenancy_id('resource_a1_ultrasound')), (tests.tenancy_id('resource_a2_room')) $$,
  'a manager of tenant A sees every room and piece of equipment of A, at every centre');
select tests.authenticate_as('a_centre_manager');
select set_eq(
  $$ select id from public.resources where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('resource_a1_room')), (tests.tenancy_id('resource_a1_ultrasound')), (tests.tenancy_id('resource_a2_room')) $$,
  'a centre manager of tenant A (centre A1) sees every room and piece of equipment of A, at every centre');
select tests.authenticate_as('a_clinician');
select set_eq(
  $$ select id from public.resources where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('resource_a1_room')), (tests.tenancy_id('resource_a1_ultrasound')), (tests.tenancy_id('resource_a2_room')) $$,
  'a clinician of tenant A sees every room and piece of equipment of A, at every centre');
select tests.authenticate_as('a_clinician_2');
select set_eq(
  $$ select id from public.resources where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('resource_a1_room')), (tests.tenancy_id('resource_a1_ultrasound')), (tests.tenancy_id('resource_a2_room')) $$,
  'a centre-scoped clinician of tenant A sees every room and piece of equipment of A, at every centre');
select tests.authenticate_as('a_care_coordinator');
select set_eq(
  $$ select id from public.resources where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('resource_a1_room')), (tests.tenancy_id('resource_a1_ultrasound')), (tests.tenancy_id('resource_a2_room')) $$,
  'a care coordinator of tenant A sees every room and piece of equipment of A, at every centre');
select tests.authenticate_as('a_front_desk');
select set_eq(
  $$ select id from public.resources where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('resource_a1_room')), (tests.tenancy_id('resource_a1_ultrasound')), (tests.tenancy_id('resource_a2_room')) $$,
  'the front desk of tenant A sees every room and piece of equipment of A, at every centre');

-- TEST: other tenants
select tests.authenticate_as('b_owner');
select set_eq(
  $$ select id from public.resources where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('resource_b1_room')) $$,
  'the owner of tenant B sees only B''s resources');
select tests.authenticate_as('c_owner');
select is_empty(
  $$ select id from public.resources where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  'the owner of the inactive tenant C sees no resource of A or B');
reset role;

select * from finish();
rollback;

-- Rooms and equipment are internal: visitors have no grant (42501); signed-in users who are not
-- staff see none and change none.
begin;
select plan(13);

-- SETUP
select tests.create_catalogue_fixtures();

-- TEST: anon has no grant
select tests.clear_authentication();
select throws_ok($$ select id from public.resources where tenant_id = any (tests.tenancy_tenant_ids()) $$, '42501', 'permission denied for table resources', 'a visitor cannot read resources');
select throws_ok($$ insert into public.resources (tenant_id, centre_id, kind, resource_type, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), 'room', 'treatment_room', 'Sneaky') $$, '42501', 'permission denied for table resources', 'a visitor cannot add a resource');
select throws_ok($$ update public.resources set is_active = false $$, '42501', 'permission denied for table resources', 'a visitor cannot edit resources');
select throws_ok($$ delete from public.resources $$, '42501', 'permission denied for table resources', 'a visitor cannot delete resources');

-- TEST: signed in without a staff role: nothing visible, nothing changes
select tests.authenticate_as('patient');
select is_empty(
  $$ select id from public.resources where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  'a patient (of tenants A and B) sees no resource');
select throws_ok($$ insert into public.resources (tenant_id, centre_id, kind, resource_type, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), 'room', 'treatment_room', 'Sneaky') $$,
  '42501', 'new row violates row-level security policy for table "resources"', 'a patient (of tenants A and B) cannot add a resource');
select is_empty($$ update public.resources set is_active = false returning 1 $$, 'a patient (of tenants A and B) changes no resource');
select is_empty($$ delete from public.resources returning 1 $$, 'a patient (of tenants A and B) deletes no resource');
select tests.authenticate_as('outsider');
select is_empty(
  $$ select id from public.resources where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  'a signed-in user with no record anywhere sees no resource');
select throws_ok($$ insert into public.resources (tenant_id, centre_id, kind, resource_type, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), 'room', 'treatment_room', 'Sneaky') $$,
  '42501', 'new row violates row-level security policy for table "resources"', 'a signed-in user with no record anywhere cannot add a resource');
select is_empty($$ update public.resources set is_active = false returning 1 $$, 'a signed-in user with no record anywhere changes no resource');
select is_empty($$ delete from public.resources returning 1 $$, 'a signed-in user with no record anywhere deletes no resource');
reset role;
select is((select count(*)::integer from public.resources where tenant_id = any (tests.tenancy_tenant_ids()) and is_active), 4, 'every resource is unchanged');

select * from finish();
rollback;

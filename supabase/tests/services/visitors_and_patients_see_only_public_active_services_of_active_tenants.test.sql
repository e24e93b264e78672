-- Visitors (anon) and signed-in users without a staff role read the public directory of services:
-- public, active services of active tenants. Visitors have no write grant (42501).
begin;
select plan(6);

-- SETUP
select tests.create_catalogue_fixtures();

-- TEST: anon
select tests.clear_authentication();
select set_eq(
  $$ select id from public.services where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('service_a_consult')), (tests.tenancy_id('service_a_scan')), (tests.tenancy_id('service_a_video')), (tests.tenancy_id('service_b_consult')) $$,
  'a visitor sees the public, active services of active tenants (not unlisted, retired or of an inactive tenant)');
select throws_ok($$ insert into public.services (tenant_id, name, duration_minutes) values (tests.tenancy_id('tenant_a'), 'Sneaky', 30) $$,
  '42501', 'permission denied for table services', 'a visitor cannot create a service');
select throws_ok($$ update public.services set price = 1 where id = tests.tenancy_id('service_a_consult') $$,
  '42501', 'permission denied for table services', 'a visitor cannot edit a service');
select throws_ok($$ delete from public.services where id = tests.tenancy_id('service_a_consult') $$,
  '42501', 'permission denied for table services', 'a visitor cannot delete a service');

-- TEST: signed in without a staff role
select tests.authenticate_as('patient');
select set_eq(
  $$ select id from public.services where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('service_a_consult')), (tests.tenancy_id('service_a_scan')), (tests.tenancy_id('service_a_video')), (tests.tenancy_id('service_b_consult')) $$,
  'a patient (of tenants A and B) sees exactly what a visitor sees');
select tests.authenticate_as('outsider');
select set_eq(
  $$ select id from public.services where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('service_a_consult')), (tests.tenancy_id('service_a_scan')), (tests.tenancy_id('service_a_video')), (tests.tenancy_id('service_b_consult')) $$,
  'a signed-in user with no record anywhere sees exactly what a visitor sees');
reset role;

select * from finish();
rollback;

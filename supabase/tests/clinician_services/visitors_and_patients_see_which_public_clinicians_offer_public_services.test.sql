-- Visitors and signed-in users without a staff role see which public, active clinicians offer which
-- public, active services of active tenants (the directory); nothing else. Visitors have no write
-- grant (42501).
begin;
select plan(7);

-- SETUP
select tests.create_catalogue_fixtures();

-- TEST: anon
select tests.clear_authentication();
select set_eq(
  $$ select clinician_id, service_id from public.clinician_services where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('clinician_a'), tests.tenancy_id('service_a_consult')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('service_a_scan')), (tests.tenancy_id('clinician_b'), tests.tenancy_id('service_b_consult')) $$,
  'a visitor sees which public, active clinicians offer which public, active services, in active tenants only');
select throws_ok($$ insert into public.clinician_services (tenant_id, clinician_id, service_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('service_a_video')) $$,
  '42501', 'permission denied for table clinician_services', 'a visitor cannot make a clinician offer a service');
select throws_ok($$ update public.clinician_services set price_override = 1 where tenant_id = tests.tenancy_id('tenant_a') $$,
  '42501', 'permission denied for table clinician_services', 'a visitor cannot change overrides');
select throws_ok($$ delete from public.clinician_services where tenant_id = tests.tenancy_id('tenant_a') $$,
  '42501', 'permission denied for table clinician_services', 'a visitor cannot stop a clinician offering a service');

-- TEST: signed in without a staff role
select tests.authenticate_as('patient');
select set_eq(
  $$ select clinician_id, service_id from public.clinician_services where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('clinician_a'), tests.tenancy_id('service_a_consult')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('service_a_scan')), (tests.tenancy_id('clinician_b'), tests.tenancy_id('service_b_consult')) $$,
  'a patient (of tenants A and B) sees exactly what a visitor sees');
select tests.authenticate_as('outsider');
select set_eq(
  $$ select clinician_id, service_id from public.clinician_services where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('clinician_a'), tests.tenancy_id('service_a_consult')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('service_a_scan')), (tests.tenancy_id('clinician_b'), tests.tenancy_id('service_b_consult')) $$,
  'a signed-in user with no record anywhere sees exactly what a visitor sees');

-- TEST: hiding the clinician or the service hides the pairing on the next statement
select tests.clear_authentication();
reset role;
update public.services set is_public = false where id = tests.tenancy_id('service_a_scan');
update public.clinicians set is_active = false where id = tests.tenancy_id('clinician_a');
select tests.clear_authentication();
select set_eq(
  $$ select clinician_id, service_id from public.clinician_services where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('clinician_b'), tests.tenancy_id('service_b_consult')) $$,
  'once the service is unlisted and the clinician inactive, a visitor sees neither pairing');
reset role;

select * from finish();
rollback;

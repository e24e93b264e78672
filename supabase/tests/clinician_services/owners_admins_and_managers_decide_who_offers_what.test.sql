-- Owners, admins and managers decide which clinicians of their tenant offer which service: they
-- insert, update (overrides) and delete clinician_services rows.
begin;
select plan(11);

-- SETUP
select tests.create_catalogue_fixtures();

-- TEST: insert
select tests.authenticate_as('a_owner');
select lives_ok($$ insert into public.clinician_services (tenant_id, clinician_id, service_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('service_a_consult')) $$, 'the owner of tenant A makes a clinician offer a service');
select tests.authenticate_as('a_admin');
select lives_ok($$ insert into public.clinician_services (tenant_id, clinician_id, service_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('service_a_video')) $$, 'an admin of tenant A makes a clinician offer a service');
select tests.authenticate_as('a_manager');
select lives_ok($$ insert into public.clinician_services (tenant_id, clinician_id, service_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('service_a_video')) $$, 'a manager of tenant A makes a clinician offer a service');

-- TEST: update
select tests.authenticate_as('a_owner');
select isnt_empty($$ update public.clinician_services set price_override = 90, duration_minutes_override = 50 where clinician_id = tests.tenancy_id('clinician_a') and service_id = tests.tenancy_id('service_a_consult') returning 1 $$, 'the owner of tenant A changes a clinician''s overrides');
select tests.authenticate_as('a_admin');
select isnt_empty($$ update public.clinician_services set price_override = 91, duration_minutes_override = 50 where clinician_id = tests.tenancy_id('clinician_a') and service_id = tests.tenancy_id('service_a_consult') returning 1 $$, 'an admin of tenant A changes a clinician''s overrides');
select tests.authenticate_as('a_manager');
select isnt_empty($$ update public.clinician_services set price_override = 92, duration_minutes_override = 50 where clinician_id = tests.tenancy_id('clinician_a') and service_id = tests.tenancy_id('service_a_consult') returning 1 $$, 'a manager of tenant A changes a clinician''s overrides');

-- TEST: delete
select tests.authenticate_as('a_owner');
select isnt_empty($$ delete from public.clinician_services where clinician_id = tests.tenancy_id('clinician_a') and service_id = tests.tenancy_id('service_a_internal') returning 1 $$, 'the owner of tenant A stops a clinician offering a service');
select tests.authenticate_as('a_admin');
select isnt_empty($$ delete from public.clinician_services where clinician_id = tests.tenancy_id('clinician_a_visiting') and service_id = tests.tenancy_id('service_a_retired') returning 1 $$, 'an admin of tenant A stops a clinician offering a service');
select tests.authenticate_as('a_manager');
select isnt_empty($$ delete from public.clinician_services where clinician_id = tests.tenancy_id('clinician_a_retired') and service_id = tests.tenancy_id('service_a_consult') returning 1 $$, 'a manager of tenant A stops a clinician offering a service');
reset role;
select set_eq(
  $$ select clinician_id, service_id from public.clinician_services where tenant_id = any (tests.tenancy_tenant_ids()) and tenant_id = tests.tenancy_id('tenant_a') $$,
  $$ values (tests.tenancy_id('clinician_a'), tests.tenancy_id('service_a_consult')), (tests.tenancy_id('clinician_a_2'), tests.tenancy_id('service_a_consult')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('service_a_scan')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('service_a_consult')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('service_a_video')), (tests.tenancy_id('clinician_a'), tests.tenancy_id('service_a_video')) $$,
  'tenant A has the three new pairings and lost the three deleted ones');
select is((select (duration_minutes_override, price_override)::text from public.clinician_services where clinician_id = tests.tenancy_id('clinician_a') and service_id = tests.tenancy_id('service_a_consult')), '(50,92.00)', 'the last override written is stored');

select * from finish();
rollback;

-- service_role bypasses RLS: it reads, inserts, updates and deletes any clinician_services row.
begin;
select plan(4);

-- SETUP
select tests.create_catalogue_fixtures();

select tests.authenticate_as_service_role();
select set_eq(
  $$ select clinician_id, service_id from public.clinician_services where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('clinician_a'), tests.tenancy_id('service_a_consult')), (tests.tenancy_id('clinician_a'), tests.tenancy_id('service_a_internal')), (tests.tenancy_id('clinician_a_2'), tests.tenancy_id('service_a_consult')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('service_a_scan')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('service_a_retired')), (tests.tenancy_id('clinician_a_retired'), tests.tenancy_id('service_a_consult')), (tests.tenancy_id('clinician_b'), tests.tenancy_id('service_b_consult')), (tests.tenancy_id('clinician_c'), tests.tenancy_id('service_c_consult')) $$,
  'service_role reads every pairing of every tenant');
select lives_ok($$ insert into public.clinician_services (tenant_id, clinician_id, service_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('service_a_video')) $$, 'service_role makes a clinician offer a service');
select isnt_empty($$ update public.clinician_services set duration_minutes_override = 25 where clinician_id = tests.tenancy_id('clinician_a') and service_id = tests.tenancy_id('service_a_video') returning 1 $$, 'service_role changes overrides');
select isnt_empty($$ delete from public.clinician_services where clinician_id = tests.tenancy_id('clinician_a') and service_id = tests.tenancy_id('service_a_video') returning 1 $$, 'service_role removes a pairing');
reset role;

select * from finish();
rollback;

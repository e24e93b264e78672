-- The keys of clinician_services are same-tenant foreign keys: a service of another tenant (or a
-- clinician of another tenant) cannot be paired, even by service_role (23503); a pairing exists
-- once (23505); deleting the clinician removes their pairings.
begin;
select plan(4);

-- SETUP
select tests.create_catalogue_fixtures();

-- TEST
select tests.authenticate_as('a_owner');
select throws_ok($$ insert into public.clinician_services (tenant_id, clinician_id, service_id)
   values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('service_b_consult')) $$,
  '23503', null, 'a clinician of A cannot offer a service of B');
select tests.authenticate_as_service_role();
select throws_ok($$ insert into public.clinician_services (tenant_id, clinician_id, service_id)
   values (tests.tenancy_id('tenant_b'), tests.tenancy_id('clinician_a'), tests.tenancy_id('service_b_consult')) $$,
  '23503', null, 'not even service_role pairs a clinician of A with a service of B');
select throws_ok($$ insert into public.clinician_services (tenant_id, clinician_id, service_id)
   values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('service_a_consult')) $$,
  '23505', null, 'a clinician offers a service once');
reset role;
delete from public.clinicians where id = tests.tenancy_id('clinician_a_visiting');
select is((select count(*)::integer from public.clinician_services where clinician_id = tests.tenancy_id('clinician_a_visiting')), 0,
  'deleting a clinician removes what they offered');

select * from finish();
rollback;

-- A visitor holds only SELECT on public.clinician_centres: inserts, updates and deletes are
-- refused with 42501.
begin;
select plan(3);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.clear_authentication();

-- TEST
select throws_ok(
  $$ insert into public.clinician_centres (tenant_id, clinician_id, centre_id)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a1')) $$,
  '42501', 'permission denied for table clinician_centres',
  'anon cannot assign a clinician to a centre');
select throws_ok(
  $$ update public.clinician_centres set centre_id = tests.tenancy_id('centre_a2') where clinician_id = tests.tenancy_id('clinician_a') $$,
  '42501', 'permission denied for table clinician_centres',
  'anon cannot move an assignment');
select throws_ok(
  $$ delete from public.clinician_centres where clinician_id = tests.tenancy_id('clinician_a') $$,
  '42501', 'permission denied for table clinician_centres',
  'anon cannot remove an assignment');

select * from finish();
rollback;

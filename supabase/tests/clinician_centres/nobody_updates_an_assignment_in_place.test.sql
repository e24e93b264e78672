-- An assignment is a pure key (tenant, clinician, centre): nobody updates one in place; it is
-- removed and re-created. No API role holds UPDATE on public.clinician_centres (42501).
begin;
select plan(4);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.authenticate_as('a_owner');
select throws_ok(
  $$ update public.clinician_centres set centre_id = tests.tenancy_id('centre_a2')
      where clinician_id = tests.tenancy_id('clinician_a') and centre_id = tests.tenancy_id('centre_a1') $$,
  '42501', 'permission denied for table clinician_centres',
  'the owner of the tenant cannot update an assignment (no UPDATE grant: delete and insert instead)');
select tests.authenticate_as('a_manager');
select throws_ok(
  $$ update public.clinician_centres set centre_id = tests.tenancy_id('centre_a2')
      where clinician_id = tests.tenancy_id('clinician_a') and centre_id = tests.tenancy_id('centre_a1') $$,
  '42501', 'permission denied for table clinician_centres',
  'a manager of the tenant cannot update an assignment (no UPDATE grant: delete and insert instead)');
select tests.authenticate_as('a_clinician');
select throws_ok(
  $$ update public.clinician_centres set centre_id = tests.tenancy_id('centre_a2')
      where clinician_id = tests.tenancy_id('clinician_a') and centre_id = tests.tenancy_id('centre_a1') $$,
  '42501', 'permission denied for table clinician_centres',
  'the clinician cannot update an assignment (no UPDATE grant: delete and insert instead)');
reset role;
select tests.authenticate_as_service_role();
select throws_ok(
  $$ update public.clinician_centres set centre_id = tests.tenancy_id('centre_a2')
      where clinician_id = tests.tenancy_id('clinician_a') and centre_id = tests.tenancy_id('centre_a1') $$,
  '42501', 'permission denied for table clinician_centres',
  'service_role cannot update an assignment either');

select * from finish();
rollback;

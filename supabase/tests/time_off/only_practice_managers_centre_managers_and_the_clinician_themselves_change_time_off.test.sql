-- public.time_off: who may change rows (owners, admins and managers, the manager of a centre where the clinician works and the clinician themselves, and service_role);
-- others change zero rows (RLS using), anon has no grant (42501), and a permitted writer cannot
-- move a row out of their reach (RLS with check, 42501).
begin;
select plan(19);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_availability_fixtures();

-- TEST: anon has no update grant
select tests.clear_authentication();
select throws_ok(
  $$ update public.time_off set reason = 'Edited' where tenant_id = tests.tenancy_id('tenant_a') $$,
  '42501', 'permission denied for table time_off',
  'anon cannot change time off: 42501');
select tests.authenticate_as('a_owner');
select isnt_empty(
  $$ update public.time_off set reason = 'Edited' where id = tests.tenancy_id('time_off_a') returning 1 $$,
  'the owner changes time_off_a');
select tests.authenticate_as('a_admin');
select isnt_empty(
  $$ update public.time_off set reason = 'Edited' where id = tests.tenancy_id('time_off_a_2') returning 1 $$,
  'an admin changes time_off_a_2');
select tests.authenticate_as('a_manager');
select isnt_empty(
  $$ update public.time_off set reason = 'Edited' where id = tests.tenancy_id('time_off_a_2') returning 1 $$,
  'a manager changes time_off_a_2');
select tests.authenticate_as('a_centre_manager');
select isnt_empty(
  $$ update public.time_off set reason = 'Edited' where id = tests.tenancy_id('time_off_a') returning 1 $$,
  'the centre manager of centre_a1 changes time_off_a');
select tests.authenticate_as('a_centre_manager');
select is_empty(
  $$ update public.time_off set reason = 'Edited' where id = tests.tenancy_id('time_off_a_2') returning 1 $$,
  'the centre manager of centre_a1 cannot change time_off_a_2: zero rows');
select tests.authenticate_as('a_clinician');
select isnt_empty(
  $$ update public.time_off set reason = 'Edited' where id = tests.tenancy_id('time_off_a') returning 1 $$,
  'clinician_a (a_clinician) changes time_off_a');
select tests.authenticate_as('a_clinician');
select is_empty(
  $$ update public.time_off set reason = 'Edited' where id = tests.tenancy_id('time_off_a_2') returning 1 $$,
  'clinician_a (a_clinician) cannot change time_off_a_2: zero rows');
select tests.authenticate_as('a_clinician_2');
select isnt_empty(
  $$ update public.time_off set reason = 'Edited' where id = tests.tenancy_id('time_off_a_2') returning 1 $$,
  'clinician_a_2 (a_clinician_2) changes time_off_a_2');
select tests.authenticate_as('a_clinician_2');
select is_empty(
  $$ update public.time_off set reason = 'Edited' where id = tests.tenancy_id('time_off_a') returning 1 $$,
  'clinician_a_2 (a_clinician_2) cannot change time_off_a: zero rows');
select tests.authenticate_as('a_care_coordinator');
select is_empty(
  $$ update public.time_off set reason = 'Edited' where id = tests.tenancy_id('time_off_a') returning 1 $$,
  'a care coordinator cannot change time_off_a: zero rows');
select tests.authenticate_as('a_front_desk');
select is_empty(
  $$ update public.time_off set reason = 'Edited' where id = tests.tenancy_id('time_off_a') returning 1 $$,
  'the front desk cannot change time_off_a: zero rows');
select tests.authenticate_as('patient');
select is_empty(
  $$ update public.time_off set reason = 'Edited' where id = tests.tenancy_id('time_off_a') returning 1 $$,
  'a patient of tenant A cannot change time_off_a: zero rows');
select tests.authenticate_as('outsider');
select is_empty(
  $$ update public.time_off set reason = 'Edited' where id = tests.tenancy_id('time_off_a') returning 1 $$,
  'a signed-in user with no role cannot change time_off_a: zero rows');
select tests.authenticate_as('b_owner');
select is_empty(
  $$ update public.time_off set reason = 'Edited' where id = tests.tenancy_id('time_off_a') returning 1 $$,
  'the owner of tenant B cannot change time_off_a: zero rows');
select tests.authenticate_as_service_role();
select isnt_empty(
  $$ update public.time_off set reason = 'Edited' where id = tests.tenancy_id('time_off_b') returning 1 $$,
  'service_role changes time_off_b');

-- TEST: the new row must pass the policy too (with check)
select tests.authenticate_as('a_clinician');
select throws_ok(
  $$ update public.time_off set clinician_id = tests.tenancy_id('clinician_a_2') where id = tests.tenancy_id('time_off_a') $$,
  '42501', 'new row violates row-level security policy for table "time_off"',
  'clinician_a (a_clinician) cannot move their own time off to a colleague: 42501');
select tests.authenticate_as('a_centre_manager');
select throws_ok(
  $$ update public.time_off set clinician_id = tests.tenancy_id('clinician_a_2') where id = tests.tenancy_id('time_off_a') $$,
  '42501', 'new row violates row-level security policy for table "time_off"',
  'the centre manager of centre_a1 cannot move time off to a clinician of another centre: 42501');
reset role;
select is((select count(*)::integer from public.time_off where tenant_id = any (tests.tenancy_tenant_ids()) and reason = 'Edited'), 3,
  'only the rows of permitted updates changed');

select * from finish();
rollback;

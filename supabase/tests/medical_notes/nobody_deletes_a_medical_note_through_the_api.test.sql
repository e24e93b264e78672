-- Clinical records are retained: no API role - not the author, not an owner, not service_role -
-- holds DELETE on public.medical_notes (42501).
begin;
select plan(13);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: every signed-in role, the author included
select tests.authenticate_as('a_clinician');
select throws_ok(
  $$ delete from public.medical_notes where id = tests.tenancy_id('note_a') $$,
  '42501', 'permission denied for table medical_notes',
  'the author (a clinician) cannot delete a medical note');
select tests.authenticate_as('a_clinician_2');
select throws_ok(
  $$ delete from public.medical_notes where id = tests.tenancy_id('note_a') $$,
  '42501', 'permission denied for table medical_notes',
  'a centre-scoped clinician cannot delete a medical note');
select tests.authenticate_as('a_owner');
select throws_ok(
  $$ delete from public.medical_notes where id = tests.tenancy_id('note_a') $$,
  '42501', 'permission denied for table medical_notes',
  'the owner cannot delete a medical note');
select tests.authenticate_as('a_admin');
select throws_ok(
  $$ delete from public.medical_notes where id = tests.tenancy_id('note_a') $$,
  '42501', 'permission denied for table medical_notes',
  'an admin cannot delete a medical note');
select tests.authenticate_as('a_manager');
select throws_ok(
  $$ delete from public.medical_notes where id = tests.tenancy_id('note_a') $$,
  '42501', 'permission denied for table medical_notes',
  'a manager cannot delete a medical note');
select tests.authenticate_as('a_centre_manager');
select throws_ok(
  $$ delete from public.medical_notes where id = tests.tenancy_id('note_a') $$,
  '42501', 'permission denied for table medical_notes',
  'a centre manager cannot delete a medical note');
select tests.authenticate_as('a_care_coordinator');
select throws_ok(
  $$ delete from public.medical_notes where id = tests.tenancy_id('note_a') $$,
  '42501', 'permission denied for table medical_notes',
  'a care coordinator cannot delete a medical note');
select tests.authenticate_as('a_front_desk');
select throws_ok(
  $$ delete from public.medical_notes where id = tests.tenancy_id('note_a') $$,
  '42501', 'permission denied for table medical_notes',
  'the front desk cannot delete a medical note');
select tests.authenticate_as('patient');
select throws_ok(
  $$ delete from public.medical_notes where id = tests.tenancy_id('note_a') $$,
  '42501', 'permission denied for table medical_notes',
  'the patient cannot delete a medical note');
select tests.authenticate_as('b_owner');
select throws_ok(
  $$ delete from public.medical_notes where id = tests.tenancy_id('note_a') $$,
  '42501', 'permission denied for table medical_notes',
  'the owner of tenant B cannot delete a medical note');
select tests.authenticate_as('b_clinician');
select throws_ok(
  $$ delete from public.medical_notes where id = tests.tenancy_id('note_a') $$,
  '42501', 'permission denied for table medical_notes',
  'a clinician of tenant B cannot delete a medical note');
reset role;
select tests.authenticate_as_service_role();
select throws_ok(
  $$ delete from public.medical_notes where id = tests.tenancy_id('note_a') $$,
  '42501', 'permission denied for table medical_notes',
  'not even service_role deletes a medical note');
reset role;
select is((select count(*)::integer from public.medical_notes where tenant_id = any (tests.tenancy_tenant_ids())), 3,
  'all three notes are still there');

select * from finish();
rollback;

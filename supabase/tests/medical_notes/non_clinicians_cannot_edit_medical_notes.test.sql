-- Owners, admins, managers, centre managers, care coordinators, the front desk, patients and
-- staff of another tenant edit no medical note (zero rows).
begin;
select plan(9);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.authenticate_as('a_owner');
select is_empty(
  $$ update public.medical_notes set body = 'Edited' where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'the owner of tenant A cannot edit medical notes: zero rows');
select tests.authenticate_as('a_admin');
select is_empty(
  $$ update public.medical_notes set body = 'Edited' where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'an admin of tenant A cannot edit medical notes: zero rows');
select tests.authenticate_as('a_manager');
select is_empty(
  $$ update public.medical_notes set body = 'Edited' where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'a manager of tenant A cannot edit medical notes: zero rows');
select tests.authenticate_as('a_centre_manager');
select is_empty(
  $$ update public.medical_notes set body = 'Edited' where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'a centre manager of tenant A cannot edit medical notes: zero rows');
select tests.authenticate_as('a_care_coordinator');
select is_empty(
  $$ update public.medical_notes set body = 'Edited' where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'a care coordinator of tenant A cannot edit medical notes: zero rows');
select tests.authenticate_as('a_front_desk');
select is_empty(
  $$ update public.medical_notes set body = 'Edited' where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'the front desk of tenant A cannot edit medical notes: zero rows');
select tests.authenticate_as('patient');
select is_empty(
  $$ update public.medical_notes set body = 'Edited' where patient_id in (tests.tenancy_id('patient_a'), tests.tenancy_id('patient_b')) returning 1 $$,
  'a patient cannot edit the notes about them: zero rows');
select tests.authenticate_as('b_owner');
select is_empty(
  $$ update public.medical_notes set body = 'Edited' returning 1 $$,
  'the owner of tenant B cannot edit any note: zero rows');
reset role;
select is((select count(*)::integer from public.medical_notes where body = 'Edited'), 0, 'no note changed');

select * from finish();
rollback;

-- Owners, admins, managers, centre managers, care coordinators, the front desk, patients and
-- staff of another tenant cannot write medical notes (42501), even naming themselves as author.
begin;
select plan(9);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: staff of tenant A who are not clinicians, even naming themselves as author
select tests.authenticate_as('a_owner');
select throws_ok(
  $$ insert into public.medical_notes (tenant_id, patient_id, author_member_id, body)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('a_owner.member'), 'Not a clinician') $$,
  '42501', 'new row violates row-level security policy for table "medical_notes"',
  'the owner of tenant A cannot write a medical note');
select tests.authenticate_as('a_admin');
select throws_ok(
  $$ insert into public.medical_notes (tenant_id, patient_id, author_member_id, body)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('a_admin.member'), 'Not a clinician') $$,
  '42501', 'new row violates row-level security policy for table "medical_notes"',
  'an admin of tenant A cannot write a medical note');
select tests.authenticate_as('a_manager');
select throws_ok(
  $$ insert into public.medical_notes (tenant_id, patient_id, author_member_id, body)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('a_manager.member'), 'Not a clinician') $$,
  '42501', 'new row violates row-level security policy for table "medical_notes"',
  'a manager of tenant A cannot write a medical note');
select tests.authenticate_as('a_centre_manager');
select throws_ok(
  $$ insert into public.medical_notes (tenant_id, patient_id, author_member_id, body)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('a_centre_manager.member'), 'Not a clinician') $$,
  '42501', 'new row violates row-level security policy for table "medical_notes"',
  'a centre manager of tenant A cannot write a medical note');
select tests.authenticate_as('a_care_coordinator');
select throws_ok(
  $$ insert into public.medical_notes (tenant_id, patient_id, author_member_id, body)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('a_care_coordinator.member'), 'Not a clinician') $$,
  '42501', 'new row violates row-level security policy for table "medical_notes"',
  'a care coordinator of tenant A cannot write a medical note');
select tests.authenticate_as('a_front_desk');
select throws_ok(
  $$ insert into public.medical_notes (tenant_id, patient_id, author_member_id, body)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('a_front_desk.member'), 'Not a clinician') $$,
  '42501', 'new row violates row-level security policy for table "medical_notes"',
  'the front desk of tenant A cannot write a medical note');

-- TEST: the patient and another tenant
select tests.authenticate_as('patient');
select throws_ok(
  $$ insert into public.medical_notes (tenant_id, patient_id, body)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), 'Not a clinician') $$,
  '42501', 'new row violates row-level security policy for table "medical_notes"',
  'a patient cannot write a note about themself');
select tests.authenticate_as('b_owner');
select throws_ok(
  $$ insert into public.medical_notes (tenant_id, patient_id, author_member_id, body)
     values (tests.tenancy_id('tenant_b'), tests.tenancy_id('patient_b'), tests.tenancy_id('b_owner.member'), 'Not a clinician') $$,
  '42501', 'new row violates row-level security policy for table "medical_notes"',
  'the owner of tenant B cannot write a note even in their own tenant');
reset role;
select is((select count(*)::integer from public.medical_notes where body = 'Not a clinician'), 0, 'no note was written');

select * from finish();
rollback;

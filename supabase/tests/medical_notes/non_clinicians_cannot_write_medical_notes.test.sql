-- Owners, admins, managers, centre managers, care coordinators, the front desk, patients and
-- staff of another tenant cannot write medical notes (42501), even naming themselves as author.
begin;
select plan(9);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: staff of tenant A who are not clinicians, and the owner of tenant B in their own tenant, even naming themselves as author
select is(
  tests.attempt_as(m.who, format(
    $$ insert into public.medical_notes (tenant_id, patient_id, author_member_id, body)
       values (tests.tenancy_id(%L), tests.tenancy_id(%L), tests.tenancy_id(%L), 'Not a clinician') $$,
    m.tenant, m.patient, m.who || '.member')),
  '42501: new row violates row-level security policy for table "medical_notes"',
  m.description)
from (values
  ('a_owner', 'tenant_a', 'patient_a', 'the owner of tenant A cannot write a medical note'),
  ('a_admin', 'tenant_a', 'patient_a', 'an admin of tenant A cannot write a medical note'),
  ('a_manager', 'tenant_a', 'patient_a', 'a manager of tenant A cannot write a medical note'),
  ('a_centre_manager', 'tenant_a', 'patient_a', 'a centre manager of tenant A cannot write a medical note'),
  ('a_care_coordinator', 'tenant_a', 'patient_a', 'a care coordinator of tenant A cannot write a medical note'),
  ('a_front_desk', 'tenant_a', 'patient_a', 'the front desk of tenant A cannot write a medical note'),
  ('b_owner', 'tenant_b', 'patient_b', 'the owner of tenant B cannot write a note even in their own tenant')
) as m(who, tenant, patient, description);

-- TEST: the patient
select tests.authenticate_as('patient');
select throws_ok(
  $$ insert into public.medical_notes (tenant_id, patient_id, body)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), 'Not a clinician') $$,
  '42501', 'new row violates row-level security policy for table "medical_notes"',
  'a patient cannot write a note about themself');
reset role;
select is((select count(*)::integer from public.medical_notes where body = 'Not a clinician'), 0, 'no note was written');

select * from finish();
rollback;

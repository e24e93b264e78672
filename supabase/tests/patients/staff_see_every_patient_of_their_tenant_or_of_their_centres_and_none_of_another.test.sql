-- Staff holding a role tenant-wide (any role) read every patient record of that tenant; staff
-- holding roles only at some centres read the patients of those centres (here: patient_a,
-- registered at centre_a1; the full rule is proved in patients/centre_scoped_staff_*); staff of
-- another tenant read none of them, even for a person who is a patient of both tenants.
begin;
select plan(10);

-- SETUP
select tests.create_tenancy_fixtures();
update public.patients set registered_centre_id = tests.tenancy_id('centre_a1') where id = tests.tenancy_id('patient_a');

-- TEST: every role of tenant A, and of tenant B
select is(
  tests.outcome_as(m.who, $$ select 1 from public.patients where tenant_id = any (tests.tenancy_tenant_ids()) $$),
  m.expected,
  m.who || ' reads ' || m.description)
from (values
  ('a_owner', '3 rows', 'every patient of A (with or without an account), none of B'),
  ('a_admin', '3 rows', 'every patient of A, none of B'),
  ('a_manager', '3 rows', 'every patient of A, none of B'),
  ('a_clinician', '3 rows', 'every patient of A (a tenant-wide clinician), none of B'),
  ('a_care_coordinator', '3 rows', 'every patient of A, none of B'),
  ('a_front_desk', '3 rows', 'every patient of A, none of B'),
  ('a_centre_manager', '1 row', 'only the patient of centre_a1 (centre-scoped)'),
  ('a_clinician_2', '0 rows', 'no patient: none belongs to centre_a2 or is in their care'),
  ('b_owner', '1 row', 'only B''s patient, not the same person''s record in tenant A'),
  ('b_clinician', '1 row', 'only B''s patient')
) as m(who, expected, description);

select * from finish();
rollback;

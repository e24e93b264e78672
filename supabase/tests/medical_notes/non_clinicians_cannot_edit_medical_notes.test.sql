-- Owners, admins, managers, centre managers, care coordinators, the front desk, patients and
-- staff of another tenant edit no medical note (zero rows).
begin;
select plan(9);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: every non-clinician edits no note (notes: the WHERE clause each one tries)
select is(tests.attempt_as(m.who, format($$ update public.medical_notes set body = 'Edited' where %s returning 1 $$, m.notes)), m.expected, m.description)
from (values
  ('a_owner', $$tenant_id = tests.tenancy_id('tenant_a')$$, '0 rows', 'the owner of tenant A cannot edit medical notes: zero rows'),
  ('a_admin', $$tenant_id = tests.tenancy_id('tenant_a')$$, '0 rows', 'an admin of tenant A cannot edit medical notes: zero rows'),
  ('a_manager', $$tenant_id = tests.tenancy_id('tenant_a')$$, '0 rows', 'a manager of tenant A cannot edit medical notes: zero rows'),
  ('a_centre_manager', $$tenant_id = tests.tenancy_id('tenant_a')$$, '0 rows', 'a centre manager of tenant A cannot edit medical notes: zero rows'),
  ('a_care_coordinator', $$tenant_id = tests.tenancy_id('tenant_a')$$, '0 rows', 'a care coordinator of tenant A cannot edit medical notes: zero rows'),
  ('a_front_desk', $$tenant_id = tests.tenancy_id('tenant_a')$$, '0 rows', 'the front desk of tenant A cannot edit medical notes: zero rows'),
  ('patient', $$patient_id in (tests.tenancy_id('patient_a'), tests.tenancy_id('patient_b'))$$, '0 rows', 'a patient cannot edit the notes about them: zero rows'),
  ('b_owner', 'true', '0 rows', 'the owner of tenant B cannot edit any note: zero rows')
) as m(who, notes, expected, description);

select is((select count(*)::integer from public.medical_notes where body = 'Edited'), 0, 'no note changed');

select * from finish();
rollback;

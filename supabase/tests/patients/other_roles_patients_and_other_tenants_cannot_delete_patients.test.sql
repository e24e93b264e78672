-- Only owners and admins delete patient records: managers, centre managers, clinicians, care
-- coordinators, the front desk, the patient themself and staff of another tenant change zero
-- rows.
begin;
select plan(8);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: every caller deletes nothing (rows: the WHERE clause each one tries)
select is(tests.attempt_as(m.who, format($$ delete from public.patients where %s returning 1 $$, m.rows)), m.expected, m.description)
from (values
  ('a_manager', $$tenant_id = tests.tenancy_id('tenant_a')$$, '0 rows', 'a manager of tenant A cannot delete patient records: zero rows'),
  ('a_centre_manager', $$tenant_id = tests.tenancy_id('tenant_a')$$, '0 rows', 'a centre manager of tenant A cannot delete patient records: zero rows'),
  ('a_clinician', $$tenant_id = tests.tenancy_id('tenant_a')$$, '0 rows', 'a clinician of tenant A cannot delete patient records: zero rows'),
  ('a_care_coordinator', $$tenant_id = tests.tenancy_id('tenant_a')$$, '0 rows', 'a care coordinator of tenant A cannot delete patient records: zero rows'),
  ('a_front_desk', $$tenant_id = tests.tenancy_id('tenant_a')$$, '0 rows', 'the front desk of tenant A cannot delete patient records: zero rows'),
  ('patient', $$id = tests.tenancy_id('patient_a_2') or user_id = auth.uid()$$, '0 rows', 'a patient cannot delete their own record or anyone else''s: zero rows'),
  ('b_owner', $$tenant_id = tests.tenancy_id('tenant_a')$$, '0 rows', 'the owner of tenant B cannot delete tenant A''s patients: zero rows')
) as m(who, rows, expected, description);

select is((select count(*)::integer from public.patients where tenant_id = any (tests.tenancy_tenant_ids())), 4,
  'all four fixture records are still there');

select * from finish();
rollback;

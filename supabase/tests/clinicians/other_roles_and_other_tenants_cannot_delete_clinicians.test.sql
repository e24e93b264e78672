-- Centre managers, clinicians (even their own profile), care coordinators, the front desk,
-- patients and staff of another tenant delete no clinician profile (zero rows).
begin;
select plan(7);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: every caller deletes nothing (rows: the WHERE clause each one tries)
select is(tests.attempt_as(m.who, format($$ delete from public.clinicians where %s returning 1 $$, m.rows)), m.expected, m.description)
from (values
  ('a_centre_manager', $$tenant_id = tests.tenancy_id('tenant_a')$$, '0 rows', 'a centre manager of tenant A cannot delete clinician profiles: zero rows'),
  ('a_care_coordinator', $$tenant_id = tests.tenancy_id('tenant_a')$$, '0 rows', 'a care coordinator of tenant A cannot delete clinician profiles: zero rows'),
  ('a_front_desk', $$tenant_id = tests.tenancy_id('tenant_a')$$, '0 rows', 'the front desk of tenant A cannot delete clinician profiles: zero rows'),
  ('a_clinician', $$id = tests.tenancy_id('clinician_a')$$, '0 rows', 'a clinician cannot delete their own profile: zero rows'),
  ('patient', $$tenant_id = tests.tenancy_id('tenant_a')$$, '0 rows', 'a patient cannot delete clinician profiles: zero rows'),
  ('b_owner', $$tenant_id = tests.tenancy_id('tenant_a')$$, '0 rows', 'the owner of tenant B cannot delete tenant A''s clinicians: zero rows')
) as m(who, rows, expected, description);

select is((select count(*)::integer from public.clinicians where tenant_id = tests.tenancy_id('tenant_a')), 4,
  'tenant A still has its four profiles');

select * from finish();
rollback;

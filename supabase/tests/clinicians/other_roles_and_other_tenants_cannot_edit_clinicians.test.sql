-- Centre managers, care coordinators, the front desk, patients and staff of another tenant edit
-- no clinician profile: the update policy filters every row (zero rows, no error).
begin;
select plan(6);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: staff of tenant A without a practice-manager role, a patient and another tenant's owner edit no profile
select is(tests.attempt_as(m.who, $$ update public.clinicians set bio = 'Edited' where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$), m.expected, m.description)
from (values
  ('a_centre_manager', '0 rows', 'a centre manager of tenant A cannot edit any clinician profile: zero rows'),
  ('a_care_coordinator', '0 rows', 'a care coordinator of tenant A cannot edit any clinician profile: zero rows'),
  ('a_front_desk', '0 rows', 'the front desk of tenant A cannot edit any clinician profile: zero rows'),
  ('patient', '0 rows', 'a patient of tenant A cannot edit a clinician profile: zero rows'),
  ('b_owner', '0 rows', 'the owner of tenant B cannot edit tenant A''s clinicians, not even the public ones it sees: zero rows')
) as m(who, expected, description);

select is((select count(*)::integer from public.clinicians where bio = 'Edited'), 0, 'no profile changed');

select * from finish();
rollback;

-- Clinicians read patient records but do not edit them, and staff of another tenant touch none
-- of them (zero rows).
begin;
select plan(5);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: clinicians and another tenant's staff edit no patient (patients: the WHERE clause each one tries)
select is(tests.attempt_as(m.who, format($$ update public.patients set full_name = 'Edited' where %s returning 1 $$, m.patients)), m.expected, m.description)
from (values
  ('a_clinician', $$tenant_id = tests.tenancy_id('tenant_a')$$, '0 rows', 'a clinician of tenant A reads patients but cannot edit them: zero rows'),
  ('a_clinician_2', $$tenant_id = tests.tenancy_id('tenant_a')$$, '0 rows', 'a centre-scoped clinician of tenant A cannot edit patients: zero rows'),
  ('b_owner', $$tenant_id = tests.tenancy_id('tenant_a')$$, '0 rows', 'the owner of tenant B cannot edit tenant A''s patients: zero rows'),
  ('b_clinician', $$id = tests.tenancy_id('patient_a')$$, '0 rows', 'staff of tenant B cannot edit the tenant-A record of a person who is also their patient: zero rows')
) as m(who, patients, expected, description);

select is((select count(*)::integer from public.patients where full_name = 'Edited'), 0, 'no record changed');

select * from finish();
rollback;

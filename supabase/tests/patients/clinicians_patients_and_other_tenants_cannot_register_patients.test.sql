-- Clinicians (tenant-wide or centre-scoped), patients, staff of another tenant and staff of an
-- inactive tenant cannot register patient records in it: 42501.
begin;
select plan(6);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: clinicians, a patient, another and an inactive tenant's owner register no patient
select is(tests.attempt_as(m.who, format($$ insert into public.patients (tenant_id, full_name) values (tests.tenancy_id(%L), 'New Patient') $$, m.tenant)), m.expected, m.description)
from (values
  ('a_clinician', 'tenant_a', '42501: new row violates row-level security policy for table "patients"', 'a clinician of tenant A cannot register patients'),
  ('a_clinician_2', 'tenant_a', '42501: new row violates row-level security policy for table "patients"', 'a centre-scoped clinician of tenant A cannot register patients'),
  ('patient', 'tenant_a', '42501: new row violates row-level security policy for table "patients"', 'a patient cannot register other (unlinked) patients'),
  ('b_owner', 'tenant_a', '42501: new row violates row-level security policy for table "patients"', 'the owner of tenant B cannot register patients in tenant A'),
  ('c_owner', 'tenant_c', '42501: new row violates row-level security policy for table "patients"', 'the owner of an inactive tenant cannot register patients there')
) as m(who, tenant, expected, description);

select is((select count(*)::integer from public.patients where full_name = 'New Patient'), 0, 'no record was created');

select * from finish();
rollback;

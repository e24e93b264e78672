-- public.time_off: who may create rows. Allowed: owners, admins and managers, the manager of a centre where the clinician works and the clinician themselves, and service_role.
-- Everyone else gets 42501 (RLS with check; anon: no grant).
begin;
select plan(17);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_availability_fixtures();

-- TEST: each caller inserts time off of one clinician; permitted inserts are kept
select is(
  tests.attempt_as(m.who, format(
    $$insert into public.time_off (tenant_id, clinician_id, during, reason) values (tests.tenancy_id('tenant_a'), tests.tenancy_id(%L), tstzrange('2026-09-07 09:00Z', '2026-09-07 10:00Z'), 'Errand')$$,
    m.clinician)),
  m.expected,
  m.description)
from (values
  ('anon', 'clinician_a', '42501: permission denied for table time_off', 'anon cannot create time off: 42501'),
  ('a_owner', 'clinician_a', '1 row', 'the owner creates time off for clinician_a'),
  ('a_admin', 'clinician_a_2', '1 row', 'an admin creates time off for clinician_a_2'),
  ('a_manager', 'clinician_a_visiting', '1 row', 'a manager creates time off for clinician_a_visiting'),
  ('a_centre_manager', 'clinician_a', '1 row', 'the centre manager of centre_a1 creates time off for clinician_a'),
  ('a_centre_manager', 'clinician_a_2', '42501: new row violates row-level security policy for table "time_off"', 'the centre manager of centre_a1 cannot create time off for clinician_a_2: 42501'),
  ('a_clinician', 'clinician_a', '1 row', 'clinician_a (a_clinician) creates time off for clinician_a'),
  ('a_clinician', 'clinician_a_2', '42501: new row violates row-level security policy for table "time_off"', 'clinician_a (a_clinician) cannot create time off for clinician_a_2: 42501'),
  ('a_clinician_2', 'clinician_a_2', '1 row', 'clinician_a_2 (a_clinician_2) creates time off for clinician_a_2'),
  ('a_clinician_2', 'clinician_a', '42501: new row violates row-level security policy for table "time_off"', 'clinician_a_2 (a_clinician_2) cannot create time off for clinician_a: 42501'),
  ('a_care_coordinator', 'clinician_a', '42501: new row violates row-level security policy for table "time_off"', 'a care coordinator cannot create time off for clinician_a: 42501'),
  ('a_front_desk', 'clinician_a', '42501: new row violates row-level security policy for table "time_off"', 'the front desk cannot create time off for clinician_a: 42501'),
  ('patient', 'clinician_a', '42501: new row violates row-level security policy for table "time_off"', 'a patient of tenant A cannot create time off for clinician_a: 42501'),
  ('outsider', 'clinician_a', '42501: new row violates row-level security policy for table "time_off"', 'a signed-in user with no role cannot create time off for clinician_a: 42501'),
  ('b_owner', 'clinician_a', '42501: new row violates row-level security policy for table "time_off"', 'the owner of tenant B cannot create time off for clinician_a: 42501'),
  ('service_role', 'clinician_a_2', '1 row', 'service_role creates time off for clinician_a_2')
) as m(who, clinician, expected, description);

select is((select count(*)::integer from public.time_off where tenant_id = tests.tenancy_id('tenant_a')), 2 + 7,
  'exactly the 7 permitted inserts created rows (next to the 2 fixture rows)');

select * from finish();
rollback;

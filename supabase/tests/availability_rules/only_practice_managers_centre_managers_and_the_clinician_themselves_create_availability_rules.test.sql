-- public.availability_rules: who may create rows. Allowed: owners, admins and managers (any centre), the centre manager (their centre) and the clinician themselves, and service_role.
-- Everyone else gets 42501 (RLS with check; anon: no grant).
begin;
select plan(17);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_availability_fixtures();

-- TEST: each caller inserts recurring hours of one clinician at one centre; permitted inserts are kept
select is(
  tests.attempt_as(m.who, format(
    $$insert into public.availability_rules (tenant_id, clinician_id, centre_id, local_start, local_end, rrule, valid_from) values (tests.tenancy_id('tenant_a'), tests.tenancy_id(%L), tests.tenancy_id(%L), '07:00', '08:00', 'FREQ=WEEKLY;BYDAY=SA', date '2026-09-05')$$,
    m.clinician, m.centre)),
  m.expected,
  m.description)
from (values
  ('anon', 'clinician_a', 'centre_a1', '42501: permission denied for table availability_rules', 'anon cannot create recurring hours: 42501'),
  ('a_owner', 'clinician_a', 'centre_a1', '1 row', 'the owner creates hours of clinician_a at centre_a1'),
  ('a_admin', 'clinician_a_2', 'centre_a2', '1 row', 'an admin creates hours of clinician_a_2 at centre_a2'),
  ('a_manager', 'clinician_a', 'centre_a_unpublished', '1 row', 'a manager creates hours of clinician_a at centre_a_unpublished'),
  ('a_centre_manager', 'clinician_a', 'centre_a1', '1 row', 'the centre manager of centre_a1 creates hours of clinician_a at centre_a1'),
  ('a_centre_manager', 'clinician_a_2', 'centre_a2', '42501: new row violates row-level security policy for table "availability_rules"', 'the centre manager of centre_a1 cannot create hours of clinician_a_2 at centre_a2: 42501'),
  ('a_clinician', 'clinician_a', 'centre_a1', '1 row', 'clinician_a (a_clinician) creates hours of clinician_a at centre_a1'),
  ('a_clinician', 'clinician_a_2', 'centre_a2', '42501: new row violates row-level security policy for table "availability_rules"', 'clinician_a (a_clinician) cannot create hours of clinician_a_2 at centre_a2: 42501'),
  ('a_clinician_2', 'clinician_a_2', 'centre_a2', '1 row', 'clinician_a_2 (a_clinician_2) creates hours of clinician_a_2 at centre_a2'),
  ('a_clinician_2', 'clinician_a', 'centre_a1', '42501: new row violates row-level security policy for table "availability_rules"', 'clinician_a_2 (a_clinician_2) cannot create hours of clinician_a at centre_a1: 42501'),
  ('a_care_coordinator', 'clinician_a', 'centre_a1', '42501: new row violates row-level security policy for table "availability_rules"', 'a care coordinator cannot create hours of clinician_a at centre_a1: 42501'),
  ('a_front_desk', 'clinician_a', 'centre_a1', '42501: new row violates row-level security policy for table "availability_rules"', 'the front desk cannot create hours of clinician_a at centre_a1: 42501'),
  ('patient', 'clinician_a', 'centre_a1', '42501: new row violates row-level security policy for table "availability_rules"', 'a patient of tenant A cannot create hours of clinician_a at centre_a1: 42501'),
  ('outsider', 'clinician_a', 'centre_a1', '42501: new row violates row-level security policy for table "availability_rules"', 'a signed-in user with no role cannot create hours of clinician_a at centre_a1: 42501'),
  ('b_owner', 'clinician_a', 'centre_a1', '42501: new row violates row-level security policy for table "availability_rules"', 'the owner of tenant B cannot create hours of clinician_a at centre_a1: 42501'),
  ('service_role', 'clinician_a_2', 'centre_a2', '1 row', 'service_role creates hours of clinician_a_2 at centre_a2')
) as m(who, clinician, centre, expected, description);

select is((select count(*)::integer from public.availability_rules where tenant_id = tests.tenancy_id('tenant_a')), 2 + 7,
  'exactly the 7 permitted inserts created rows (next to the 2 fixture rows)');

select * from finish();
rollback;

-- public.holidays: who may create rows. Allowed: owners, admins and managers (tenant-wide or a centre) and the centre manager (their centre only), and service_role.
-- Everyone else gets 42501 (RLS with check; anon: no grant).
begin;
select plan(16);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_availability_fixtures();

-- TEST: each caller inserts a holiday of one centre (null: tenant-wide); permitted inserts are kept
select is(
  tests.attempt_as(m.who, format(
    $$insert into public.holidays (tenant_id, centre_id, local_date, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id(%L), date '2026-09-07', 'Closed')$$,
    m.centre)),
  m.expected,
  m.description)
from (values
  ('anon', 'centre_a1', '42501: permission denied for table holidays', 'anon cannot create holidays: 42501'),
  ('a_owner', null, '1 row', 'the owner creates a tenant-wide holiday'),
  ('a_admin', 'centre_a2', '1 row', 'an admin creates a holiday of centre_a2'),
  ('a_manager', 'centre_a1', '1 row', 'a manager creates a holiday of centre_a1'),
  ('a_centre_manager', 'centre_a1', '1 row', 'the centre manager of centre_a1 creates a holiday of centre_a1'),
  ('a_centre_manager', 'centre_a2', '42501: new row violates row-level security policy for table "holidays"', 'the centre manager of centre_a1 cannot create a holiday of centre_a2: 42501'),
  ('a_centre_manager', null, '42501: new row violates row-level security policy for table "holidays"', 'the centre manager of centre_a1 cannot create a tenant-wide holiday: 42501'),
  ('a_clinician', 'centre_a1', '42501: new row violates row-level security policy for table "holidays"', 'clinician_a (a_clinician) cannot create a holiday of centre_a1: 42501'),
  ('a_clinician_2', 'centre_a2', '42501: new row violates row-level security policy for table "holidays"', 'clinician_a_2 (a_clinician_2) cannot create a holiday of centre_a2: 42501'),
  ('a_care_coordinator', 'centre_a1', '42501: new row violates row-level security policy for table "holidays"', 'a care coordinator cannot create a holiday of centre_a1: 42501'),
  ('a_front_desk', 'centre_a1', '42501: new row violates row-level security policy for table "holidays"', 'the front desk cannot create a holiday of centre_a1: 42501'),
  ('patient', 'centre_a1', '42501: new row violates row-level security policy for table "holidays"', 'a patient of tenant A cannot create a holiday of centre_a1: 42501'),
  ('outsider', null, '42501: new row violates row-level security policy for table "holidays"', 'a signed-in user with no role cannot create a tenant-wide holiday: 42501'),
  ('b_owner', null, '42501: new row violates row-level security policy for table "holidays"', 'the owner of tenant B cannot create a tenant-wide holiday: 42501'),
  ('service_role', null, '1 row', 'service_role creates a tenant-wide holiday')
) as m(who, centre, expected, description);

select is((select count(*)::integer from public.holidays where tenant_id = tests.tenancy_id('tenant_a')), 3 + 5,
  'exactly the 5 permitted inserts created rows (next to the 3 fixture rows)');

select * from finish();
rollback;

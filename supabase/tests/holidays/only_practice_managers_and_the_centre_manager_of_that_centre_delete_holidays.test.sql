-- public.holidays: who may delete rows (owners, admins and managers (tenant-wide or a centre) and the centre manager (their centre only), and service_role);
-- others delete zero rows, anon has no grant (42501). Each permitted delete removes its own row.
begin;
select plan(16);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_availability_fixtures();
-- one row per permitted deleter
insert into public.holidays (tenant_id, id, centre_id, local_date, name) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('holiday_del_a_owner'), null, date '2026-09-07', 'Closed'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('holiday_del_a_admin'), tests.tenancy_id('centre_a2'), date '2026-09-07', 'Closed'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('holiday_del_a_manager'), tests.tenancy_id('centre_a1'), date '2026-09-07', 'Closed'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('holiday_del_a_centre_manager'), tests.tenancy_id('centre_a1'), date '2026-09-07', 'Closed'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('holiday_del_service_role'), null, date '2026-09-07', 'Closed');

-- TEST: anon has no delete grant
select tests.clear_authentication();
select throws_ok(
  $$ delete from public.holidays where tenant_id = tests.tenancy_id('tenant_a') $$,
  '42501', 'permission denied for table holidays',
  'anon cannot delete holidays: 42501');
reset role;

-- TEST: each caller deletes one holiday
select is(
  tests.attempt_as(m.who, format(
    $$ delete from public.holidays where id = tests.tenancy_id(%L) returning 1 $$,
    m.holiday)),
  m.expected,
  m.description)
from (values
  ('a_owner', 'holiday_del_a_owner', '1 row', 'the owner deletes a tenant-wide holiday'),
  ('a_admin', 'holiday_del_a_admin', '1 row', 'an admin deletes a holiday of centre_a2'),
  ('a_manager', 'holiday_del_a_manager', '1 row', 'a manager deletes a holiday of centre_a1'),
  ('a_centre_manager', 'holiday_del_a_centre_manager', '1 row', 'the centre manager of centre_a1 deletes a holiday of centre_a1'),
  ('a_centre_manager', 'holiday_a2', '0 rows', 'the centre manager of centre_a1 cannot delete holiday_a2: zero rows'),
  ('a_centre_manager', 'holiday_a', '0 rows', 'the centre manager of centre_a1 cannot delete holiday_a: zero rows'),
  ('a_clinician', 'holiday_a1', '0 rows', 'clinician_a (a_clinician) cannot delete holiday_a1: zero rows'),
  ('a_clinician_2', 'holiday_a2', '0 rows', 'clinician_a_2 (a_clinician_2) cannot delete holiday_a2: zero rows'),
  ('a_care_coordinator', 'holiday_a1', '0 rows', 'a care coordinator cannot delete holiday_a1: zero rows'),
  ('a_front_desk', 'holiday_a1', '0 rows', 'the front desk cannot delete holiday_a1: zero rows'),
  ('patient', 'holiday_a1', '0 rows', 'a patient of tenant A cannot delete holiday_a1: zero rows'),
  ('outsider', 'holiday_a', '0 rows', 'a signed-in user with no role cannot delete holiday_a: zero rows'),
  ('b_owner', 'holiday_a', '0 rows', 'the owner of tenant B cannot delete holiday_a: zero rows'),
  ('service_role', 'holiday_del_service_role', '1 row', 'service_role deletes a tenant-wide holiday')
) as m(who, holiday, expected, description);

select is((select count(*)::integer from public.holidays where id in (select tests.tenancy_id(n) from unnest(array['holiday_a', 'holiday_a1', 'holiday_a2']) as n)), 3,
  'the rows others tried to delete are all still there');

select * from finish();
rollback;

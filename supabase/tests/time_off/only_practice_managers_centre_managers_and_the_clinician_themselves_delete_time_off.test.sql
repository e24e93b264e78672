-- public.time_off: who may delete rows (owners, admins and managers, the manager of a centre where the clinician works and the clinician themselves, and service_role);
-- others delete zero rows, anon has no grant (42501). Each permitted delete removes its own row.
begin;
select plan(17);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_availability_fixtures();
-- one row per permitted deleter
insert into public.time_off (tenant_id, id, clinician_id, during, reason) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('time_off_del_a_owner'), tests.tenancy_id('clinician_a'), tstzrange('2026-09-07 09:00Z', '2026-09-07 10:00Z'), 'Errand'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('time_off_del_a_admin'), tests.tenancy_id('clinician_a_2'), tstzrange('2026-09-07 09:00Z', '2026-09-07 10:00Z'), 'Errand'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('time_off_del_a_manager'), tests.tenancy_id('clinician_a_visiting'), tstzrange('2026-09-07 09:00Z', '2026-09-07 10:00Z'), 'Errand'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('time_off_del_a_centre_manager'), tests.tenancy_id('clinician_a'), tstzrange('2026-09-07 09:00Z', '2026-09-07 10:00Z'), 'Errand'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('time_off_del_a_clinician'), tests.tenancy_id('clinician_a'), tstzrange('2026-09-07 09:00Z', '2026-09-07 10:00Z'), 'Errand'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('time_off_del_a_clinician_2'), tests.tenancy_id('clinician_a_2'), tstzrange('2026-09-07 09:00Z', '2026-09-07 10:00Z'), 'Errand'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('time_off_del_service_role'), tests.tenancy_id('clinician_a_2'), tstzrange('2026-09-07 09:00Z', '2026-09-07 10:00Z'), 'Errand');

-- TEST: anon has no delete grant
select tests.clear_authentication();
select throws_ok(
  $$ delete from public.time_off where tenant_id = tests.tenancy_id('tenant_a') $$,
  '42501', 'permission denied for table time_off',
  'anon cannot delete time off: 42501');
reset role;

-- TEST: each caller deletes one row of time off
select is(
  tests.attempt_as(m.who, format(
    $$ delete from public.time_off where id = tests.tenancy_id(%L) returning 1 $$,
    m.time_off)),
  m.expected,
  m.description)
from (values
  ('a_owner', 'time_off_del_a_owner', '1 row', 'the owner deletes time off for clinician_a'),
  ('a_admin', 'time_off_del_a_admin', '1 row', 'an admin deletes time off for clinician_a_2'),
  ('a_manager', 'time_off_del_a_manager', '1 row', 'a manager deletes time off for clinician_a_visiting'),
  ('a_centre_manager', 'time_off_del_a_centre_manager', '1 row', 'the centre manager of centre_a1 deletes time off for clinician_a'),
  ('a_centre_manager', 'time_off_a_2', '0 rows', 'the centre manager of centre_a1 cannot delete time_off_a_2: zero rows'),
  ('a_clinician', 'time_off_del_a_clinician', '1 row', 'clinician_a (a_clinician) deletes time off for clinician_a'),
  ('a_clinician', 'time_off_a_2', '0 rows', 'clinician_a (a_clinician) cannot delete time_off_a_2: zero rows'),
  ('a_clinician_2', 'time_off_del_a_clinician_2', '1 row', 'clinician_a_2 (a_clinician_2) deletes time off for clinician_a_2'),
  ('a_clinician_2', 'time_off_a', '0 rows', 'clinician_a_2 (a_clinician_2) cannot delete time_off_a: zero rows'),
  ('a_care_coordinator', 'time_off_a', '0 rows', 'a care coordinator cannot delete time_off_a: zero rows'),
  ('a_front_desk', 'time_off_a', '0 rows', 'the front desk cannot delete time_off_a: zero rows'),
  ('patient', 'time_off_a', '0 rows', 'a patient of tenant A cannot delete time_off_a: zero rows'),
  ('outsider', 'time_off_a', '0 rows', 'a signed-in user with no role cannot delete time_off_a: zero rows'),
  ('b_owner', 'time_off_a', '0 rows', 'the owner of tenant B cannot delete time_off_a: zero rows'),
  ('service_role', 'time_off_del_service_role', '1 row', 'service_role deletes time off for clinician_a_2')
) as m(who, time_off, expected, description);

select is((select count(*)::integer from public.time_off where id in (select tests.tenancy_id(n) from unnest(array['time_off_a', 'time_off_a_2']) as n)), 2,
  'the rows others tried to delete are all still there');

select * from finish();
rollback;

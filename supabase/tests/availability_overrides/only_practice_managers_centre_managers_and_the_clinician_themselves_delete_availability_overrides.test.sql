-- public.availability_overrides: who may delete rows (owners, admins and managers (any centre), the centre manager (their centre) and the clinician themselves, and service_role);
-- others delete zero rows, anon has no grant (42501). Each permitted delete removes its own row.
begin;
select plan(17);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_availability_fixtures();
-- one row per permitted deleter
insert into public.availability_overrides (tenant_id, id, clinician_id, centre_id, local_date, local_start, local_end) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('override_del_a_owner'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), date '2026-09-05', '07:00', '08:00'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('override_del_a_admin'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2'), date '2026-09-05', '07:00', '08:00'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('override_del_a_manager'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a_unpublished'), date '2026-09-05', '07:00', '08:00'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('override_del_a_centre_manager'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), date '2026-09-05', '07:00', '08:00'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('override_del_a_clinician'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), date '2026-09-05', '07:00', '08:00'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('override_del_a_clinician_2'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2'), date '2026-09-05', '07:00', '08:00'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('override_del_service_role'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2'), date '2026-09-05', '07:00', '08:00');

-- TEST: anon has no delete grant
select tests.clear_authentication();
select throws_ok(
  $$ delete from public.availability_overrides where tenant_id = tests.tenancy_id('tenant_a') $$,
  '42501', 'permission denied for table availability_overrides',
  'anon cannot delete extra hours: 42501');
reset role;

-- TEST: each caller deletes one row of extra hours
select is(
  tests.attempt_as(m.who, format(
    $$ delete from public.availability_overrides where id = tests.tenancy_id(%L) returning 1 $$,
    m.override)),
  m.expected,
  m.description)
from (values
  ('a_owner', 'override_del_a_owner', '1 row', 'the owner deletes hours of clinician_a at centre_a1'),
  ('a_admin', 'override_del_a_admin', '1 row', 'an admin deletes hours of clinician_a_2 at centre_a2'),
  ('a_manager', 'override_del_a_manager', '1 row', 'a manager deletes hours of clinician_a at centre_a_unpublished'),
  ('a_centre_manager', 'override_del_a_centre_manager', '1 row', 'the centre manager of centre_a1 deletes hours of clinician_a at centre_a1'),
  ('a_centre_manager', 'override_a_2', '0 rows', 'the centre manager of centre_a1 cannot delete override_a_2: zero rows'),
  ('a_clinician', 'override_del_a_clinician', '1 row', 'clinician_a (a_clinician) deletes hours of clinician_a at centre_a1'),
  ('a_clinician', 'override_a_2', '0 rows', 'clinician_a (a_clinician) cannot delete override_a_2: zero rows'),
  ('a_clinician_2', 'override_del_a_clinician_2', '1 row', 'clinician_a_2 (a_clinician_2) deletes hours of clinician_a_2 at centre_a2'),
  ('a_clinician_2', 'override_a', '0 rows', 'clinician_a_2 (a_clinician_2) cannot delete override_a: zero rows'),
  ('a_care_coordinator', 'override_a', '0 rows', 'a care coordinator cannot delete override_a: zero rows'),
  ('a_front_desk', 'override_a', '0 rows', 'the front desk cannot delete override_a: zero rows'),
  ('patient', 'override_a', '0 rows', 'a patient of tenant A cannot delete override_a: zero rows'),
  ('outsider', 'override_a', '0 rows', 'a signed-in user with no role cannot delete override_a: zero rows'),
  ('b_owner', 'override_a', '0 rows', 'the owner of tenant B cannot delete override_a: zero rows'),
  ('service_role', 'override_del_service_role', '1 row', 'service_role deletes hours of clinician_a_2 at centre_a2')
) as m(who, override, expected, description);

select is((select count(*)::integer from public.availability_overrides where id in (select tests.tenancy_id(n) from unnest(array['override_a', 'override_a_2']) as n)), 2,
  'the rows others tried to delete are all still there');

select * from finish();
rollback;

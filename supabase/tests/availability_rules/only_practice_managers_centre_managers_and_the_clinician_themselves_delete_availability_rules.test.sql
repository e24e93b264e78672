-- public.availability_rules: who may delete rows (owners, admins and managers (any centre), the centre manager (their centre) and the clinician themselves, and service_role);
-- others delete zero rows, anon has no grant (42501). Each permitted delete removes its own row.
begin;
select plan(17);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_availability_fixtures();
-- one row per permitted deleter
insert into public.availability_rules (tenant_id, id, clinician_id, centre_id, local_start, local_end, rrule, valid_from) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('rule_del_a_owner'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), '07:00', '08:00', 'FREQ=WEEKLY;BYDAY=SA', date '2026-09-05'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('rule_del_a_admin'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2'), '07:00', '08:00', 'FREQ=WEEKLY;BYDAY=SA', date '2026-09-05'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('rule_del_a_manager'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a_unpublished'), '07:00', '08:00', 'FREQ=WEEKLY;BYDAY=SA', date '2026-09-05'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('rule_del_a_centre_manager'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), '07:00', '08:00', 'FREQ=WEEKLY;BYDAY=SA', date '2026-09-05'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('rule_del_a_clinician'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), '07:00', '08:00', 'FREQ=WEEKLY;BYDAY=SA', date '2026-09-05'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('rule_del_a_clinician_2'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2'), '07:00', '08:00', 'FREQ=WEEKLY;BYDAY=SA', date '2026-09-05'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('rule_del_service_role'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2'), '07:00', '08:00', 'FREQ=WEEKLY;BYDAY=SA', date '2026-09-05');

-- TEST: anon has no delete grant
select tests.clear_authentication();
select throws_ok(
  $$ delete from public.availability_rules where tenant_id = tests.tenancy_id('tenant_a') $$,
  '42501', 'permission denied for table availability_rules',
  'anon cannot delete recurring hours: 42501');
reset role;

-- TEST: each caller deletes one rule
select is(
  tests.attempt_as(m.who, format(
    $$ delete from public.availability_rules where id = tests.tenancy_id(%L) returning 1 $$,
    m.rule)),
  m.expected,
  m.description)
from (values
  ('a_owner', 'rule_del_a_owner', '1 row', 'the owner deletes hours of clinician_a at centre_a1'),
  ('a_admin', 'rule_del_a_admin', '1 row', 'an admin deletes hours of clinician_a_2 at centre_a2'),
  ('a_manager', 'rule_del_a_manager', '1 row', 'a manager deletes hours of clinician_a at centre_a_unpublished'),
  ('a_centre_manager', 'rule_del_a_centre_manager', '1 row', 'the centre manager of centre_a1 deletes hours of clinician_a at centre_a1'),
  ('a_centre_manager', 'rule_a_2', '0 rows', 'the centre manager of centre_a1 cannot delete rule_a_2: zero rows'),
  ('a_clinician', 'rule_del_a_clinician', '1 row', 'clinician_a (a_clinician) deletes hours of clinician_a at centre_a1'),
  ('a_clinician', 'rule_a_2', '0 rows', 'clinician_a (a_clinician) cannot delete rule_a_2: zero rows'),
  ('a_clinician_2', 'rule_del_a_clinician_2', '1 row', 'clinician_a_2 (a_clinician_2) deletes hours of clinician_a_2 at centre_a2'),
  ('a_clinician_2', 'rule_a', '0 rows', 'clinician_a_2 (a_clinician_2) cannot delete rule_a: zero rows'),
  ('a_care_coordinator', 'rule_a', '0 rows', 'a care coordinator cannot delete rule_a: zero rows'),
  ('a_front_desk', 'rule_a', '0 rows', 'the front desk cannot delete rule_a: zero rows'),
  ('patient', 'rule_a', '0 rows', 'a patient of tenant A cannot delete rule_a: zero rows'),
  ('outsider', 'rule_a', '0 rows', 'a signed-in user with no role cannot delete rule_a: zero rows'),
  ('b_owner', 'rule_a', '0 rows', 'the owner of tenant B cannot delete rule_a: zero rows'),
  ('service_role', 'rule_del_service_role', '1 row', 'service_role deletes hours of clinician_a_2 at centre_a2')
) as m(who, rule, expected, description);

select is((select count(*)::integer from public.availability_rules where id in (select tests.tenancy_id(n) from unnest(array['rule_a', 'rule_a_2']) as n)), 2,
  'the rows others tried to delete are all still there');

select * from finish();
rollback;

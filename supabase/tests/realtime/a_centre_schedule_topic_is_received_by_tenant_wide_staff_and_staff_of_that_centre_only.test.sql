-- schedule:<tenant_id>:<centre_id> carries every appointment of a centre, so it is joined by those
-- who may read all of them (as the appointments SELECT policy): staff with a tenant-wide role,
-- staff holding a role at that centre, and service_role (BYPASSRLS). Staff of other centres,
-- patients, outsiders, anon and other tenants' staff are refused. Checked the way Realtime checks
-- a private channel join (probe, role + claims, topic).
begin;
select plan(3);

-- SETUP (tests.can_join / tests.realtime_joiners check a join as Realtime does: _setup/realtime_helpers.sql)
select tests.create_appointment_fixtures();

-- TEST
select is(tests.realtime_joiners('schedule:' || tests.tenancy_id('tenant_a') || ':' || tests.tenancy_id('centre_a1')),
  array['a_admin', 'a_care_coordinator', 'a_centre_manager', 'a_clinician', 'a_front_desk', 'a_manager', 'a_owner', 'service_role'],
  'tenant-wide staff of tenant_a, the centre manager of centre_a1 and service_role may join centre_a1''s schedule; the clinician of centre_a2, patients, outsider, anon and other tenants'' staff may not');
select is(tests.realtime_joiners('schedule:' || tests.tenancy_id('tenant_a') || ':' || tests.tenancy_id('centre_a2')),
  array['a_admin', 'a_care_coordinator', 'a_clinician', 'a_clinician_2', 'a_front_desk', 'a_manager', 'a_owner', 'service_role'],
  'centre_a2''s schedule: tenant-wide staff, the clinician of centre_a2 and service_role; not the centre manager of centre_a1');
select is(tests.realtime_joiners('schedule:' || tests.tenancy_id('tenant_b') || ':' || tests.tenancy_id('centre_b1')),
  array['b_clinician', 'b_owner', 'service_role'],
  'only tenant_b staff and service_role may join a centre schedule of tenant_b');

select * from finish();
rollback;

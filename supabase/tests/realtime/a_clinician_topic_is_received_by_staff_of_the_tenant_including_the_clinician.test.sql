-- clinician:<tenant_id>:<clinician_id> carries one clinician's appointments, at every centre:
-- staff with a tenant-wide role, the clinician (through clinician_keys_of_current_user) and
-- service_role; not centre-scoped staff of other clinicians, patients, anon or other tenants' staff.
begin;
select plan(4);

-- SETUP (tests.can_join / tests.realtime_joiners check a join as Realtime does: _setup/realtime_helpers.sql)
select tests.create_appointment_fixtures();

-- TEST
select is(tests.realtime_joiners('clinician:' || tests.tenancy_id('tenant_a') || ':' || tests.tenancy_id('clinician_a')),
  array['a_admin', 'a_care_coordinator', 'a_clinician', 'a_front_desk', 'a_manager', 'a_owner', 'service_role'],
  'clinician_a''s topic is joined by tenant-wide tenant_a staff (a_clinician included) and service_role only');
select is(tests.realtime_joiners('clinician:' || tests.tenancy_id('tenant_b') || ':' || tests.tenancy_id('clinician_b')),
  array['b_clinician', 'b_owner', 'service_role'],
  'clinician_b''s topic is joined by b_clinician, the tenant_b owner and service_role only');
select is(tests.realtime_joiners('clinician:' || tests.tenancy_id('tenant_a') || ':' || tests.tenancy_id('clinician_b')),
  array['a_admin', 'a_care_coordinator', 'a_clinician', 'a_front_desk', 'a_manager', 'a_owner', 'service_role'],
  'a clinician id under the wrong tenant does not let that clinician in (b_clinician cannot join clinician:<tenant_a>:<clinician_b>)');

select is(tests.realtime_joiners('clinician:' || tests.tenancy_id('tenant_a') || ':' || tests.tenancy_id('clinician_a_2')),
  array['a_admin', 'a_care_coordinator', 'a_clinician', 'a_clinician_2', 'a_front_desk', 'a_manager', 'a_owner', 'service_role'],
  'clinician_a_2''s topic is joined by that centre-scoped clinician too');

select * from finish();
rollback;

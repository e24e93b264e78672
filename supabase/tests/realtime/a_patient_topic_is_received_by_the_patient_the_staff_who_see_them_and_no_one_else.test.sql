-- patient:<tenant_id>:<patient_id> carries one patient's appointments: the user linked to that
-- patient record, staff with a tenant-wide role, staff of a centre the patient belongs to (here:
-- patient_a_2 is registered at centre_a1), the clinician in whose care they are, and
-- service_role; never another patient, the same person's record in another tenant's topic for
-- the wrong tenant, anon, other tenants' staff or staff of other centres.
begin;
select plan(3);

-- SETUP (tests.can_join / tests.realtime_joiners check a join as Realtime does: _setup/realtime_helpers.sql)
select tests.create_appointment_fixtures();
update public.patients set registered_centre_id = tests.tenancy_id('centre_a1') where id = tests.tenancy_id('patient_a_2');

-- TEST
select is(tests.realtime_joiners('patient:' || tests.tenancy_id('tenant_a') || ':' || tests.tenancy_id('patient_a')),
  array['a_admin', 'a_care_coordinator', 'a_clinician', 'a_front_desk', 'a_manager', 'a_owner', 'patient', 'service_role'],
  'patient_a''s topic is joined by their own user, tenant-wide tenant_a staff and service_role; not centre-scoped staff (patient_a belongs to no centre yet), a_patient_2, outsider, anon or tenant_b staff');
select is(tests.realtime_joiners('patient:' || tests.tenancy_id('tenant_b') || ':' || tests.tenancy_id('patient_b')),
  array['b_clinician', 'b_owner', 'patient', 'service_role'],
  'the same person''s tenant_b record: their user, tenant_b staff and service_role; not tenant_a staff');
select is(tests.realtime_joiners('patient:' || tests.tenancy_id('tenant_a') || ':' || tests.tenancy_id('patient_a_2')),
  array['a_admin', 'a_care_coordinator', 'a_centre_manager', 'a_clinician', 'a_front_desk', 'a_manager', 'a_owner', 'a_patient_2', 'service_role'],
  'patient_a_2''s topic (registered at centre_a1): their user, tenant-wide staff, the centre manager of centre_a1; not the user patient, not the clinician of centre_a2');

select * from finish();
rollback;

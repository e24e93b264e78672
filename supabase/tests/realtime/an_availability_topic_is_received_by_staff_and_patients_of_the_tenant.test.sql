-- availability:<tenant_id>:<centre_id> only says "slots at this centre may have changed" (no
-- personal data): staff and patients of the tenant and service_role may join; anon (no private
-- channels), users with no record in the tenant and other tenants' staff may not.
begin;
select plan(2);

-- SETUP (tests.can_join / tests.realtime_joiners check a join as Realtime does: _setup/realtime_helpers.sql)
select tests.create_appointment_fixtures();

-- TEST
select is(tests.realtime_joiners('availability:' || tests.tenancy_id('tenant_a') || ':' || tests.tenancy_id('centre_a1')),
  array['a_admin', 'a_care_coordinator', 'a_centre_manager', 'a_clinician', 'a_clinician_2', 'a_front_desk', 'a_manager', 'a_owner', 'a_patient_2', 'patient', 'service_role'],
  'tenant_a staff and patients and service_role may join a tenant_a availability topic; outsider, anon, tenant_b staff may not');
select is(tests.realtime_joiners('availability:' || tests.tenancy_id('tenant_b') || ':' || tests.tenancy_id('centre_b1')),
  array['b_clinician', 'b_owner', 'patient', 'service_role'],
  'a tenant_b availability topic: tenant_b staff, the patient with a tenant_b record and service_role');

select * from finish();
rollback;

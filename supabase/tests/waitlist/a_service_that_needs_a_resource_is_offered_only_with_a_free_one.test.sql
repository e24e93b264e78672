-- A service with required_resource_type: the hold gets a free resource of that type at the
-- centre (the one the cancelled appointment released, or any other free one); when none is
-- free at that time, nothing is offered.
begin;
select plan(4);

-- SETUP
select tests.create_waitlist_fixtures();
select tests.free_slot('scan_a', tests.appointment_slot(2, '10:00'), 'appt_scan');
insert into public.appointment_resources (tenant_id, appointment_id, resource_id, occupied, active)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('scan_a'), tests.tenancy_id('resource_a1_ultrasound'), 'empty', true);
select tests.insert_appointment('scan_visiting', 'appt_scan', 'clinician_a_visiting', 'patient_a_3', tests.appointment_slot(2, '10:00'));
insert into public.appointment_resources (tenant_id, appointment_id, resource_id, occupied, active)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('scan_visiting'), tests.tenancy_id('resource_a1_ultrasound_2'), 'empty', true);
select tests.insert_waitlist_entry('entry', 'patient_a_2', 'appt_scan', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));
select tests.insert_waitlist_entry('later', 'patient_a', 'appt_scan', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));

-- TEST: the released ultrasound goes with the offer
select public.cancel_appointment(tests.tenancy_id('scan_a'), 'patient_request');
select results_eq(
  $$ select ar.resource_id, ar.active from public.appointment_resources as ar where ar.appointment_id = (select id from tests.waitlist_hold('entry')) $$,
  $$ values (tests.tenancy_id('resource_a1_ultrasound'), true) $$, 'the hold is allocated the ultrasound the cancellation released');

-- TEST: the other ultrasound, then none free
select public.cancel_appointment(tests.tenancy_id('scan_visiting'), 'patient_request');
select results_eq(
  $$ select ar.resource_id from public.appointment_resources as ar where ar.appointment_id = (select id from tests.waitlist_hold('later')) $$,
  $$ values (tests.tenancy_id('resource_a1_ultrasound_2')) $$, 'the second ultrasound, freed by another cancellation, goes to the next entry');
select tests.insert_waitlist_entry('third', 'patient_a_walk_in', 'appt_scan', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));
-- an appointment that holds clinician_a at 11:00 but (booked by service_role) no ultrasound; both ultrasounds busy at 11:00
select tests.insert_appointment('scan_11_a', 'appt_scan', 'clinician_a', 'patient_a_3', tests.appointment_slot(2, '11:00'));
select tests.insert_appointment('scan_11_b', 'appt_scan', 'clinician_a_visiting', 'patient_a', tests.appointment_slot(2, '11:00'));
insert into public.appointment_resources (tenant_id, appointment_id, resource_id, occupied, active) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('scan_11_b'), tests.tenancy_id('resource_a1_ultrasound'), 'empty', true),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('scan_11_b'), tests.tenancy_id('resource_a1_ultrasound_2'), 'empty', true);
select public.cancel_appointment(tests.tenancy_id('scan_11_a'), 'patient_request');
select is((select status::text from public.waitlist_entries where id = tests.tenancy_id('third')), 'waiting',
  'without a free ultrasound the slot is not offered');
select is((select count(*)::integer from public.waitlist_offers), 2, 'only the two slots with a free ultrasound were offered');

select * from finish();
rollback;

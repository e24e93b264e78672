-- The database itself refuses double booking (23P01), whatever writes the row: a clinician's
-- occupied ranges (with buffers) never overlap among occupying statuses, nor a patient's times,
-- nor a resource's allocations; cancelled appointments free the time; adjacent ranges are fine.
begin;
select plan(8);

-- SETUP
select tests.create_appointment_fixtures();
select tests.insert_appointment('appt_1', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));

-- TEST: clinician
select is((select occupied from public.appointments where id = tests.tenancy_id('appt_1')),
  tstzrange(tests.appointment_slot(3, '09:55'), tests.appointment_slot(3, '10:40'), '[)'),
  'occupied is [start - buffer_before, end + buffer_after) of the service (set by trigger)');
select throws_ok(
  $$ select tests.insert_appointment('appt_2', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(3, '10:30')) $$,
  '23P01', null, 'an overlap with the clinician''s buffer is refused by appointments_clinician_no_overlap');
select lives_ok(
  $$ select tests.insert_appointment('appt_3', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(3, '10:45')) $$,
  'a range that starts where the previous occupied range ends is accepted');

-- TEST: patient
select throws_ok(
  $$ select tests.insert_appointment('appt_4', 'appt_checkup', 'clinician_a_visiting', 'patient_a', tests.appointment_slot(3, '10:15')) $$,
  '23P01', null, 'the same patient cannot be in two appointments at once (appointments_patient_no_overlap)');

-- TEST: cancelled frees the time
update public.appointments set status = 'cancelled', cancellation_reason = 'test' where id = tests.tenancy_id('appt_1');
select lives_ok(
  $$ select tests.insert_appointment('appt_5', 'appt_checkup', 'clinician_a', 'patient_a_walk_in', tests.appointment_slot(3, '10:00')) $$,
  'a cancelled appointment no longer occupies the time');

-- TEST: resources
select tests.insert_appointment('scan_1', 'appt_scan', 'clinician_a', 'patient_a', tests.appointment_slot(4, '10:00'));
select tests.insert_appointment('scan_2', 'appt_scan', 'clinician_a_visiting', 'patient_a_2', tests.appointment_slot(4, '10:00'));
insert into public.appointment_resources (tenant_id, appointment_id, resource_id, occupied, active)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('scan_1'), tests.tenancy_id('resource_a1_ultrasound'), 'empty', false);
select is((select (occupied, active)::text from public.appointment_resources where appointment_id = tests.tenancy_id('scan_1')),
  (select (occupied, true)::text from public.appointments where id = tests.tenancy_id('scan_1')),
  'occupied and active of an allocation are copied from the appointment whatever the writer sent');
select throws_ok(
  $$ insert into public.appointment_resources (tenant_id, appointment_id, resource_id, occupied, active)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('scan_2'), tests.tenancy_id('resource_a1_ultrasound'), 'empty', false) $$,
  '23P01', null, 'one resource cannot be allocated to two overlapping appointments (appointment_resources_no_overlap)');
update public.appointments set status = 'cancelled', cancellation_reason = 'test' where id = tests.tenancy_id('scan_1');
select is((select active from public.appointment_resources where appointment_id = tests.tenancy_id('scan_1')), false,
  'cancelling the appointment deactivates its allocations');

select * from finish();
rollback;

-- Every PT409 of reschedule_appointment carries a reason code (docs/errors.md): status_conflict
-- for an appointment that is no longer pending or booked, hold_expired for a hold past its expiry,
-- too_late_to_change for a patient inside the reschedule window, slot_taken and patient_busy for
-- a new time that is gone. The appointment stays as it was.
begin;
select plan(6);

-- SETUP
select tests.create_appointment_fixtures();
select tests.insert_appointment('mine', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));
select tests.insert_appointment('cancelled', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '12:00'), 'cancelled');
select tests.insert_appointment('expired', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(3, '14:00'), 'pending');
select tests.insert_appointment('soon', 'appt_scan', 'clinician_a', 'patient_a', tests.appointment_slot(1, '10:00'));
select tests.insert_appointment('theirs', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(4, '10:00'));
select tests.insert_appointment('elsewhere', 'appt_checkup', 'clinician_a_visiting', 'patient_a', tests.appointment_slot(5, '10:00'));
update public.appointments set hold_expires_at = now() - interval '1 minute' where id = tests.tenancy_id('expired');
create temporary table before on commit drop as select id, status, starts_at, updated_at from public.appointments;

-- TEST
select tests.authenticate_as('patient');
select is(tests.error_details_of($$ select public.reschedule_appointment(tests.tenancy_id('cancelled'), tests.appointment_slot(6, '10:00')) $$),
  '{"code": "PT409", "message": "a cancelled appointment cannot be rescheduled", "detail": "status_conflict", "hint": "Only pending and booked appointments can be moved; book a new one instead."}'::jsonb,
  'a cancelled appointment: status_conflict');
select is(tests.error_details_of($$ select public.reschedule_appointment(tests.tenancy_id('expired'), tests.appointment_slot(6, '14:00')) $$),
  '{"code": "PT409", "message": "the hold on this appointment has expired", "detail": "hold_expired", "hint": "Its time is no longer kept: search for available times again and book a new appointment."}'::jsonb,
  'an expired hold: hold_expired');
select is(tests.error_details_of($$ select public.reschedule_appointment(tests.tenancy_id('soon'), tests.appointment_slot(6, '10:00')) $$),
  '{"code": "PT409", "message": "it is too late to reschedule this appointment online", "detail": "too_late_to_change", "hint": "Call the clinic: the front desk can still move it."}'::jsonb,
  'inside the reschedule window: too_late_to_change');
select is(tests.error_details_of($$ select public.reschedule_appointment(tests.tenancy_id('mine'), tests.appointment_slot(4, '10:15')) $$),
  '{"code": "PT409", "message": "That time is no longer available", "detail": "slot_taken", "hint": "Someone else just booked it: search for available times again and pick another slot."}'::jsonb,
  'onto another patient''s time with the clinician: slot_taken');
select is(tests.error_details_of($$ select public.reschedule_appointment(tests.tenancy_id('mine'), tests.appointment_slot(5, '10:15')) $$),
  '{"code": "PT409", "message": "The patient already has an appointment at that time", "detail": "patient_busy", "hint": "Pick a time that does not overlap the patient''s other appointments."}'::jsonb,
  'onto the patient''s own appointment with another clinician: patient_busy');
reset role;
select is_empty($$ select id, status, starts_at, updated_at from public.appointments except select * from before $$,
  'the refused reschedules changed nothing');

select * from finish();
rollback;

-- Only statuses that occupy time (private.status_occupies: pending, booked, arrived, checked_in,
-- fulfilled) block a slot; cancelled and entered_in_error ones free it.
begin;
select plan(3);

-- SETUP: 20-minute video calls (no buffers) of clinician_a on the hour, in every status
select tests.create_appointment_fixtures();
select tests.insert_appointment('at_09', 'appt_video', 'clinician_a', 'patient_a', tests.appointment_slot(2, '09:00'), 'booked');
select tests.insert_appointment('at_10', 'appt_video', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'), 'arrived');
select tests.insert_appointment('at_11', 'appt_video', 'clinician_a', 'patient_a', tests.appointment_slot(2, '11:00'), 'checked_in');
select tests.insert_appointment('at_12', 'appt_video', 'clinician_a', 'patient_a', tests.appointment_slot(2, '12:00'), 'fulfilled');
select tests.insert_appointment('at_13', 'appt_video', 'clinician_a', 'patient_a', tests.appointment_slot(2, '13:00'), 'cancelled');
select tests.insert_appointment('at_14', 'appt_video', 'clinician_a', 'patient_a', tests.appointment_slot(2, '14:00'), 'entered_in_error');

-- TEST: 20-minute video calls at the hour; which 20-minute starts on the hour remain?
select is(
  array(select s from tests.slot_starts('appt_video', 'centre_a1', tests.appointment_slot(2, '09:00'), tests.appointment_slot(2, '15:00'), 'clinician_a') as s
         where s like '%:00'),
  array['13:00', '14:00'],
  'booked, arrived, checked_in and fulfilled block their hour; cancelled and entered_in_error do not');

-- TEST: cancelling frees the time at once
update public.appointments set status = 'cancelled', cancellation_reason = 'patient_request' where id = tests.tenancy_id('at_09');
select is(
  array(select tests.slot_starts('appt_video', 'centre_a1', tests.appointment_slot(2, '09:00'), tests.appointment_slot(2, '09:01'), 'clinician_a')),
  array['09:00'],
  'after cancelling the 09:00 booking, 09:00 is offered again');
select is(
  array(select tests.slot_starts('appt_video', 'centre_a1', tests.appointment_slot(2, '09:30'), tests.appointment_slot(2, '10:31'), 'clinician_a')),
  array['09:30', '10:30'],
  'the arrived 10:00-10:20 call still blocks 09:45, 10:00 and 10:15 (each overlaps it); 09:30-09:50 and 10:30-10:50 are free');

select * from finish();
rollback;

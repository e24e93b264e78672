-- Buffers: a slot's occupied range [start - buffer_before, end + buffer_after) must not overlap
-- the occupied range of another appointment of the clinician (the exclusion constraint booking
-- meets), while the appointment itself only has to fit the working hours (buffers may reach
-- outside them, as booking allows).
begin;
select plan(5);

-- SETUP: appt_checkup lasts 30 minutes with 5 minutes before and 10 after; clinician_a has a
-- check-up 12:00-12:30, which occupies 11:55-12:40
select tests.create_appointment_fixtures();
select tests.insert_appointment('booked_noon', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(2, '12:00'));

-- TEST
select is(
  (select tests.utc_text(lower(occupied)) || ' - ' || tests.utc_text(upper(occupied)) from public.appointments where id = tests.tenancy_id('booked_noon')),
  tests.utc_text(tests.appointment_slot(2, '11:55')) || ' - ' || tests.utc_text(tests.appointment_slot(2, '12:40')),
  'the existing check-up occupies 11:55-12:40');
select is(
  array(select tests.slot_starts('appt_checkup', 'centre_a1', tests.appointment_slot(2, '11:00'), tests.appointment_slot(2, '13:01'), 'clinician_a')),
  array['11:00', '11:15', '12:45', '13:00'],
  '11:15 (occupying 11:10-11:55) and 12:45 (12:40-13:25) touch it and are offered; 11:30 ... 12:30 overlap it');
select is(
  array(select tests.slot_starts('appt_video', 'centre_a1', tests.appointment_slot(2, '11:00'), tests.appointment_slot(2, '13:01'), 'clinician_a')),
  array['11:00', '11:15', '11:30', '12:45', '13:00'],
  'a service without buffers (20-minute video call) may end at 11:55, where the check-up''s buffer starts');
select is(
  array(select tests.slot_starts('appt_checkup', 'centre_a1', tests.appointment_slot(2, '11:00'), tests.appointment_slot(2, '13:01'), 'clinician_a_visiting')),
  array['11:00', '11:15', '11:30', '11:45', '12:00', '12:15', '12:30', '12:45', '13:00'],
  'another clinician is not blocked');

select is(
  array(select tests.slot_starts('appt_checkup', 'centre_a1', tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '00:00'), 'clinician_a'))
    @> array['09:00', '16:30'],
  true,
  '09:00 (buffer from 08:55) and 16:30 (buffer until 17:10) are offered: only the appointment must fit the hours');

select * from finish();
rollback;

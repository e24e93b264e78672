-- The new time of a reschedule is validated like a booking: a time slot search would not offer
-- (outside the clinician's hours, not a slot start, too soon, too far ahead) is PT422; a time
-- the clinician (with buffers) or the patient is already busy is PT409 with the message "That
-- time is no longer available" and a hint to search again; a refused reschedule changes nothing.
begin;
select plan(11);

-- SETUP
select tests.create_appointment_fixtures();
select tests.insert_appointment('appt', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));
select tests.insert_appointment('taken', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(3, '14:00'));
select tests.insert_appointment('own_other', 'appt_checkup', 'clinician_a_visiting', 'patient_a', tests.appointment_slot(4, '10:00'));
select tests.authenticate_as('patient');

-- TEST: not offered: PT422
select throws_ok($$ select public.reschedule_appointment(tests.tenancy_id('appt'), tests.appointment_slot(3, '17:00')) $$,
  'PT422', 'the clinician does not offer that time', 'outside the clinician''s working hours (09:00-17:00) is PT422');
select throws_ok($$ select public.reschedule_appointment(tests.tenancy_id('appt'), tests.appointment_slot(3, '10:05')) $$,
  'PT422', 'that time is not a slot start', 'a time off the 15-minute grid is PT422');
select throws_ok($$ select public.reschedule_appointment(tests.tenancy_id('appt'), now() + interval '30 minutes') $$,
  'PT422', 'that time is too soon to book', 'a time inside the minimum notice (1 hour) is PT422');
select throws_ok($$ select public.reschedule_appointment(tests.tenancy_id('appt'), tests.appointment_slot(70, '10:00')) $$,
  'PT422', 'that time is too far ahead to book', 'a time beyond the booking horizon (60 days) is PT422');
select is((tests.error_of($$ select public.reschedule_appointment(tests.tenancy_id('appt'), tests.appointment_slot(3, '10:05')) $$))[3],
  'Search for available times again and pick one of the offered slots.', 'PT422 comes with a hint to search again');

-- TEST: taken: PT409
select throws_ok($$ select public.reschedule_appointment(tests.tenancy_id('appt'), tests.appointment_slot(3, '14:30')) $$,
  'PT409', 'That time is no longer available', 'a time overlapping another appointment of the clinician (its buffer) is PT409');
select is(tests.error_of($$ select public.reschedule_appointment(tests.tenancy_id('appt'), tests.appointment_slot(3, '13:30')) $$),
  array['PT409', 'That time is no longer available', 'Someone else just booked it: search for available times again and pick another slot.'],
  'a time whose buffers overlap the other appointment is PT409 too, with the hint to search again');
select throws_ok($$ select public.reschedule_appointment(tests.tenancy_id('appt'), tests.appointment_slot(4, '10:15')) $$,
  'PT409', 'The patient already has an appointment at that time', 'a time the patient is with another clinician is PT409');

-- TEST: nothing changed
reset role;
select is((select (starts_at, ends_at, occupied, reschedule_count)::text from public.appointments where id = tests.tenancy_id('appt')),
  (select (tests.appointment_slot(3, '10:00'), tests.appointment_slot(3, '10:30'),
           tstzrange(tests.appointment_slot(3, '09:55'), tests.appointment_slot(3, '10:40'), '[)'), 0)::text),
  'every refused reschedule left the appointment untouched');
select is((select count(*)::integer from public.appointment_status_history where appointment_id = tests.tenancy_id('appt')), 1,
  'and wrote no history');

-- TEST: right up to the other appointment's buffer is fine
select tests.authenticate_as('patient');
select results_eq($$ select starts_at from public.reschedule_appointment(tests.tenancy_id('appt'), tests.appointment_slot(3, '13:15')) $$,
  $$ values (tests.appointment_slot(3, '13:15')) $$,
  'a time whose occupied range ends where the other one''s begins is accepted');

select * from finish();
rollback;

-- public.upcoming_appointments: appointments starting from now to 14 days ahead that are still
-- to happen (pending, booked, arrived, checked_in); past, later, cancelled and no-show ones are
-- not listed.
begin;
select plan(1);

-- SETUP
select tests.create_appointment_fixtures();
select tests.insert_appointment('in_3_days', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));
select tests.insert_appointment('held_in_5_days', 'appt_paid', 'clinician_a', 'patient_a_2', tests.appointment_slot(5, '10:00'), 'pending');
select tests.insert_appointment('in_13_days', 'appt_checkup', 'clinician_a_visiting', 'patient_a_walk_in', tests.appointment_slot(13, '10:00'));
select tests.insert_appointment('cancelled_in_2_days', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'), 'cancelled');
select tests.insert_appointment('in_20_days', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(20, '10:00'));
select tests.insert_appointment('last_week', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(-7, '10:00'), 'fulfilled');
select tests.authenticate_as('a_manager');

-- TEST
select results_eq(
  $$ select appointment_id, status::text, local_start_time, clinician_name, patient_display_name from public.upcoming_appointments order by starts_at $$,
  $$ values (tests.tenancy_id('in_3_days'), 'booked', time '10:00', 'Dr Ada Alpha', 'Pat Alpha'),
            (tests.tenancy_id('held_in_5_days'), 'pending', time '10:00', 'Dr Ada Alpha', 'Second Patient'),
            (tests.tenancy_id('in_13_days'), 'booked', time '10:00', 'Dr Vi Siting', 'Walk In') $$,
  'the next 14 days, still to happen, in time order');

select * from finish();
rollback;

-- public.todays_schedule: today's appointments of each centre, "today" being the centre's local
-- date, with local times and the clinician, service and patient names; yesterday, tomorrow and
-- entered_in_error are not listed, cancelled ones are.
begin;
select plan(2);

-- SETUP
select tests.create_appointment_fixtures();
select tests.insert_appointment('today_1', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(0, '10:00'));
select tests.insert_appointment('today_2', 'appt_video', 'clinician_a_visiting', 'patient_a_2', tests.appointment_slot(0, '14:00'), 'cancelled');
select tests.insert_appointment('today_error', 'appt_checkup', 'clinician_a', 'patient_a_walk_in', tests.appointment_slot(0, '12:00'), 'entered_in_error');
select tests.insert_appointment('yesterday', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(-1, '10:00'));
select tests.insert_appointment('tomorrow', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(1, '10:00'));
select tests.authenticate_as('a_front_desk');

-- TEST: the day list of centre_a1
select results_eq(
  $$ select appointment_id, centre_name, local_date, local_start_time, local_end_time, status::text, clinician_name, service_name, patient_display_name
     from public.todays_schedule where centre_id = tests.tenancy_id('centre_a1') order by starts_at $$,
  $$ values
       (tests.tenancy_id('today_1'), 'Alpha Central', (pg_catalog.now() at time zone 'Europe/London')::date, time '10:00', time '10:30',
        'booked', 'Dr Ada Alpha', 'Check-up', 'Pat Alpha'),
       (tests.tenancy_id('today_2'), 'Alpha Central', (pg_catalog.now() at time zone 'Europe/London')::date, time '14:00', time '14:20',
        'cancelled', 'Dr Vi Siting', 'Video call', 'Second Patient') $$,
  'today''s two appointments at centre_a1 with local times and names (not yesterday, tomorrow or entered_in_error)');

-- TEST: the local date of a New York centre
reset role;
select tests.insert_appointment('today_b', 'appt_b_checkup', 'clinician_b', 'patient_b', tests.appointment_slot(0, '16:30', 'America/New_York'),
                                'booked', 'tenant_b', 'centre_b1');
select tests.authenticate_as('b_owner');
select results_eq(
  $$ select appointment_id, local_date, local_start_time from public.todays_schedule $$,
  $$ values (tests.tenancy_id('today_b'), (pg_catalog.now() at time zone 'America/New_York')::date, time '16:30') $$,
  'a New York centre lists its own local day, in New York time');

select * from finish();
rollback;

-- clinician_services.duration_minutes_override replaces the service's duration for that
-- clinician (as booking computes ends_at): longer appointments, so fewer starts fit the hours.
-- In an any-clinician search each row carries its assigned clinician's length.
begin;
select plan(4);

-- SETUP: appt_checkup lasts 30 minutes; clinician_a takes 45
select tests.create_appointment_fixtures();
update public.clinician_services set duration_minutes_override = 45
where clinician_id = tests.tenancy_id('clinician_a') and service_id = tests.tenancy_id('appt_checkup');

-- TEST
select is(
  (select array[min(ends_at - starts_at), max(ends_at - starts_at)] from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
     tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '00:00'), tests.tenancy_id('clinician_a'))),
  array[interval '45 minutes', interval '45 minutes'],
  'clinician_a''s slots last 45 minutes');
select is(
  (select max(to_char(local_starts_at, 'HH24:MI')) || ' - ' || max(to_char(local_ends_at, 'HH24:MI'))
     from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
            tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '00:00'), tests.tenancy_id('clinician_a'))),
  '16:15 - 17:00', 'the last start is 16:15, ending at 17:00');
select is(
  (select max(to_char(local_starts_at, 'HH24:MI')) from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
     tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '00:00'), tests.tenancy_id('clinician_a_visiting'))),
  '16:30', 'clinician_a_visiting keeps the service''s 30 minutes (last start 16:30)');
select tests.insert_appointment('visiting_busy', 'appt_checkup', 'clinician_a_visiting', 'patient_a', tests.appointment_slot(5, '10:00'));
select results_eq(
  $$ select to_char(local_starts_at, 'HH24:MI'), clinician_id, ends_at - starts_at
       from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
                                tests.appointment_slot(2, '16:00'), tests.appointment_slot(3, '00:00')) $$,
  $$ values ('16:00', tests.tenancy_id('clinician_a'), interval '45 minutes'),
            ('16:15', tests.tenancy_id('clinician_a'), interval '45 minutes'),
            ('16:30', tests.tenancy_id('clinician_a_visiting'), interval '30 minutes') $$,
  'any clinician: clinician_a (never booked) ranks before clinician_a_visiting (booked on another day) and gets the starts a 45-minute visit fits; 16:30 goes to clinician_a_visiting for 30 minutes');

select * from finish();
rollback;

-- A listed clinician who does not work at the centre, or does not offer the service, is refused
-- with booking's PT422 and a hint to search for any clinician (pairings of listed clinicians are
-- directory information: clinician_centres and clinician_services are readable by anon).
begin;
select plan(3);

-- SETUP: clinician_a works at centre_a1 (and the unpublished back office) and does not offer
-- service_a_video
select tests.create_appointment_fixtures();
select tests.clear_authentication();

-- TEST
select is(
  tests.error_of(format('select * from public.search_slots(%L, %L, %L, %L, %L)', tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a2'),
    tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '00:00'), tests.tenancy_id('clinician_a'))),
  array['PT422', 'the clinician does not work at this centre', 'Pick a centre where the clinician works, or leave clinician_id out for any clinician.'],
  'another centre of the clinic: PT422');
select is(
  tests.error_of(format('select * from public.search_slots(%L, %L, %L, %L, %L)', tests.tenancy_id('service_a_video'), tests.tenancy_id('centre_a1'),
    tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '00:00'), tests.tenancy_id('clinician_a'))),
  array['PT422', 'the clinician does not offer this service', 'Pick a clinician who offers the service, or leave clinician_id out for any clinician.'],
  'a service they do not offer: PT422');
select is(
  (select count(*)::integer from public.search_slots(tests.tenancy_id('service_a_video'), tests.tenancy_id('centre_a1'),
     tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '00:00'))),
  0, 'any clinician: nobody at centre_a1 offers service_a_video, so nothing (no error)');

select * from finish();
rollback;

-- Visibility for anon and signed-in non-staff (patients, staff of other tenants): only a public,
-- active service of an active tenant, a published, active centre of that tenant and a public,
-- active clinician; anything else is PT404 with exactly the error of an id that does not exist,
-- so a search never reveals that a hidden row exists. "Any clinician" considers public clinicians
-- only.
begin;
select plan(14);

-- SETUP
select tests.create_appointment_fixtures();
select tests.clear_authentication();

-- TEST: listed
select is(
  (select count(*)::integer from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
     tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '00:00'), tests.tenancy_id('clinician_a'))),
  31, 'anon searches a listed service with a listed clinician at a published centre');

-- TEST: hidden services
select is(tests.search_slots_error(gen_random_uuid(), tests.tenancy_id('centre_a1')),
  array['PT404', 'service not found', 'Pick a service from the clinic''s list.'], 'an unknown service: PT404 service not found');
select is(tests.search_slots_error(tests.tenancy_id('service_a_internal'), tests.tenancy_id('centre_a1'), tests.tenancy_id('clinician_a')),
  tests.search_slots_error(gen_random_uuid(), tests.tenancy_id('centre_a1')), 'an unlisted service: the same error');
select is(tests.search_slots_error(tests.tenancy_id('service_a_retired'), tests.tenancy_id('centre_a2')),
  tests.search_slots_error(gen_random_uuid(), tests.tenancy_id('centre_a2')), 'a retired (inactive) service: the same error');
select is(tests.search_slots_error(tests.tenancy_id('service_c_consult'), tests.tenancy_id('centre_c1')),
  tests.search_slots_error(gen_random_uuid(), tests.tenancy_id('centre_c1')), 'a service of an inactive tenant: the same error');

-- TEST: hidden centres
select is(tests.search_slots_error(tests.tenancy_id('appt_checkup'), gen_random_uuid()),
  array['PT404', 'centre not found', 'Pick a centre of the same clinic as the service.'], 'an unknown centre: PT404 centre not found');
select is(tests.search_slots_error(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a_unpublished')),
  tests.search_slots_error(tests.tenancy_id('appt_checkup'), gen_random_uuid()), 'an unpublished centre: the same error');
select is(tests.search_slots_error(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_b1')),
  tests.search_slots_error(tests.tenancy_id('appt_checkup'), gen_random_uuid()), 'a centre of another tenant: the same error');

-- TEST: hidden clinicians
select is(tests.search_slots_error(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), gen_random_uuid()),
  array['PT404', 'clinician not found', 'Pick a clinician of the same clinic as the service, or leave clinician_id out for any clinician.'],
  'an unknown clinician: PT404 clinician not found');
select is(tests.search_slots_error(tests.tenancy_id('service_a_consult'), tests.tenancy_id('centre_a2'), tests.tenancy_id('clinician_a_2')),
  tests.search_slots_error(tests.tenancy_id('service_a_consult'), tests.tenancy_id('centre_a2'), gen_random_uuid()),
  'an unlisted clinician: the same error');
select is(tests.search_slots_error(tests.tenancy_id('service_a_consult'), tests.tenancy_id('centre_a1'), tests.tenancy_id('clinician_a_retired')),
  tests.search_slots_error(tests.tenancy_id('service_a_consult'), tests.tenancy_id('centre_a1'), gen_random_uuid()),
  'an inactive clinician: the same error');

-- TEST: any clinician considers listed clinicians only
reset role;  -- back to postgres to change the fixture
update public.clinicians set is_public = false where id = tests.tenancy_id('clinician_a_visiting');
select tests.clear_authentication();
select is(
  array(select distinct clinician_id from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
          tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '00:00'))),
  array[tests.tenancy_id('clinician_a')],
  'anon: an unlisted clinician is never assigned');

-- TEST: a patient, and staff of another tenant, see what anon sees
select tests.authenticate_as('patient');
select is(tests.search_slots_error(tests.tenancy_id('service_a_internal'), tests.tenancy_id('centre_a1'), tests.tenancy_id('clinician_a')),
  array['PT404', 'service not found', 'Pick a service from the clinic''s list.'], 'a patient of the clinic: an unlisted service is not found');
select tests.authenticate_as('b_owner');
select is(
  array(select distinct clinician_id from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
          tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '00:00'))),
  array[tests.tenancy_id('clinician_a')],
  'the owner of another clinic searches like anon: listed clinicians only');

select * from finish();
rollback;

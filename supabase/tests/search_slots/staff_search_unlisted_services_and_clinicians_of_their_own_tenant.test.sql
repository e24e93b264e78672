-- Staff (an active member of the tenant, any role) search every service, centre and clinician of
-- their own tenant, listed or not; for another tenant they are like anon. service_role searches
-- everything. Inactive services, centres, clinicians or tenants are refused with booking's PT422.
begin;
select plan(11);

-- SETUP: clinician_a offers the unlisted service_a_internal (15 min) and works daily at centre_a1;
-- clinician_a_visiting becomes unlisted
select tests.create_appointment_fixtures();
update public.clinicians set is_public = false where id = tests.tenancy_id('clinician_a_visiting');

-- TEST: staff of the tenant, whatever their role
select tests.authenticate_as('a_front_desk');
select is(
  (select count(*)::integer from public.search_slots(tests.tenancy_id('service_a_internal'), tests.tenancy_id('centre_a1'),
     tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '00:00'), tests.tenancy_id('clinician_a'))),
  32, 'the front desk searches the unlisted 15-minute service: 09:00 ... 16:45');
select tests.authenticate_as('a_clinician');
select is(
  (select count(*)::integer from public.search_slots(tests.tenancy_id('service_a_internal'), tests.tenancy_id('centre_a1'),
     tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '00:00'))),
  32, 'so does a clinician of the tenant (any clinician)');
select is(
  (select count(*)::integer from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
     tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '00:00'), tests.tenancy_id('clinician_a_visiting'))),
  31, 'staff search an unlisted clinician');
select is(
  (select count(*)::integer from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a_unpublished'),
     tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '00:00'))),
  0, 'staff search an unpublished centre (no hours there: nothing, but no error)');
select is(tests.search_slots_error(tests.tenancy_id('service_a_retired'), tests.tenancy_id('centre_a2')),
  array['PT422', 'this service, clinician or centre is not taking bookings', 'Pick an active service, clinician and centre.'],
  'staff: an inactive service is refused as booking refuses it');
select is(tests.search_slots_error(tests.tenancy_id('service_a_consult'), tests.tenancy_id('centre_a1'), tests.tenancy_id('clinician_a_retired')),
  array['PT422', 'this service, clinician or centre is not taking bookings', 'Pick an active service, clinician and centre.'],
  'staff: an inactive clinician too');

-- TEST: a member no longer active is an outsider
reset role;
update public.members set is_active = false where id = tests.tenancy_id('a_front_desk.member');
select tests.authenticate_as('a_front_desk');
select is(tests.search_slots_error(tests.tenancy_id('service_a_internal'), tests.tenancy_id('centre_a1'), tests.tenancy_id('clinician_a')),
  array['PT404', 'service not found', 'Pick a service from the clinic''s list.'], 'a deactivated member no longer sees the unlisted service');

-- TEST: staff of another tenant see only what anon sees
select tests.authenticate_as('b_owner');
select is(tests.search_slots_error(tests.tenancy_id('service_a_internal'), tests.tenancy_id('centre_a1'), tests.tenancy_id('clinician_a')),
  array['PT404', 'service not found', 'Pick a service from the clinic''s list.'], 'another tenant''s owner: the unlisted service is not found');

-- TEST: staff of an inactive tenant
select tests.authenticate_as('c_owner');
select is(tests.search_slots_error(tests.tenancy_id('service_c_consult'), tests.tenancy_id('centre_c1')),
  array['PT422', 'this service, clinician or centre is not taking bookings', 'Pick an active service, clinician and centre.'],
  'the owner of an inactive tenant sees their service, which takes no bookings');

-- TEST: service_role
select tests.authenticate_as_service_role();
select is(
  (select count(*)::integer from public.search_slots(tests.tenancy_id('service_a_internal'), tests.tenancy_id('centre_a1'),
     tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '00:00'), tests.tenancy_id('clinician_a'))),
  32, 'service_role searches an unlisted service');
select is(
  (select count(*)::integer from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
     tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '00:00'), tests.tenancy_id('clinician_a_visiting'))),
  31, 'service_role searches an unlisted clinician');

select * from finish();
rollback;

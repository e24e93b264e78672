-- join_waitlist visibility and bookability: a patient joins only for a public service, a public
-- clinician and a published centre (else PT404, like booking online), of an existing service,
-- centre and clinician of that tenant (PT404); inactive services, clinicians and centres, a
-- clinician who does not work at the centre or does not offer the service, and a centre where
-- nobody offers the service are PT422. Staff may add patients for unlisted ones.
begin;
select plan(12);

-- SETUP
select tests.create_waitlist_fixtures();
update public.services set is_public = false where id = tests.tenancy_id('appt_video');
update public.clinicians set is_public = false where id = tests.tenancy_id('clinician_a_visiting');
update public.services set is_active = false where id = tests.tenancy_id('appt_scan');
create temporary table window_ on commit drop as select now() as earliest, now() + interval '7 days' as latest;
grant select on window_ to authenticated;

-- TEST: not found
select tests.authenticate_as('patient');
select throws_ok($$ select public.join_waitlist(tests.tenancy_id('no such service'), tests.tenancy_id('centre_a1'), (select earliest from window_), (select latest from window_)) $$,
  'PT404', 'service not found', 'an unknown service is PT404');
select throws_ok($$ select public.join_waitlist(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_b1'), (select earliest from window_), (select latest from window_)) $$,
  'PT404', 'centre not found', 'a centre of another tenant is PT404');
select throws_ok($$ select public.join_waitlist(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), (select earliest from window_), (select latest from window_), tests.tenancy_id('clinician_b')) $$,
  'PT404', 'clinician not found', 'a clinician of another tenant is PT404');

-- TEST: not listed (patients)
select throws_ok($$ select public.join_waitlist(tests.tenancy_id('appt_video'), tests.tenancy_id('centre_a1'), (select earliest from window_), (select latest from window_)) $$,
  'PT404', 'this service is not bookable online', 'a patient cannot join for an unlisted service');
select throws_ok($$ select public.join_waitlist(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), (select earliest from window_), (select latest from window_), tests.tenancy_id('clinician_a_visiting')) $$,
  'PT404', 'this service is not bookable online', 'a patient cannot name an unlisted clinician');
select throws_ok($$ select public.join_waitlist(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a_unpublished'), (select earliest from window_), (select latest from window_)) $$,
  'PT404', 'this service is not bookable online', 'a patient cannot join at an unpublished centre');

-- TEST: not bookable
select throws_ok($$ select public.join_waitlist(tests.tenancy_id('appt_scan'), tests.tenancy_id('centre_a1'), (select earliest from window_), (select latest from window_)) $$,
  'PT422', 'this service, clinician or centre is not taking bookings', 'an inactive service is PT422');
select throws_ok($$ select public.join_waitlist(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a2'), (select earliest from window_), (select latest from window_), tests.tenancy_id('clinician_a')) $$,
  'PT422', 'the clinician does not work at this centre', 'a clinician who does not work at the centre is PT422');
select throws_ok($$ select public.join_waitlist(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a2'), (select earliest from window_), (select latest from window_)) $$,
  'PT422', 'nobody offers this service at this centre', 'a centre where no listed clinician offers the service is PT422 for a patient');

-- TEST: staff may add patients for unlisted services and clinicians
select tests.authenticate_as('a_front_desk');
select isnt_empty($$ select public.join_waitlist(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a2'), (select earliest from window_), (select latest from window_),
                                                 null, tests.tenancy_id('patient_a')) $$,
  'staff may add a patient where only an unlisted clinician offers the service');
select isnt_empty($$ select public.join_waitlist(tests.tenancy_id('appt_video'), tests.tenancy_id('centre_a1'), (select earliest from window_), (select latest from window_),
                                                 tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('patient_a')) $$,
  'staff may add a patient for an unlisted service and clinician');
select throws_ok($$ select public.join_waitlist(tests.tenancy_id('service_a_consult'), tests.tenancy_id('centre_a1'), (select earliest from window_), (select latest from window_),
                                                tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('patient_a')) $$,
  'PT422', 'the clinician does not offer this service', 'a clinician who does not offer the service is PT422 for staff too');

select * from finish();
rollback;

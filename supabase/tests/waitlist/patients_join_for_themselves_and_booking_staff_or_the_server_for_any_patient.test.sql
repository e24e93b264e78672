-- join_waitlist per role: a patient joins for their own record (joined_via patient); appointment
-- staff (owner, admin, manager, the centre manager at their centre, care coordinator, front
-- desk) and service_role join for any patient of the tenant (joined_via staff); anon has no
-- grant; a patient cannot join for someone else (PT403); people without a record with the clinic,
-- other staff and other tenants get PT404; the server must say for whom (22023).
begin;
select plan(17);

-- SETUP
select tests.create_waitlist_fixtures();
create temporary table window_ on commit drop as select tests.appointment_slot(1, '09:00') as earliest, tests.appointment_slot(5, '17:00') as latest;
grant select on window_ to anon, authenticated, service_role;

-- TEST: anon
select tests.clear_authentication();
select throws_ok($$ select public.join_waitlist(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), (select earliest from window_), (select latest from window_)) $$,
  '42501', null, 'anon cannot join the waitlist');

-- TEST: patients
select tests.authenticate_as('patient');
select results_eq(
  $$ select tenant_id, patient_id, service_id, centre_id, clinician_id, status::text, joined_via, created_by = tests.get_supabase_uid('patient')
       from public.join_waitlist(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), (select earliest from window_), (select latest from window_)) $$,
  $$ values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), null::uuid, 'waiting', 'patient', true) $$,
  'a patient joins for their own record in the service''s tenant');
select throws_ok($$ select public.join_waitlist(tests.tenancy_id('appt_video'), tests.tenancy_id('centre_a1'), (select earliest from window_), (select latest from window_),
                                                null, tests.tenancy_id('patient_a_2')) $$,
  'PT403', 'you can only join the waitlist for your own patient record', 'a patient cannot join for another patient');
select tests.authenticate_as('a_patient_2');
select throws_ok($$ select public.join_waitlist(tests.tenancy_id('appt_b_checkup'), tests.tenancy_id('centre_b1'), (select earliest from window_), (select latest from window_)) $$,
  'PT404', 'you have no patient record with this clinic', 'a patient of one clinic cannot join another clinic''s waitlist');
select tests.authenticate_as('outsider');
select throws_ok($$ select public.join_waitlist(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), (select earliest from window_), (select latest from window_)) $$,
  'PT404', 'you have no patient record with this clinic', 'a signed-in user without a patient record cannot join');

-- TEST: appointment staff join for any patient of the tenant
select tests.authenticate_as('a_owner');
select results_eq(
  $$ select patient_id, joined_via, created_by = tests.get_supabase_uid('a_owner')
       from public.join_waitlist(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), (select earliest from window_), (select latest from window_),
                                 null, tests.tenancy_id('patient_a_walk_in')) $$,
  $$ values (tests.tenancy_id('patient_a_walk_in'), 'staff', true) $$, 'an owner adds a patient without an account');
select tests.authenticate_as('a_admin');
select isnt_empty($$ select public.join_waitlist(tests.tenancy_id('appt_paid'), tests.tenancy_id('centre_a1'), (select earliest from window_), (select latest from window_),
                                                 null, tests.tenancy_id('patient_a_walk_in')) $$, 'an admin adds a patient');
select tests.authenticate_as('a_manager');
select isnt_empty($$ select public.join_waitlist(tests.tenancy_id('appt_scan'), tests.tenancy_id('centre_a1'), (select earliest from window_), (select latest from window_),
                                                 null, tests.tenancy_id('patient_a_walk_in')) $$, 'a manager adds a patient');
select tests.authenticate_as('a_centre_manager');
select isnt_empty($$ select public.join_waitlist(tests.tenancy_id('appt_video'), tests.tenancy_id('centre_a1'), (select earliest from window_), (select latest from window_),
                                                 null, tests.tenancy_id('patient_a_walk_in')) $$, 'a centre manager adds a patient at their centre');
select throws_ok($$ select public.join_waitlist(tests.tenancy_id('appt_video'), tests.tenancy_id('centre_a2'), (select earliest from window_), (select latest from window_),
                                                null, tests.tenancy_id('patient_a_walk_in')) $$,
  'PT404', 'you have no patient record with this clinic', 'a centre manager cannot add a patient at another centre');
select tests.authenticate_as('a_care_coordinator');
select isnt_empty($$ select public.join_waitlist(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), (select earliest from window_), (select latest from window_),
                                                 tests.tenancy_id('clinician_a'), tests.tenancy_id('patient_a_walk_in')) $$, 'a care coordinator adds a patient');
select tests.authenticate_as('a_front_desk');
select isnt_empty($$ select public.join_waitlist(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), (select earliest from window_), (select latest from window_),
                                                 tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('patient_a_walk_in')) $$, 'the front desk adds a patient');
select throws_ok($$ select public.join_waitlist(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), (select earliest from window_), (select latest from window_),
                                                null, tests.tenancy_id('patient_b')) $$,
  'PT404', 'patient not found', 'staff cannot add a patient of another tenant');

-- TEST: other staff and other tenants
select tests.authenticate_as('a_clinician');
select throws_ok($$ select public.join_waitlist(tests.tenancy_id('appt_video'), tests.tenancy_id('centre_a1'), (select earliest from window_), (select latest from window_),
                                                null, tests.tenancy_id('patient_a_2')) $$,
  'PT404', 'you have no patient record with this clinic', 'a clinician does not add patients to the waitlist');
select tests.authenticate_as('b_owner');
select throws_ok($$ select public.join_waitlist(tests.tenancy_id('appt_video'), tests.tenancy_id('centre_a1'), (select earliest from window_), (select latest from window_),
                                                null, tests.tenancy_id('patient_a_2')) $$,
  'PT404', 'you have no patient record with this clinic', 'the owner of another tenant cannot add tenant_a''s patients');

-- TEST: service_role
select tests.authenticate_as_service_role();
select results_eq(
  $$ select patient_id, joined_via, created_by is null
       from public.join_waitlist(tests.tenancy_id('appt_video'), tests.tenancy_id('centre_a1'), (select earliest from window_), (select latest from window_),
                                 null, tests.tenancy_id('patient_a_2')) $$,
  $$ values (tests.tenancy_id('patient_a_2'), 'staff', true) $$, 'service_role adds any patient');
select throws_ok($$ select public.join_waitlist(tests.tenancy_id('appt_video'), tests.tenancy_id('centre_a1'), (select earliest from window_), (select latest from window_)) $$,
  '22023', 'patient_id is required for server-side calls', 'service_role must say for whom');

select * from finish();
rollback;

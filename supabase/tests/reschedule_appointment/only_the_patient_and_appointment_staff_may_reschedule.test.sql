-- Who may call reschedule_appointment: the appointment's patient and appointment staff (owner,
-- admin, manager, care_coordinator, front_desk tenant-wide; centre_manager at its centre) and
-- service_role. Other staff who see it, including its clinician, may not (PT403); staff of
-- another centre, other patients, other tenants and users without a record cannot see it
-- (PT404); anon has no
-- EXECUTE (42501). Missing arguments are 22023.
begin;
select plan(18);

-- SETUP
select tests.create_appointment_fixtures();
select tests.insert_appointment('appt', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '09:00'));
select tests.insert_appointment('north', 'appt_checkup', 'clinician_a_visiting', 'patient_a_2', tests.appointment_slot(3, '09:00'), 'booked', 'tenant_a', 'centre_a2');

-- TEST: refused
select tests.clear_authentication();
select throws_ok($$ select public.reschedule_appointment(tests.tenancy_id('appt'), tests.appointment_slot(4, '10:00')) $$,
  '42501', null, 'anon cannot call reschedule_appointment');
select tests.authenticate_as('outsider');
select throws_ok($$ select public.reschedule_appointment(tests.tenancy_id('appt'), tests.appointment_slot(4, '10:00')) $$,
  'PT404', 'appointment not found', 'a user with no record at the clinic gets PT404');
select tests.authenticate_as('a_patient_2');
select throws_ok($$ select public.reschedule_appointment(tests.tenancy_id('appt'), tests.appointment_slot(4, '10:00')) $$,
  'PT404', 'appointment not found', 'another patient cannot move (or even see) the appointment: PT404');
select tests.authenticate_as('b_owner');
select throws_ok($$ select public.reschedule_appointment(tests.tenancy_id('appt'), tests.appointment_slot(4, '10:00')) $$,
  'PT404', 'appointment not found', 'the owner of another tenant gets PT404');
select tests.authenticate_as('a_clinician');
select throws_ok($$ select public.reschedule_appointment(tests.tenancy_id('appt'), tests.appointment_slot(4, '10:00')) $$,
  'PT403', 'you may not reschedule this appointment', 'the appointment''s own clinician may not move it (the front desk does)');
select tests.authenticate_as('a_clinician_2');
select throws_ok($$ select public.reschedule_appointment(tests.tenancy_id('appt'), tests.appointment_slot(4, '10:00')) $$,
  'PT404', 'appointment not found', 'a clinician of another centre cannot see it: PT404');
select tests.authenticate_as('a_centre_manager');
select throws_ok($$ select public.reschedule_appointment(tests.tenancy_id('north'), tests.appointment_slot(4, '10:00')) $$,
  'PT404', 'appointment not found', 'a centre manager cannot see (or move) an appointment of another centre: PT404');
select tests.authenticate_as('a_front_desk');
select throws_ok($$ select public.reschedule_appointment(null, tests.appointment_slot(4, '10:00')) $$,
  '22023', 'id and starts_at are required', 'a missing id is 22023');
select throws_ok($$ select public.reschedule_appointment(tests.tenancy_id('appt'), null) $$,
  '22023', 'id and starts_at are required', 'a missing starts_at is 22023');
reset role;
select is((select reschedule_count from public.appointments where id = tests.tenancy_id('appt')), 0, 'none of the refused calls moved it');

-- TEST: allowed, one after the other
select tests.authenticate_as('patient');
select results_eq($$ select starts_at from public.reschedule_appointment(tests.tenancy_id('appt'), tests.appointment_slot(4, '09:00')) $$,
  $$ values (tests.appointment_slot(4, '09:00')) $$, 'the patient moves their own appointment');
select tests.authenticate_as('a_owner');
select results_eq($$ select starts_at from public.reschedule_appointment(tests.tenancy_id('appt'), tests.appointment_slot(4, '10:00')) $$,
  $$ values (tests.appointment_slot(4, '10:00')) $$, 'the owner moves it');
select tests.authenticate_as('a_admin');
select results_eq($$ select starts_at from public.reschedule_appointment(tests.tenancy_id('appt'), tests.appointment_slot(4, '11:00')) $$,
  $$ values (tests.appointment_slot(4, '11:00')) $$, 'the admin moves it');
select tests.authenticate_as('a_manager');
select results_eq($$ select starts_at from public.reschedule_appointment(tests.tenancy_id('appt'), tests.appointment_slot(4, '12:00')) $$,
  $$ values (tests.appointment_slot(4, '12:00')) $$, 'the manager moves it');
select tests.authenticate_as('a_centre_manager');
select results_eq($$ select starts_at from public.reschedule_appointment(tests.tenancy_id('appt'), tests.appointment_slot(4, '13:00')) $$,
  $$ values (tests.appointment_slot(4, '13:00')) $$, 'the centre manager moves it');
select tests.authenticate_as('a_care_coordinator');
select results_eq($$ select starts_at from public.reschedule_appointment(tests.tenancy_id('appt'), tests.appointment_slot(4, '14:00')) $$,
  $$ values (tests.appointment_slot(4, '14:00')) $$, 'the care coordinator moves it');
select tests.authenticate_as('a_front_desk');
select results_eq($$ select starts_at from public.reschedule_appointment(tests.tenancy_id('appt'), tests.appointment_slot(4, '15:00')) $$,
  $$ values (tests.appointment_slot(4, '15:00')) $$, 'the front desk moves it');
select tests.authenticate_as_service_role();
select results_eq($$ select starts_at, reschedule_count from public.reschedule_appointment(tests.tenancy_id('appt'), tests.appointment_slot(5, '09:00')) $$,
  $$ values (tests.appointment_slot(5, '09:00'), 8) $$, 'service_role moves it too; eight reschedules in all');

select * from finish();
rollback;

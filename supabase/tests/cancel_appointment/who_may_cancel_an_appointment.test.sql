-- Who may call cancel_appointment: the appointment's patient, its clinician, appointment staff
-- (owner, admin, manager, care_coordinator, front_desk tenant-wide; centre_manager at its
-- centre) and service_role. A tenant-wide clinician who is not its clinician sees it but may not
-- (PT403, hint to ask the front desk); a clinician and a centre manager of another centre do not
-- see it (PT404, least privilege), nor do other patients, other tenants and users without a
-- record; anon has no EXECUTE (42501).
begin;
select plan(17);

-- SETUP: one appointment per allowed caller, and one at centre_a2
select tests.create_appointment_fixtures();
select tests.insert_appointment('c_' || r, 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(5, '09:00') + n * interval '1 hour')
from (values (0, 'patient'), (1, 'a_clinician'), (2, 'a_owner'), (3, 'a_admin'), (4, 'a_manager'), (5, 'a_centre_manager'),
             (6, 'a_care_coordinator'), (7, 'a_front_desk'), (8, 'service_role')) as v(n, r);
select tests.insert_appointment('north', 'appt_checkup', 'clinician_a_visiting', 'patient_a_2', tests.appointment_slot(6, '10:00'), 'booked', 'tenant_a', 'centre_a2');

-- TEST: refused
select tests.clear_authentication();
select throws_ok($$ select public.cancel_appointment(tests.tenancy_id('c_patient'), 'x') $$, '42501', null, 'anon cannot call cancel_appointment');
select tests.authenticate_as('outsider');
select throws_ok($$ select public.cancel_appointment(tests.tenancy_id('c_patient'), 'x') $$, 'PT404', 'appointment not found', 'a user without a record gets PT404');
select tests.authenticate_as('a_patient_2');
select throws_ok($$ select public.cancel_appointment(tests.tenancy_id('c_patient'), 'x') $$, 'PT404', 'appointment not found', 'another patient gets PT404');
select tests.authenticate_as('b_owner');
select throws_ok($$ select public.cancel_appointment(tests.tenancy_id('c_patient'), 'x') $$, 'PT404', 'appointment not found', 'the owner of another tenant gets PT404');
select tests.authenticate_as('a_clinician');
select is(tests.error_of($$ select public.cancel_appointment(tests.tenancy_id('north'), 'x') $$),
  array['PT403', 'you may not mark this appointment cancelled', 'Ask the clinic''s front desk.'],
  'a tenant-wide clinician who is not its clinician sees it but may not cancel it (PT403, ask the front desk)');
select tests.authenticate_as('a_clinician_2');
select throws_ok($$ select public.cancel_appointment(tests.tenancy_id('c_patient'), 'x') $$, 'PT404', 'appointment not found',
  'a clinician of another centre does not see it (PT404)');
select tests.authenticate_as('a_centre_manager');
select throws_ok($$ select public.cancel_appointment(tests.tenancy_id('north'), 'x') $$, 'PT404', 'appointment not found',
  'a centre manager of another centre does not see it (PT404)');
reset role;
select is((select count(*)::integer from public.appointments where tenant_id = tests.tenancy_id('tenant_a') and status = 'cancelled'), 0, 'nothing was cancelled');

-- TEST: allowed
select tests.authenticate_as('patient');
select results_eq($$ select status::text from public.cancel_appointment(tests.tenancy_id('c_patient'), 'x') $$, $$ values ('cancelled') $$, 'the patient cancels');
select tests.authenticate_as('a_clinician');
select results_eq($$ select status::text from public.cancel_appointment(tests.tenancy_id('c_a_clinician'), 'x') $$, $$ values ('cancelled') $$, 'its clinician cancels');
select tests.authenticate_as('a_owner');
select results_eq($$ select status::text from public.cancel_appointment(tests.tenancy_id('c_a_owner'), 'x') $$, $$ values ('cancelled') $$, 'the owner cancels');
select tests.authenticate_as('a_admin');
select results_eq($$ select status::text from public.cancel_appointment(tests.tenancy_id('c_a_admin'), 'x') $$, $$ values ('cancelled') $$, 'the admin cancels');
select tests.authenticate_as('a_manager');
select results_eq($$ select status::text from public.cancel_appointment(tests.tenancy_id('c_a_manager'), 'x') $$, $$ values ('cancelled') $$, 'the manager cancels');
select tests.authenticate_as('a_centre_manager');
select results_eq($$ select status::text from public.cancel_appointment(tests.tenancy_id('c_a_centre_manager'), 'x') $$, $$ values ('cancelled') $$, 'the centre manager of its centre cancels');
select tests.authenticate_as('a_care_coordinator');
select results_eq($$ select status::text from public.cancel_appointment(tests.tenancy_id('c_a_care_coordinator'), 'x') $$, $$ values ('cancelled') $$, 'the care coordinator cancels');
select tests.authenticate_as('a_front_desk');
select results_eq($$ select status::text from public.cancel_appointment(tests.tenancy_id('c_a_front_desk'), 'x') $$, $$ values ('cancelled') $$, 'the front desk cancels');
select tests.authenticate_as_service_role();
select results_eq($$ select status::text from public.cancel_appointment(tests.tenancy_id('c_service_role'), 'x') $$, $$ values ('cancelled') $$, 'service_role cancels');

select * from finish();
rollback;

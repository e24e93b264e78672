-- Who may call mark_arrived, check_in_appointment, complete_appointment and mark_no_show:
-- appointment staff (owner, admin, manager, care_coordinator, front_desk tenant-wide;
-- centre_manager at its centre), the appointment's own clinician and service_role. A tenant-wide
-- clinician who is not its clinician gets PT403; a clinician and a centre manager of another
-- centre (who do not see it), other patients, other tenants and users without a record PT404;
-- anon has no EXECUTE (42501).
begin;
select plan(20);

-- SETUP: appointments that started a few minutes ago, one per allowed caller
select tests.create_appointment_fixtures();
select tests.insert_appointment('v_' || r, 'appt_checkup', c, p, date_trunc('minute', now()) - interval '5 minutes' - n * interval '50 minutes')
from (values (0, 'a_clinician', 'clinician_a', 'patient_a'), (1, 'a_owner', 'clinician_a', 'patient_a'), (2, 'a_admin', 'clinician_a', 'patient_a'),
             (3, 'a_manager', 'clinician_a', 'patient_a'), (4, 'a_centre_manager', 'clinician_a', 'patient_a'),
             (5, 'a_care_coordinator', 'clinician_a', 'patient_a'), (6, 'a_front_desk', 'clinician_a', 'patient_a'),
             (7, 'service_role', 'clinician_a', 'patient_a')) as v(n, r, c, p);
select tests.insert_appointment('north', 'appt_checkup', 'clinician_a_visiting', 'patient_a_2', date_trunc('minute', now()) - interval '5 minutes', 'booked', 'tenant_a', 'centre_a2');

-- TEST: refused
select tests.clear_authentication();
select throws_ok($$ select public.mark_arrived(tests.tenancy_id('v_a_owner')) $$, '42501', null, 'anon cannot call mark_arrived');
select throws_ok($$ select public.check_in_appointment(tests.tenancy_id('v_a_owner')) $$, '42501', null, 'anon cannot call check_in_appointment');
select throws_ok($$ select public.complete_appointment(tests.tenancy_id('v_a_owner')) $$, '42501', null, 'anon cannot call complete_appointment');
select throws_ok($$ select public.mark_no_show(tests.tenancy_id('v_a_owner')) $$, '42501', null, 'anon cannot call mark_no_show');
select tests.authenticate_as('outsider');
select throws_ok($$ select public.check_in_appointment(tests.tenancy_id('v_a_owner')) $$, 'PT404', 'appointment not found', 'a user without a record gets PT404');
select tests.authenticate_as('a_patient_2');
select throws_ok($$ select public.check_in_appointment(tests.tenancy_id('v_a_owner')) $$, 'PT404', 'appointment not found', 'another patient gets PT404');
select tests.authenticate_as('b_owner');
select throws_ok($$ select public.check_in_appointment(tests.tenancy_id('v_a_owner')) $$, 'PT404', 'appointment not found', 'the owner of another tenant gets PT404');
select tests.authenticate_as('a_clinician');
select throws_ok($$ select public.complete_appointment(tests.tenancy_id('north')) $$, 'PT403', 'you may not mark this appointment fulfilled',
  'a tenant-wide clinician who is not its clinician may not complete it');
select tests.authenticate_as('a_clinician_2');
select throws_ok($$ select public.complete_appointment(tests.tenancy_id('v_a_owner')) $$, 'PT404', 'appointment not found',
  'a clinician of another centre does not see it');
select tests.authenticate_as('a_centre_manager');
select throws_ok($$ select public.check_in_appointment(tests.tenancy_id('north')) $$, 'PT404', 'appointment not found',
  'a centre manager of another centre does not see it');
reset role;
select is((select count(*)::integer from public.appointment_status_history where tenant_id = tests.tenancy_id('tenant_a') and from_status is not null), 0,
  'none of the refused calls changed anything');

-- TEST: allowed
select tests.authenticate_as('a_clinician');
select results_eq($$ select status::text from public.check_in_appointment(tests.tenancy_id('v_a_clinician')) $$, $$ values ('checked_in') $$, 'its clinician checks the patient in');
select results_eq($$ select status::text from public.complete_appointment(tests.tenancy_id('v_a_clinician')) $$, $$ values ('fulfilled') $$, 'and completes the visit');
select tests.authenticate_as('a_owner');
select results_eq($$ select status::text from public.mark_arrived(tests.tenancy_id('v_a_owner')) $$, $$ values ('arrived') $$, 'the owner marks arrival');
select tests.authenticate_as('a_admin');
select results_eq($$ select status::text from public.check_in_appointment(tests.tenancy_id('v_a_admin')) $$, $$ values ('checked_in') $$, 'the admin checks in');
select tests.authenticate_as('a_manager');
select results_eq($$ select status::text from public.complete_appointment(tests.tenancy_id('v_a_manager')) $$, $$ values ('fulfilled') $$, 'the manager completes');
select tests.authenticate_as('a_centre_manager');
select results_eq($$ select status::text from public.mark_no_show(tests.tenancy_id('v_a_centre_manager')) $$, $$ values ('noshow') $$, 'the centre manager of its centre marks a no-show');
select tests.authenticate_as('a_care_coordinator');
select results_eq($$ select status::text from public.mark_arrived(tests.tenancy_id('v_a_care_coordinator')) $$, $$ values ('arrived') $$, 'the care coordinator marks arrival');
select tests.authenticate_as('a_front_desk');
select results_eq($$ select status::text from public.check_in_appointment(tests.tenancy_id('v_a_front_desk')) $$, $$ values ('checked_in') $$, 'the front desk checks in');
select tests.authenticate_as_service_role();
select results_eq($$ select status::text from public.complete_appointment(tests.tenancy_id('v_service_role')) $$, $$ values ('fulfilled') $$, 'service_role completes');

select * from finish();
rollback;

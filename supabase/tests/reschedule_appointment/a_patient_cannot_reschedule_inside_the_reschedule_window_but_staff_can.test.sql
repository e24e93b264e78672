-- Inside the reschedule window (the service's reschedule_window, else the tenant's
-- cancellation_window) a patient can no longer move their appointment: PT409 with a message and
-- a hint to call the clinic. Staff still can. Outside the window the patient can.
begin;
select plan(9);

-- SETUP: appt_scan has a 48-hour reschedule window; appt_checkup none (tenant_a: 24 hours)
select tests.create_appointment_fixtures();
select is((select cancellation_window from public.tenants where id = tests.tenancy_id('tenant_a')), interval '24 hours',
  'tenant_a''s cancellation window is 24 hours (the default)');
select tests.insert_appointment('scan_30h', 'appt_scan', 'clinician_a', 'patient_a', date_trunc('minute', now()) + interval '30 hours');
select tests.insert_appointment('checkup_20h', 'appt_checkup', 'clinician_a_visiting', 'patient_a', date_trunc('minute', now()) + interval '20 hours');
select tests.insert_appointment('checkup_30h', 'appt_checkup', 'clinician_a_visiting', 'patient_a_2', date_trunc('minute', now()) + interval '30 hours');

-- TEST: the service's window
select tests.authenticate_as('patient');
select throws_ok($$ select public.reschedule_appointment(tests.tenancy_id('scan_30h'), tests.appointment_slot(5, '10:00')) $$,
  'PT409', 'it is too late to reschedule this appointment online',
  'a patient cannot move a scan 30 hours ahead: inside the service''s 48-hour reschedule window');
select is((tests.error_of($$ select public.reschedule_appointment(tests.tenancy_id('scan_30h'), tests.appointment_slot(5, '10:00')) $$))[3],
  'Call the clinic: the front desk can still move it.', 'the hint tells the patient to call the clinic');

-- TEST: the tenant's window when the service has none
select throws_ok($$ select public.reschedule_appointment(tests.tenancy_id('checkup_20h'), tests.appointment_slot(5, '11:00')) $$,
  'PT409', 'it is too late to reschedule this appointment online',
  'a check-up 20 hours ahead is inside the tenant''s 24-hour window');
select tests.authenticate_as('a_patient_2');
select results_eq($$ select starts_at, reschedule_count from public.reschedule_appointment(tests.tenancy_id('checkup_30h'), tests.appointment_slot(5, '11:00')) $$,
  $$ values (tests.appointment_slot(5, '11:00'), 1) $$,
  'a check-up 30 hours ahead is outside it: the patient moves it');
reset role;
update public.tenants set cancellation_window = '7 days' where id = tests.tenancy_id('tenant_a');
select tests.authenticate_as('a_patient_2');
select throws_ok($$ select public.reschedule_appointment(tests.tenancy_id('checkup_30h'), tests.appointment_slot(6, '11:00')) $$,
  'PT409', 'it is too late to reschedule this appointment online',
  'with the tenant''s window raised to 7 days, the same patient can no longer move it (the tenant value applies)');

-- TEST: staff may
select tests.authenticate_as('a_front_desk');
select results_eq($$ select starts_at, reschedule_count from public.reschedule_appointment(tests.tenancy_id('scan_30h'), tests.appointment_slot(5, '10:00')) $$,
  $$ values (tests.appointment_slot(5, '10:00'), 1) $$, 'the front desk moves the scan inside the window');
select results_eq($$ select starts_at from public.reschedule_appointment(tests.tenancy_id('checkup_20h'), tests.appointment_slot(5, '12:00')) $$,
  $$ values (tests.appointment_slot(5, '12:00')) $$, 'and the check-up');
reset role;
select is((select count(*)::integer from public.appointments where tenant_id = tests.tenancy_id('tenant_a') and reschedule_count > 0), 3,
  'only the allowed reschedules happened');

select * from finish();
rollback;

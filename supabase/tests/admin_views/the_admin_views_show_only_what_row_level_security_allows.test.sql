-- The admin views are security_invoker: each caller sees what the row-level security of the
-- underlying tables lets them see. Staff see their own tenant only, a patient only their own
-- appointments (in every tenant), a user without membership nothing, anon has no access.
begin;
select plan(8);

-- SETUP: today and in 3 days, for patient_a and patient_a_2 in tenant_a and patient_b in tenant_b
select tests.create_appointment_fixtures();
select tests.insert_appointment('a_today', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(0, '10:00'));
select tests.insert_appointment('a2_today', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(0, '11:00'));
select tests.insert_appointment('a_later', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));
select tests.insert_appointment('b_today', 'appt_b_checkup', 'clinician_b', 'patient_b', tests.appointment_slot(0, '10:00', 'America/New_York'),
                                'booked', 'tenant_b', 'centre_b1');
select tests.insert_appointment('b_later', 'appt_b_checkup', 'clinician_b', 'patient_b', tests.appointment_slot(3, '10:00', 'America/New_York'),
                                'booked', 'tenant_b', 'centre_b1');

-- TEST: staff of tenant_a
select tests.authenticate_as('a_owner');
select set_eq($$ select appointment_id from public.todays_schedule $$,
  $$ values (tests.tenancy_id('a_today')), (tests.tenancy_id('a2_today')) $$, 'an owner of tenant_a sees tenant_a''s day only');
select tests.authenticate_as('a_clinician');
select set_eq($$ select appointment_id from public.upcoming_appointments where starts_at > pg_catalog.now() + interval '1 day' $$,
  $$ values (tests.tenancy_id('a_later')) $$, 'a clinician of tenant_a sees tenant_a''s upcoming appointments');

-- TEST: staff of tenant_b
select tests.authenticate_as('b_owner');
select set_eq($$ select appointment_id, patient_display_name from public.todays_schedule $$,
  $$ values (tests.tenancy_id('b_today'), 'Pat Beta') $$, 'the owner of tenant_b sees tenant_b''s day only');

-- TEST: patients
select tests.authenticate_as('patient');
select set_eq($$ select appointment_id, patient_display_name from public.todays_schedule $$,
  $$ values (tests.tenancy_id('a_today'), 'Pat Alpha'), (tests.tenancy_id('b_today'), 'Pat Beta') $$,
  'a patient sees only their own appointments, in both tenants');
select tests.authenticate_as('a_patient_2');
select set_eq($$ select appointment_id from public.upcoming_appointments where starts_at > pg_catalog.now() + interval '1 day' $$,
  array[]::uuid[], 'another patient sees none of them');

-- TEST: no membership, anon
select tests.authenticate_as('outsider');
select is_empty($$ select 1 from public.todays_schedule union all select 1 from public.upcoming_appointments $$,
  'a user without membership or patient record sees nothing');
select tests.clear_authentication();
select throws_ok($$ select * from public.todays_schedule $$, '42501', null, 'anon cannot read todays_schedule');
select throws_ok($$ select * from public.upcoming_appointments $$, '42501', null, 'anon cannot read upcoming_appointments');

select * from finish();
rollback;

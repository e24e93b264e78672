-- Only the clinic confirms holds: the patient of the hold and the appointment's clinician see it
-- but may not confirm it (PT403 with a hint that holds are confirmed by the clinic or by
-- payment); a clinician of another centre, other patients, other tenants and users without a
-- record do not see it (PT404); anon has no
-- EXECUTE (42501). Nothing is confirmed by any of these calls.
begin;
select plan(9);

-- SETUP
select tests.create_appointment_fixtures();
select tests.insert_appointment('hold', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'), 'pending');

-- TEST
select tests.authenticate_as('patient');
select throws_ok($$ select public.confirm_appointment(tests.tenancy_id('hold')) $$,
  'PT403', 'you may not mark this appointment booked', 'the patient cannot confirm their own hold');
select is((tests.error_of($$ select public.confirm_appointment(tests.tenancy_id('hold')) $$))[3],
  'Pending appointments are confirmed by the clinic or by payment.', 'the hint says who confirms');
select tests.authenticate_as('a_clinician');
select throws_ok($$ select public.confirm_appointment(tests.tenancy_id('hold')) $$,
  'PT403', 'you may not mark this appointment booked', 'the appointment''s clinician cannot confirm it');
select tests.authenticate_as('a_clinician_2');
select throws_ok($$ select public.confirm_appointment(tests.tenancy_id('hold')) $$,
  'PT404', 'appointment not found', 'a clinician of another centre cannot see it: PT404');
select tests.authenticate_as('a_patient_2');
select throws_ok($$ select public.confirm_appointment(tests.tenancy_id('hold')) $$,
  'PT404', 'appointment not found', 'another patient cannot see it: PT404');
select tests.authenticate_as('b_owner');
select throws_ok($$ select public.confirm_appointment(tests.tenancy_id('hold')) $$,
  'PT404', 'appointment not found', 'the owner of another tenant cannot see it: PT404');
select tests.authenticate_as('outsider');
select throws_ok($$ select public.confirm_appointment(tests.tenancy_id('hold')) $$,
  'PT404', 'appointment not found', 'a user without a record cannot see it: PT404');
select tests.clear_authentication();
select throws_ok($$ select public.confirm_appointment(tests.tenancy_id('hold')) $$,
  '42501', null, 'anon cannot call confirm_appointment');

reset role;
select results_eq($$ select status::text, hold_expires_at is not null from public.appointments where id = tests.tenancy_id('hold') $$,
  $$ values ('pending', true) $$, 'the hold is still pending');

select * from finish();
rollback;

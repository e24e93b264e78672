-- Who may open a payment: the appointment's patient, appointment staff of its centre (front
-- desk, owner, ...) and service_role. Another patient and another tenant's staff do not even see
-- the appointment (PT404), nor do staff of another centre; its own clinician sees it but may not
-- take money for it (PT403); anon may not call the function at all (42501). A refused call
-- creates no payment.
begin;
select plan(10);

-- SETUP
select tests.create_payment_fixtures();
select tests.insert_appointment('hold', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'), 'pending');
select tests.insert_appointment('hold_2', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '12:00'), 'pending');
select tests.insert_appointment('hold_3', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '14:00'), 'pending');

-- TEST: refused
select tests.authenticate_as('a_patient_2');
select is(tests.error_of($$ select public.open_payment(tests.tenancy_id('hold'), 'payment_intent') $$),
  array['PT404', 'appointment not found', 'Check the id; you only see your own appointments, or those of your clinic.'],
  'another patient of the same clinic gets PT404: the appointment is not theirs to see');
select tests.authenticate_as('b_owner');
select throws_ok($$ select public.open_payment(tests.tenancy_id('hold'), 'payment_intent') $$, 'PT404', 'appointment not found',
  'staff of another tenant get PT404');
select tests.authenticate_as('a_clinician');
select is(tests.error_of($$ select public.open_payment(tests.tenancy_id('hold'), 'checkout') $$),
  array['PT403', 'you may not take a payment for this appointment', 'The patient pays in the app, or the clinic''s front desk takes the payment.'],
  'the appointment''s own clinician gets PT403');
select tests.authenticate_as('a_clinician_2');
select throws_ok($$ select public.open_payment(tests.tenancy_id('hold'), 'checkout') $$, 'PT404', 'appointment not found',
  'a clinician of another centre does not see it: PT404');
select tests.clear_authentication();
select throws_ok($$ select public.open_payment(tests.tenancy_id('hold'), 'checkout') $$, '42501', null,
  'anon cannot call open_payment');
reset role;
select is((select count(*)::integer from public.payments), 0, 'refused calls created no payment');

-- TEST: allowed
select tests.authenticate_as('patient');
select isnt((select id from public.open_payment(tests.tenancy_id('hold'), 'payment_intent')), null,
  'the patient opens a payment for their own held appointment');
select tests.authenticate_as('a_front_desk');
select isnt((select id from public.open_payment(tests.tenancy_id('hold_2'), 'checkout')), null,
  'the front desk opens a payment for a patient''s held appointment (e.g. to send a Checkout link)');
select tests.authenticate_as_service_role();
select isnt((select id from public.open_payment(tests.tenancy_id('hold_3'), 'payment_intent')), null,
  'service_role opens a payment for any held appointment');
reset role;
select results_eq($$ select appointment_id from public.payments order by created_at, appointment_id $$,
  $$ select id from public.appointments where id in (tests.tenancy_id('hold'), tests.tenancy_id('hold_2'), tests.tenancy_id('hold_3')) order by id $$,
  'exactly one payment per allowed call') ;

select * from finish();
rollback;

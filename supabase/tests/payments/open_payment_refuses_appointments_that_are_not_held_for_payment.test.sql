-- open_payment needs a pending appointment whose hold has not expired and whose service takes
-- payment: a booked (already paid or confirmed) appointment, a cancelled one, an expired hold
-- and a pending appointment of a free service are PT409 with a reason code (status_conflict,
-- hold_expired, nothing_to_pay) and a hint; a missing argument is
-- 22023; a price the currency cannot express is PT422. Nothing is created.
begin;
select plan(7);

-- SETUP
select tests.create_payment_fixtures();
select tests.insert_appointment('booked', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'), 'booked');
select tests.insert_appointment('cancelled', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '11:00'), 'pending');
update public.appointments set status = 'cancelled', cancellation_reason = 'patient_request' where id = tests.tenancy_id('cancelled');
select tests.insert_appointment('expired', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '12:00'), 'pending');
update public.appointments set hold_expires_at = now() - interval '1 second' where id = tests.tenancy_id('expired');
select tests.insert_appointment('free', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(2, '14:00'), 'pending');
select tests.insert_appointment('yen', 'pay_yen', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'), 'pending');
-- yen prices have no decimals (refused when written); Stripe charges ariary in whole units although ISO 4217 gives them two
update public.services set currency = 'MGA', price = 5000.50 where id = tests.tenancy_id('pay_yen');

-- TEST
select tests.authenticate_as('patient');
select is(tests.error_details_of($$ select public.open_payment(tests.tenancy_id('booked'), 'payment_intent') $$),
  '{"code": "PT409", "message": "this appointment is already booked", "detail": "status_conflict", "hint": "Nothing is left to pay online for it; reload the appointment."}'::jsonb,
  'a booked appointment: PT409 status_conflict, already booked');
select is(tests.error_details_of($$ select public.open_payment(tests.tenancy_id('cancelled'), 'payment_intent') $$),
  '{"code": "PT409", "message": "this appointment was cancelled", "detail": "status_conflict", "hint": "Search for available times again and book a new appointment."}'::jsonb,
  'a cancelled appointment: PT409 status_conflict');
select is(tests.error_details_of($$ select public.open_payment(tests.tenancy_id('expired'), 'checkout') $$),
  '{"code": "PT409", "message": "the hold on this appointment has expired", "detail": "hold_expired", "hint": "Its time is no longer kept: search for available times again and book a new appointment."}'::jsonb,
  'an expired hold (not yet released by the job): PT409 hold_expired');
select is(tests.error_details_of($$ select public.open_payment(tests.tenancy_id('free'), 'payment_intent') $$),
  '{"code": "PT409", "message": "there is nothing to pay for this appointment", "detail": "nothing_to_pay", "hint": "The service is not paid online; the clinic confirms the booking."}'::jsonb,
  'a service that does not take payment: PT409 nothing_to_pay');
select throws_ok($$ select public.open_payment(null, 'payment_intent') $$, '22023', 'appointment_id and flow are required',
  'a missing appointment id is 22023');
select throws_ok($$ select public.open_payment(tests.tenancy_id('yen'), 'payment_intent') $$, 'PT422', '5000.50 cannot be charged in MGA',
  'a price with decimals in a currency Stripe charges in whole units is PT422');
reset role;
select is((select count(*)::integer from public.payments), 0, 'no refused call created a payment');

select * from finish();
rollback;

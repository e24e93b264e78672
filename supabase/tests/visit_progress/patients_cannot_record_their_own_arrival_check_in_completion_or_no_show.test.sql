-- Patients cannot move their own visit along: mark_arrived, check_in_appointment,
-- complete_appointment and mark_no_show on their own appointment are PT403 with a hint to ask
-- the front desk (there is no self check-in kiosk in this design); the appointment is unchanged.
begin;
select plan(6);

-- SETUP: the patient's appointment started five minutes ago
select tests.create_appointment_fixtures();
select tests.insert_appointment('visit', 'appt_checkup', 'clinician_a', 'patient_a', date_trunc('minute', now()) - interval '5 minutes');

-- TEST
select tests.authenticate_as('patient');
select is(tests.error_of($$ select public.mark_arrived(tests.tenancy_id('visit')) $$),
  array['PT403', 'you may not mark this appointment arrived', 'Ask the clinic''s front desk.'],
  'a patient cannot mark themselves arrived (PT403, ask the front desk)');
select throws_ok($$ select public.check_in_appointment(tests.tenancy_id('visit')) $$, 'PT403', 'you may not mark this appointment checked_in',
  'a patient cannot check themselves in');
select throws_ok($$ select public.complete_appointment(tests.tenancy_id('visit')) $$, 'PT403', 'you may not mark this appointment fulfilled',
  'a patient cannot complete their visit');
select throws_ok($$ select public.mark_no_show(tests.tenancy_id('visit')) $$, 'PT403', 'you may not mark this appointment noshow',
  'a patient cannot mark themselves no-show');

reset role;
select is((select status::text from public.appointments where id = tests.tenancy_id('visit')), 'booked', 'the appointment is still booked');
select is((select count(*)::integer from public.appointment_status_history where appointment_id = tests.tenancy_id('visit')), 1, 'with no new history');

select * from finish();
rollback;

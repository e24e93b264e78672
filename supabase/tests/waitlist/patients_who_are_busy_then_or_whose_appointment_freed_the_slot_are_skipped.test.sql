-- A patient who already has an appointment overlapping the freed slot (any clinician) is
-- skipped, and so is the patient whose own appointment freed it; the next entry gets it.
begin;
select plan(3);

-- SETUP
select tests.create_waitlist_fixtures();
select tests.free_slot('freed', tests.appointment_slot(2, '10:00'));
select tests.insert_appointment('busy', 'appt_video', 'clinician_a_visiting', 'patient_a_2', tests.appointment_slot(2, '10:15'));
select tests.insert_waitlist_entry('freer', 'patient_a_walk_in', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));
select tests.insert_waitlist_entry('busy_patient', 'patient_a_2', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));
select tests.insert_waitlist_entry('free_patient', 'patient_a', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));

-- TEST
select public.cancel_appointment(tests.tenancy_id('freed'), 'patient_request');
select results_eq(
  $$ select id, status::text from public.waitlist_entries order by created_at $$,
  $$ values (tests.tenancy_id('freer'), 'waiting'), (tests.tenancy_id('busy_patient'), 'waiting'), (tests.tenancy_id('free_patient'), 'offered') $$,
  'the patient who cancelled and the patient who is busy then are skipped');
select is((select patient_id from tests.waitlist_hold('free_patient')), tests.tenancy_id('patient_a'), 'the hold is the free patient''s');
select is((select count(*)::integer from public.waitlist_offers), 1, 'the skipped entries got no offer');

select * from finish();
rollback;

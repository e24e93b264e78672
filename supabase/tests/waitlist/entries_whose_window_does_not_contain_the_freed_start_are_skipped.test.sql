-- The window is [earliest, latest) for the START of the slot: an entry whose window ends at or
-- before the freed start, or begins after it, is skipped; an entry whose window begins exactly
-- at the start gets it, even when it is the youngest.
begin;
select plan(3);

-- SETUP
select tests.create_waitlist_fixtures();
select tests.free_slot('freed', tests.appointment_slot(2, '10:00'));
select tests.insert_waitlist_entry('later', 'patient_a', 'appt_checkup', tests.appointment_slot(3, '09:00'), tests.appointment_slot(5, '17:00'));
select tests.insert_waitlist_entry('ends_at_start', 'patient_a_2', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(2, '10:00'));
select tests.insert_waitlist_entry('begins_at_start', 'patient_a_3', 'appt_checkup', tests.appointment_slot(2, '10:00'), tests.appointment_slot(2, '10:15'));

-- TEST
select public.cancel_appointment(tests.tenancy_id('freed'), 'patient_request');
select results_eq(
  $$ select id, status::text from public.waitlist_entries order by created_at $$,
  $$ values (tests.tenancy_id('later'), 'waiting'), (tests.tenancy_id('ends_at_start'), 'waiting'), (tests.tenancy_id('begins_at_start'), 'offered') $$,
  'only the entry whose window contains the start is offered the slot');
select results_eq(
  $$ select starts_at, ends_at from tests.waitlist_hold('begins_at_start') $$,
  $$ values (tests.appointment_slot(2, '10:00'), tests.appointment_slot(2, '10:30')) $$,
  'the whole appointment is held even though the window ends before the appointment does');
select is((select count(*)::integer from public.waitlist_offers), 1, 'no offer was made to the skipped entries');

select * from finish();
rollback;

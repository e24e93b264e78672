-- waitlist_offers remembers every (entry, clinician, start) offered: an entry that declined a
-- slot is not offered that slot again when it is freed a second time (by someone else's
-- cancellation); the next entry that never had it gets it.
begin;
select plan(4);

-- SETUP
select tests.create_waitlist_fixtures();
select tests.free_slot('freed', tests.appointment_slot(2, '10:00'));
select tests.insert_waitlist_entry('first', 'patient_a_2', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));
select tests.insert_waitlist_entry('second', 'patient_a', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));
select public.cancel_appointment(tests.tenancy_id('freed'), 'patient_request');
select public.decline_waitlist_offer(tests.tenancy_id('first'));
select public.accept_waitlist_offer(tests.tenancy_id('second'));
select tests.insert_waitlist_entry('third', 'patient_a_3', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));

-- TEST
select tests.authenticate_as('patient');
select results_eq(
  $$ select status::text, starts_at from public.cancel_appointment((select id from tests.waitlist_hold('second')), 'patient_request') $$,
  $$ values ('cancelled', tests.appointment_slot(2, '10:00')) $$, 'the patient who accepted the slot cancels it again');
reset role;
select results_eq(
  $$ select id, status::text from public.waitlist_entries order by created_at $$,
  $$ values (tests.tenancy_id('first'), 'waiting'), (tests.tenancy_id('second'), 'booked'), (tests.tenancy_id('third'), 'offered') $$,
  'the slot skips the entry that already declined it and goes to the one that never had it');
select is((select count(*)::integer from public.waitlist_offers where entry_id = tests.tenancy_id('first')), 1,
  'the first entry was offered that slot once');
select throws_ok(
  $$ insert into public.waitlist_offers (tenant_id, entry_id, appointment_id, clinician_id, starts_at, ends_at, expires_at, outcome, decided_at)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('first'), tests.tenancy_id('freed'), tests.tenancy_id('clinician_a'),
             tests.appointment_slot(2, '10:00'), tests.appointment_slot(2, '10:30'), now(), 'withdrawn', now()) $$,
  '23505', null, 'the unique key refuses a second offer of the same slot to the same entry');

select * from finish();
rollback;

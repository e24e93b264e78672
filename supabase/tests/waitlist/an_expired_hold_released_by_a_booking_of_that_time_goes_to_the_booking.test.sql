-- An expired offer's hold that a booking of the same time releases (book_appointment releases
-- overlapping expired holds first) is left to that booking: the offer ends expired and the entry
-- waits again, but the time is not offered to the next entry, so the booking succeeds.
begin;
select plan(4);

-- SETUP
select tests.create_waitlist_fixtures();
select tests.free_slot('freed', tests.appointment_slot(2, '10:00'));
select tests.insert_waitlist_entry('first', 'patient_a_2', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));
select tests.insert_waitlist_entry('second', 'patient_a_3', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));
select public.cancel_appointment(tests.tenancy_id('freed'), 'patient_request');
update public.appointments set hold_expires_at = now() - interval '1 second' where id = (select id from tests.waitlist_hold('first'));
update public.waitlist_entries set offer_expires_at = now() - interval '1 second' where id = tests.tenancy_id('first');

-- TEST
select tests.authenticate_as('patient');
select results_eq(
  $$ select status::text, starts_at from public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                                                  tests.appointment_slot(2, '10:00')) $$,
  $$ values ('booked', tests.appointment_slot(2, '10:00')) $$, 'the booking of the time succeeds');
reset role;
select results_eq(
  $$ select id, status::text from public.waitlist_entries order by created_at $$,
  $$ values (tests.tenancy_id('first'), 'waiting'), (tests.tenancy_id('second'), 'waiting') $$,
  'the expired entry waits again and the next entry was not offered the booked time');
select results_eq(
  $$ select outcome::text from public.waitlist_offers $$,
  $$ values ('expired') $$, 'the only offer ended expired');
select is((select count(*)::integer from public.appointments where starts_at = tests.appointment_slot(2, '10:00') and private.status_occupies(status)), 1,
  'the time is occupied once, by the booking');

select * from finish();
rollback;

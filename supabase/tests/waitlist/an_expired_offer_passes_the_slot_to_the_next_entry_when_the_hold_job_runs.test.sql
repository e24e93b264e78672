-- Expiry: the expire-appointment-holds job (private.expire_appointment_holds, as pg_cron runs
-- it) cancels an offer's hold past hold_expires_at (reason hold_expired); the offer ends
-- expired, the entry goes back to waiting (the patient still wants a time) - or to expired when
-- its window is over - and the slot goes to the next entry, never back to the same one.
begin;
select plan(8);

-- SETUP
select tests.create_waitlist_fixtures();
select tests.free_slot('freed', tests.appointment_slot(2, '10:00'));
select tests.insert_waitlist_entry('first', 'patient_a_2', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));
select tests.insert_waitlist_entry('second', 'patient_a', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));
select tests.insert_waitlist_entry('third', 'patient_a_3', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));
select public.cancel_appointment(tests.tenancy_id('freed'), 'patient_request');
create temporary table first_hold on commit drop as select id from tests.waitlist_hold('first');
-- the offer runs out
update public.appointments set hold_expires_at = now() - interval '1 second' where id = (select id from first_hold);
update public.waitlist_entries set offer_expires_at = now() - interval '1 second' where id = tests.tenancy_id('first');

-- TEST: the job runs as pg_cron does (postgres, no API request)
select set_config('request.jwt.claims', '', true), set_config('request.jwt.claim.sub', '', true);
select is(private.expire_appointment_holds(), 1, 'the job releases the expired hold');
select results_eq(
  $$ select status::text, cancellation_reason from public.appointments where id = (select id from first_hold) $$,
  $$ values ('cancelled', 'hold_expired') $$, 'the hold is cancelled with reason hold_expired');
select results_eq(
  $$ select outcome::text from public.waitlist_offers where entry_id = tests.tenancy_id('first') $$,
  $$ values ('expired') $$, 'the offer ended expired');
select results_eq(
  $$ select id, status::text from public.waitlist_entries order by created_at $$,
  $$ values (tests.tenancy_id('first'), 'waiting'), (tests.tenancy_id('second'), 'offered'), (tests.tenancy_id('third'), 'waiting') $$,
  'the first entry waits again and the slot is offered to the next one');
select results_eq(
  $$ select starts_at, status::text, hold_expires_at = now() + interval '30 minutes' from tests.waitlist_hold('second') $$,
  $$ values (tests.appointment_slot(2, '10:00'), 'pending', true) $$, 'the next entry holds the same slot for a full offer duration');
select results_eq(
  $$ select reason from public.appointment_status_history where appointment_id = (select id from tests.waitlist_hold('second')) $$,
  $$ values ('waitlist_offer') $$, 'the new hold is recorded as a waitlist offer, not as an expiry');

-- TEST: the second offer expires too, after the second entry's window closed
update public.appointments set hold_expires_at = now() - interval '1 second' where id = (select id from tests.waitlist_hold('second'));
update public.waitlist_entries set offer_expires_at = now() - interval '1 second', earliest = now() - interval '2 days', latest = now() - interval '1 second'
 where id = tests.tenancy_id('second');
select private.expire_appointment_holds();
select results_eq(
  $$ select id, status::text from public.waitlist_entries order by created_at $$,
  $$ values (tests.tenancy_id('first'), 'waiting'), (tests.tenancy_id('second'), 'expired'), (tests.tenancy_id('third'), 'offered') $$,
  'an entry whose window is over expires instead of waiting, and the slot moves on to the third, not back to the first');
select is((select count(*)::integer from public.waitlist_offers where entry_id = tests.tenancy_id('first')), 1,
  'the first entry was offered the slot once');

select * from finish();
rollback;

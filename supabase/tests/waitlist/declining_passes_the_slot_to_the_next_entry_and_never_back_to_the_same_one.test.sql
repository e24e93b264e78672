-- decline_waitlist_offer: the hold is cancelled (waitlist_offer_declined), the offer ends
-- declined, the entry goes back to waiting - and the slot goes to the NEXT entry. When that one
-- declines too, the slot is not offered to the first again (nor to the second): it stays free.
-- Another freed slot is offered to the first entry again.
begin;
select plan(10);

-- SETUP
select tests.create_waitlist_fixtures();
select tests.free_slot('freed', tests.appointment_slot(2, '10:00'));
select tests.free_slot('freed_later', tests.appointment_slot(2, '15:00'));
select tests.insert_waitlist_entry('first', 'patient_a_2', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));
select tests.insert_waitlist_entry('second', 'patient_a', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));
select public.cancel_appointment(tests.tenancy_id('freed'), 'patient_request');
create temporary table first_hold on commit drop as select id from tests.waitlist_hold('first');
grant select on first_hold to authenticated;

-- TEST: the first entry declines
select tests.authenticate_as('a_patient_2');
select results_eq(
  $$ select id, status::text, offered_appointment_id is null, offer_expires_at is null
       from public.decline_waitlist_offer(tests.tenancy_id('first')) $$,
  $$ values (tests.tenancy_id('first'), 'waiting', true, true) $$, 'declining returns the entry, waiting again');
reset role;
select results_eq(
  $$ select status::text, cancellation_reason, cancelled_by = tests.get_supabase_uid('a_patient_2'), cancellation_outcome ->> 'by', (cancellation_outcome ->> 'fee')::numeric
       from public.appointments where id = (select id from first_hold) $$,
  $$ values ('cancelled', 'waitlist_offer_declined', true, 'patient', 0::numeric) $$,
  'the hold is cancelled by the patient with reason waitlist_offer_declined and no fee');
select results_eq(
  $$ select outcome::text, decided_at is not null from public.waitlist_offers where entry_id = tests.tenancy_id('first') $$,
  $$ values ('declined', true) $$, 'the first offer ended declined');
select results_eq(
  $$ select status::text, (select starts_at from tests.waitlist_hold('second')) from public.waitlist_entries where id = tests.tenancy_id('second') $$,
  $$ values ('offered', tests.appointment_slot(2, '10:00')) $$, 'the same slot is now held for the next entry');

-- TEST: the second declines too: nobody is left who has not had it
select tests.authenticate_as('patient');
select results_eq(
  $$ select status::text from public.decline_waitlist_offer(tests.tenancy_id('second')) $$,
  $$ values ('waiting') $$, 'the second entry declines');
reset role;
select results_eq(
  $$ select id, status::text from public.waitlist_entries order by created_at $$,
  $$ values (tests.tenancy_id('first'), 'waiting'), (tests.tenancy_id('second'), 'waiting') $$,
  'the slot was not offered back to the first entry');
select is((select count(*)::integer from public.waitlist_offers), 2, 'exactly two offers were made for the slot, one per entry');
select is_empty(
  $$ select 1 from public.appointments where starts_at = tests.appointment_slot(2, '10:00') and private.status_occupies(status) $$,
  'the slot is free again for anyone to book');

-- TEST: a different slot is offered to the first entry again
select tests.authenticate_as('a_front_desk');
select public.cancel_appointment(tests.tenancy_id('freed_later'), 'patient_request');
reset role;
select results_eq(
  $$ select status::text, (select starts_at from tests.waitlist_hold('first')) from public.waitlist_entries where id = tests.tenancy_id('first') $$,
  $$ values ('offered', tests.appointment_slot(2, '15:00')) $$, 'the next freed slot goes to the oldest entry again');
select is((select count(*)::integer from public.waitlist_offers where entry_id = tests.tenancy_id('first')), 2,
  'the first entry now has two offers, for two different slots');

select * from finish();
rollback;

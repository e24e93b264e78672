-- Declining an offer that is past offer_expires_at but whose hold the job has not released yet
-- is allowed (it only hands the slot on sooner): the offer ends declined, not expired, and the
-- next entry gets the slot. Once the job has released it, declining is PT409.
begin;
select plan(4);

-- SETUP
select tests.create_waitlist_fixtures();
select tests.free_slot('freed', tests.appointment_slot(2, '10:00'));
select tests.insert_waitlist_entry('first', 'patient_a_2', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));
select tests.insert_waitlist_entry('second', 'patient_a', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));
select public.cancel_appointment(tests.tenancy_id('freed'), 'patient_request');
update public.appointments set hold_expires_at = now() - interval '1 second' where id = (select id from tests.waitlist_hold('first'));
update public.waitlist_entries set offer_expires_at = now() - interval '1 second' where id = tests.tenancy_id('first');

-- TEST
select tests.authenticate_as('a_patient_2');
select results_eq($$ select status::text from public.decline_waitlist_offer(tests.tenancy_id('first')) $$,
  $$ values ('waiting') $$, 'the expired, unreleased offer is declined');
reset role;
select results_eq($$ select e.id, e.status::text, o.outcome::text from public.waitlist_entries as e join public.waitlist_offers as o on o.entry_id = e.id order by e.created_at $$,
  $$ values (tests.tenancy_id('first'), 'waiting', 'declined'), (tests.tenancy_id('second'), 'offered', null) $$,
  'the offer ended declined and the next entry holds the slot');

select set_config('request.jwt.claims', '', true);
update public.appointments set hold_expires_at = now() - interval '1 second' where id = (select id from tests.waitlist_hold('second'));
update public.waitlist_entries set offer_expires_at = now() - interval '1 second' where id = tests.tenancy_id('second');
select private.expire_appointment_holds();
select tests.authenticate_as('patient');
select throws_ok($$ select public.decline_waitlist_offer(tests.tenancy_id('second')) $$,
  'PT409', 'this offer has expired', 'once the job released it, the offer cannot be declined');
reset role;
select is((select outcome::text from public.waitlist_offers where entry_id = tests.tenancy_id('second')), 'expired', 'the second offer stays expired');

select * from finish();
rollback;

-- leave_waitlist: a waiting entry is cancelled; an offered one is cancelled too, its offer
-- withdrawn and its hold cancelled (reason waitlist_offer_withdrawn), and the slot goes to the
-- next entry. Leaving a closed entry is PT409.
begin;
select plan(8);

-- SETUP
select tests.create_waitlist_fixtures();
select tests.free_slot('freed', tests.appointment_slot(2, '10:00'));
select tests.insert_waitlist_entry('offered', 'patient_a_2', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));
select tests.insert_waitlist_entry('next', 'patient_a', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));
select tests.insert_waitlist_entry('idle', 'patient_a_2', 'appt_video', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));
select public.cancel_appointment(tests.tenancy_id('freed'), 'patient_request');
create temporary table hold on commit drop as select id from tests.waitlist_hold('offered');

-- TEST: leaving with a live offer
select tests.authenticate_as('a_patient_2');
select results_eq(
  $$ select status::text, offered_appointment_id is null, offer_expires_at is null from public.leave_waitlist(tests.tenancy_id('offered')) $$,
  $$ values ('cancelled', true, true) $$, 'the entry is cancelled and no longer points at the hold');
reset role;
select results_eq(
  $$ select status::text, cancellation_reason, cancelled_by = tests.get_supabase_uid('a_patient_2') from public.appointments where id = (select id from hold) $$,
  $$ values ('cancelled', 'waitlist_offer_withdrawn', true) $$, 'the hold is cancelled with reason waitlist_offer_withdrawn');
select results_eq(
  $$ select outcome::text from public.waitlist_offers where entry_id = tests.tenancy_id('offered') $$,
  $$ values ('withdrawn') $$, 'the offer ended withdrawn');
select results_eq(
  $$ select status::text, (select starts_at from tests.waitlist_hold('next')) from public.waitlist_entries where id = tests.tenancy_id('next') $$,
  $$ values ('offered', tests.appointment_slot(2, '10:00')) $$, 'the slot goes to the next entry');

-- TEST: leaving a waiting entry
select tests.authenticate_as('a_front_desk');
select results_eq(
  $$ select status::text from public.leave_waitlist(tests.tenancy_id('idle')) $$,
  $$ values ('cancelled') $$, 'the front desk takes a waiting entry off the list');
reset role;
select is((select count(*)::integer from public.waitlist_offers), 2, 'leaving a waiting entry touched no offer');

-- TEST: closed entries
select tests.authenticate_as('a_patient_2');
select throws_ok($$ select public.leave_waitlist(tests.tenancy_id('offered')) $$,
  'PT409', 'this waitlist entry is already cancelled', 'leaving twice is refused');
select throws_ok($$ select public.decline_waitlist_offer(tests.tenancy_id('offered')) $$,
  'PT409', 'this waitlist entry has no open offer', 'a cancelled entry has nothing to decline');

select * from finish();
rollback;

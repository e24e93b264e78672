-- accept_waitlist_offer after offer_expires_at: PT409 'this offer has expired', and nothing
-- changes - also before the job released the hold. After the job ran the entry waits again and
-- accepting still says the offer expired; an offer_id of the old offer keeps saying so when a
-- new slot is offered, while accepting the new offer works.
begin;
select plan(8);

-- SETUP
select tests.create_waitlist_fixtures();
select tests.free_slot('freed', tests.appointment_slot(2, '10:00'));
select tests.free_slot('freed_later', tests.appointment_slot(2, '15:00'));
select tests.insert_waitlist_entry('entry', 'patient_a_2', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));
select public.cancel_appointment(tests.tenancy_id('freed'), 'patient_request');
create temporary table old_offer on commit drop as select id, appointment_id from public.waitlist_offers;
grant select on old_offer to authenticated;
update public.appointments set hold_expires_at = now() - interval '1 second' where id = (select appointment_id from old_offer);
update public.waitlist_entries set offer_expires_at = now() - interval '1 second' where id = tests.tenancy_id('entry');

-- TEST: expired, hold not yet released
select tests.authenticate_as('a_patient_2');
select throws_ok($$ select public.accept_waitlist_offer(tests.tenancy_id('entry')) $$,
  'PT409', 'this offer has expired', 'accepting after offer_expires_at is refused');
select is(tests.error_details_of($$ select public.accept_waitlist_offer(tests.tenancy_id('entry')) $$) ->> 'hint',
  'The time was passed on to the next patient; you stay on the waitlist for the next freed time.', 'the hint says the patient stays on the list');
reset role;
select results_eq(
  $$ select e.status::text, a.status::text, o.outcome::text
       from public.waitlist_entries as e join public.appointments as a on a.id = e.offered_appointment_id
       join public.waitlist_offers as o on o.appointment_id = a.id
      where e.id = tests.tenancy_id('entry') $$,
  $$ values ('offered', 'pending', null::text) $$, 'the refused call changed nothing');

-- TEST: after the job released it
select set_config('request.jwt.claims', '', true);
select private.expire_appointment_holds();
select tests.authenticate_as('a_patient_2');
select throws_ok($$ select public.accept_waitlist_offer(tests.tenancy_id('entry')) $$,
  'PT409', 'this offer has expired', 'after the hold was released, accepting still says the offer expired');

-- TEST: a new offer; the old offer id is still expired, the new one can be accepted
select tests.authenticate_as('a_front_desk');
select public.cancel_appointment(tests.tenancy_id('freed_later'), 'patient_request');
select tests.authenticate_as('a_patient_2');
select throws_ok($$ select public.accept_waitlist_offer(tests.tenancy_id('entry'), (select id from old_offer)) $$,
  'PT409', 'this offer has expired', 'naming the expired offer is refused even though another one is open');
select throws_ok($$ select public.accept_waitlist_offer(tests.tenancy_id('entry'), tests.tenancy_id('no such offer')) $$,
  'PT404', 'waitlist offer not found', 'naming an offer of nothing is PT404');
select results_eq(
  $$ select status::text, starts_at from public.accept_waitlist_offer(tests.tenancy_id('entry'),
       (select o.id from public.waitlist_offers as o where o.entry_id = tests.tenancy_id('entry') and o.outcome is null)) $$,
  $$ values ('booked', tests.appointment_slot(2, '15:00')) $$, 'the open offer is accepted');
select throws_ok($$ select public.accept_waitlist_offer(tests.tenancy_id('entry')) $$,
  'PT409', 'this waitlist entry has no open offer', 'accepting twice is refused');

select * from finish();
rollback;

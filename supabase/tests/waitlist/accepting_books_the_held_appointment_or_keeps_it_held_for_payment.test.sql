-- accept_waitlist_offer: for a service without payment the hold becomes booked (through the
-- status machine, history reason waitlist_offer_accepted); for a payment-required service it
-- stays pending and its hold is extended to now() + the tenant's payment_hold_duration until the
-- payment confirms it. Either way the entry becomes booked and the offer accepted.
begin;
select plan(10);

-- SETUP
select tests.create_waitlist_fixtures();
update public.tenants set payment_hold_duration = '20 minutes', waitlist_offer_duration = '10 minutes' where id = tests.tenancy_id('tenant_a');
select tests.free_slot('freed', tests.appointment_slot(2, '10:00'));
select tests.free_slot('freed_paid', tests.appointment_slot(2, '12:00'), 'appt_paid');
select tests.insert_waitlist_entry('checkup', 'patient_a_2', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));
select tests.insert_waitlist_entry('paid', 'patient_a', 'appt_paid', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));
select public.cancel_appointment(tests.tenancy_id('freed'), 'patient_request');
select public.cancel_appointment(tests.tenancy_id('freed_paid'), 'patient_request');
create temporary table holds on commit drop as
  select 'checkup' as entry, id from tests.waitlist_hold('checkup') union all select 'paid', id from tests.waitlist_hold('paid');
grant select on holds to authenticated, service_role;

-- TEST: no payment -> booked
select tests.authenticate_as('a_patient_2');
select results_eq(
  $$ select id, status::text, hold_expires_at is null, booked_via, booked_by = tests.get_supabase_uid('a_patient_2'), starts_at
       from public.accept_waitlist_offer(tests.tenancy_id('checkup')) $$,
  $$ values ((select id from holds where entry = 'checkup'), 'booked', true, 'waitlist', true, tests.appointment_slot(2, '10:00')) $$,
  'accepting returns the held appointment, now booked by the patient');
reset role;
select results_eq(
  $$ select status::text, offered_appointment_id, offer_expires_at is null from public.waitlist_entries where id = tests.tenancy_id('checkup') $$,
  $$ values ('booked', (select id from holds where entry = 'checkup'), true) $$, 'the entry is booked and points at the appointment');
select results_eq(
  $$ select outcome::text, decided_at is not null from public.waitlist_offers where entry_id = tests.tenancy_id('checkup') $$,
  $$ values ('accepted', true) $$, 'the offer ended accepted');
select results_eq(
  $$ select from_status::text, to_status::text, reason from public.appointment_status_history
       where appointment_id = (select id from holds where entry = 'checkup') and from_status is not null $$,
  $$ values ('pending', 'booked', 'waitlist_offer_accepted') $$, 'the history records the acceptance');

-- TEST: payment required -> still pending, held for the payment
select results_eq(
  $$ select status::text, hold_expires_at = now() + interval '10 minutes' from tests.waitlist_hold('paid') $$,
  $$ values ('pending', true) $$, 'before accepting, the paid hold expires with the offer');
select tests.authenticate_as('patient');
select results_eq(
  $$ select status::text, hold_expires_at = now() + interval '20 minutes' from public.accept_waitlist_offer(tests.tenancy_id('paid')) $$,
  $$ values ('pending', true) $$, 'accepting a payment-required offer keeps it pending for the tenant''s payment hold');
reset role;
select results_eq(
  $$ select status::text, offer_expires_at is null from public.waitlist_entries where id = tests.tenancy_id('paid') $$,
  $$ values ('booked', true) $$, 'the entry is booked');
select results_eq(
  $$ select outcome::text from public.waitlist_offers where entry_id = tests.tenancy_id('paid') $$,
  $$ values ('accepted') $$, 'the offer ended accepted');

-- TEST: the payment confirms it later; nothing changes on the waitlist
select tests.authenticate_as_service_role();
select results_eq(
  $$ select status::text from public.confirm_appointment((select id from holds where entry = 'paid')) $$,
  $$ values ('booked') $$, 'the payment (service_role) confirms the appointment');
reset role;
select results_eq(
  $$ select status::text, outcome::text from public.waitlist_entries as e join public.waitlist_offers as o on o.entry_id = e.id
       where e.id = tests.tenancy_id('paid') $$,
  $$ values ('booked', 'accepted') $$, 'the entry stays booked and the offer accepted');

select * from finish();
rollback;

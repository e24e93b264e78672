-- A booked appointment is cancelled: its slot becomes a pending appointment (booked_via
-- waitlist) of the OLDEST matching waiting entry, held until now() + the tenant's
-- waitlist_offer_duration; the entry becomes offered and a waitlist_offers row records the
-- offer. The younger entry keeps waiting, and the held time is taken for everyone else.
begin;
select plan(10);

-- SETUP
select tests.create_waitlist_fixtures();
update public.tenants set waitlist_offer_duration = '45 minutes' where id = tests.tenancy_id('tenant_a');
select tests.free_slot('freed', tests.appointment_slot(2, '10:00'));
select tests.insert_waitlist_entry('older', 'patient_a_2', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));
select tests.insert_waitlist_entry('newer', 'patient_a', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));

-- TEST
select tests.authenticate_as('a_front_desk');
select results_eq(
  $$ select status::text from public.cancel_appointment(tests.tenancy_id('freed'), 'patient_request') $$,
  $$ values ('cancelled') $$, 'the front desk cancels the booked appointment');
reset role;

select results_eq(
  $$ select status::text, offer_expires_at = now() + interval '45 minutes' from public.waitlist_entries where id = tests.tenancy_id('older') $$,
  $$ values ('offered', true) $$, 'the oldest matching entry is offered the slot until now() + waitlist_offer_duration');
select results_eq(
  $$ select status::text, offered_appointment_id is null from public.waitlist_entries where id = tests.tenancy_id('newer') $$,
  $$ values ('waiting', true) $$, 'the younger entry keeps waiting');
select results_eq(
  $$ select patient_id, clinician_id, centre_id, service_id, starts_at, ends_at, status::text, booked_via, booked_by is null
       from tests.waitlist_hold('older') $$,
  $$ values (tests.tenancy_id('patient_a_2'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), tests.tenancy_id('appt_checkup'),
             tests.appointment_slot(2, '10:00'), tests.appointment_slot(2, '10:30'), 'pending', 'waitlist', true) $$,
  'the hold is a pending appointment of that patient for the same clinician, start and duration, booked via the waitlist');
select is((select hold_expires_at from tests.waitlist_hold('older')), now() + interval '45 minutes',
  'the hold expires with the offer');
select results_eq(
  $$ select entry_id, appointment_id, clinician_id, starts_at, ends_at, expires_at = now() + interval '45 minutes', outcome is null, decided_at is null
       from public.waitlist_offers $$,
  $$ values (tests.tenancy_id('older'), (select id from tests.waitlist_hold('older')), tests.tenancy_id('clinician_a'),
             tests.appointment_slot(2, '10:00'), tests.appointment_slot(2, '10:30'), true, true, true) $$,
  'one open offer row records the slot, the hold and its expiry');
select results_eq(
  $$ select from_status::text, to_status::text, reason from public.appointment_status_history
       where appointment_id = (select id from tests.waitlist_hold('older')) $$,
  $$ values (null::text, 'pending', 'waitlist_offer') $$, 'the hold''s history says it was made by the waitlist');
select results_eq(
  $$ select reason from public.appointment_status_history where appointment_id = tests.tenancy_id('freed') and to_status = 'cancelled' $$,
  $$ values ('patient_request') $$, 'the cancellation keeps its own reason in the history');

select tests.authenticate_as('patient');
select throws_ok(
  $$ select public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                    tests.appointment_slot(2, '10:00')) $$,
  'PT409', 'That time is no longer available', 'while the offer is open nobody else can book the time');
reset role;
select is((select count(*)::integer from public.appointments where starts_at = tests.appointment_slot(2, '10:00') and status = 'pending'), 1,
  'exactly one hold was made');

select * from finish();
rollback;

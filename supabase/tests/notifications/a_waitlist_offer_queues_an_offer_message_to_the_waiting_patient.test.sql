-- When a freed slot is offered to a waitlist entry, waitlist_offer is queued to the entry's
-- patient about the hold (payload: offer, slot, offer expiry). Accepting books the hold
-- (booking_confirmed + reminders) and voids the offer message if it is still queued; declining
-- voids it and sends nothing else.
begin;
select plan(6);

-- SETUP
select tests.create_notification_fixtures();
update public.tenants set waitlist_offer_duration = '45 minutes' where id = tests.tenancy_id('tenant_a');
select tests.free_slot('freed', tests.appointment_slot(2, '10:00'));
select tests.free_slot('freed_2', tests.appointment_slot(2, '14:00'));
select tests.insert_waitlist_entry('es_entry', 'patient_a_es', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(2, '12:00'));
select tests.insert_waitlist_entry('other_entry', 'patient_a_2', 'appt_checkup', tests.appointment_slot(2, '13:00'), tests.appointment_slot(2, '15:00'));

-- TEST: the offer
select public.cancel_appointment(tests.tenancy_id('freed'), 'clinic_request');
select results_eq(
  $$ select n.kind::text, n.status::text, n.channel::text, n.patient_id, n.appointment_id, n.send_after
       from public.notifications as n where n.patient_id = tests.tenancy_id('patient_a_es') $$,
  $$ values ('waitlist_offer', 'queued', 'email', tests.tenancy_id('patient_a_es'), (select id from tests.waitlist_hold('es_entry')), now()) $$,
  'the offer queues one waitlist_offer message to the waiting patient, about the hold');
select results_eq(
  $$ select n.dedupe_key, (n.payload ->> 'offer_id')::uuid, (n.payload ->> 'starts_at')::timestamptz, (n.payload ->> 'offer_expires_at')::timestamptz
       from public.notifications as n where n.kind = 'waitlist_offer' and n.patient_id = tests.tenancy_id('patient_a_es') $$,
  $$ select 'waitlist_offer:' || o.id, o.id, tests.appointment_slot(2, '10:00'), now() + interval '45 minutes'
       from public.waitlist_offers as o where o.entry_id = tests.tenancy_id('es_entry') $$,
  'its payload names the offer, the slot and when the offer expires');

-- TEST: accepting
select tests.authenticate_as_service_role();
select public.accept_waitlist_offer(tests.tenancy_id('es_entry'));
reset role;
select results_eq(
  $$ select n.kind::text, n.status::text from public.notifications as n
      where n.patient_id = tests.tenancy_id('patient_a_es') order by n.kind, n.send_after $$,
  $$ values ('booking_confirmed', 'queued'), ('waitlist_offer', 'voided'), ('reminder', 'queued'), ('reminder', 'queued') $$,
  'accepting books the hold: confirmation and reminders queued, the unsent offer message voided');

-- TEST: declining
select public.cancel_appointment(tests.tenancy_id('freed_2'), 'clinic_request');
select is((select count(*)::integer from public.notifications where patient_id = tests.tenancy_id('patient_a_2') and kind = 'waitlist_offer' and status = 'queued'),
  1, 'the second slot is offered to the other entry');
select tests.authenticate_as('a_patient_2');
select public.decline_waitlist_offer(tests.tenancy_id('other_entry'));
reset role;
select results_eq(
  $$ select n.kind::text, n.status::text from public.notifications as n where n.patient_id = tests.tenancy_id('patient_a_2') $$,
  $$ values ('waitlist_offer', 'voided') $$,
  'declining voids the offer message and sends nothing else');
select is((select count(*)::integer from public.notifications where kind = 'booking_cancelled' and patient_id = tests.tenancy_id('patient_a_walk_in')),
  2, 'the patient whose booked appointments freed the slots is told of each cancellation');

select * from finish();
rollback;

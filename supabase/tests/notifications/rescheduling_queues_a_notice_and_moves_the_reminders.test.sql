-- Moving a booked appointment queues booking_rescheduled (previous and new start in the payload)
-- and its queued reminders follow the new start: send_after = new start - offset, those whose
-- time has passed are voided, and offsets that had no reminder for the old time are added. A
-- reminder already sent for the old time stays; a new one is queued for the new time.
begin;
select plan(6);

-- SETUP
select tests.create_notification_fixtures();
select tests.insert_appointment('moving', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));

-- TEST: later
select tests.authenticate_as('a_front_desk');
select public.reschedule_appointment(tests.tenancy_id('moving'), tests.appointment_slot(4, '14:00'));
reset role;
select results_eq(
  $$ select kind::text, status::text, send_after from tests.notifications_of('moving') $$,
  $$ values ('booking_confirmed', 'queued', now()),
            ('booking_rescheduled', 'queued', now()),
            ('reminder', 'queued', tests.appointment_slot(4, '14:00') - interval '24 hours'),
            ('reminder', 'queued', tests.appointment_slot(4, '14:00') - interval '2 hours') $$,
  'a notice is queued and both reminders move to the new start (no duplicates)');
select results_eq(
  $$ select (payload ->> 'previous_starts_at')::timestamptz, (payload ->> 'starts_at')::timestamptz
       from tests.notifications_of('moving') where kind = 'booking_rescheduled' $$,
  $$ values (tests.appointment_slot(3, '10:00'), tests.appointment_slot(4, '14:00')) $$,
  'the notice carries the previous and the new start');
select is((select array_agg(distinct (payload ->> 'starts_at')::timestamptz) from tests.notifications_of('moving') where kind = 'reminder'),
  array[tests.appointment_slot(4, '14:00')], 'the moved reminders carry the new start');

-- TEST: to within 24 hours: the 24-hour reminder is voided
update public.appointments set starts_at = now() + interval '5 hours', ends_at = now() + interval '5 hours 30 minutes'
 where id = tests.tenancy_id('moving');
select results_eq(
  $$ select status::text, send_after from tests.notifications_of('moving') where kind = 'reminder' order by status, send_after $$,
  $$ values ('queued', now() + interval '3 hours'), ('voided', tests.appointment_slot(4, '14:00') - interval '24 hours') $$,
  'moving closer voids the reminder whose time has passed and moves the other');

-- TEST: back out again: the 24-hour offset is added, a sent reminder stays as it was
update public.notifications set status = 'sent', sent_at = now(), provider = 'twilio', provider_message_id = 'SMmoved'
 where appointment_id = tests.tenancy_id('moving') and kind = 'reminder' and status = 'queued';
update public.appointments set starts_at = tests.appointment_slot(6, '09:00'), ends_at = tests.appointment_slot(6, '09:30')
 where id = tests.tenancy_id('moving');
select results_eq(
  $$ select status::text, send_after from tests.notifications_of('moving') where kind = 'reminder' order by status, send_after $$,
  $$ values ('queued', tests.appointment_slot(6, '09:00') - interval '24 hours'),
            ('queued', tests.appointment_slot(6, '09:00') - interval '2 hours'),
            ('sent', now() + interval '3 hours'),
            ('voided', tests.appointment_slot(4, '14:00') - interval '24 hours') $$,
  'moving later again queues both offsets for the new start; sent and voided rows stay');
select is((select count(*)::integer from tests.notifications_of('moving') where kind = 'booking_rescheduled'), 3,
  'each move queues its own notice');

select * from finish();
rollback;

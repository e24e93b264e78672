-- A queued reminder whose payload offset is not an interval (inserted around enqueue_notification)
-- cannot follow its appointment: moving the appointment voids it with the reason and queues a
-- correct reminder for that offset instead; the move itself succeeds.
begin;
select plan(3);

-- SETUP
select tests.create_notification_fixtures();
select tests.insert_appointment('moving', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));
update public.notifications set payload = payload || '{"offset": "a day"}'
 where appointment_id = tests.tenancy_id('moving') and kind = 'reminder' and payload ->> 'offset' = '24:00:00';

-- TEST
select tests.authenticate_as('a_front_desk');
select lives_ok($$ select public.reschedule_appointment(tests.tenancy_id('moving'), tests.appointment_slot(4, '14:00')) $$,
  'the appointment moves');
reset role;
select results_eq(
  $$ select status::text, last_error from tests.notifications_of('moving') where kind = 'reminder' and payload ->> 'offset' = 'a day' $$,
  $$ values ('voided', 'invalid_payload: offset must be an interval as text, e.g. "24:00:00" or "2 hours"') $$,
  'the unreadable reminder is voided with the reason');
select results_eq(
  $$ select status::text, send_after from tests.notifications_of('moving') where kind = 'reminder' and status = 'queued' order by send_after $$,
  $$ values ('queued', tests.appointment_slot(4, '14:00') - interval '24 hours'), ('queued', tests.appointment_slot(4, '14:00') - interval '2 hours') $$,
  'both offsets have a correct reminder for the new start');

select * from finish();
rollback;

-- A booking (inserted as booked, or through book_appointment) queues booking_confirmed right
-- away and one reminder per tenants.reminder_offsets at start - offset, with the start in the
-- payload and dedupe keys that identify them; the channel is resolved from the patient.
begin;
select plan(6);

-- SETUP
select tests.create_notification_fixtures();
select tests.insert_appointment('visit', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));

-- TEST: direct insert as booked
select results_eq(
  $$ select kind::text, status::text, channel::text, send_after from tests.notifications_of('visit') $$,
  $$ values ('booking_confirmed', 'queued', 'sms', now()),
            ('reminder', 'queued', 'sms', tests.appointment_slot(3, '10:00') - interval '24 hours'),
            ('reminder', 'queued', 'sms', tests.appointment_slot(3, '10:00') - interval '2 hours') $$,
  'a booked appointment queues a confirmation now and reminders 24 hours and 2 hours before');
select results_eq(
  $$ select dedupe_key, (payload ->> 'starts_at')::timestamptz, payload ->> 'offset' from tests.notifications_of('visit') $$,
  $$ values ('booking_confirmed:' || tests.tenancy_id('visit'), tests.appointment_slot(3, '10:00'), null::text),
            ('reminder:' || tests.tenancy_id('visit') || ':86400:' || extract(epoch from tests.appointment_slot(3, '10:00'))::bigint, tests.appointment_slot(3, '10:00'), '24:00:00'),
            ('reminder:' || tests.tenancy_id('visit') || ':7200:' || extract(epoch from tests.appointment_slot(3, '10:00'))::bigint, tests.appointment_slot(3, '10:00'), '02:00:00') $$,
  'dedupe keys name the appointment (and offset and start); the payload snapshots the start');
select is((select count(*)::integer from public.notifications where patient_id = tests.tenancy_id('patient_a') and tenant_id = tests.tenancy_id('tenant_a')),
  3, 'nothing else is queued');

-- TEST: through the booking RPC, with the tenant's own offsets
update public.tenants set reminder_offsets = '{48 hours,30 minutes,1 hour}' where id = tests.tenancy_id('tenant_a');
select tests.authenticate_as('a_patient_2');
select ok((select id from public.book_appointment(
  service_id => tests.tenancy_id('appt_checkup'), clinician_id => tests.tenancy_id('clinician_a'),
  centre_id => tests.tenancy_id('centre_a1'), starts_at => tests.appointment_slot(4, '11:00'),
  client_key => 'notify-1')) is not null, 'a patient books through book_appointment');
select tests.clear_authentication();
reset role;
select results_eq(
  $$ select n.kind::text, n.send_after
       from public.notifications as n
      where n.patient_id = tests.tenancy_id('patient_a_2')
      order by n.kind, n.send_after $$,
  $$ values ('booking_confirmed', now()),
            ('reminder', tests.appointment_slot(4, '11:00') - interval '48 hours'),
            ('reminder', tests.appointment_slot(4, '11:00') - interval '1 hour'),
            ('reminder', tests.appointment_slot(4, '11:00') - interval '30 minutes') $$,
  'the tenant''s reminder_offsets decide the reminders');

-- TEST: an e-mail-only patient gets e-mail
select tests.insert_appointment('es_visit', 'appt_checkup', 'clinician_a', 'patient_a_es', tests.appointment_slot(5, '10:00'));
select is((select array_agg(distinct channel::text) from tests.notifications_of('es_visit')), array['email'],
  'a patient with only an e-mail address is messaged by e-mail');

select * from finish();
rollback;

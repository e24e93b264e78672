-- record_notification_result: 'sent' stores provider, provider_message_id and sent_at;
-- 'captured' (the local dev outbox) stores the provider and no sent_at - the patient got
-- nothing; a result is taken only from a 'sending' row (PT409 for queued rows or a second
-- result), a provider message id only once (PT409); unknown ids PT404; bad input 22023.
begin;
select plan(10);

-- SETUP
select tests.create_notification_fixtures();
update public.tenants set reminder_offsets = '{}' where id = tests.tenancy_id('tenant_a');
select tests.insert_appointment('sent', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));
select tests.insert_appointment('captured', 'appt_checkup', 'clinician_a', 'patient_a_es', tests.appointment_slot(3, '11:00'));
select tests.insert_appointment('duplicate', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(3, '12:00'));
select tests.insert_appointment('unclaimed', 'appt_checkup', 'clinician_a', 'patient_a_3', tests.appointment_slot(3, '13:00'));
update public.notifications set send_after = now() + interval '1 hour' where appointment_id = tests.tenancy_id('unclaimed');
select tests.authenticate_as_service_role();
select count(*) from public.claim_notifications(10);

-- TEST
select is(public.record_notification_result((select id from tests.notifications_of('sent')), 'sent', 'twilio', 'SM0001', null),
  'sent'::public.notification_status, 'sent is recorded');
select is(public.record_notification_result((select id from tests.notifications_of('captured')), 'captured', 'dev_outbox', null, null),
  'captured'::public.notification_status, 'captured is recorded');
reset role;
select results_eq($$ select status::text, provider, provider_message_id, sent_at, claimed_until, last_error from tests.notifications_of('sent') $$,
  $$ values ('sent', 'twilio', 'SM0001', now(), null::timestamptz, null::text) $$, 'a sent message keeps who took it, its id and when');
select results_eq($$ select status::text, provider, sent_at from tests.notifications_of('captured') $$,
  $$ values ('captured', 'dev_outbox', null::timestamptz) $$, 'a captured message was not sent (no sent_at)');
select tests.authenticate_as_service_role();
select throws_ok($$ select public.record_notification_result((select id from tests.notifications_of('sent')), 'sent', 'twilio', 'SM0001', null) $$,
  'PT409', 'the notification is sent, not sending', 'a second result is refused');
select throws_ok($$ select public.record_notification_result((select id from tests.notifications_of('duplicate')), 'sent', 'twilio', 'SM0001', null) $$,
  'PT409', 'this provider message id is already recorded for another notification', 'a provider message id belongs to one notification');
select throws_ok($$ select public.record_notification_result((select id from tests.notifications_of('unclaimed')), 'sent', 'twilio', 'SM0002', null) $$,
  'PT409', 'the notification is queued, not sending', 'an unclaimed notification takes no result');
select throws_ok($$ select public.record_notification_result(gen_random_uuid(), 'sent', 'twilio', 'SM0003', null) $$,
  'PT404', 'notification not found', 'an unknown id is PT404');
select throws_ok($$ select public.record_notification_result((select id from tests.notifications_of('duplicate')), 'delivered', 'twilio', 'SM0004', null) $$,
  '22023', 'outcome must be sent, captured, retry, failed or fallback', 'an unknown outcome is refused');
select throws_ok($$ select public.record_notification_result((select id from tests.notifications_of('duplicate')), 'sent', null, 'SM0004', null) $$,
  '22023', 'provider is required for sent and captured', 'sent needs the provider');
reset role;

select * from finish();
rollback;

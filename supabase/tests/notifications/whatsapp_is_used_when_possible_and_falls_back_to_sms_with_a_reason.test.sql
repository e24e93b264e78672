-- A patient who prefers WhatsApp gets WhatsApp when it is possible at claim: the dispatcher sends
-- WhatsApp, the number has not opted out of WhatsApp, and the tenant maps an approved Content
-- template to the kind in a language of the patient's chain, with every variable filled. Otherwise
-- the message goes by SMS and fallback_reason says why. Opt-outs are per channel. A WhatsApp
-- refusal for the recipient (at send time or in a delivery report) queues one SMS copy.
begin;
select plan(22);

-- SETUP: patient_a prefers WhatsApp; tenant_a maps confirmations in en and es
select tests.create_notification_fixtures();
update public.tenants set reminder_offsets = '{}' where id = tests.tenancy_id('tenant_a');
update public.patients set preferred_channel = 'whatsapp' where id in (tests.tenancy_id('patient_a'), tests.tenancy_id('patient_a_2'), tests.tenancy_id('patient_a_3'));
update public.patients set preferred_language = 'es' where id = tests.tenancy_id('patient_a_2');
update public.patients set preferred_language = 'fr' where id = tests.tenancy_id('patient_a_3');
insert into public.whatsapp_templates (tenant_id, kind, language, content_sid, variables) values
  (tests.tenancy_id('tenant_a'), 'booking_confirmed', 'en', 'HX' || repeat('0a', 16), array['patient_name', 'service_name', 'starts_at_local']),
  (tests.tenancy_id('tenant_a'), 'booking_confirmed', 'es', 'HX' || repeat('0e', 16), array['starts_at_local']),
  (tests.tenancy_id('tenant_a'), 'booking_cancelled', 'en', 'HX' || repeat('0c', 16), array['payment_url']);

-- TEST: queued on whatsapp; without WhatsApp at the dispatcher, sms with the reason
select tests.insert_appointment('wa_off', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '09:00'));
select is((select channel::text from tests.notifications_of('wa_off')), 'whatsapp', 'a patient who prefers WhatsApp is queued on whatsapp');
select tests.make_notifications_due();
select tests.authenticate_as_service_role();
create temporary table claimed_off as select * from public.claim_notifications(50, '2 minutes', false);
reset role;
select results_eq($$ select channel::text, recipient, content_sid from claimed_off $$,
  $$ values ('sms', '+447700900101', null::text) $$, 'without WhatsApp at the dispatcher the message goes by SMS');
select is((select fallback_reason from tests.notifications_of('wa_off')), 'whatsapp_not_configured: the dispatcher does not send WhatsApp',
  'the reason is recorded');
update public.notifications set status = 'sent', claimed_until = null where id in (select id from claimed_off);

-- TEST: with WhatsApp: the template and its variables in the patient's language
select tests.insert_appointment('wa_en', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));
select tests.insert_appointment('wa_es', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(3, '11:00'));
select tests.insert_appointment('wa_fr', 'appt_checkup', 'clinician_a', 'patient_a_3', tests.appointment_slot(3, '12:00'));
select tests.make_notifications_due();
select tests.authenticate_as_service_role();
create temporary table claimed_on as select * from public.claim_notifications(50, '2 minutes', true);
reset role;
select results_eq(
  $$ select c.channel::text, c.recipient, c.content_sid from claimed_on as c join public.notifications as n on n.id = c.id order by n.appointment_id = tests.tenancy_id('wa_en') desc, n.appointment_id = tests.tenancy_id('wa_es') desc $$,
  $$ values ('whatsapp', '+447700900101', 'HX' || repeat('0a', 16)), ('whatsapp', '+447700900102', 'HX' || repeat('0e', 16)),
            ('whatsapp', '+447700900104', 'HX' || repeat('0a', 16)) $$,
  'each patient gets the template of the first language of their chain that has one (fr falls back to the tenant''s en)');
select is((select content_variables from claimed_on where id = (select id from tests.notifications_of('wa_en'))),
  jsonb_build_object('1', 'Pat Alpha', '2', 'Check-up',
    '3', private.format_local_time(tests.appointment_slot(3, '10:00'), 'Europe/London', 'en')),
  'variables {{1}}, {{2}}, {{3}} are the mapped placeholders, in the template''s language');
select is((select content_variables ->> '1' from claimed_on where id = (select id from tests.notifications_of('wa_es'))),
  private.format_local_time(tests.appointment_slot(3, '11:00'), 'Europe/London', 'es'), 'the Spanish template gets the time written in Spanish');
select ok((select body from claimed_on where id = (select id from tests.notifications_of('wa_en'))) like 'Alpha Clinics: your Check-up is booked%',
  'the body is the SMS text of the same language, as a preview');
select is((select language::text from tests.notifications_of('wa_es')), 'es', 'the language of the WhatsApp template is recorded');
update public.notifications set status = 'sent', claimed_until = null where id in (select id from claimed_on);

-- TEST: no template for the kind -> sms; an empty variable -> sms
select tests.insert_appointment('wa_none', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(4, '09:00'));
update public.notifications set status = 'sent' where appointment_id = tests.tenancy_id('wa_none');
select public.cancel_appointment(tests.tenancy_id('wa_none'), 'patient asked');
select tests.insert_appointment('wa_tpl_missing', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(4, '10:00'));
delete from public.whatsapp_templates where kind = 'booking_confirmed' and language = 'en';
select tests.make_notifications_due();
select tests.authenticate_as_service_role();
create temporary table claimed_missing as select * from public.claim_notifications(50, '2 minutes', true);
reset role;
select results_eq($$ select n.kind::text, c.channel::text, n.fallback_reason from claimed_missing as c join public.notifications as n on n.id = c.id order by n.kind $$,
  $$ values ('booking_confirmed', 'sms', 'no_whatsapp_template: no WhatsApp template for booking_confirmed messages in en-GB, en'),
            ('booking_cancelled', 'sms', 'whatsapp_variable_empty: payment_url has no value for this booking_cancelled message') $$,
  'a kind without a template in the chain, or a template variable without a value, goes by SMS');
update public.notifications set status = 'sent', claimed_until = null where id in (select id from claimed_missing);

-- TEST: opt-out per channel
insert into public.whatsapp_templates (tenant_id, kind, language, content_sid, variables)
values (tests.tenancy_id('tenant_a'), 'booking_confirmed', 'en', 'HX' || repeat('0a', 16), array['patient_name']);
select is(public.record_opt_out('whatsapp', 'whatsapp:+44 7700 900101', 'whatsapp_stop', 'SMwa0001', null), true, 'STOP on WhatsApp opts the number out of whatsapp');
select tests.insert_appointment('wa_stopped', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(5, '09:00'));
select tests.make_notifications_due();
select tests.authenticate_as_service_role();
create temporary table claimed_stopped as select * from public.claim_notifications(50, '2 minutes', true);
reset role;
select results_eq($$ select channel::text, recipient from claimed_stopped $$, $$ values ('sms', '+447700900101') $$,
  'a number opted out of WhatsApp still gets SMS');
select is((select fallback_reason from tests.notifications_of('wa_stopped')), 'whatsapp_opted_out: +447700900101 has opted out of whatsapp messages',
  'the fallback says why');
update public.notifications set status = 'sent', claimed_until = null where id in (select id from claimed_stopped);
select public.record_opt_out('sms', '+447700900101', 'sms_stop');
select tests.insert_appointment('all_stopped', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(5, '10:00'));
select tests.make_notifications_due();
select tests.authenticate_as_service_role();
select is((select count(*)::integer from public.claim_notifications(50, '2 minutes', true)), 0, 'opted out of both: nothing is claimed');
reset role;
select results_eq($$ select status::text, last_error from tests.notifications_of('all_stopped') $$,
  $$ values ('suppressed', 'opted_out: +447700900101 has opted out of sms messages') $$, 'and the message is suppressed');
select public.record_opt_in('whatsapp', '+447700900101', 'SMwa0002', null);
select public.record_opt_in('sms', '+447700900101');
select ok(not exists (select 1 from private.notification_opt_outs where address = '+447700900101'), 'START on each channel opts back in');
select throws_ok($$ select public.record_opt_out('whatsapp', '+447700900101', 'sms_typo') $$, '22023',
  'source must be sms_stop, whatsapp_stop, email_unsubscribe, email_complaint or staff', 'unknown opt-out sources are refused');

-- TEST: a WhatsApp refusal at send time queues one SMS copy
select tests.insert_appointment('wa_refused', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(6, '09:00'));
select tests.make_notifications_due();
select tests.authenticate_as_service_role();
create temporary table claimed_refused as select * from public.claim_notifications(50, '2 minutes', true);
select is(public.record_notification_result((select id from claimed_refused), 'fallback', 'twilio', null, 'twilio 63003: Channel could not find To address'),
  'parked'::public.notification_status, 'a fallback parks the WhatsApp message');
reset role;
select results_eq(
  $$ select channel::text, status::text, coalesce(last_error, fallback_reason), (fallback_of is not null) from tests.notifications_of('wa_refused') order by created_at $$,
  $$ values ('whatsapp', 'parked', 'fell_back_to_sms: twilio 63003: Channel could not find To address', false),
            ('sms', 'queued', 'twilio 63003: Channel could not find To address', true) $$,
  'and queues its SMS copy, linked to it');
select tests.authenticate_as_service_role();
select is((select channel::text from public.claim_notifications(50, '2 minutes', true)), 'sms', 'the copy is claimed as SMS although the patient prefers WhatsApp');
reset role;

-- TEST: a refusal in a delivery report queues the copy once
select tests.insert_appointment('wa_async', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(6, '10:00'));
select tests.make_notifications_due();
select tests.authenticate_as_service_role();
select public.record_notification_result(c.id, 'sent', 'twilio', 'SMasync0001', null) from public.claim_notifications(50, '2 minutes', true) as c;
select public.record_delivery_status('twilio', 'SMasync0001', 'failed', 'twilio failed (error 63016)');
select isnt(public.fall_back_to_sms('twilio', 'SMasync0001', 'twilio failed (error 63016)'), null, 'a failed WhatsApp delivery queues an SMS copy');
select is(public.fall_back_to_sms('twilio', 'SMasync0001', 'twilio failed (error 63016)'),
  (select id from public.notifications where fallback_of = (select id from public.notifications where provider_message_id = 'SMasync0001')),
  'a repeated report returns the same copy');
reset role;
select is((select count(*)::integer from tests.notifications_of('wa_async') where channel = 'sms'), 1, 'only one SMS copy exists');

select * from finish();
rollback;

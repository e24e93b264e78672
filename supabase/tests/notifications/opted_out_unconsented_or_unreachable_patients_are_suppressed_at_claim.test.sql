-- At claim the recipient is resolved from the patient's CURRENT details: an address on the
-- platform-wide opt-out list suppresses every message on that channel; consents
-- <channel>_reminders granted=false suppresses reminders only; no address at all suppresses.
-- Suppressed messages are never returned and say why; a changed preference changes the channel.
begin;
select plan(7);

-- SETUP
select tests.create_notification_fixtures();
update public.tenants set reminder_offsets = '{24 hours}' where id = tests.tenancy_id('tenant_a');
select tests.insert_appointment('opted_out', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));
select tests.insert_appointment('no_consent', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(3, '11:00'));
select tests.insert_appointment('gone', 'appt_checkup', 'clinician_a', 'patient_a_3', tests.appointment_slot(3, '12:00'));
select tests.insert_appointment('switched', 'appt_checkup', 'clinician_a', 'patient_a_walk_in', tests.appointment_slot(3, '13:00'));
select public.record_opt_out('sms', '+44 7700 900101', 'sms_stop');
update public.patients set consents = '{"sms_reminders": {"granted": false, "at": "2026-11-01T09:00:00Z"}}' where id = tests.tenancy_id('patient_a_2');
update public.patients set phone = null where id = tests.tenancy_id('patient_a_3');
update public.patients set email = 'walk.in@example.com', preferred_channel = 'email' where id = tests.tenancy_id('patient_a_walk_in');
select tests.make_notifications_due();

-- TEST
select tests.authenticate_as_service_role();
create temporary table claimed as select * from public.claim_notifications(50);
reset role;
select results_eq(
  $$ select n.kind::text, c.channel::text, c.recipient from claimed as c join public.notifications as n on n.id = c.id order by n.patient_id = tests.tenancy_id('patient_a_2') desc, n.kind $$,
  $$ values ('booking_confirmed', 'sms', '+447700900102'), ('booking_confirmed', 'email', 'walk.in@example.com'), ('reminder', 'email', 'walk.in@example.com') $$,
  'only the unconsented patient''s confirmation and the switched patient''s messages are claimed');
select results_eq($$ select status::text, last_error from tests.notifications_of('opted_out') $$,
  $$ values ('suppressed', 'opted_out: +447700900101 has opted out of sms messages'), ('suppressed', 'opted_out: +447700900101 has opted out of sms messages') $$,
  'an opted-out number gets nothing');
select results_eq($$ select kind::text, status::text, last_error from tests.notifications_of('no_consent') $$,
  $$ values ('booking_confirmed', 'sending', null), ('reminder', 'suppressed', 'no_consent: the patient declined sms reminders') $$,
  'declined reminder consent suppresses reminders only');
select results_eq($$ select distinct status::text, last_error from tests.notifications_of('gone') $$,
  $$ values ('suppressed', 'no_contact: the patient has no phone number or e-mail address') $$,
  'a patient who no longer has any address is suppressed');
select is((select array_agg(distinct channel::text) from tests.notifications_of('switched')), array['email'],
  'the channel follows the patient''s current preference');

-- TEST: opting in again lets later messages through
select public.record_opt_in('sms', '+447700900101');
select tests.insert_appointment('later', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(4, '10:00'));
select tests.authenticate_as_service_role();
select is((select recipient from public.claim_notifications(50)), '+447700900101', 'after opting in, new messages are sent again');
reset role;
select is((select count(*)::integer from tests.notifications_of('opted_out') where status = 'suppressed'), 2, 'suppressed messages are not resent');

select * from finish();
rollback;

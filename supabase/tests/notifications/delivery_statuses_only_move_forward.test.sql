-- record_delivery_status applies provider reports by provider message id, monotonically:
-- sent -> undelivered -> delivered, never back from delivered ('failed' counts as undelivered,
-- 'sent' changes nothing); it answers whether the id is known; unknown statuses are 22023.
begin;
select plan(9);

-- SETUP
select tests.create_notification_fixtures();
update public.tenants set reminder_offsets = '{}' where id = tests.tenancy_id('tenant_a');
select tests.insert_appointment('visit', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));
select tests.insert_appointment('bounced', 'appt_checkup', 'clinician_a', 'patient_a_es', tests.appointment_slot(3, '11:00'));
select tests.authenticate_as_service_role();
select public.record_notification_result(c.id, 'sent', case c.channel when 'sms' then 'twilio' else 'resend' end,
                                         case c.channel when 'sms' then 'SMvisit' else 'resend-bounced' end, null)
from public.claim_notifications(10) as c;

-- TEST
select is(public.record_delivery_status('twilio', 'SMvisit', 'sent', null), true, 'a known id is found');
select is((select status::text from tests.notifications_of('visit')), 'sent', '"sent" changes nothing');
select is(public.record_delivery_status('twilio', 'SMvisit', 'undelivered', '30003 unreachable'), true, 'undelivered is applied');
select results_eq($$ select status::text, last_error from tests.notifications_of('visit') $$,
  $$ values ('undelivered', '30003 unreachable') $$, 'with the error');
select public.record_delivery_status('twilio', 'SMvisit', 'delivered', null);
select results_eq($$ select status::text, delivered_at, last_error from tests.notifications_of('visit') $$,
  $$ values ('delivered', now(), null::text) $$, 'a later delivered report wins');
select public.record_delivery_status('twilio', 'SMvisit', 'failed', 'late failure');
select is((select status::text from tests.notifications_of('visit')), 'delivered', 'nothing moves a message back from delivered');
select public.record_delivery_status('resend', 'resend-bounced', 'failed', 'bounced');
select is((select status::text from tests.notifications_of('bounced')), 'undelivered', 'failed counts as undelivered');
select is(public.record_delivery_status('twilio', 'SMunknown', 'delivered', null), false, 'an unknown id is not found (and changes nothing)');
select throws_ok($$ select public.record_delivery_status('twilio', 'SMvisit', 'read', null) $$, '22023', null, 'an unknown status is refused');
reset role;

select * from finish();
rollback;

-- One bad outbox row never stops the claim: a row whose payload does not fit its kind (here one of
-- every kind, inserted around enqueue_notification), whose rendering raises a data exception, or
-- that has no template text is parked with the reason in last_error and returned with that
-- parked_reason (so the dispatcher counts it and sends nothing); every other due message is
-- claimed as usual, and the bad rows are never claimed again.
begin;
select plan(11);

-- SETUP
select tests.create_notification_fixtures();
update public.tenants set reminder_offsets = '{}' where id = tests.tenancy_id('tenant_a');
-- poisoned rows of every kind, older than the good ones so the claim meets them first
insert into public.notifications (tenant_id, patient_id, kind, channel, payload, dedupe_key, send_after)
select tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), b.kind::public.notification_kind, 'sms', b.payload::jsonb, 'bad:' || b.kind,
       now() - interval '1 hour'
from (values
  ('booking_confirmed', '{"starts_at": "not a time"}'),
  ('booking_rescheduled', '{"starts_at": "2026-03-03T09:30:00Z", "previous_starts_at": "yesterday"}'),
  ('booking_cancelled', '{"starts_at": 12345}'),
  ('reminder', '{"starts_at": "2026-03-03T09:30:00Z", "offset": "soon"}'),
  ('waitlist_offer', '{"offer_id": "8d1b6a3e-6b1f-4c36-9a51-0d3f2c1a7b11", "offer_expires_at": "later"}'),
  ('payment_link', '{"payment_url": "https://pay.example/1", "amount": "NaN", "currency": "GBP"}'),
  ('payment_receipt', '{"amount": 10, "currency": "pounds"}')
) as b(kind, payload);
-- good rows: a booking's confirmation and a receipt
select tests.insert_appointment('visit', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(3, '10:00'));
select tests.authenticate_as_service_role();
select public.enqueue_notification(tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a_3'), null, 'payment_receipt',
  '{"amount": 45.5, "currency": "GBP"}', 'good:receipt');
reset role;

-- TEST
select tests.authenticate_as_service_role();
select lives_ok($$ create temporary table first_claim as select * from public.claim_notifications(2, '2 minutes') $$,
  'a claim meeting bad rows first does not fail');
select results_eq($$ select count(*)::integer, count(parked_reason)::integer from first_claim $$, $$ values (2, 2) $$,
  'a small batch returns the first two bad rows, parked');
create temporary table rest as select * from public.claim_notifications(50, '2 minutes');
reset role;
select results_eq(
  $$ select kind::text, parked_reason from (select * from first_claim union all select * from rest) as c
      where parked_reason is not null order by kind $$,
  $$ values ('booking_cancelled', 'invalid_payload: starts_at must be an ISO 8601 time with its UTC offset, e.g. "2026-03-03T09:30:00+00:00"'),
            ('booking_confirmed', 'invalid_payload: starts_at must be an ISO 8601 time with its UTC offset, e.g. "2026-03-03T09:30:00+00:00"'),
            ('booking_rescheduled', 'invalid_payload: previous_starts_at must be an ISO 8601 time with its UTC offset, e.g. "2026-03-03T09:30:00+00:00"'),
            ('payment_link', 'invalid_payload: amount must be a number, e.g. 45.50'),
            ('payment_receipt', 'invalid_payload: currency must be a currency code, e.g. "GBP"'),
            ('reminder', 'invalid_payload: offset must be an interval as text, e.g. "24:00:00" or "2 hours"'),
            ('waitlist_offer', 'invalid_payload: offer_expires_at must be an ISO 8601 time with its UTC offset, e.g. "2026-03-03T09:30:00+00:00"') $$,
  'every poisoned row (one of each kind) is returned with its reason');
select results_eq(
  $$ select status::text, attempts, last_error, claimed_until is null from public.notifications where dedupe_key = 'bad:reminder' $$,
  $$ values ('parked', 0, 'invalid_payload: offset must be an interval as text, e.g. "24:00:00" or "2 hours"', true) $$,
  'a bad row is parked with its reason in last_error, no attempt used, no lease');
select results_eq(
  $$ select kind::text, body is not null, recipient from rest where parked_reason is null order by kind $$,
  $$ select 'booking_confirmed', true, phone::text from public.patients where id = tests.tenancy_id('patient_a_2')
     union all select 'payment_receipt', true, phone::text from public.patients where id = tests.tenancy_id('patient_a_3') $$,
  'the good messages behind them are claimed and rendered in the same calls');
select is((select count(*)::integer from public.notifications where dedupe_key like 'bad:%' and status = 'parked'), 7, 'all seven bad rows are parked');
select tests.authenticate_as_service_role();
select is_empty($$ select * from public.claim_notifications(50) $$, 'parked rows are never claimed again');
reset role;

-- TEST: no template text for a kind and channel in any language of the chain
delete from private.default_notification_templates where kind = 'booking_cancelled' and channel = 'sms';
select tests.authenticate_as_service_role();
select public.enqueue_notification(tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), null, 'booking_cancelled',
  '{"starts_at": "2026-03-03T09:30:00Z"}', 'good:cancelled');
select results_eq($$ select parked_reason from public.claim_notifications(50) $$,
  $$ values ('no_template: no sms template for booking_cancelled messages in any language of the patient or tenant') $$,
  'a message without template text is parked, not sent empty');
reset role;

-- TEST: rendering raises a data exception (a broken formatter stands in for any such bug)
create or replace function private.format_local_time(p_at timestamptz, p_timezone text, p_language text)
returns text language plpgsql stable set search_path = '' as $$
begin
  raise exception using errcode = '22008', message = 'date/time field value out of range';
end $$;
select tests.authenticate_as_service_role();
select public.enqueue_notification(tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), null, 'payment_receipt',
  '{"amount": 1, "currency": "GBP"}', 'good:receipt-2');
select lives_ok($$ create temporary table broken as select * from public.claim_notifications(50) $$, 'a rendering error does not fail the claim');
reset role;
select results_eq($$ select parked_reason from broken $$,
  $$ values ('render_failed: date/time field value out of range (SQLSTATE 22008)') $$,
  'the row whose rendering failed is parked with the error');
select is((select status::text from public.notifications where dedupe_key = 'good:receipt-2'), 'parked', 'and stays parked');

select * from finish();
rollback;

-- Every notification payload is checked when it is queued (private.enqueue_notification, behind
-- public.enqueue_notification and the triggers) against the one schema of its kind,
-- private.notification_payload_fields(): a payload that is not an object, too large, has an
-- unknown or missing key, or a value of the wrong type (a time without offset or not a time, an
-- interval that is not one, NaN or negative amounts, a currency that is not a code, a URL that is
-- not https) is refused with 22023 naming the field, and nothing is queued. A valid payload of
-- every kind is queued.
begin;
select plan(28);

-- SETUP
select tests.create_notification_fixtures();
create temporary table payloads (kind text, payload jsonb, problem text);
insert into payloads values
  -- valid, one per kind
  ('booking_confirmed', '{"starts_at": "2026-03-03T09:30:00+00:00"}', null),
  ('booking_rescheduled', '{"starts_at": "2026-03-03T09:30:00Z", "previous_starts_at": "2026-03-02T09:30:00.123456-03:00"}', null),
  ('booking_cancelled', '{}', null),
  ('reminder', '{"starts_at": "2026-03-03T09:30:00+05:30", "offset": "24:00:00"}', null),
  ('waitlist_offer', '{"offer_id": "8d1b6a3e-6b1f-4c36-9a51-0d3f2c1a7b11", "starts_at": "2026-03-03T09:30:00+00", "ends_at": "2026-03-03T10:00:00+00", "offer_expires_at": "2026-03-03T08:30:00+00"}', null),
  ('payment_link', '{"payment_url": "https://checkout.stripe.com/c/pay/cs_1#fid=x", "amount": 45.5, "currency": "GBP", "service_name": "Physio"}', null),
  ('payment_receipt', '{"amount": 0, "currency": "INR", "centre_name": "Pune Central"}', null),
  -- invalid
  ('booking_confirmed', '{"starts_at": "soon"}', 'invalid booking_confirmed payload: starts_at must be an ISO 8601 time with its UTC offset, e.g. "2026-03-03T09:30:00+00:00"'),
  ('booking_confirmed', '{"starts_at": "2026-03-03T09:30:00"}', 'invalid booking_confirmed payload: starts_at must be an ISO 8601 time with its UTC offset, e.g. "2026-03-03T09:30:00+00:00"'),
  ('booking_confirmed', '{"starts_at": "2026-02-30T09:30:00Z"}', 'invalid booking_confirmed payload: starts_at must be an ISO 8601 time with its UTC offset, e.g. "2026-03-03T09:30:00+00:00"'),
  ('booking_confirmed', '{"starts_at": 1772530200}', 'invalid booking_confirmed payload: starts_at must be an ISO 8601 time with its UTC offset, e.g. "2026-03-03T09:30:00+00:00"'),
  ('booking_confirmed', '{"starts_at": "now"}', 'invalid booking_confirmed payload: starts_at must be an ISO 8601 time with its UTC offset, e.g. "2026-03-03T09:30:00+00:00"'),
  ('booking_confirmed', '{"start": "2026-03-03T09:30:00Z"}', 'invalid booking_confirmed payload: start is not a field of booking_confirmed messages (allowed: centre_name, service_name, starts_at)'),
  ('booking_rescheduled', '{"starts_at": "2026-03-03T09:30:00Z"}', 'invalid booking_rescheduled payload: previous_starts_at is required for booking_rescheduled messages'),
  ('booking_rescheduled', '{"previous_starts_at": null}', 'invalid booking_rescheduled payload: previous_starts_at must be an ISO 8601 time with its UTC offset, e.g. "2026-03-03T09:30:00+00:00"'),
  ('booking_cancelled', '[]', 'payload must be a JSON object'),
  ('booking_cancelled', jsonb_build_object('service_name', repeat('x', 201)), 'invalid booking_cancelled payload: service_name must be a text of 1 to 200 characters'),
  ('booking_cancelled', jsonb_build_object('service_name', repeat('x', 200), 'centre_name', repeat('y', 200), 'starts_at', '2026-03-03T09:30:00Z') || (select jsonb_object_agg('k' || i, repeat('z', 100)) from generate_series(1, 40) as i),
   'invalid booking_cancelled payload: the payload must be at most 4 kB'),
  ('reminder', '{"starts_at": "2026-03-03T09:30:00Z"}', 'invalid reminder payload: offset is required for reminder messages'),
  ('reminder', '{"offset": "a day"}', 'invalid reminder payload: offset must be an interval as text, e.g. "24:00:00" or "2 hours"'),
  ('reminder', '{"offset": "-2 hours"}', 'invalid reminder payload: offset must be a positive interval'),
  ('waitlist_offer', '{"offer_id": "not-a-uuid", "offer_expires_at": "2026-03-03T08:30:00Z"}', 'invalid waitlist_offer payload: offer_id must be a uuid'),
  ('waitlist_offer', '{"offer_id": "8d1b6a3e-6b1f-4c36-9a51-0d3f2c1a7b11", "offer_expires_at": "tomorrow"}', 'invalid waitlist_offer payload: offer_expires_at must be an ISO 8601 time with its UTC offset, e.g. "2026-03-03T09:30:00+00:00"'),
  ('payment_link', '{"payment_url": "http://pay.example/1", "amount": 1, "currency": "GBP"}', 'invalid payment_link payload: payment_url must be an https URL of at most 2048 characters'),
  ('payment_link', jsonb_build_object('payment_url', 'https://pay.example/' || repeat('a', 2030), 'amount', 1, 'currency', 'GBP'), 'invalid payment_link payload: payment_url must be an https URL of at most 2048 characters'),
  ('payment_link', '{"payment_url": "https://pay.example/1", "amount": "NaN", "currency": "GBP"}', 'invalid payment_link payload: amount must be a number, e.g. 45.50'),
  ('payment_link', '{"payment_url": "https://pay.example/1", "currency": "GBP"}', 'invalid payment_link payload: amount is required for payment_link messages'),
  ('payment_receipt', '{"amount": -1, "currency": "GBP"}', 'invalid payment_receipt payload: amount must be from 0 to 999999999999'),
  ('payment_receipt', '{"amount": 10, "currency": "gbp"}', 'invalid payment_receipt payload: currency must be a currency code, e.g. "GBP"'),
  ('payment_receipt', '{"amount": 10}', 'invalid payment_receipt payload: currency is required for payment_receipt messages');
grant select on payloads to service_role;

-- TEST
select tests.authenticate_as_service_role();
select is(
  (select count(*)::integer from payloads as p
    where p.problem is null
      and public.enqueue_notification(tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), null, p.kind::public.notification_kind,
                                      p.payload, 'valid:' || p.kind) is not null),
  7, 'a valid payload of every kind is queued');
select throws_ok(
  pg_catalog.format('select public.enqueue_notification(%L, %L, null, %L, %L, %L)',
    tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), p.kind, p.payload, 'invalid:' || p.ordinality),
  '22023', p.problem, pg_catalog.format('%s %s is refused', p.kind, pg_catalog.left(p.payload::text, 80)))
from (select p.*, row_number() over () as ordinality from payloads as p where p.problem is not null) as p;
reset role;
select is((select count(*)::integer from public.notifications where dedupe_key like 'invalid:%'), 0, 'nothing invalid was queued');
select is((select tests.error_details_of($$ select public.enqueue_notification(tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), null, 'reminder', '{}', 'x') $$) ->> 'hint'),
  'See private.notification_payload_fields() for the fields of each kind (docs/notifications.md, Payloads).', 'the hint says where the schema is');
select set_eq($$ select distinct kind::text from private.notification_payload_fields() $$,
  $$ select unnest(enum_range(null::public.notification_kind))::text $$, 'the schema covers every kind');
select is_empty($$ select kind, key from private.notification_payload_fields() group by kind, key having count(*) > 1 $$,
  'each key is defined once per kind');

select * from finish();
rollback;

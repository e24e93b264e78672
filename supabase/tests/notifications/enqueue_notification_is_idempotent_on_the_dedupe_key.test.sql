-- public.enqueue_notification (the payments wiring) queues a message and returns its id; the same
-- tenant and dedupe key returns the same id and changes nothing (a voided message frees its key);
-- the patient and appointment must belong to the tenant (PT404), the appointment to the patient
-- (PT422); dedupe_key is required and the payload must be an object that fits its kind (22023;
-- every rule of the payload schema is tested in payloads_are_checked_against_the_schema_of_their_kind).
begin;
select plan(9);

-- SETUP
select tests.create_notification_fixtures();
select tests.insert_appointment('hold', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'), 'pending');
select tests.authenticate_as_service_role();
create temporary table first_id as
select public.enqueue_notification(tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('hold'),
  'payment_link', '{"payment_url": "https://pay.example/1", "amount": 50, "currency": "GBP"}', 'payment_link:p1', now() + interval '5 minutes') as id;

-- TEST
select results_eq($$ select kind::text, status::text, channel::text, payload, send_after from public.notifications where id = (select id from first_id) $$,
  $$ values ('payment_link', 'queued', 'sms', '{"payment_url": "https://pay.example/1", "amount": 50, "currency": "GBP"}'::jsonb, now() + interval '5 minutes') $$,
  'the message is queued with its payload and send time');
select is(public.enqueue_notification(tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('hold'),
  'payment_link', '{"payment_url": "https://pay.example/2", "amount": 50, "currency": "GBP"}', 'payment_link:p1'), (select id from first_id),
  'the same dedupe key returns the same id');
select is((select payload ->> 'payment_url' from public.notifications where id = (select id from first_id)), 'https://pay.example/1',
  'and changes nothing');
update public.notifications set status = 'voided' where id = (select id from first_id);
select isnt(public.enqueue_notification(tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), null,
  'booking_confirmed', null, 'payment_link:p1'), (select id from first_id),
  'a voided message frees its key; no appointment and no payload (for a kind with no required field) are fine');
select throws_ok($$ select public.enqueue_notification(tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_b'), null, 'payment_receipt', '{}', 'k') $$,
  'PT404', 'patient not found', 'a patient of another tenant is PT404');
select throws_ok($$ select public.enqueue_notification(tests.tenancy_id('tenant_b'), tests.tenancy_id('patient_b'), tests.tenancy_id('hold'), 'payment_receipt', '{}', 'k') $$,
  'PT404', 'appointment not found', 'an appointment of another tenant is PT404');
select throws_ok($$ select public.enqueue_notification(tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a_2'), tests.tenancy_id('hold'), 'payment_receipt', '{}', 'k') $$,
  'PT422', 'the appointment belongs to another patient', 'another patient''s appointment is PT422');
select throws_ok($$ select public.enqueue_notification(tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), null, 'payment_receipt', '{}', ' ') $$,
  '22023', null, 'a blank dedupe key is refused');
select throws_ok($$ select public.enqueue_notification(tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), null, 'payment_receipt', '[1]', 'k') $$,
  '22023', 'payload must be a JSON object', 'a payload that is not an object is refused');
reset role;

select * from finish();
rollback;

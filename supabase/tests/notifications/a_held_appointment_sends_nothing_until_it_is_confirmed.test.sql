-- A pending appointment (a hold awaiting payment) queues nothing; pending -> booked (payment or
-- staff confirmation) queues the confirmation and reminders then, and voids the hold's queued
-- payment_link.
begin;
select plan(4);

-- SETUP
select tests.create_notification_fixtures();
select tests.insert_appointment('hold', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'), 'pending');

-- TEST
select is_empty($$ select 1 from tests.notifications_of('hold') $$, 'a hold queues nothing');
select isnt(public.enqueue_notification(tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('hold'),
  'payment_link', '{"payment_url": "https://pay.example/x", "amount": 100.00, "currency": "GBP"}', 'payment_link:test'), null,
  'the payments wiring queues a payment link for the hold');
select tests.authenticate_as_service_role();
select public.confirm_appointment(tests.tenancy_id('hold'));
reset role;
select results_eq($$ select kind::text, status::text, send_after from tests.notifications_of('hold') $$,
  $$ values ('booking_confirmed', 'queued', now()),
            ('payment_link', 'voided', now()),
            ('reminder', 'queued', tests.appointment_slot(2, '10:00') - interval '24 hours'),
            ('reminder', 'queued', tests.appointment_slot(2, '10:00') - interval '2 hours') $$,
  'confirming the hold queues the confirmation and reminders and voids the payment link');
select is((select last_error from tests.notifications_of('hold') where kind = 'payment_link'),
  'the hold ended: the appointment is booked', 'the voided link says why');

select * from finish();
rollback;

-- A hold that is abandoned (cancelled while pending) or expires (the expire-appointment-holds job)
-- sends nothing: no cancellation message, and its queued payment link is voided.
begin;
select plan(3);

-- SETUP
select tests.create_notification_fixtures();
select tests.insert_appointment('abandoned', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'), 'pending');
select tests.insert_appointment('expired', 'appt_paid', 'clinician_a', 'patient_a_2', tests.appointment_slot(2, '12:00'), 'pending');
select public.enqueue_notification(tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('abandoned'),
  'payment_link', '{"payment_url": "https://pay.example/x", "amount": 100.00, "currency": "GBP"}', 'payment_link:abandoned');

-- TEST
select tests.authenticate_as('patient');
select public.cancel_appointment(tests.tenancy_id('abandoned'), 'changed_my_mind');
reset role;
select results_eq($$ select kind::text, status::text from tests.notifications_of('abandoned') $$,
  $$ values ('payment_link', 'voided') $$,
  'cancelling a hold queues no cancellation and voids its payment link');
update public.appointments set hold_expires_at = now() - interval '1 minute' where id = tests.tenancy_id('expired');
select is(private.expire_appointment_holds() >= 1, true, 'the hold job releases the expired hold');
select is_empty($$ select 1 from tests.notifications_of('expired') $$, 'an expired hold sends nothing');

select * from finish();
rollback;

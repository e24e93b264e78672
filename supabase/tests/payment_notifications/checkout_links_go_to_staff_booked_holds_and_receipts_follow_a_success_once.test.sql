-- Payments -> notifications (20261121230000): attaching a Checkout page to the hold of a
-- staff-booked appointment queues one payment_link with the URL; a patient paying in the app
-- gets none; a successful payment queues one payment_receipt, even when Stripe sends the event twice.
begin;
select plan(6);

-- SETUP: two held appointments for patient_a, one booked by staff and one by the patient
select tests.create_payment_fixtures();
select tests.insert_appointment('hold_staff', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'), 'pending');
select tests.insert_appointment('hold_self', 'pay_deposit', 'clinician_a', 'patient_a', tests.appointment_slot(2, '12:00'), 'pending');
update public.appointments set booked_via = 'patient' where id = tests.tenancy_id('hold_self');
select tests.insert_payment('pay_staff', 'hold_staff', 'requires_payment', 'checkout');
select tests.insert_payment('pay_self', 'hold_self', 'requires_payment', 'checkout');
-- as open_payment leaves them: no Stripe objects yet
update public.payments set stripe_payment_intent_id = null, stripe_checkout_session_id = null, checkout_url = null
 where id in (tests.tenancy_id('pay_staff'), tests.tenancy_id('pay_self'));

-- TEST: attaching the checkout pages
select tests.authenticate_as_service_role();
select public.attach_stripe_payment(tests.tenancy_id('pay_staff'), null, 'cs_staff', 'https://checkout.stripe.com/c/pay/cs_staff');
select public.attach_stripe_payment(tests.tenancy_id('pay_self'), null, 'cs_self', 'https://checkout.stripe.com/c/pay/cs_self');
select tests.clear_authentication();
reset role;

select results_eq(
  $$ select n.kind::text, n.status::text, n.payload ->> 'payment_url', n.dedupe_key
     from public.notifications as n where n.appointment_id = tests.tenancy_id('hold_staff') $$,
  $$ values ('payment_link', 'queued', 'https://checkout.stripe.com/c/pay/cs_staff', 'payment_link:' || tests.tenancy_id('pay_staff')::text) $$,
  'the staff-booked hold queues one payment_link carrying the checkout URL');
select is_empty(
  $$ select 1 from public.notifications where appointment_id = tests.tenancy_id('hold_self') $$,
  'a patient who opened the checkout page themself gets no link');

-- TEST: the payment succeeds, and Stripe delivers the event twice
select tests.authenticate_as_service_role();
select public.handle_stripe_event(tests.stripe_event('evt_paid_1', 'checkout.session.completed',
  jsonb_build_object('id', 'cs_staff', 'object', 'checkout.session', 'mode', 'payment', 'payment_status', 'paid',
                     'amount_total', 10000, 'currency', 'gbp', 'payment_intent', 'pi_3Staff',
                     'client_reference_id', tests.tenancy_id('pay_staff'), 'metadata', tests.payment_metadata('pay_staff'))));
select public.handle_stripe_event(tests.stripe_event('evt_paid_2', 'payment_intent.succeeded',
  jsonb_build_object('id', 'pi_3Staff', 'object', 'payment_intent', 'amount', 10000, 'amount_received', 10000, 'currency', 'gbp',
                     'status', 'succeeded', 'metadata', tests.payment_metadata('pay_staff'))));
select tests.clear_authentication();
reset role;

select results_eq(
  $$ select n.status::text, (n.payload ->> 'amount')::numeric, n.payload ->> 'currency'
     from public.notifications as n where n.appointment_id = tests.tenancy_id('hold_staff') and n.kind = 'payment_receipt' $$,
  $$ values ('queued', 100.00::numeric, 'GBP') $$,
  'one payment_receipt with the amount paid, though success was reported twice');
select is(
  (select status::text from public.notifications where appointment_id = tests.tenancy_id('hold_staff') and kind = 'payment_link'),
  'voided',
  'the link is voided once the hold is booked');
select is(
  (select count(*)::int from public.notifications where appointment_id = tests.tenancy_id('hold_staff') and kind = 'booking_confirmed'),
  1,
  'and the booking confirmation follows from the appointment being booked');

-- TEST: a failed payment sends no receipt
select tests.authenticate_as_service_role();
select public.handle_stripe_event(tests.stripe_event('evt_fail', 'checkout.session.expired',
  jsonb_build_object('id', 'cs_self', 'object', 'checkout.session', 'mode', 'payment', 'payment_status', 'unpaid',
                     'client_reference_id', tests.tenancy_id('pay_self'), 'metadata', tests.payment_metadata('pay_self'))));
select tests.clear_authentication();
reset role;
select is_empty(
  $$ select 1 from public.notifications where appointment_id = tests.tenancy_id('hold_self') and kind = 'payment_receipt' $$,
  'an expired checkout sends no receipt');

select * from finish();
rollback;

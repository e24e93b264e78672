-- handle_razorpay_event applies Razorpay's webhooks with the rules Stripe's events use: a
-- captured payment (payment.captured, order.paid, payment_link.paid) of the right amount books
-- the held appointment; an authorisation marks the payment processing; a failed attempt is noted
-- and the hold kept (Checkout lets the patient retry on the same order); an expired or cancelled
-- Payment Link releases the hold; money for a released slot is refunded through Razorpay. Out of
-- order is safe: every step only moves forward. Events of no payment of ours are unmatched,
-- other events ignored, and each is recorded by its event id.
begin;
select plan(20);

-- SETUP
select tests.create_razorpay_fixtures();
select tests.insert_appointment('h1', 'pay_rupee', 'clinician_a', 'patient_a', tests.appointment_slot(2, '09:00'), 'pending');
select tests.insert_appointment('h2', 'pay_rupee', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'), 'pending');
select tests.insert_appointment('h3', 'pay_rupee', 'clinician_a', 'patient_a', tests.appointment_slot(2, '11:00'), 'pending');
select tests.insert_appointment('h4', 'pay_rupee', 'clinician_a', 'patient_a', tests.appointment_slot(2, '12:00'), 'pending');
select tests.insert_appointment('h5', 'pay_rupee', 'clinician_a', 'patient_a', tests.appointment_slot(2, '13:00'), 'pending');
select tests.insert_appointment('h6', 'pay_rupee', 'clinician_a', 'patient_a', tests.appointment_slot(2, '14:00'), 'pending');
select tests.insert_appointment('h7', 'pay_rupee', 'clinician_a', 'patient_a', tests.appointment_slot(2, '15:00'), 'pending');
select tests.insert_appointment('stripehold', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(3, '09:00'), 'pending');
select tests.insert_razorpay_payment('rzp1', 'h1');
select tests.insert_razorpay_payment('rzp2', 'h2');
select tests.insert_razorpay_payment('rzp3', 'h3');
select tests.insert_razorpay_payment('link4', 'h4', 'requires_payment', 'checkout');
select tests.insert_razorpay_payment('link5', 'h5', 'requires_payment', 'checkout');
select tests.insert_razorpay_payment('link6', 'h6', 'requires_payment', 'checkout');
select tests.insert_razorpay_payment('rzp7', 'h7');
select tests.insert_payment('stripe8', 'stripehold');

-- TEST: payment.captured books the held appointment, once
select tests.authenticate_as_service_role();
select is(
  public.handle_razorpay_event('evt1', tests.razorpay_event('payment.captured',
    jsonb_build_object('payment', jsonb_build_object('entity', tests.razorpay_payment('pay_Cap1', 'order_rzp1', 'captured', 150000))))),
  jsonb_build_object('outcome', 'processed', 'payment_id', tests.tenancy_id('rzp1'), 'detail', jsonb_build_object('appointment', 'booked')),
  'payment.captured: processed, the appointment booked');
select results_eq(
  $$ select p.status::text, p.razorpay_payment_id, a.status::text, h.reason
     from public.payments as p join public.appointments as a on a.id = p.appointment_id
     join public.appointment_status_history as h on h.appointment_id = a.id and h.to_status = 'booked'
     where p.id = tests.tenancy_id('rzp1') $$,
  $$ values ('succeeded', 'pay_Cap1', 'booked', 'payment_succeeded') $$,
  'the payment succeeded with its Razorpay Payment id; the history says payment_succeeded');
select is(
  public.handle_razorpay_event('evt1', tests.razorpay_event('payment.captured',
    jsonb_build_object('payment', jsonb_build_object('entity', tests.razorpay_payment('pay_Cap1', 'order_rzp1', 'captured', 150000))))),
  jsonb_build_object('outcome', 'duplicate', 'payment_id', tests.tenancy_id('rzp1')),
  'the same event id again is a duplicate and changes nothing');
select is(
  public.handle_razorpay_event('evt2', tests.razorpay_event('order.paid', jsonb_build_object(
    'order', jsonb_build_object('entity', jsonb_build_object('id', 'order_rzp1', 'entity', 'order', 'amount', 150000, 'amount_paid', 150000,
                                                             'currency', 'INR', 'status', 'paid', 'notes', tests.razorpay_notes('rzp1'))),
    'payment', jsonb_build_object('entity', tests.razorpay_payment('pay_Cap1', 'order_rzp1', 'captured', 150000))))) -> 'detail',
  '{"no_change": "the payment had already succeeded"}'::jsonb,
  'order.paid after payment.captured changes nothing more');

-- TEST: out of order: authorisation, failures and a wrong amount
select is(
  public.handle_razorpay_event('evt3', tests.razorpay_event('payment.authorized',
    jsonb_build_object('payment', jsonb_build_object('entity', tests.razorpay_payment('pay_Auth2', 'order_rzp2', 'authorized', 150000))))) -> 'detail',
  '{"payment": "processing"}'::jsonb, 'payment.authorized: the payment is processing (captured later)');
select is(
  public.handle_razorpay_event('evt4', tests.razorpay_event('payment.captured',
    jsonb_build_object('payment', jsonb_build_object('entity', tests.razorpay_payment('pay_Auth2', 'order_rzp2', 'captured', 1500))))) -> 'detail' -> 'amount_mismatch',
  '{"expected_amount_minor": 150000, "expected_currency": "inr", "received_amount_minor": 1500, "received_currency": "inr"}'::jsonb,
  'a capture of another amount than the database''s changes nothing');
select public.handle_razorpay_event('evt5', tests.razorpay_event('payment.captured',
  jsonb_build_object('payment', jsonb_build_object('entity', tests.razorpay_payment('pay_Auth2', 'order_rzp2', 'captured', 150000)))));
select is(
  public.handle_razorpay_event('evt6', tests.razorpay_event('payment.authorized',
    jsonb_build_object('payment', jsonb_build_object('entity', tests.razorpay_payment('pay_Auth2', 'order_rzp2', 'authorized', 150000))))) -> 'detail',
  '{"no_change": "the payment is already succeeded"}'::jsonb, 'an authorisation delivered after the capture changes nothing');
select is(
  public.handle_razorpay_event('evt7', tests.razorpay_event('payment.failed',
    jsonb_build_object('payment', jsonb_build_object('entity', tests.razorpay_payment('pay_Fail3', 'order_rzp3', 'failed', 150000))))) -> 'detail',
  '{"payment": "requires_payment", "attempt_failed": true}'::jsonb, 'payment.failed: the attempt is noted');
select results_eq(
  $$ select p.status::text, p.failure_message, a.status::text from public.payments as p join public.appointments as a on a.id = p.appointment_id
     where p.id = tests.tenancy_id('rzp3') $$,
  $$ values ('requires_payment', 'Payment failed because the UPI app declined it (payment_declined).', 'pending') $$,
  'the payment and its hold stay open with Razorpay''s reason, for a retry on the same order');
select is(
  public.handle_razorpay_event('evt8', tests.razorpay_event('payment.failed',
    jsonb_build_object('payment', jsonb_build_object('entity', tests.razorpay_payment('pay_Fail1', 'order_rzp1', 'failed', 150000))))) -> 'detail',
  '{"no_change": "the payment is already succeeded"}'::jsonb, 'a failed attempt delivered after the success changes nothing');

-- TEST: Payment Links
select is(
  public.handle_razorpay_event('evt9', tests.razorpay_event('payment_link.paid', jsonb_build_object(
    'payment_link', jsonb_build_object('entity', jsonb_build_object('id', 'plink_link4', 'order_id', 'order_Plink4', 'status', 'paid',
                                                                    'amount', 150000, 'amount_paid', 150000, 'currency', 'INR', 'notes', tests.razorpay_notes('link4'))),
    'order', jsonb_build_object('entity', jsonb_build_object('id', 'order_Plink4', 'amount', 150000, 'status', 'paid')),
    'payment', jsonb_build_object('entity', tests.razorpay_payment('pay_Link4', 'order_Plink4', 'captured', 150000))))) -> 'detail',
  '{"appointment": "booked"}'::jsonb, 'payment_link.paid books the staff-booked hold');
select results_eq(
  $$ select status::text, razorpay_order_id, razorpay_payment_id from public.payments where id = tests.tenancy_id('link4') $$,
  $$ values ('succeeded', 'order_Plink4', 'pay_Link4') $$, 'and records the link''s Order and its Payment');
select public.handle_razorpay_event('evt10', tests.razorpay_event('payment_link.expired', jsonb_build_object(
  'payment_link', jsonb_build_object('entity', jsonb_build_object('id', 'plink_link5', 'status', 'expired')))));
select public.handle_razorpay_event('evt11', tests.razorpay_event('payment_link.cancelled', jsonb_build_object(
  'payment_link', jsonb_build_object('entity', jsonb_build_object('id', 'plink_link6', 'status', 'cancelled')))));
select results_eq(
  $$ select p.status::text, a.status::text, a.cancellation_reason from public.payments as p join public.appointments as a on a.id = p.appointment_id
     where p.id in (tests.tenancy_id('link5'), tests.tenancy_id('link6')) order by a.starts_at $$,
  $$ values ('expired', 'cancelled', 'payment_expired'), ('cancelled', 'cancelled', 'payment_cancelled') $$,
  'an expired or cancelled Payment Link releases the hold');

-- TEST: money for a released slot goes back through Razorpay
select tests.clear_authentication();
reset role;
select private.release_payment_hold(tests.tenancy_id('tenant_a'), tests.tenancy_id('h7'), 'hold_expired');
select tests.authenticate_as_service_role();
select is(
  (public.handle_razorpay_event('evt12', tests.razorpay_event('payment.captured',
    jsonb_build_object('payment', jsonb_build_object('entity', tests.razorpay_payment('pay_Late7', 'order_rzp7', 'captured', 150000)))))) -> 'detail',
  '{"appointment": "cancelled", "refund": "slot_released"}'::jsonb, 'a capture after the hold was released is refunded');
select results_eq(
  $$ select r.reason, r.status, r.provider::text, r.amount, r.amount_minor from public.refunds as r where r.payment_id = tests.tenancy_id('rzp7') $$,
  $$ values ('slot_released', 'requested', 'razorpay', 1500.000::numeric, 150000::bigint) $$,
  'a requested refund of everything, through Razorpay');

-- TEST: unmatched and ignored
select is(
  public.handle_razorpay_event('evt13', tests.razorpay_event('payment.captured',
    jsonb_build_object('payment', jsonb_build_object('entity', tests.razorpay_payment('pay_Other', 'order_NotOurs', 'captured', 150000))))),
  '{"outcome": "unmatched"}'::jsonb, 'an order of nobody here is unmatched');
select is(
  public.handle_razorpay_event('evt14', tests.razorpay_event('payment.captured',
    jsonb_build_object('payment', jsonb_build_object('entity', tests.razorpay_payment('pay_Sneaky', null, 'captured', 10000, 'GBP', tests.payment_metadata('stripe8')))))),
  '{"outcome": "unmatched"}'::jsonb, 'notes naming a Stripe payment match nothing');
select is(
  public.handle_razorpay_event('evt15', tests.razorpay_event('settlement.processed', '{}'::jsonb)),
  '{"outcome": "ignored"}'::jsonb, 'an event Slotbase does not use is ignored');
select throws_ok($$ select public.handle_razorpay_event('', tests.razorpay_event('payment.captured', '{}')) $$,
  '22023', 'the event id is missing or too long', 'an event without an id is 22023');
select tests.clear_authentication();
reset role;
select results_eq(
  $$ select id, type, outcome, payment_id, account_id from private.razorpay_events where id in ('evt1', 'evt13', 'evt15') order by id $$,
  $$ values ('evt1', 'payment.captured', 'processed', tests.tenancy_id('rzp1'), 'acc_PlatformTest1'),
            ('evt13', 'payment.captured', 'unmatched', null::uuid, 'acc_PlatformTest1'),
            ('evt15', 'settlement.processed', 'ignored', null::uuid, 'acc_PlatformTest1') $$,
  'every event is recorded by its id with its outcome');

select * from finish();
rollback;

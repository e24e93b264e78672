-- Exactly once: handle_stripe_event records the event id first; the same event again (a Stripe
-- retry, a replay, the same event for another handler) answers "duplicate" and changes nothing,
-- even when the state it would act on has changed in between.
begin;
select plan(7);

-- SETUP
select tests.create_payment_fixtures();
select tests.insert_appointment('hold', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'), 'pending');
select tests.insert_payment('pay', 'hold');

-- TEST
select tests.authenticate_as_service_role();
select is(
  public.handle_stripe_event(tests.stripe_event('evt_once', 'payment_intent.succeeded',
    jsonb_build_object('id', 'pi_pay', 'object', 'payment_intent', 'amount', 10000, 'amount_received', 10000, 'currency', 'gbp',
                       'status', 'succeeded', 'metadata', tests.payment_metadata('pay')))) ->> 'outcome',
  'processed', 'the first delivery is processed');
select results_eq($$ select p.status::text, a.status::text from public.payments as p join public.appointments as a on a.id = p.appointment_id
                     where p.id = tests.tenancy_id('pay') $$,
  $$ values ('succeeded', 'booked') $$, 'the payment succeeded and the appointment is booked');
update public.appointments set status = 'cancelled', cancellation_reason = 'patient_request',
       cancellation_outcome = '{"by": "patient", "late": false, "fee": 0, "currency": "GBP", "payment_required": true}'
 where id = tests.tenancy_id('hold');
create temporary table refunds_before on commit drop as select id from public.refunds;
select is(
  public.handle_stripe_event(tests.stripe_event('evt_once', 'payment_intent.succeeded',
    jsonb_build_object('id', 'pi_pay', 'object', 'payment_intent', 'amount', 10000, 'amount_received', 10000, 'currency', 'gbp',
                       'status', 'succeeded', 'metadata', tests.payment_metadata('pay')))),
  jsonb_build_object('outcome', 'duplicate', 'payment_id', tests.tenancy_id('pay')),
  'the second delivery is a duplicate (naming the payment it was about)');
select results_eq($$ select id from public.refunds order by id $$, $$ select id from refunds_before order by id $$,
  'the duplicate created no refund although the appointment is now cancelled');
select is(
  public.handle_stripe_event(tests.stripe_event('evt_fail', 'payment_intent.payment_failed',
    jsonb_build_object('id', 'pi_pay', 'object', 'payment_intent', 'metadata', tests.payment_metadata('pay'),
                       'last_payment_error', jsonb_build_object('message', 'Your card was declined.')))) ->> 'outcome',
  'processed', 'a different event is processed');
select is(public.handle_stripe_event(tests.stripe_event('evt_fail', 'payment_intent.payment_failed', '{}'::jsonb)) ->> 'outcome',
  'duplicate', 'the same event id is a duplicate whatever its body (the id decides)');
reset role;
select results_eq($$ select id, outcome from private.stripe_events where id in ('evt_once', 'evt_fail') order by id $$,
  $$ values ('evt_fail', 'processed'), ('evt_once', 'processed') $$, 'each event is recorded once with its outcome');

select * from finish();
rollback;

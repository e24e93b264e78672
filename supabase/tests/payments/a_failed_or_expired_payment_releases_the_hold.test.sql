-- payment_intent.payment_failed and checkout.session.async_payment_failed fail the open payment
-- (failure_message from Stripe) and release its hold: the appointment is cancelled by the system
-- with reason payment_failed; payment_intent.canceled and checkout.session.expired expire it
-- (reason payment_expired). A card decline on a hosted Checkout page changes nothing (the
-- patient may try another card; the session's events decide), and a payment that is no longer
-- open is never moved back.
begin;
select plan(9);

-- SETUP
select tests.create_payment_fixtures();
select tests.insert_appointment('a1', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '09:00'), 'pending');
select tests.insert_appointment('a2', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'), 'pending');
select tests.insert_appointment('a3', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '11:00'), 'pending');
select tests.insert_appointment('a4', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '12:00'), 'pending');
select tests.insert_appointment('a5', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '13:00'), 'pending');
select tests.insert_payment('p_failed', 'a1');
select tests.insert_payment('p_async_failed', 'a2', 'processing', 'checkout');
select tests.insert_payment('p_canceled', 'a3');
select tests.insert_payment('p_expired', 'a4', 'requires_payment', 'checkout');
select tests.insert_payment('p_declined_on_page', 'a5', 'requires_payment', 'checkout');

-- TEST
select tests.authenticate_as_service_role();
select is(
  public.handle_stripe_event(tests.stripe_event('evt_f1', 'payment_intent.payment_failed',
    jsonb_build_object('id', 'pi_p_failed', 'object', 'payment_intent', 'status', 'requires_payment_method',
                       'last_payment_error', jsonb_build_object('code', 'card_declined', 'message', 'Your card was declined.')))),
  jsonb_build_object('outcome', 'processed', 'payment_id', tests.tenancy_id('p_failed'),
                     'detail', jsonb_build_object('payment', 'failed', 'hold_released', true)),
  'payment_intent.payment_failed: the payment failed and the hold was released');
select public.handle_stripe_event(tests.stripe_event('evt_f2', 'checkout.session.async_payment_failed',
  jsonb_build_object('id', 'cs_p_async_failed', 'object', 'checkout.session', 'payment_status', 'unpaid')));
select public.handle_stripe_event(tests.stripe_event('evt_f3', 'payment_intent.canceled',
  jsonb_build_object('id', 'pi_p_canceled', 'object', 'payment_intent', 'cancellation_reason', 'abandoned')));
select public.handle_stripe_event(tests.stripe_event('evt_f4', 'checkout.session.expired',
  jsonb_build_object('id', 'cs_p_expired', 'object', 'checkout.session', 'status', 'expired')));
select is(
  public.handle_stripe_event(tests.stripe_event('evt_f5', 'payment_intent.payment_failed',
    jsonb_build_object('id', 'pi_p_declined_on_page', 'object', 'payment_intent',
                       'metadata', tests.payment_metadata('p_declined_on_page'),
                       'last_payment_error', jsonb_build_object('message', 'Your card was declined.')))) -> 'detail',
  '{"no_change": "a checkout payment ends with the Checkout Session''s events"}'::jsonb,
  'a declined card on the Checkout page changes nothing');
reset role;
select results_eq(
  $$ select p.id, p.status::text, p.failure_message, a.status::text, a.cancellation_reason
     from public.payments as p join public.appointments as a on a.id = p.appointment_id
     where p.id in (tests.tenancy_id('p_failed'), tests.tenancy_id('p_async_failed'), tests.tenancy_id('p_canceled'), tests.tenancy_id('p_expired'))
     order by a.starts_at $$,
  $$ values (tests.tenancy_id('p_failed'), 'failed', 'Your card was declined.', 'cancelled', 'payment_failed'),
            (tests.tenancy_id('p_async_failed'), 'failed', 'The payment did not go through.', 'cancelled', 'payment_failed'),
            (tests.tenancy_id('p_canceled'), 'expired', 'The payment was canceled at Stripe (abandoned).', 'cancelled', 'payment_expired'),
            (tests.tenancy_id('p_expired'), 'expired', 'The Checkout Session expired.', 'cancelled', 'payment_expired') $$,
  'each failure or expiry ends the payment and releases its hold with the matching reason');
select is((select cancellation_outcome from public.appointments where id = tests.tenancy_id('a1')),
  '{"by": "system", "late": false, "fee": 0, "currency": "GBP", "payment_required": true}'::jsonb,
  'a released hold is cancelled by the system at no fee');
select results_eq($$ select cancelled_by, (select actor_user_id from public.appointment_status_history h where h.appointment_id = a.id and h.to_status = 'cancelled')
                     from public.appointments as a where a.id = tests.tenancy_id('a1') $$,
  $$ values (null::uuid, null::uuid) $$, 'no user is recorded as having cancelled it');
select results_eq($$ select p.status::text, a.status::text from public.payments as p join public.appointments as a on a.id = p.appointment_id
                     where p.id = tests.tenancy_id('p_declined_on_page') $$,
  $$ values ('requires_payment', 'pending') $$, 'the Checkout payment is still open and its appointment held');

-- TEST: never backwards
update public.payments set status = 'succeeded', succeeded_at = now() where id = tests.tenancy_id('p_declined_on_page');
update public.appointments set status = 'booked' where id = tests.tenancy_id('a5');
select tests.authenticate_as_service_role();
select is(
  public.handle_stripe_event(tests.stripe_event('evt_f6', 'checkout.session.expired',
    jsonb_build_object('id', 'cs_p_declined_on_page', 'object', 'checkout.session'))) -> 'detail',
  '{"no_change": "the payment is already succeeded"}'::jsonb,
  'an expiry after success changes nothing');
reset role;
select results_eq($$ select p.status::text, a.status::text from public.payments as p join public.appointments as a on a.id = p.appointment_id
                     where p.id = tests.tenancy_id('p_declined_on_page') $$,
  $$ values ('succeeded', 'booked') $$, 'the paid appointment stays booked');
select tests.authenticate_as_service_role();
select is(
  public.handle_stripe_event(tests.stripe_event('evt_f7', 'payment_intent.payment_failed',
    jsonb_build_object('id', 'pi_p_failed', 'object', 'payment_intent'))) -> 'detail',
  '{"no_change": "the payment is already failed"}'::jsonb,
  'a second failure of a failed payment changes nothing');

select * from finish();
rollback;

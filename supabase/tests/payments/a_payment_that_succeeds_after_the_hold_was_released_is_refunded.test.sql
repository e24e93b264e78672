-- Money that arrives after the hold is gone (expired and released, or cancelled) is not kept: the
-- payment is recorded as succeeded, the appointment stays cancelled, and a refund of the full
-- amount (reason slot_released) is created and returned in refund_ids for the webhook to send
-- right away. A booked appointment already paid by another payment is refunded the same way;
-- one confirmed by staff without payment keeps the money.
begin;
select plan(7);

-- SETUP
select tests.create_payment_fixtures();
select tests.insert_appointment('released', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'), 'pending');
select tests.insert_payment('pay_late', 'released', 'requires_payment', 'checkout');
update public.appointments set hold_expires_at = now() - interval '1 minute' where id = tests.tenancy_id('released');
select private.expire_appointment_holds();
select tests.insert_appointment('paid_twice', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '12:00'), 'pending');
select tests.insert_payment('pay_first', 'paid_twice', 'failed');
select tests.insert_payment('pay_second', 'paid_twice');
select tests.insert_appointment('confirmed', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '14:00'), 'pending');
select tests.insert_payment('pay_desk', 'confirmed');
update public.appointments set status = 'booked' where id = tests.tenancy_id('confirmed');

-- TEST: released hold
select is((select status::text from public.payments where id = tests.tenancy_id('pay_late')), 'expired',
  'releasing the hold expired the open payment');
select tests.authenticate_as_service_role();
create temporary table late_result on commit drop as
  select public.handle_stripe_event(tests.stripe_event('evt_late', 'checkout.session.completed',
    jsonb_build_object('id', 'cs_pay_late', 'object', 'checkout.session', 'payment_status', 'paid', 'amount_total', 10000,
                       'currency', 'gbp', 'payment_intent', 'pi_pay_late', 'metadata', tests.payment_metadata('pay_late')))) as r;
select is((select r - 'refund_ids' from late_result),
  jsonb_build_object('outcome', 'processed', 'payment_id', tests.tenancy_id('pay_late'),
                     'detail', jsonb_build_object('appointment', 'cancelled', 'refund', 'slot_released')),
  'a payment for a released hold is processed: the appointment stays cancelled, the money goes back');
select results_eq(
  $$ select r.id, r.reason, r.status, r.amount, r.amount_minor, p.status::text
     from public.refunds as r join public.payments as p on p.id = r.payment_id where r.payment_id = tests.tenancy_id('pay_late') $$,
  $$ select (jsonb_array_elements_text(r -> 'refund_ids'))::uuid, 'slot_released', 'requested', 100.000::numeric, 10000::bigint, 'succeeded'
     from late_result $$,
  'the payment is recorded as succeeded and one full refund (slot_released) is requested; its id is in refund_ids');
select is((select status::text from public.appointments where id = tests.tenancy_id('released')), 'cancelled',
  'the released appointment is not revived');

-- TEST: paid twice
reset role;
update public.payments set status = 'succeeded', succeeded_at = now() where id = tests.tenancy_id('pay_first');
update public.appointments set status = 'booked' where id = tests.tenancy_id('paid_twice');
select tests.authenticate_as_service_role();
select is(
  jsonb_array_length(public.handle_stripe_event(tests.stripe_event('evt_second', 'payment_intent.succeeded',
    jsonb_build_object('id', 'pi_pay_second', 'object', 'payment_intent', 'amount_received', 10000, 'currency', 'gbp'))) -> 'refund_ids'),
  1, 'a second payment for an appointment another payment already paid is refunded');

-- TEST: confirmed by staff without payment
select is(
  public.handle_stripe_event(tests.stripe_event('evt_desk', 'payment_intent.succeeded',
    jsonb_build_object('id', 'pi_pay_desk', 'object', 'payment_intent', 'amount_received', 10000, 'currency', 'gbp'))),
  jsonb_build_object('outcome', 'processed', 'payment_id', tests.tenancy_id('pay_desk'), 'detail', jsonb_build_object('appointment', 'booked')),
  'a payment for an appointment staff confirmed unpaid is kept (no refund_ids)');
reset role;
select is((select count(*)::integer from public.refunds where payment_id = tests.tenancy_id('pay_desk')), 0, 'and no refund is created for it');

select * from finish();
rollback;

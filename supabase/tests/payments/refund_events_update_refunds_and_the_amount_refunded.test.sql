-- Refund webhooks (refund.created / refund.updated / refund.failed, charge.refunded): a refund is
-- found by its Stripe id or by metadata.refund_id; Stripe's status maps to submitted (pending),
-- succeeded or failed and only ever moves forward; a refund made in the Stripe Dashboard becomes
-- a new row (reason stripe_dashboard); payments.amount_refunded is the sum of succeeded refunds.
begin;
select plan(9);

-- SETUP
select tests.create_payment_fixtures();
select tests.insert_appointment('paid', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'));
select tests.insert_payment('pay', 'paid', 'succeeded');
insert into public.refunds (tenant_id, id, payment_id, appointment_id, patient_id, amount, currency, amount_minor, reason, status, claimed_until, attempts)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('r_ours'), tests.tenancy_id('pay'), tests.tenancy_id('paid'), tests.tenancy_id('patient_a'),
        30, 'GBP', 3000, 'staff', 'processing', now() + interval '2 minutes', 1);

-- TEST: our refund, before the worker recorded Stripe's answer
select tests.authenticate_as_service_role();
select is(public.handle_stripe_event(tests.stripe_event('evt_r1', 'refund.created',
    jsonb_build_object('id', 're_ours', 'object', 'refund', 'amount', 3000, 'currency', 'gbp', 'status', 'pending', 'payment_intent', 'pi_pay',
                       'metadata', jsonb_build_object('refund_id', tests.tenancy_id('r_ours'), 'tenant_id', tests.tenancy_id('tenant_a'))))),
  jsonb_build_object('outcome', 'processed', 'payment_id', tests.tenancy_id('pay'),
                     'detail', jsonb_build_object('refund_id', tests.tenancy_id('r_ours'), 'refund', 'submitted')),
  'refund.created (pending) finds our refund by metadata.refund_id: submitted');
select results_eq($$ select stripe_refund_id, status, claimed_until from public.refunds where id = tests.tenancy_id('r_ours') $$,
  $$ values ('re_ours', 'submitted', null::timestamptz) $$, 'the Stripe refund id is stored and the lease dropped');
select public.handle_stripe_event(tests.stripe_event('evt_r2', 'refund.updated',
  jsonb_build_object('id', 're_ours', 'object', 'refund', 'amount', 3000, 'currency', 'gbp', 'status', 'succeeded', 'payment_intent', 'pi_pay')));
select results_eq($$ select r.status, p.amount_refunded from public.refunds as r join public.payments as p on p.id = r.payment_id
                     where r.id = tests.tenancy_id('r_ours') $$,
  $$ values ('succeeded', 30.000::numeric) $$, 'refund.updated (succeeded) by Stripe id: succeeded, amount_refunded 30.00');
select is(public.handle_stripe_event(tests.stripe_event('evt_r3', 'refund.updated',
    jsonb_build_object('id', 're_ours', 'object', 'refund', 'amount', 3000, 'currency', 'gbp', 'status', 'pending', 'payment_intent', 'pi_pay'))) #>> '{detail,refund}',
  'succeeded', 'a late "pending" event does not move a succeeded refund back');

-- TEST: a refund made in the Stripe Dashboard
select is(public.handle_stripe_event(tests.stripe_event('evt_r4', 'charge.refunded',
    jsonb_build_object('id', 'ch_1', 'object', 'charge', 'payment_intent', 'pi_pay', 'amount_refunded', 5000,
                       'refunds', jsonb_build_object('object', 'list', 'data', jsonb_build_array(
                         jsonb_build_object('id', 're_ours', 'object', 'refund', 'amount', 3000, 'currency', 'gbp', 'status', 'succeeded', 'payment_intent', 'pi_pay'),
                         jsonb_build_object('id', 're_dash', 'object', 'refund', 'amount', 2000, 'currency', 'gbp', 'status', 'succeeded', 'payment_intent', 'pi_pay'))))))
    ->> 'outcome',
  'processed', 'charge.refunded with its refund list is processed');
select results_eq($$ select reason, status, amount, amount_minor, requested_by from public.refunds where stripe_refund_id = 're_dash' $$,
  $$ values ('stripe_dashboard', 'succeeded', 20.000::numeric, 2000::bigint, null::uuid) $$,
  'the unknown refund of our payment becomes a stripe_dashboard refund');
select is((select amount_refunded from public.payments where id = tests.tenancy_id('pay')), 50.000::numeric,
  'amount_refunded = 30 + 20: the sum of succeeded refunds');

-- TEST: failure after success, and a refund of nobody's payment
select public.handle_stripe_event(tests.stripe_event('evt_r5', 'refund.failed',
  jsonb_build_object('id', 're_dash', 'object', 'refund', 'amount', 2000, 'currency', 'gbp', 'status', 'failed',
                     'failure_reason', 'expired_or_canceled_card', 'payment_intent', 'pi_pay')));
select results_eq($$ select r.status, r.last_error, p.amount_refunded from public.refunds as r join public.payments as p on p.id = r.payment_id
                     where r.stripe_refund_id = 're_dash' $$,
  $$ values ('failed', 'expired_or_canceled_card', 30.000::numeric) $$,
  'refund.failed after success: failed with Stripe''s reason, and no longer counted');
select is(public.handle_stripe_event(tests.stripe_event('evt_r6', 'refund.created',
    jsonb_build_object('id', 're_stranger', 'object', 'refund', 'amount', 100, 'currency', 'gbp', 'status', 'succeeded', 'payment_intent', 'pi_stranger'))),
  '{"outcome": "unmatched"}'::jsonb, 'a refund of a payment that is not ours is unmatched');

select * from finish();
rollback;

-- record_refund_result (service_role) records Stripe's answer for a claimed refund: succeeded
-- (amount_refunded follows), pending -> submitted, failed (Stripe refused) with the error, retry
-- (no answer) -> requested again after 1, 2, 4 ... minutes, capped at 1 hour, failed after 8
-- attempts. A refund a webhook already moved on is never moved back; a different Stripe refund is
-- PT409, an unknown refund PT404, a bad status or id 22023.
begin;
select plan(15);

-- SETUP
select tests.create_payment_fixtures();
select tests.insert_appointment('paid', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'));
select tests.insert_payment('pay', 'paid', 'succeeded');
insert into public.refunds (tenant_id, id, payment_id, appointment_id, patient_id, amount, currency, amount_minor, reason, status,
                            claimed_until, attempts)
select tests.tenancy_id('tenant_a'), tests.tenancy_id(v.name), tests.tenancy_id('pay'), tests.tenancy_id('paid'), tests.tenancy_id('patient_a'),
       10, 'GBP', 1000, 'staff', 'processing', now() + interval '2 minutes', v.attempts
from (values ('r_ok', 1), ('r_pending', 1), ('r_refused', 1), ('r_retry_1', 1), ('r_retry_3', 3), ('r_retry_7', 7), ('r_retry_8', 8),
             ('r_webhook', 1)) as v(name, attempts);

-- TEST
select tests.authenticate_as('a_owner');
select throws_ok($$ select public.record_refund_result(tests.tenancy_id('r_ok'), 're_1', 'succeeded') $$, '42501', null,
  'only service_role records refund results');
select tests.authenticate_as_service_role();
select results_eq($$ select status, stripe_refund_id, claimed_until, last_error from public.record_refund_result(tests.tenancy_id('r_ok'), 're_ok', 'succeeded') $$,
  $$ values ('succeeded', 're_ok', null::timestamptz, null::text) $$, 'succeeded: the refund is done and the lease dropped');
select is((select amount_refunded from public.payments where id = tests.tenancy_id('pay')), 10.000::numeric, 'amount_refunded counts it');
select is((select status from public.record_refund_result(tests.tenancy_id('r_pending'), 're_pending', 'pending')), 'submitted',
  'pending: submitted (the refund.updated webhook finishes it)');
select results_eq($$ select status, last_error from public.record_refund_result(tests.tenancy_id('r_refused'), null, 'failed', 'charge_already_refunded') $$,
  $$ values ('failed', 'charge_already_refunded') $$, 'failed: Stripe''s error is kept');
select public.record_refund_result(tests.tenancy_id(n), null, 'retry', 'connection reset')
from unnest(array['r_retry_1', 'r_retry_3', 'r_retry_7']) as n;
select results_eq(
  $$ select r.status, r.next_attempt_at - now(), r.last_error
     from public.refunds as r
     where r.id in (tests.tenancy_id('r_retry_1'), tests.tenancy_id('r_retry_3'), tests.tenancy_id('r_retry_7'))
     order by r.attempts $$,
  $$ values ('requested', interval '1 minute', 'connection reset'), ('requested', interval '4 minutes', 'connection reset'),
            ('requested', interval '1 hour', 'connection reset') $$,
  'retry: requested again after 2^(attempt-1) minutes (1, 4, ...), capped at 1 hour') ;
select results_eq($$ select status, last_error from public.record_refund_result(tests.tenancy_id('r_retry_8'), null, 'retry', 'timeout') $$,
  $$ values ('failed', 'timeout (gave up after 8 attempts)') $$, 'after 8 attempts a retry fails the refund');
update public.refunds set status = 'succeeded', stripe_refund_id = 're_webhook', claimed_until = null where id = tests.tenancy_id('r_webhook');
select is((select status from public.record_refund_result(tests.tenancy_id('r_webhook'), 're_webhook', 'pending')), 'succeeded',
  'a late "pending" after the webhook said succeeded changes nothing');
select is((select status from public.record_refund_result(tests.tenancy_id('r_webhook'), null, 'retry', 'timeout')), 'succeeded',
  'a late "retry" after success changes nothing');
select throws_ok($$ select public.record_refund_result(tests.tenancy_id('r_webhook'), 're_other', 'succeeded') $$, 'PT409',
  'this refund is already recorded with another Stripe refund', 'a different Stripe refund is PT409');
select is(tests.error_details_of($$ select public.record_refund_result(tests.tenancy_id('r_webhook'), 're_other', 'succeeded') $$),
  '{"code": "PT409", "message": "this refund is already recorded with another Stripe refund", "detail": "provider_object_conflict", "hint": "Create Stripe refunds with the idempotency key refund:<id>, so a retry returns the same refund."}'::jsonb,
  'with the reason provider_object_conflict and a hint');
select is(tests.error_details_of($$ select public.record_refund_result(tests.tenancy_id('r_retry_1'), 're_ok', 'succeeded') $$),
  '{"code": "PT409", "message": "that Stripe refund belongs to another refund", "detail": "provider_object_conflict", "hint": "Create Stripe refunds with the idempotency key refund:<id>."}'::jsonb,
  'a Stripe refund recorded for another refund is PT409 provider_object_conflict');
select throws_ok($$ select public.record_refund_result(gen_random_uuid(), 're_x', 'succeeded') $$, 'PT404', 'refund not found', 'an unknown refund is PT404');
select throws_ok($$ select public.record_refund_result(tests.tenancy_id('r_ok'), 're_ok', 'done') $$, '22023',
  'status must be succeeded, pending, failed or retry', 'an unknown status is 22023');
select throws_ok($$ select public.record_refund_result(tests.tenancy_id('r_ok'), null, 'succeeded') $$, '22023',
  'provider_refund_id is required for succeeded and pending', 'succeeded without a Stripe refund id is 22023');

select * from finish();
rollback;

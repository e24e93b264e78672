-- claim_refunds (service_role): takes requested refunds that are due and processing ones whose
-- lease ended (a worker that crashed), oldest due first, at most max_count, `for update skip
-- locked` (concurrent workers get different refunds; real parallelism is tested in vitest);
-- marks them processing with attempts + 1 and a lease; returns what the Stripe call needs
-- (amount_minor, PaymentIntent, Connect account, idempotency key refund:<id>, metadata). While
-- the lease runs nobody else claims them; when it ends they are claimed again.
begin;
select plan(12);

-- SETUP
select tests.create_payment_fixtures();
select tests.insert_appointment('paid', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'));
select tests.insert_payment('pay', 'paid', 'succeeded');
update public.payments set stripe_account_id = 'acct_alpha1' where id = tests.tenancy_id('pay');
insert into public.refunds (tenant_id, id, payment_id, appointment_id, patient_id, amount, currency, amount_minor, reason, status,
                            next_attempt_at, claimed_until, attempts)
select tests.tenancy_id('tenant_a'), tests.tenancy_id(v.name), tests.tenancy_id('pay'), tests.tenancy_id('paid'), tests.tenancy_id('patient_a'),
       v.amount, 'GBP', v.amount * 100, 'staff', v.status, now() + v.next_in, now() + v.lease_in, v.attempts
from (values ('r_due', 10, 'requested', interval '-1 minute', null::interval, 0),
             ('r_stale', 11, 'processing', interval '0', interval '-1 second', 1),
             ('r_later', 12, 'requested', interval '5 minutes', null, 2),
             ('r_leased', 13, 'processing', interval '0', interval '1 minute', 1),
             ('r_done', 14, 'succeeded', interval '-1 hour', null, 1),
             ('r_extra', 15, 'requested', interval '-30 seconds', null, 0)) as v(name, amount, status, next_in, lease_in, attempts);

-- TEST
select tests.authenticate_as('a_owner');
select throws_ok($$ select * from public.claim_refunds() $$, '42501', null, 'only service_role claims refunds');
select tests.authenticate_as_service_role();
select throws_ok($$ select * from public.claim_refunds(0) $$, '22023', 'max_count must be between 1 and 100', 'max_count 0 is 22023');
select throws_ok($$ select * from public.claim_refunds(10, '1 second') $$, '22023', 'lease must be between 5 seconds and 1 hour', 'a 1-second lease is 22023');
create temporary table first_claim on commit drop as select * from public.claim_refunds(2, '2 minutes');
select results_eq($$ select refund_id, attempts from first_claim $$,
  $$ values (tests.tenancy_id('r_due'), 1), (tests.tenancy_id('r_extra'), 1) $$,
  'max_count 2: the two requested refunds due longest, oldest first');
select results_eq(
  $$ select tenant_id, payment_id, appointment_id, amount, amount_minor, currency, provider::text, stripe_payment_intent_id, stripe_account_id, idempotency_key, metadata
     from first_claim where refund_id = tests.tenancy_id('r_due') $$,
  $$ values (tests.tenancy_id('tenant_a'), tests.tenancy_id('pay'), tests.tenancy_id('paid'), 10.000::numeric, 1000::bigint, 'GBP', 'stripe', 'pi_pay', 'acct_alpha1',
             'refund:' || tests.tenancy_id('r_due'),
             jsonb_build_object('refund_id', tests.tenancy_id('r_due')::text, 'tenant_id', tests.tenancy_id('tenant_a')::text,
                                'payment_id', tests.tenancy_id('pay')::text, 'appointment_id', tests.tenancy_id('paid')::text)) $$,
  'each claimed refund carries its amount in minor units, provider, PaymentIntent, Connect account, idempotency key and metadata');
select results_eq($$ select status, claimed_until from public.refunds where id = tests.tenancy_id('r_due') $$,
  $$ values ('processing', now() + interval '2 minutes') $$, 'claimed refunds are processing with a lease of now + lease');
select results_eq($$ select refund_id, attempts from public.claim_refunds(10) $$,
  $$ values (tests.tenancy_id('r_stale'), 2) $$,
  'the next claim takes the refund whose lease ended (attempt 2), not the leased, later or finished ones');
select is_empty($$ select * from public.claim_refunds(10) $$, 'while their leases run, nothing is claimed twice');
update public.refunds set claimed_until = now() - interval '1 second' where id = tests.tenancy_id('r_due');
select results_eq($$ select refund_id, attempts from public.claim_refunds(10) $$,
  $$ values (tests.tenancy_id('r_due'), 2) $$, 'a worker that crashed: when the lease ends the refund is claimed again');
update public.refunds set next_attempt_at = now() - interval '1 second' where id = tests.tenancy_id('r_later');
update public.refunds set status = 'requested', claimed_until = null where id = tests.tenancy_id('r_extra');
select results_eq($$ select refund_id from public.claim_refunds(10, '2 minutes', array[tests.tenancy_id('r_later')]) $$,
  $$ values (tests.tenancy_id('r_later')) $$, 'refund_ids limits the claim to those refunds (the webhook''s slot_released refunds)');
select is((select status from public.refunds where id = tests.tenancy_id('r_extra')), 'requested', 'other due refunds are left for the next claim');
select ok(pg_get_functiondef('private.claim_refunds(integer, interval, uuid[], public.payment_provider[])'::regprocedure) ~* 'for update skip locked',
  'claims lock with for update skip locked, so concurrent workers skip each other''s refunds');

select * from finish();
rollback;

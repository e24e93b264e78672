-- handle_stripe_event answers "unmatched" (and changes nothing) when the object is not one of
-- our payments, or its metadata names another tenant or payment, or the event comes from
-- another connected account than the payment's; event types it does not handle are "ignored".
-- Both are still recorded (a redelivery is a duplicate). An event without id or type is 22023.
-- Only service_role may call it.
begin;
select plan(11);

-- SETUP
select tests.create_payment_fixtures();
select tests.insert_appointment('hold', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'), 'pending');
select tests.insert_payment('pay', 'hold');
update public.payments set stripe_account_id = 'acct_alpha1' where id = tests.tenancy_id('pay');

-- TEST
select tests.authenticate_as('patient');
select throws_ok($$ select public.handle_stripe_event(tests.stripe_event('evt_x', 'payment_intent.succeeded', '{}')) $$, '42501', null,
  'a signed-in user cannot call handle_stripe_event');
select tests.authenticate_as_service_role();
select is(public.handle_stripe_event(tests.stripe_event('evt_u1', 'payment_intent.succeeded',
    jsonb_build_object('id', 'pi_someone_else', 'amount_received', 10000, 'currency', 'gbp'), 'acct_alpha1')),
  '{"outcome": "unmatched"}'::jsonb, 'a PaymentIntent that is not ours is unmatched');
select is(public.handle_stripe_event(tests.stripe_event('evt_u2', 'payment_intent.succeeded',
    jsonb_build_object('id', 'pi_pay', 'amount_received', 10000, 'currency', 'gbp',
                       'metadata', tests.payment_metadata('pay') || jsonb_build_object('tenant_id', tests.tenancy_id('tenant_b'))), 'acct_alpha1')) ->> 'outcome',
  'unmatched', 'metadata naming another tenant is unmatched');
select is(public.handle_stripe_event(tests.stripe_event('evt_u3', 'payment_intent.succeeded',
    jsonb_build_object('id', 'pi_pay', 'amount_received', 10000, 'currency', 'gbp',
                       'metadata', jsonb_build_object('payment_id', gen_random_uuid())), 'acct_alpha1')) ->> 'outcome',
  'unmatched', 'metadata naming another payment is unmatched');
select is(public.handle_stripe_event(tests.stripe_event('evt_u4', 'payment_intent.succeeded',
    jsonb_build_object('id', 'pi_pay', 'amount_received', 10000, 'currency', 'gbp'), 'acct_intruder')) ->> 'outcome',
  'unmatched', 'the right PaymentIntent id from another connected account is unmatched');
select is(public.handle_stripe_event(tests.stripe_event('evt_u5', 'payment_intent.succeeded',
    jsonb_build_object('id', 'pi_other', 'amount_received', 10000, 'currency', 'gbp', 'metadata', tests.payment_metadata('pay')), 'acct_alpha1')) ->> 'outcome',
  'unmatched', 'metadata of our payment on a different PaymentIntent than the one attached is unmatched');
select is(public.handle_stripe_event(tests.stripe_event('evt_i1', 'customer.created', '{"id": "cus_1"}')),
  '{"outcome": "ignored"}'::jsonb, 'an event type we do not handle is ignored');
select is(public.handle_stripe_event(tests.stripe_event('evt_i2', 'payment_intent.created', jsonb_build_object('id', 'pi_pay'), 'acct_alpha1')),
  '{"outcome": "ignored"}'::jsonb, 'payment_intent.created is ignored');
select throws_ok($$ select public.handle_stripe_event('{"type": "payment_intent.succeeded"}') $$, '22023', 'the event has no id or type',
  'an event without an id is 22023');
reset role;
select results_eq($$ select p.status::text, a.status::text from public.payments as p join public.appointments as a on a.id = p.appointment_id
                     where p.id = tests.tenancy_id('pay') $$,
  $$ values ('requires_payment', 'pending') $$, 'nothing changed');
select results_eq($$ select id, outcome from private.stripe_events order by id $$,
  $$ values ('evt_i1', 'ignored'), ('evt_i2', 'ignored'), ('evt_u1', 'unmatched'), ('evt_u2', 'unmatched'), ('evt_u3', 'unmatched'),
            ('evt_u4', 'unmatched'), ('evt_u5', 'unmatched') $$,
  'unmatched and ignored events are recorded too');

select * from finish();
rollback;

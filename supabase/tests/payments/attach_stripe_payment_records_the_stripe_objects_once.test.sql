-- attach_stripe_payment records the PaymentIntent / Checkout Session the Edge Function created
-- (service_role only): the same ids again change nothing; different ids are PT409; ids that are
-- not Stripe's are 22023; an unknown payment is PT404; a Checkout Session on a payment_intent
-- payment is 22023; an id another payment holds is PT409.
begin;
select plan(13);

-- SETUP
select tests.create_payment_fixtures();
select tests.insert_appointment('hold', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'), 'pending');
select tests.insert_appointment('hold_2', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '12:00'), 'pending');
insert into public.payments (tenant_id, id, appointment_id, patient_id, flow, kind, amount, currency, amount_minor, attempt, idempotency_key)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('pay_pi'), tests.tenancy_id('hold'), tests.tenancy_id('patient_a'), 'payment_intent', 'full', 100, 'GBP', 10000, 1,
        'payment:' || tests.tenancy_id('hold') || ':1'),
       (tests.tenancy_id('tenant_a'), tests.tenancy_id('pay_cs'), tests.tenancy_id('hold_2'), tests.tenancy_id('patient_a'), 'checkout', 'full', 100, 'GBP', 10000, 1,
        'payment:' || tests.tenancy_id('hold_2') || ':1');

-- TEST
select tests.authenticate_as('patient');
select throws_ok($$ select public.attach_stripe_payment(tests.tenancy_id('pay_pi'), 'pi_1') $$, '42501', null,
  'a signed-in user cannot attach Stripe objects');
select tests.authenticate_as_service_role();
select results_eq($$ select stripe_payment_intent_id, status::text from public.attach_stripe_payment(tests.tenancy_id('pay_pi'), 'pi_3Abc') $$,
  $$ values ('pi_3Abc', 'requires_payment') $$, 'the PaymentIntent id is recorded and the payment returned');
select lives_ok($$ select public.attach_stripe_payment(tests.tenancy_id('pay_pi'), 'pi_3Abc') $$, 'the same id again is a no-op');
select throws_ok($$ select public.attach_stripe_payment(tests.tenancy_id('pay_pi'), 'pi_other') $$, 'PT409',
  'this payment is already attached to other Stripe objects', 'a different PaymentIntent is PT409');
select is(tests.error_details_of($$ select public.attach_stripe_payment(tests.tenancy_id('pay_pi'), 'pi_other') $$),
  '{"code": "PT409", "message": "this payment is already attached to other Stripe objects", "detail": "provider_object_conflict", "hint": "Create Stripe objects with the payment''s idempotency_key, so a retry returns the same object."}'::jsonb,
  'with the reason provider_object_conflict and a hint');
select throws_ok($$ select public.attach_stripe_payment(tests.tenancy_id('pay_pi'), 'ch_3Abc') $$, '22023',
  'payment_intent_id is not a Stripe PaymentIntent id', 'an id that is not a PaymentIntent id is 22023');
select throws_ok($$ select public.attach_stripe_payment(tests.tenancy_id('pay_pi'), null, 'cs_test_1', 'https://checkout.stripe.com/c/pay/cs_test_1') $$,
  '22023', 'a payment_intent payment has no Checkout Session', 'a Checkout Session on a payment_intent payment is 22023');
select results_eq(
  $$ select stripe_checkout_session_id, checkout_url, stripe_payment_intent_id
     from public.attach_stripe_payment(tests.tenancy_id('pay_cs'), null, 'cs_test_a1', 'https://checkout.stripe.com/c/pay/cs_test_a1#x') $$,
  $$ values ('cs_test_a1', 'https://checkout.stripe.com/c/pay/cs_test_a1#x', null::text) $$,
  'a Checkout Session and its URL are recorded (its PaymentIntent comes later with the webhook)');
select throws_ok($$ select public.attach_stripe_payment(tests.tenancy_id('pay_cs'), null, 'cs_bad id', null) $$, '22023', null,
  'a malformed Checkout Session id is 22023');
select throws_ok($$ select public.attach_stripe_payment(tests.tenancy_id('pay_cs'), 'pi_3Abc') $$, 'PT409',
  'that Stripe object belongs to another payment', 'a PaymentIntent of another payment is PT409');
select is(tests.error_details_of($$ select public.attach_stripe_payment(tests.tenancy_id('pay_cs'), 'pi_3Abc') $$),
  '{"code": "PT409", "message": "that Stripe object belongs to another payment", "detail": "provider_object_conflict", "hint": "Create Stripe objects with the payment''s idempotency_key."}'::jsonb,
  'with the reason provider_object_conflict and a hint');
select throws_ok($$ select public.attach_stripe_payment(gen_random_uuid(), 'pi_9') $$, 'PT404', 'payment not found',
  'an unknown payment is PT404');
select throws_ok($$ select public.attach_stripe_payment(tests.tenancy_id('pay_cs')) $$, '22023', 'nothing to attach',
  'attaching nothing is 22023');

select * from finish();
rollback;

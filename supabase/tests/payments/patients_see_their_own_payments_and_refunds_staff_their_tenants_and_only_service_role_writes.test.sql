-- RLS and grants of public.payments, public.refunds and public.tenant_payment_settings, and the
-- private processed-events table: a patient reads their own payments and refunds (in every
-- tenant), staff with a tenant-wide role read the tenant's, staff of another centre none of
-- these (all at centre_a1), other tenants and anon nothing; the
-- Stripe settings only the tenant's owners and admins; nobody but service_role writes any of
-- them; private.stripe_events is reachable by no API role at all.
begin;
select plan(28);

-- SETUP
select tests.create_payment_fixtures();
select tests.insert_appointment('mine', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'));
select tests.insert_appointment('theirs', 'appt_paid', 'clinician_a', 'patient_a_2', tests.appointment_slot(2, '12:00'));
select tests.insert_appointment('beta', 'pay_b', 'clinician_b', 'patient_b', tests.appointment_slot(2, '10:00', 'America/New_York'), 'booked', 'tenant_b', 'centre_b1');
select tests.insert_payment('pay_mine', 'mine', 'succeeded');
select tests.insert_payment('pay_theirs', 'theirs', 'succeeded');
select tests.insert_payment('pay_beta', 'beta', 'succeeded');
select private.insert_refund(p, 10, 'staff', null, 'goodwill') from public.payments as p where p.id = tests.tenancy_id('pay_mine');
select private.insert_refund(p, 5, 'staff', null, 'goodwill') from public.payments as p where p.id = tests.tenancy_id('pay_theirs');
select private.insert_refund(p, 6, 'staff', null, 'goodwill') from public.payments as p where p.id = tests.tenancy_id('pay_beta');
insert into public.tenant_payment_settings (tenant_id, stripe_account_id) values
  (tests.tenancy_id('tenant_a'), 'acct_alpha1'), (tests.tenancy_id('tenant_b'), 'acct_beta1');
insert into private.stripe_events (id, type) values ('evt_rls', 'payment_intent.created');

-- TEST: a patient
select tests.authenticate_as('patient');
select results_eq($$ select id from public.payments order by amount $$,
  $$ values (tests.tenancy_id('pay_beta')), (tests.tenancy_id('pay_mine')) $$,
  'a patient sees the payments of their own records in every tenant, nobody else''s');
select results_eq($$ select amount from public.refunds order by amount $$, $$ values (6.000::numeric), (10.000::numeric) $$,
  'a patient sees the refunds of their own payments');
select is_empty($$ select 1 from public.tenant_payment_settings $$, 'a patient sees no Stripe settings');
select throws_ok($$ insert into public.payments (tenant_id, appointment_id, patient_id, flow, kind, amount, currency, amount_minor, attempt, idempotency_key)
                    values (tests.tenancy_id('tenant_a'), tests.tenancy_id('mine'), tests.tenancy_id('patient_a'), 'payment_intent', 'full', 1, 'GBP', 100, 9,
                            'payment:' || tests.tenancy_id('mine') || ':9') $$,
  '42501', null, 'a patient cannot insert payments (amounts only come from open_payment)');
select throws_ok($$ update public.payments set status = 'succeeded' where id = tests.tenancy_id('pay_mine') $$, '42501', null,
  'a patient cannot update their payment');
select throws_ok($$ delete from public.refunds $$, '42501', null, 'a patient cannot delete refunds');
select tests.authenticate_as('a_patient_2');
select results_eq($$ select id from public.payments $$, $$ values (tests.tenancy_id('pay_theirs')) $$,
  'another patient of the same tenant sees only their own payment');

-- TEST: staff
select tests.authenticate_as('a_clinician_2');
select is_empty($$ select 1 from public.payments $$, 'a clinician of centre_a2 sees no payment of centre_a1');
select is_empty($$ select 1 from public.refunds $$, 'nor its refunds');
select tests.authenticate_as('a_clinician');
select results_eq($$ select id from public.payments order by id $$,
  $$ select id from (values (tests.tenancy_id('pay_mine')), (tests.tenancy_id('pay_theirs'))) as v(id) order by id $$,
  'tenant-wide staff (a clinician) see all of its payments, none of another tenant');
select is((select count(*)::integer from public.refunds), 2, 'tenant-wide staff see the tenant''s refunds');
select is_empty($$ select 1 from public.tenant_payment_settings $$, 'staff other than owners and admins do not see the Stripe settings');
select throws_ok($$ update public.refunds set status = 'succeeded' $$, '42501', null, 'staff cannot update refunds directly');
select tests.authenticate_as('a_owner');
select results_eq($$ select stripe_account_id from public.tenant_payment_settings $$, $$ values ('acct_alpha1') $$,
  'an owner sees the tenant''s Stripe account');
select throws_ok($$ update public.tenant_payment_settings set stripe_account_id = 'acct_mine' $$, '42501', null,
  'not even an owner changes the Stripe account (onboarding runs as service_role)');
select throws_ok($$ insert into public.refunds (tenant_id, payment_id, appointment_id, patient_id, amount, currency, amount_minor, reason)
                    values (tests.tenancy_id('tenant_a'), tests.tenancy_id('pay_mine'), tests.tenancy_id('mine'), tests.tenancy_id('patient_a'), 1, 'GBP', 100, 'staff') $$,
  '42501', null, 'not even an owner inserts refunds directly (request_refund does)');
select throws_ok($$ delete from public.payments $$, '42501', null, 'nobody but service_role deletes payments');
select tests.authenticate_as('a_admin');
select is((select count(*)::integer from public.tenant_payment_settings), 1, 'an admin sees the tenant''s Stripe settings');
select tests.authenticate_as('b_owner');
select results_eq($$ select id from public.payments $$, $$ values (tests.tenancy_id('pay_beta')) $$,
  'staff of another tenant see only their own tenant''s payments');
select results_eq($$ select stripe_account_id from public.tenant_payment_settings $$, $$ values ('acct_beta1') $$,
  'and only their own tenant''s Stripe settings');

-- TEST: anon
select tests.clear_authentication();
select throws_ok($$ select 1 from public.payments $$, '42501', null, 'anon has no access to payments');
select throws_ok($$ select 1 from public.refunds $$, '42501', null, 'anon has no access to refunds');
select throws_ok($$ select 1 from public.tenant_payment_settings $$, '42501', null, 'anon has no access to the Stripe settings');

-- TEST: service_role and the processed-events table
select tests.authenticate_as_service_role();
select lives_ok($$ update public.payments set receipt_url = 'https://pay.stripe.com/receipts/x' where id = tests.tenancy_id('pay_mine') $$,
  'service_role updates payments directly');
select lives_ok($$ update public.tenant_payment_settings set stripe_account_id = 'acct_alpha2' where tenant_id = tests.tenancy_id('tenant_a') $$,
  'service_role writes the Stripe settings (Connect onboarding)');
select lives_ok($$ delete from public.refunds where payment_id = tests.tenancy_id('pay_beta') $$, 'service_role deletes refunds');
select throws_ok($$ select 1 from private.stripe_events $$, '42501', null, 'not even service_role reads private.stripe_events directly');
select tests.authenticate_as('a_owner');
select throws_ok($$ select 1 from private.stripe_events $$, '42501', null, 'no signed-in user reads private.stripe_events');

select * from finish();
rollback;

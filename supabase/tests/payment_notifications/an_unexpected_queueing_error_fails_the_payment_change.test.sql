-- The payments trigger catches nothing: when the payment_link message of a staff-booked hold
-- cannot be queued for an unexpected reason, attaching the checkout page fails with the error and
-- the payment is unchanged (no link the patient never hears about).
begin;
select plan(3);

-- SETUP
select tests.create_payment_fixtures();
select tests.insert_appointment('hold_staff', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'), 'pending');
select tests.insert_payment('pay_staff', 'hold_staff', 'requires_payment', 'checkout');
update public.payments set stripe_payment_intent_id = null, stripe_checkout_session_id = null, checkout_url = null
 where id = tests.tenancy_id('pay_staff');
create trigger zz_fail before insert on public.notifications for each row execute function tests.fail_notification_insert();

-- TEST
select tests.authenticate_as_service_role();
select throws_ok($$ select public.attach_stripe_payment(tests.tenancy_id('pay_staff'), null, 'cs_staff', 'https://checkout.stripe.com/c/pay/cs_staff') $$,
  'XX000', 'boom', 'attaching the checkout page fails when its payment_link cannot be queued');
reset role;
select is((select checkout_url from public.payments where id = tests.tenancy_id('pay_staff')), null, 'the payment has no checkout page');
drop trigger zz_fail on public.notifications;
select tests.authenticate_as_service_role();
select lives_ok($$ select public.attach_stripe_payment(tests.tenancy_id('pay_staff'), null, 'cs_staff', 'https://checkout.stripe.com/c/pay/cs_staff') $$,
  'without the failure the same call attaches it');
reset role;

select * from finish();
rollback;

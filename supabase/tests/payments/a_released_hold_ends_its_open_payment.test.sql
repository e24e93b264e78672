-- When a hold is released — the expire-appointment-holds job, a booking that takes the expired
-- time, the patient cancelling it — its open payment ends: expired when the hold expired,
-- cancelled otherwise, with a failure_message saying why. Payments that already ended are left
-- alone, and nothing is refunded (nothing was paid).
begin;
select plan(5);

-- SETUP
select tests.create_payment_fixtures();
select tests.insert_appointment('expiring', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'), 'pending');
select tests.insert_payment('old_attempt', 'expiring', 'failed');
select tests.insert_payment('open_attempt', 'expiring', 'processing', 'checkout');
update public.appointments set hold_expires_at = now() - interval '1 second' where id = tests.tenancy_id('expiring');
select tests.insert_appointment('abandoned', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '12:00'), 'pending');
select tests.insert_payment('abandoned_payment', 'abandoned');

-- TEST
select is(private.expire_appointment_holds(), 1, 'the job releases the expired hold');
select results_eq($$ select id, status::text, failure_message from public.payments where appointment_id = tests.tenancy_id('expiring') order by attempt $$,
  $$ values (tests.tenancy_id('old_attempt'), 'failed', null::text),
            (tests.tenancy_id('open_attempt'), 'expired', 'The hold on the appointment expired before the payment completed.') $$,
  'its open payment expired; the earlier failed attempt is untouched');
select tests.authenticate_as('patient');
select lives_ok($$ select public.cancel_appointment(tests.tenancy_id('abandoned'), 'changed my mind') $$, 'the patient cancels the held appointment');
reset role;
select results_eq($$ select status::text, failure_message from public.payments where id = tests.tenancy_id('abandoned_payment') $$,
  $$ values ('cancelled', 'The appointment was cancelled before the payment completed.') $$,
  'a cancelled hold cancels its open payment');
select is((select count(*)::integer from public.refunds), 0, 'nothing is refunded for unpaid holds');

select * from finish();
rollback;

-- public.payments_due (security_invoker): the pending appointments with their open payment, if
-- any, and the amount due (the open payment's, else what open_payment would charge). Staff see
-- their tenant's, a patient their own, anon nothing; booked or cancelled appointments are not
-- listed.
begin;
select plan(6);

-- SETUP
select tests.create_payment_fixtures();
select tests.insert_appointment('unopened', 'appt_paid', 'clinician_a_visiting', 'patient_a', tests.appointment_slot(2, '10:00'), 'pending');
select tests.insert_appointment('opened', 'pay_deposit', 'clinician_a', 'patient_a_2', tests.appointment_slot(2, '12:00'), 'pending');
select tests.insert_payment('pay_opened', 'opened', 'processing', 'checkout');
select tests.insert_appointment('booked', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));
select tests.insert_appointment('beta', 'pay_b', 'clinician_b', 'patient_b', tests.appointment_slot(2, '10:00', 'America/New_York'), 'pending', 'tenant_b', 'centre_b1');

-- TEST
select ok((select reloptions from pg_class where oid = 'public.payments_due'::regclass) @> array['security_invoker=true'],
  'the view runs with the caller''s rights');
select tests.authenticate_as('a_front_desk');
select results_eq(
  $$ select appointment_id, kind, amount_due, currency, payment_id, payment_status::text, payment_flow::text, patient_display_name is not null, service_name
     from public.payments_due order by starts_at $$,
  $$ values (tests.tenancy_id('unopened'), 'full', 120.00::numeric, 'GBP', null::uuid, null::text, null::text, true, 'Paid consultation'),
            (tests.tenancy_id('opened'), 'deposit', 50.00::numeric, 'GBP', tests.tenancy_id('pay_opened'), 'processing', 'checkout', true, 'Physiotherapy') $$,
  'staff see their tenant''s held appointments: the clinician''s price where nothing was opened, the open payment otherwise');
select tests.authenticate_as('patient');
select results_eq($$ select appointment_id, amount_due from public.payments_due order by amount_due $$,
  $$ values (tests.tenancy_id('beta'), 60.00::numeric), (tests.tenancy_id('unopened'), 120.00::numeric) $$,
  'a patient sees only their own held appointments, in every tenant');
select tests.authenticate_as('b_owner');
select results_eq($$ select appointment_id from public.payments_due $$, $$ values (tests.tenancy_id('beta')) $$,
  'staff of another tenant see only theirs');
select tests.clear_authentication();
select throws_ok($$ select 1 from public.payments_due $$, '42501', null, 'anon has no access');
reset role;
update public.appointments set hold_expires_at = now() - interval '1 minute' where id = tests.tenancy_id('unopened');
select is((select hold_expired from public.payments_due where appointment_id = tests.tenancy_id('unopened')), true,
  'an expired hold the job has not released yet is flagged');

select * from finish();
rollback;

-- Cancelling a booked appointment refunds its succeeded payments: what is still refundable minus
-- the cancellation fee recorded in cancellation_outcome. A patient cancelling outside the window
-- owes nothing (full refund); inside it the fee is kept; staff cancelling late charge no fee; a
-- fee as large as the payment leaves nothing to refund (no row); what was refunded before is not
-- refunded twice; an unpaid booking gets nothing. Each refund is requested (reason cancellation,
-- requested_by the user who cancelled) for process-refunds, which is invoked at once.
begin;
select plan(8);

-- SETUP (pay_deposit: 150.00 GBP, deposit 50.00, window 48 hours, fee 20.00)
select tests.create_payment_fixtures();
select tests.insert_appointment('early', 'pay_deposit', 'clinician_a', 'patient_a', date_trunc('minute', now()) + interval '5 days');
select tests.insert_payment('pay_early', 'early', 'succeeded');
select tests.insert_appointment('late', 'pay_deposit', 'clinician_a', 'patient_a', date_trunc('minute', now()) + interval '30 hours');
select tests.insert_payment('pay_late', 'late', 'succeeded');
select tests.insert_appointment('staff_late', 'pay_deposit', 'clinician_a', 'patient_a', date_trunc('minute', now()) + interval '20 hours');
select tests.insert_payment('pay_staff_late', 'staff_late', 'succeeded');
select tests.insert_appointment('small', 'pay_deposit', 'clinician_a', 'patient_a', date_trunc('minute', now()) + interval '26 hours');
select tests.insert_payment('pay_small', 'small', 'succeeded');
update public.payments set amount = 15, amount_minor = 1500 where id = tests.tenancy_id('pay_small');
select tests.insert_appointment('partly', 'appt_paid', 'clinician_a', 'patient_a', date_trunc('minute', now()) + interval '4 days');
select tests.insert_payment('pay_partly', 'partly', 'succeeded');
select private.insert_refund(p, 30, 'staff', null, 'goodwill') from public.payments as p where p.id = tests.tenancy_id('pay_partly');
select tests.insert_appointment('unpaid', 'appt_paid', 'clinician_a', 'patient_a', date_trunc('minute', now()) + interval '6 days');

-- TEST
select tests.authenticate_as('patient');
select public.cancel_appointment(tests.tenancy_id('early'), 'patient_request');
select public.cancel_appointment(tests.tenancy_id('late'), 'patient_request');
select public.cancel_appointment(tests.tenancy_id('small'), 'patient_request');
select public.cancel_appointment(tests.tenancy_id('partly'), 'patient_request');
select public.cancel_appointment(tests.tenancy_id('unpaid'), 'patient_request');
select tests.authenticate_as('a_front_desk');
select public.cancel_appointment(tests.tenancy_id('staff_late'), 'clinician ill');
reset role;

select results_eq($$ select amount, amount_minor, reason, status, requested_by from public.refunds where payment_id = tests.tenancy_id('pay_early') $$,
  $$ values (50.000::numeric, 5000::bigint, 'cancellation', 'requested', tests.get_supabase_uid('patient')) $$,
  'outside the window: the whole deposit (50.00) goes back, requested by the patient who cancelled');
select results_eq($$ select amount from public.refunds where payment_id = tests.tenancy_id('pay_late') $$, $$ values (30.000::numeric) $$,
  'a patient cancelling inside the window: 50.00 - the 20.00 fee = 30.00');
select is((select cancellation_outcome ->> 'fee' from public.appointments where id = tests.tenancy_id('late')), '20.00',
  '(the fee the refund deducted is the one cancellation_outcome recorded)');
select results_eq($$ select amount, requested_by from public.refunds where payment_id = tests.tenancy_id('pay_staff_late') $$,
  $$ values (50.000::numeric, tests.get_supabase_uid('a_front_desk')) $$,
  'staff cancelling late charge no fee: everything goes back');
select is_empty($$ select 1 from public.refunds where payment_id = tests.tenancy_id('pay_small') $$,
  'a fee (20.00) larger than what was paid (15.00) leaves nothing to refund: no row');
select results_eq($$ select amount, reason from public.refunds where payment_id = tests.tenancy_id('pay_partly') order by amount $$,
  $$ values (30.000::numeric, 'staff'), (70.000::numeric, 'cancellation') $$,
  'what was already refunded (30.00 of 100.00) is not refunded twice');
select is_empty($$ select 1 from public.refunds where appointment_id = tests.tenancy_id('unpaid') $$, 'an unpaid booking refunds nothing');
select results_eq($$ select private.refundable_amount(p.tenant_id, p.id) from public.payments as p
                     where p.id in (tests.tenancy_id('pay_early'), tests.tenancy_id('pay_late')) order by p.amount_refunded, p.succeeded_at, p.id $$,
  $$ select x from public.payments as p, lateral (select case when p.id = tests.tenancy_id('pay_late') then 20::numeric else 0 end as x) as l
     where p.id in (tests.tenancy_id('pay_early'), tests.tenancy_id('pay_late')) order by p.amount_refunded, p.succeeded_at, p.id $$,
  'the refund on its way counts: nothing more is refundable, except the kept fee (staff may still refund it)');

select * from finish();
rollback;

-- request_refund: owners, admins and managers of the tenant (and service_role) refund part or
-- all of a succeeded payment, at most what is still refundable (the amount minus refunds made or
-- on their way), with a reason; other staff and the patient get PT403, other tenants PT404, anon
-- 42501; an unpaid payment is PT409; a bad amount 22023, too much PT422. A refused call changes
-- nothing; an accepted one is a requested refund (reason staff, the reason as note).
begin;
select plan(14);

-- SETUP
select tests.create_payment_fixtures();
select tests.insert_appointment('paid', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'));
select tests.insert_payment('pay', 'paid', 'succeeded');
select tests.insert_appointment('hold', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '12:00'), 'pending');
select tests.insert_payment('pay_open', 'hold');

-- TEST: refused
select tests.authenticate_as('patient');
select throws_ok($$ select public.request_refund(tests.tenancy_id('pay'), 10, 'please') $$, 'PT403',
  'only owners, admins and managers may refund payments', 'the patient cannot refund their own payment');
select tests.authenticate_as('a_front_desk');
select is(tests.error_of($$ select public.request_refund(tests.tenancy_id('pay'), 10, 'goodwill') $$),
  array['PT403', 'only owners, admins and managers may refund payments', 'Ask an owner, admin or manager of the clinic.'],
  'the front desk gets PT403');
select tests.authenticate_as('b_owner');
select throws_ok($$ select public.request_refund(tests.tenancy_id('pay'), 10, 'goodwill') $$, 'PT404', 'payment not found',
  'the owner of another tenant gets PT404');
select tests.clear_authentication();
select throws_ok($$ select public.request_refund(tests.tenancy_id('pay'), 10, 'goodwill') $$, '42501', null, 'anon cannot call request_refund');
select tests.authenticate_as('a_manager');
select throws_ok($$ select public.request_refund(tests.tenancy_id('pay_open'), 10, 'goodwill') $$, 'PT409', 'a requires_payment payment cannot be refunded',
  'an unpaid payment cannot be refunded');
select is(tests.error_details_of($$ select public.request_refund(tests.tenancy_id('pay_open'), 10, 'goodwill') $$),
  '{"code": "PT409", "message": "a requires_payment payment cannot be refunded", "detail": "status_conflict", "hint": "Only succeeded payments can be refunded."}'::jsonb,
  'with the reason status_conflict and a hint');
select throws_ok($$ select public.request_refund(tests.tenancy_id('pay'), 10, '  ') $$, '22023', 'reason is required (at most 500 characters)',
  'a reason is required');
select throws_ok($$ select public.request_refund(tests.tenancy_id('pay'), 10.005, 'goodwill') $$, '22023',
  'amount must be positive with at most 2 decimals in GBP', 'more decimals than the currency has is 22023');
select throws_ok($$ select public.request_refund(tests.tenancy_id('pay'), -5, 'goodwill') $$, '22023', null, 'a negative amount is 22023');
select is(tests.error_details_of($$ select public.request_refund(tests.tenancy_id('pay'), 100.01, 'goodwill') $$) ->> 'detail',
  'At most 100.00 GBP of this payment can still be refunded.', 'more than was paid is PT422, saying how much is left');
reset role;
select is((select count(*)::integer from public.refunds), 0, 'no refused call created a refund');

-- TEST: allowed
select tests.authenticate_as('a_manager');
select results_eq($$ select amount, amount_minor, reason, note, status, requested_by from public.request_refund(tests.tenancy_id('pay'), 40, ' clinician ran late ') $$,
  $$ values (40.000::numeric, 4000::bigint, 'staff', 'clinician ran late', 'requested', tests.get_supabase_uid('a_manager')) $$,
  'a manager refunds 40.00: a requested staff refund with the reason as note');
select tests.authenticate_as('a_owner');
select throws_ok($$ select public.request_refund(tests.tenancy_id('pay'), 60.01, 'rest') $$, 'PT422', 'that is more than can still be refunded',
  'the requested 40.00 counts: at most 60.00 is left');
select tests.authenticate_as_service_role();
select is((select amount from public.request_refund(tests.tenancy_id('pay'), null, 'refund the rest')), 60.000::numeric,
  'without an amount everything still refundable (60.00) is refunded');

select * from finish();
rollback;

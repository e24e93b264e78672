-- request_refund answers by what the caller sees: staff who hold roles only at other centres do
-- not see a payment (its policy) and get PT404, like another clinic's staff; staff who see it but
-- hold no practice-manager role get PT403; a centre-scoped manager role does not refund.
begin;
select plan(5);

-- SETUP: pay_scope_a1 is the payment of an appointment at centre_a1
select tests.create_centre_scope_fixtures();

-- TEST
select tests.authenticate_as('a_care_coordinator_a2');
select throws_ok($$ select public.request_refund(tests.tenancy_id('pay_scope_a1'), 10, 'goodwill') $$, 'PT404', 'payment not found',
  'a care coordinator of another centre does not see the payment: PT404');
select tests.authenticate_as('a_clinician_2');
select throws_ok($$ select public.request_refund(tests.tenancy_id('pay_scope_a1'), 10, 'goodwill') $$, 'PT404', 'payment not found',
  'a clinician of another centre, not its clinician: PT404');
select tests.authenticate_as('a_front_desk_a1');
select throws_ok($$ select public.request_refund(tests.tenancy_id('pay_scope_a1'), 10, 'goodwill') $$, 'PT403', 'only owners, admins and managers may refund payments',
  'the front desk of its centre sees it but may not refund: PT403');
select tests.authenticate_as('a_centre_manager');
select throws_ok($$ select public.request_refund(tests.tenancy_id('pay_scope_a1'), 10, 'goodwill') $$, 'PT403', 'only owners, admins and managers may refund payments',
  'the centre manager of its centre neither (refunds are for tenant-wide practice managers)');
reset role;
select is((select count(*)::integer from public.refunds where payment_id = tests.tenancy_id('pay_scope_a1')), 0, 'no refund was created');

select * from finish();
rollback;

-- tenants.waitlist_offer_duration (default 30 minutes): owners and admins of the tenant change it
-- like the other settings (column grant); other roles and other tenants change zero rows; anon
-- has no UPDATE grant; values outside 5 minutes .. 24 hours are refused (23514).
begin;
select plan(9);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select is((select waitlist_offer_duration from public.tenants where id = tests.tenancy_id('tenant_a')), '30 minutes'::interval,
  'the default offer lasts 30 minutes');
select tests.authenticate_as('a_owner');
select results_eq($$ update public.tenants set waitlist_offer_duration = '2 hours' where id = tests.tenancy_id('tenant_a') returning waitlist_offer_duration $$,
  $$ values ('2 hours'::interval) $$, 'an owner sets it');
select tests.authenticate_as('a_admin');
select results_eq($$ update public.tenants set waitlist_offer_duration = '15 minutes' where id = tests.tenancy_id('tenant_a') returning waitlist_offer_duration $$,
  $$ values ('15 minutes'::interval) $$, 'an admin sets it');
select throws_ok($$ update public.tenants set waitlist_offer_duration = '4 minutes' where id = tests.tenancy_id('tenant_a') $$,
  '23514', null, 'less than 5 minutes is refused');
select throws_ok($$ update public.tenants set waitlist_offer_duration = '25 hours' where id = tests.tenancy_id('tenant_a') $$,
  '23514', null, 'more than 24 hours is refused');
select tests.authenticate_as('a_manager');
select is_empty($$ update public.tenants set waitlist_offer_duration = '1 hour' where id = tests.tenancy_id('tenant_a') returning 1 $$,
  'a manager changes nothing');
select tests.authenticate_as('b_owner');
select is_empty($$ update public.tenants set waitlist_offer_duration = '1 hour' where id = tests.tenancy_id('tenant_a') returning 1 $$,
  'the owner of another tenant changes nothing');
select tests.clear_authentication();
select throws_ok($$ update public.tenants set waitlist_offer_duration = '1 hour' where id = tests.tenancy_id('tenant_a') $$,
  '42501', 'permission denied for table tenants', 'anon cannot update it');
reset role;
select is((select waitlist_offer_duration from public.tenants where id = tests.tenancy_id('tenant_a')), '15 minutes'::interval,
  'only the permitted changes took effect');

select * from finish();
rollback;

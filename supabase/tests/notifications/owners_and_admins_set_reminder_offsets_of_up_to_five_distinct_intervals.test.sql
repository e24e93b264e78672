-- tenants.reminder_offsets (default 24 hours and 2 hours): owners and admins change it; other
-- staff change nothing; at most 5 distinct offsets of 5 minutes to 30 days each (23514).
begin;
select plan(8);

-- SETUP
select tests.create_notification_fixtures();

-- TEST
select is((select reminder_offsets from public.tenants where id = tests.tenancy_id('tenant_a')), '{24:00:00,02:00:00}'::interval[],
  'the default is 24 hours and 2 hours');
select tests.authenticate_as('a_owner');
select results_eq($$ update public.tenants set reminder_offsets = '{3 days,1 hour}' where id = tests.tenancy_id('tenant_a') returning reminder_offsets $$,
  $$ values ('{3 days,01:00:00}'::interval[]) $$, 'an owner sets them');
select tests.authenticate_as('a_admin');
select lives_ok($$ update public.tenants set reminder_offsets = '{}' where id = tests.tenancy_id('tenant_a') $$, 'an admin turns reminders off');
select tests.authenticate_as('a_manager');
select is_empty($$ update public.tenants set reminder_offsets = '{1 hour}' where id = tests.tenancy_id('tenant_a') returning 1 $$, 'a manager changes nothing');
select tests.authenticate_as('a_owner');
select throws_ok($$ update public.tenants set reminder_offsets = '{1 hour,2 hours,3 hours,4 hours,5 hours,6 hours}' where id = tests.tenancy_id('tenant_a') $$,
  '23514', null, 'six offsets are too many');
select throws_ok($$ update public.tenants set reminder_offsets = '{1 minute}' where id = tests.tenancy_id('tenant_a') $$, '23514', null, 'less than 5 minutes is refused');
select throws_ok($$ update public.tenants set reminder_offsets = '{31 days}' where id = tests.tenancy_id('tenant_a') $$, '23514', null, 'more than 30 days is refused');
select throws_ok($$ update public.tenants set reminder_offsets = '{2 hours,120 minutes}' where id = tests.tenancy_id('tenant_a') $$, '23514', null, 'the same offset twice is refused');
reset role;

select * from finish();
rollback;

-- public.tenant_rate_limits: owners and admins of an active clinic set its own limits for the
-- actions counted per clinic, within bounds; every change is audited; tenant-wide staff read
-- them; nobody else sees them; a suspended clinic's admins can no longer change them.
begin;
select plan(9);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: bounds
select tests.authenticate_as('a_admin');
select lives_ok($$ insert into public.tenant_rate_limits (tenant_id, action, per_user, per_ip, period)
                   values (tests.tenancy_id('tenant_a'), 'booking', 20, 500, interval '1 hour') $$,
  'an admin raises the booking limits (a waiting room with one Wi-Fi address)');
select throws_ok($$ insert into public.tenant_rate_limits (tenant_id, action, per_user, per_ip, period)
                    values (tests.tenancy_id('tenant_a'), 'payment', 0, 10, interval '1 hour') $$,
  '23514', null, 'a limit is at least 1');
select throws_ok($$ insert into public.tenant_rate_limits (tenant_id, action, per_user, per_ip, period)
                    values (tests.tenancy_id('tenant_a'), 'payment', 10, 10, interval '2 days') $$,
  '23514', null, 'a period is at most a day');
select throws_ok($$ insert into public.tenant_rate_limits (tenant_id, action, per_user, per_ip, period)
                    values (tests.tenancy_id('tenant_a'), 'otp', 10, 10, interval '1 hour') $$,
  '23514', null, 'codes are counted across clinics: a clinic cannot change their limit');
select throws_ok($$ update public.tenant_rate_limits set action = 'payment' where tenant_id = tests.tenancy_id('tenant_a') $$,
  'PT422', null, 'the key of a row never changes');
reset role;
select results_eq($$ select actor_user_id, action from public.audit_log where table_name = 'public.tenant_rate_limits' $$,
  $$ values (tests.get_supabase_uid('a_admin'), 'insert') $$, 'the change is in the audit log with who made it');

-- TEST: who reads
select tests.authenticate_as('a_front_desk');
select results_eq($$ select per_ip from public.tenant_rate_limits $$, $$ values (500) $$, 'tenant-wide staff read the limits');
select tests.authenticate_as('b_owner');
select is_empty($$ select 1 from public.tenant_rate_limits where tenant_id = tests.tenancy_id('tenant_a') $$, 'another clinic does not');

-- TEST: a suspended clinic
reset role;
update public.tenants set is_active = false where id = tests.tenancy_id('tenant_a');
select tests.authenticate_as('a_owner');
select is_empty($$ update public.tenant_rate_limits set per_ip = 1 where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'the owner of a suspended clinic cannot change its limits');

select * from finish();
rollback;

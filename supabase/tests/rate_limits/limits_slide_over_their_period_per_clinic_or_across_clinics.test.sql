-- How the limits count (private.count_rate_limited_action): a sliding period over the hits of one
-- subject (account or address); per clinic for booking, changes and payments - a clinic's own
-- row replacing the platform's default - and across clinics for registration, record claims and
-- codes; an action that does not fit is not counted; the platform switch turns everything off.
begin;
select plan(12);

-- SETUP
select tests.create_tenancy_fixtures();
create function pg_temp.count(p_action public.rate_limited_action, p_tenant text, p_user text, p_ip text)
returns interval language sql as $$
  select private.count_rate_limited_action(p_action, tests.tenancy_id(p_tenant), p_user, p_ip)
$$;
-- the platform's default for booking: 10 per account, 60 per address, an hour
select is((select (per_user, per_ip, period, across_tenants)::text from private.rate_limit_defaults where action = 'booking'),
  '(10,60,01:00:00,f)', 'the platform allows 10 bookings per account and 60 per address an hour, per clinic');

-- TEST: the period slides
insert into private.rate_limit_hits (bucket, hit_at)
select private.rate_limit_bucket(tests.tenancy_id('tenant_a'), 'booking', 'user', 'u1'), now() - (n || ' minutes')::interval
from generate_series(50, 59) as n;
select is(pg_temp.count('booking', 'tenant_a', 'u1', null), interval '1 minute',
  'ten bookings in the last hour (the oldest 59 minutes ago): the next fits in a minute');
select is((select count(*)::integer from private.rate_limit_hits
           where bucket = private.rate_limit_bucket(tests.tenancy_id('tenant_a'), 'booking', 'user', 'u1')), 10,
  'an action that does not fit is not counted');
update private.rate_limit_hits set hit_at = hit_at - interval '2 minutes'
 where bucket = private.rate_limit_bucket(tests.tenancy_id('tenant_a'), 'booking', 'user', 'u1')
   and hit_at < now() - interval '58 minutes';
select is(pg_temp.count('booking', 'tenant_a', 'u1', null), null, 'once the oldest hits are over an hour old, it fits and is counted');

-- TEST: per clinic, the clinic's own limits, the address counted apart from the account
select is(pg_temp.count('booking', 'tenant_b', 'u1', null), null, 'in another clinic the same account has its own count');
insert into public.tenant_rate_limits (tenant_id, action, per_user, per_ip, period)
values (tests.tenancy_id('tenant_b'), 'booking', 1, 100, interval '10 minutes');
select ok(pg_temp.count('booking', 'tenant_b', 'u1', null) between interval '9 minutes 59 seconds' and interval '10 minutes',
  'a clinic''s own limit replaces the default: one booking per 10 minutes');
select is(pg_temp.count('booking', 'tenant_b', 'u2', '203.0.113.5'), null, 'another account from an address counts on its own');
select is(
  (select count(*)::integer from private.rate_limit_hits
    where bucket in (private.rate_limit_bucket(tests.tenancy_id('tenant_b'), 'booking', 'user', 'u2'),
                     private.rate_limit_bucket(tests.tenancy_id('tenant_b'), 'booking', 'ip', '203.0.113.5'))),
  2, 'a counted action is one hit for the account and one for the address');

-- TEST: across clinics
select is(array(select pg_temp.count('registration', t, 'u3', null) from unnest(array['tenant_a', 'tenant_b', 'tenant_c', 'tenant_a', 'tenant_b']) as t),
  array[null, null, null, null, null]::interval[], 'five registrations of one account, in any clinics, fit ...');
select ok(pg_temp.count('registration', 'tenant_c', 'u3', null) > interval '23 hours',
  '... the sixth, in yet another clinic, does not: registrations are counted across clinics, five a day');
select throws_ok($$ insert into public.tenant_rate_limits (tenant_id, action, per_user, per_ip, period)
                    values (tests.tenancy_id('tenant_a'), 'registration', 100, 100, interval '1 hour') $$,
  '23514', null, 'a clinic cannot override the limits counted across clinics');

-- TEST: the switch
update private.rate_limit_settings set enabled = false;
select is(pg_temp.count('booking', 'tenant_b', 'u1', null), null, 'with the limits switched off everything fits');

select * from finish();
rollback;

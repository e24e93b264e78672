-- PostgREST's pre-request function: registered on the authenticator role as Supabase documents
-- (pgrst.db_pre_request), executable by every API role (PostgREST runs it as the request's role),
-- and harmless where it must be: it writes nothing (GET requests run read-only), it lets
-- service_role through and anonymous requests without a client address. That it refuses the
-- request past the concurrency limit needs several sessions: tests/api/rate-limits.test.ts.
begin;
select plan(7);

-- TEST: registration and grants
select is(
  (select c.setting from pg_catalog.pg_db_role_setting as d
     join pg_catalog.pg_roles as r on r.oid = d.setrole
     cross join lateral unnest(d.setconfig) as c(setting)
    where r.rolname = 'authenticator' and c.setting like 'pgrst.db\_pre\_request=%'),
  'pgrst.db_pre_request=private.check_request',
  'authenticator carries pgrst.db_pre_request = private.check_request');
select ok(has_function_privilege('anon', 'private.check_request()', 'execute')
          and has_function_privilege('authenticated', 'private.check_request()', 'execute')
          and has_function_privilege('service_role', 'private.check_request()', 'execute'),
  'every API role may execute it');
select is((select (per_user, per_ip)::text from private.request_concurrency_limits where request = '/rpc/search_slots'), '(4,8)',
  'slot search: 4 at once per signed-in user, 8 per anonymous address');

-- TEST: as PostgREST runs it
select tests.clear_authentication();
select tests.as_api_request('203.0.113.20', '/rpc/search_slots');
set local transaction_read_only = on;
select lives_ok($$ select private.check_request() $$, 'an anonymous search runs it in a read-only transaction (GET): it writes nothing');
select tests.clear_authentication();
select set_config('request.headers', '{}', true);
select lives_ok($$ select private.check_request() $$, 'an anonymous request without a client address is not limited');
select tests.authenticate_as_service_role();
select lives_ok($$ select private.check_request() $$, 'service_role is not limited');
reset role;
select is((select count(*)::integer from pg_catalog.pg_locks where locktype = 'advisory' and pid = pg_backend_pid() and objsubid = 2), 2,
  'the anonymous search took two slots, one of every request''s and one of searches: transaction advisory locks in the two-integer key space');

select * from finish();
rollback;

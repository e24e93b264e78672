-- EXECUTE on private functions is granted only where a caller path needs it. Two proofs from the
-- catalogue:
--   1. the private functions each API role may execute are exactly those listed, with the caller
--      path that needs each, in _setup/private_function_grants.sql (every other private function:
--      no API role at all);
--   2. every such grant has a caller path that really runs the function AS that role: a policy
--      for the role, a security-invoker function it may execute, a trigger, constraint, index or
--      domain of a table it writes, a view it reads, or PostgREST's pre-request function (set on
--      the authenticator role, run as every request's role) names the function. (A function
--      called only by security-definer functions runs as their owner and needs no grant.)
begin;

create temporary view granted as
  select p.oid, p.proname::text as name, p.oid::regprocedure::text as function_signature, r.rolname::text as role_name
  from pg_catalog.pg_proc as p
  join pg_catalog.pg_namespace as n on n.oid = p.pronamespace
  cross join (values ('anon'), ('authenticated'), ('service_role')) as r(rolname)
  where n.nspname = 'private' and p.prokind = 'f' and pg_catalog.has_function_privilege(r.rolname, p.oid, 'EXECUTE');

create temporary view runs_as as
  select r.rolname::text as role_name, coalesce(pg_catalog.pg_get_expr(pol.polqual, pol.polrelid), '') || ' '
         || coalesce(pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid), '') as code
  from pg_catalog.pg_policy as pol
  join pg_catalog.pg_roles as r on r.oid = any (pol.polroles) or 0 = any (pol.polroles)
  union all
  select g.rolname, p.prosrc
  from pg_catalog.pg_proc as p
  join pg_catalog.pg_namespace as n on n.oid = p.pronamespace
  cross join (values ('anon'), ('authenticated'), ('service_role')) as g(rolname)
  where n.nspname in ('public', 'private') and not p.prosecdef and pg_catalog.has_function_privilege(g.rolname, p.oid, 'EXECUTE')
  union all
  select g.rolname, p.prosrc
  from pg_catalog.pg_trigger as t
  join pg_catalog.pg_proc as p on p.oid = t.tgfoid
  cross join (values ('anon'), ('authenticated'), ('service_role')) as g(rolname)
  where not t.tgisinternal and not p.prosecdef and pg_catalog.has_table_privilege(g.rolname, t.tgrelid, 'INSERT, UPDATE, DELETE')
  union all
  select g.rolname, pg_catalog.pg_get_constraintdef(c.oid)
  from pg_catalog.pg_constraint as c
  cross join (values ('anon'), ('authenticated'), ('service_role')) as g(rolname)
  where c.contype in ('c', 'x') and c.conrelid <> 0 and pg_catalog.has_any_column_privilege(g.rolname, c.conrelid, 'INSERT, UPDATE')
  union all
  select g.rolname, pg_catalog.pg_get_indexdef(i.indexrelid)
  from pg_catalog.pg_index as i
  cross join (values ('anon'), ('authenticated'), ('service_role')) as g(rolname)
  where pg_catalog.has_any_column_privilege(g.rolname, i.indrelid, 'INSERT, UPDATE')
  union all
  select g.rolname, pg_catalog.pg_get_constraintdef(c.oid)
  from pg_catalog.pg_constraint as c
  join pg_catalog.pg_attribute as a on a.atttypid = c.contypid and a.attnum > 0 and not a.attisdropped
  cross join (values ('anon'), ('authenticated'), ('service_role')) as g(rolname)
  where c.contypid <> 0 and pg_catalog.has_column_privilege(g.rolname, a.attrelid, a.attnum, 'INSERT, UPDATE')
  union all
  select g.rolname, pg_catalog.pg_get_viewdef(v.oid)
  from pg_catalog.pg_class as v
  join pg_catalog.pg_namespace as n on n.oid = v.relnamespace
  cross join (values ('anon'), ('authenticated'), ('service_role')) as g(rolname)
  where n.nspname = 'public' and v.relkind = 'v' and pg_catalog.has_table_privilege(g.rolname, v.oid, 'SELECT')
  union all
  select g.rolname, pg_catalog.split_part(c.setting, '=', 2) || '()'
  from pg_catalog.pg_db_role_setting as d
  join pg_catalog.pg_roles as r on r.oid = d.setrole
  cross join lateral pg_catalog.unnest(d.setconfig) as c(setting)
  cross join (values ('anon'), ('authenticated'), ('service_role')) as g(rolname)
  where r.rolname = 'authenticator' and c.setting like 'pgrst.db\_pre\_request=%';

select plan(4);

-- TEST: the grants are exactly the listed ones
select is_empty(
  $$ select function_signature, role_name from granted
     except
     select g.function_signature, r.role_name from tests.private_function_grants() as g
     cross join lateral pg_catalog.unnest(pg_catalog.string_to_array(g.grantees, ',')) as r(role_name) $$,
  'no API role may execute a private function that is not listed (with its caller path) in _setup/private_function_grants.sql');
select is_empty(
  $$ select g.function_signature, r.role_name from tests.private_function_grants() as g
     cross join lateral pg_catalog.unnest(pg_catalog.string_to_array(g.grantees, ',')) as r(role_name)
     except
     select function_signature, role_name from granted $$,
  'every listed grant exists (the list is not stale)');

-- TEST: every grant is needed
select is_empty(
  $$ select g.function_signature, g.role_name from granted as g
     where not exists (select 1 from runs_as as x where x.role_name = g.role_name and x.code ~ ('private\.' || g.name || '\(')) $$,
  'every EXECUTE grant on a private function has a caller path that runs it as that role');

-- TEST: and the check has teeth: a grant nothing needs is caught
create function private.grant_probe() returns integer language sql set search_path = '' as 'select 1';
revoke execute on function private.grant_probe() from public;
grant execute on function private.grant_probe() to authenticated;
select results_eq(
  $$ select g.function_signature, g.role_name from granted as g
     where not exists (select 1 from runs_as as x where x.role_name = g.role_name and x.code ~ ('private\.' || g.name || '\(')) $$,
  $$ values ('private.grant_probe()', 'authenticated') $$,
  'a private function granted to a role that never runs it is reported');

select * from finish();
rollback;

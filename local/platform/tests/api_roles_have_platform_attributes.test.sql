-- The Data API roles (anon, authenticated, service_role) and the role PostgREST logs in with
-- (authenticator) have exactly the platform's attributes and per-role settings.
-- Source: supabase/postgres nix/tests/expected/roles.out; research supabase-platform.md §1.2.
begin;
select plan(8);

-- TEST: attributes
select results_eq(
  $$ select rolname::text collate "default", rolsuper, rolcanlogin, rolinherit, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls
       from pg_catalog.pg_roles
      where rolname in ('anon', 'authenticated', 'service_role', 'authenticator')
      order by rolname $$,
  $$ values ('anon',          false, false, true,  false, false, false, false),
            ('authenticated', false, false, true,  false, false, false, false),
            ('authenticator', false, true,  false, false, false, false, false),
            ('service_role',  false, false, true,  false, false, false, true) $$,
  'anon/authenticated/service_role are NOLOGIN INHERIT, only service_role bypasses RLS; authenticator is LOGIN NOINHERIT'
);

-- TEST: per-role settings (ALTER ROLE ... SET), which PostgREST applies to each request
select is(
  (select rolconfig from pg_catalog.pg_roles where rolname = 'anon'),
  array['statement_timeout=3s'],
  'anon runs with statement_timeout = 3s'
);
select is(
  (select rolconfig from pg_catalog.pg_roles where rolname = 'authenticated'),
  array['statement_timeout=8s'],
  'authenticated runs with statement_timeout = 8s'
);
select is(
  (select rolconfig from pg_catalog.pg_roles where rolname = 'service_role'),
  null::text[],
  'service_role has no per-role settings'
);
select ok(
  (select rolconfig @> array['statement_timeout=8s', 'lock_timeout=8s'] from pg_catalog.pg_roles where rolname = 'authenticator'),
  'authenticator runs with statement_timeout = 8s and lock_timeout = 8s'
);

-- TEST: authenticator can become exactly the three API roles
select results_eq(
  $$ select g.rolname::text collate "default"
       from pg_catalog.pg_auth_members m
       join pg_catalog.pg_roles r on r.oid = m.member
       join pg_catalog.pg_roles g on g.oid = m.roleid
      where r.rolname = 'authenticator'
      order by 1 $$,
  $$ values ('anon'), ('authenticated'), ('service_role') $$,
  'authenticator is a member of anon, authenticated and service_role only'
);

-- TEST: the API roles themselves cannot become anything else
select is_empty(
  $$ select 1
       from pg_catalog.pg_auth_members m
       join pg_catalog.pg_roles r on r.oid = m.member
      where r.rolname in ('anon', 'authenticated', 'service_role') $$,
  'anon, authenticated and service_role are members of no role'
);

select ok(
  not pg_catalog.pg_has_role('authenticated', 'service_role', 'usage'),
  'authenticated does not inherit service_role privileges'
);

select * from finish();
rollback;

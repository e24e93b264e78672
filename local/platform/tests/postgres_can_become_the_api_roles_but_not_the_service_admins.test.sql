-- From a postgres session you can SET ROLE to anon, authenticated and service_role (how RLS is
-- tested), but not to GoTrue's supabase_auth_admin nor to supabase_admin: the platform revoked
-- postgres' membership in supabase_auth_admin (2024/2025).
-- Source: supabase/postgres nix/tests/expected/z_15_roles.out; migrations
-- 20240627101908_revoke_supabase_auth_admin_from_postgres.sql, 20250421084701_revoke_admin_roles_from_postgres.sql.
begin;
select plan(9);

select lives_ok($$ set local role anon $$, 'postgres can set role anon');
reset role;
select lives_ok($$ set local role authenticated $$, 'postgres can set role authenticated');
reset role;
select lives_ok($$ set local role service_role $$, 'postgres can set role service_role');
reset role;
select lives_ok($$ select pg_catalog.set_config('role', 'authenticated', true) $$,
  'postgres can switch role the PostgREST way, with set_config(''role'', ..., true)');
reset role;

select throws_ok($$ set local role supabase_auth_admin $$, '42501', 'permission denied to set role "supabase_auth_admin"',
  'postgres cannot set role supabase_auth_admin (Auth hooks are run by GoTrue''s own connection)');
select throws_ok($$ set local role supabase_admin $$, '42501', 'permission denied to set role "supabase_admin"',
  'postgres cannot set role supabase_admin');

-- TEST: the full list of what postgres is a member of
select results_eq(
  $$ select g.rolname::text collate "default"
       from pg_catalog.pg_auth_members m
       join pg_catalog.pg_roles r on r.oid = m.member
       join pg_catalog.pg_roles g on g.oid = m.roleid
      where r.rolname = 'postgres'
        and (g.rolname like 'pg\_%' or g.rolname like 'supabase\_%'
             or g.rolname in ('anon', 'authenticated', 'service_role', 'authenticator', 'dashboard_user', 'pgbouncer'))
      order by 1 $$,
  $$ values ('anon'), ('authenticated'), ('pg_monitor'), ('pg_read_all_data'), ('pg_signal_backend'),
            ('service_role'), ('supabase_realtime_admin'), ('supabase_storage_admin') $$,
  'postgres is a member of the API roles, pg_monitor, pg_read_all_data, pg_signal_backend (and supabase_realtime_admin and supabase_storage_admin, see README)'
);

select ok(not pg_catalog.pg_has_role('postgres', 'supabase_auth_admin', 'member'), 'postgres is not a member of supabase_auth_admin');
-- The platform revoked supabase_storage_admin from postgres too; here the membership stands in for
-- supautils' policy_grants (policies on storage.objects), README deviation 1.
select ok(pg_catalog.pg_has_role('postgres', 'supabase_storage_admin', 'member'), 'postgres may create policies on storage.objects (membership standing in for supautils policy_grants)');

select * from finish();
rollback;

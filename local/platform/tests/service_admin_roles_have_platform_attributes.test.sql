-- The roles of the platform services (GoTrue, Realtime, Storage, Studio, ...) exist with the
-- platform's attributes and settings.
-- Sources: supabase/postgres nix/tests/expected/roles.out, auth.out;
-- migrations/20260821154147_revoke_createrole_from_auth_admin.sql;
-- supabase/realtime priv/repo/tenant_db_dump_15.sql (supabase_realtime_admin).
begin;
select plan(5);

select results_eq(
  $$ select rolname::text collate "default", rolsuper, rolcanlogin, rolinherit, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls
       from pg_catalog.pg_roles
      where rolname in ('supabase_admin', 'supabase_auth_admin', 'supabase_storage_admin', 'supabase_functions_admin',
                        'supabase_realtime_admin', 'dashboard_user', 'supabase_read_only_user',
                        'supabase_replication_admin', 'pgbouncer')
      order by rolname $$,
  $$ values ('dashboard_user',             false, false, true,  true,  true,  true,  false),
            ('pgbouncer',                  false, true,  true,  false, false, false, false),
            ('supabase_admin',             true,  true,  true,  true,  true,  true,  true),
            ('supabase_auth_admin',        false, true,  false, false, false, false, false),
            ('supabase_functions_admin',   false, true,  false, true,  false, false, false),
            ('supabase_read_only_user',    false, true,  true,  false, false, false, true),
            ('supabase_realtime_admin',    false, false, false, false, false, false, false),
            ('supabase_replication_admin', false, true,  true,  false, false, true,  false),
            ('supabase_storage_admin',     false, true,  false, true,  false, false, false) $$,
  'service roles have the platform attributes'
);

select is(
  (select rolconfig from pg_catalog.pg_roles where rolname = 'supabase_auth_admin'),
  array['search_path=auth', 'idle_in_transaction_session_timeout=60000', 'log_statement=none'],
  'supabase_auth_admin (GoTrue, Auth hooks) runs with search_path = auth'
);

select is(
  (select rolconfig from pg_catalog.pg_roles where rolname = 'supabase_admin'),
  array['search_path="$user", public, auth, extensions', 'log_statement=none'],
  'supabase_admin has the platform settings'
);

select results_eq(
  $$ select g.rolname::text collate "default"
       from pg_catalog.pg_auth_members m
       join pg_catalog.pg_roles r on r.oid = m.member
       join pg_catalog.pg_roles g on g.oid = m.roleid
      where r.rolname = 'supabase_realtime_admin'
      order by 1 $$,
  $$ values ('anon'), ('authenticated'), ('service_role') $$,
  'supabase_realtime_admin can become the three API roles'
);

select ok(
  pg_catalog.has_database_privilege('supabase_auth_admin', pg_catalog.current_database(), 'create'),
  'supabase_auth_admin may create schemas in the database (2025 grant)'
);

select * from finish();
rollback;

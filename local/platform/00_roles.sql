-- 00_roles.sql — the database roles of a Supabase project, with their final attributes,
-- settings and memberships. Applied once, as the bootstrap superuser `supabase_admin`, on a
-- freshly initdb-ed cluster (see README.md). On hosted Supabase / `supabase start` the
-- supabase/postgres image creates all of this; here we reproduce it for a Docker-free PG15.
--
-- Sources (see README.md for the full list):
--   [roles]   supabase/postgres nix/tests/expected/roles.out (attributes, rolconfig)
--   [z15]     supabase/postgres nix/tests/expected/z_15_roles.out (PG15 memberships, final)
--   [init]    supabase/postgres migrations/db/init-scripts/00000000000000-initial-schema.sql
--   [demote]  supabase/postgres migrations/db/migrations/10000000000000_demote-postgres.sql
--   [inherit] supabase/postgres migrations/db/migrations/20230529180330_alter_api_roles_for_inherit.sql
--   [revoke25] supabase/postgres migrations/db/migrations/20250421084701_revoke_admin_roles_from_postgres.sql
--   [nocr]    supabase/postgres migrations/db/migrations/20260821154147_revoke_createrole_from_auth_admin.sql
--   [rt]      supabase/realtime priv/repo/tenant_db_dump_15.sql (supabase_realtime_admin) and
--             lib/realtime/tenants/repo/migrations/20260606120000_setup_supabase_realtime_admin.ex
--   research: docs/research/supabase-platform.md §1.2, §1.3, §7

-- The bootstrap superuser (initdb -U supabase_admin). [init] + [roles]
alter role supabase_admin with superuser createdb createrole replication bypassrls;
alter role supabase_admin set search_path = "$user", public, auth, extensions;
alter role supabase_admin set log_statement = 'none';

-- postgres: the role migrations, seeds, Studio and `supabase test db` use. NOT a superuser on the
-- platform ("demoted"), but it bypasses RLS. [demote] [roles]
-- Password 'postgres' = Supabase's well-known local-dev value (the stack connects with it).
create role postgres with nosuperuser createdb createrole login replication bypassrls password 'postgres';
-- [roles] stores the value with a literal backslash ("\$user") — an upstream quirk of the image's
-- post-setup script; kept verbatim. It resolves like "$user" unless a schema named "\$user" exists.
alter role postgres set search_path = "\$user", public, extensions;

-- API roles PostgREST switches to. Created NOINHERIT in [init], switched to INHERIT in [inherit].
create role anon with nologin inherit;
create role authenticated with nologin inherit;
create role service_role with nologin inherit bypassrls;
alter role anon set statement_timeout = '3s';           -- [init]
alter role authenticated set statement_timeout = '8s';  -- [init]

-- authenticator: the LOGIN role PostgREST connects with; NOINHERIT, it only SET ROLEs. [init]
-- Timeouts: 20221028101028_set_authenticator_timeout.sql, 20231130133139_set_lock_timeout_to_authenticator_role.sql.
-- Not reproduced: session_preload_libraries = 'safeupdate' (pg-safeupdate is not packaged for
-- Debian PG15; setting it would make every authenticator login fail). See README deviations.
create role authenticator with login noinherit password 'postgres';
alter role authenticator set statement_timeout = '8s';
alter role authenticator set lock_timeout = '8s';
grant anon, authenticated, service_role to authenticator;

-- GoTrue's role: owns the auth tables and functions; Auth hooks run as this role.
-- Init script: NOINHERIT CREATEROLE LOGIN; CREATEROLE revoked in 2026 [nocr].
create role supabase_auth_admin with login noinherit nocreaterole noreplication password 'postgres';
alter role supabase_auth_admin set search_path = auth;
alter role supabase_auth_admin set idle_in_transaction_session_timeout = 60000;
alter role supabase_auth_admin set log_statement = 'none';

-- Storage's role: owns the storage schema's objects (70_storage.sql). [roles]
create role supabase_storage_admin with login noinherit createrole noreplication;
alter role supabase_storage_admin set search_path = storage;
alter role supabase_storage_admin set log_statement = 'none';
grant authenticator to supabase_storage_admin;  -- [z15]

-- Edge Functions / pg_net admin role. [roles] (created by post-setup grant_pg_net_access)
create role supabase_functions_admin with login noinherit createrole noreplication;

-- Realtime's role: owns realtime.messages & co.; member of the API roles. [rt]
create role supabase_realtime_admin with nologin noinherit nocreatedb nocreaterole noreplication nobypassrls;
alter role supabase_realtime_admin set search_path = public, extensions, realtime;
grant anon, authenticated, service_role to supabase_realtime_admin;
grant set on parameter log_min_messages to supabase_realtime_admin;

-- Studio's role. [roles] / post-setup: NOSUPERUSER CREATEDB CREATEROLE REPLICATION (NOLOGIN).
create role dashboard_user with nologin inherit createdb createrole replication;

-- Read-only, replication, ETL and pooler roles. [init] [roles] [z15]
create role supabase_read_only_user with login inherit bypassrls;
grant pg_read_all_data, pg_monitor to supabase_read_only_user;
create role supabase_replication_admin with login inherit replication;
create role supabase_etl_admin with login inherit replication;
grant pg_monitor, pg_read_all_data to supabase_etl_admin;
create role pgbouncer with login inherit;

-- What postgres can SET ROLE to / inherits. [z15] (final PG15 image):
--   postgres ∈ {anon, authenticated, service_role, pg_monitor, pg_read_all_data, pg_signal_backend}
-- postgres is NOT a member of supabase_auth_admin (revoked in 20240627101908 and again in
-- [revoke25]) nor of supabase_storage_admin.
grant anon, authenticated, service_role to postgres;
grant pg_monitor, pg_read_all_data, pg_signal_backend to postgres;

-- postgres ∈ supabase_realtime_admin: Realtime's own migration keeps this membership on databases
-- without supautils' `policy_grants` ("so postgres can manage policies via inheritance") [rt];
-- that is our case. On hosted images ≥ 15.14.1.018 supautils grants the same ability (create
-- policies on realtime.messages) without the membership. See README deviations.
grant supabase_realtime_admin to postgres;

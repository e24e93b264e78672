-- 10_database_and_schemas.sql — database ownership, the platform schemas and their grants, and
-- the default privileges that decide whether a new table in `public` is reachable through the
-- Data API. Applied as supabase_admin after 00_roles.sql.
--
-- Sources:
--   [init]     supabase/postgres migrations/db/init-scripts/00000000000000-initial-schema.sql
--   [post]     supabase/postgres migrations/db/init-scripts/00000000000003-post-setup.sql
--   [auth-init] supabase/postgres migrations/db/init-scripts/00000000000001-auth-schema.sql
--   [demote]   supabase/postgres migrations/db/migrations/10000000000000_demote-postgres.sql
--   [roles]    supabase/postgres nix/tests/expected/roles.out (schema + default ACLs)
--   [authout]  supabase/postgres nix/tests/expected/auth.out
--   [revoke25] supabase/postgres migrations/db/migrations/20250421084701_revoke_admin_roles_from_postgres.sql
--   [authdb]   supabase/postgres migrations/db/migrations/20251121141100_supabase_auth_admin_db_grants.sql
--   [rt]       supabase/realtime priv/repo/tenant_db_dump_15.sql (schema realtime ACL) and
--              migrations/20260606120000_setup_supabase_realtime_admin.ex
--   [cli]      supabase/cli apps/cli-go/internal/db/start/start.go RevokeDefaultDataApiPrivilegesSql
--   research: supabase-platform.md §1.4, §1.5, §1.6, §1.7

-- The project database belongs to postgres, so postgres owns `public` (via pg_database_owner)
-- and may CREATE schemas and trusted extensions. [demote]: GRANT ALL ON DATABASE postgres TO postgres
alter database postgres owner to postgres;
grant all on database postgres to dashboard_user;                               -- [post]
grant create on database postgres to supabase_auth_admin;                       -- [authdb]
grant create on database postgres to supabase_realtime_admin;                   -- [rt]

-- public: owner pg_database_owner (PG15 default), USAGE for the API roles, no CREATE for them. [init] [roles]
grant usage on schema public to postgres, anon, authenticated, service_role;

-- extensions: owned by postgres (created by the init script while postgres was still superuser),
-- USAGE for the API roles, ALL for dashboard_user. [init] [post] [roles]
create schema extensions authorization postgres;
grant usage on schema extensions to anon, authenticated, service_role;
grant all on schema extensions to dashboard_user;
alter default privileges for role supabase_admin in schema extensions
  grant all on tables to postgres;
alter default privileges for role supabase_admin in schema extensions
  grant all on sequences to postgres;
alter default privileges for role supabase_admin in schema extensions
  grant all on functions to postgres;

-- auth: owned by supabase_admin; GoTrue (supabase_auth_admin) has ALL on it. postgres keeps USAGE
-- but lost CREATE in April 2025 (no tables/functions of your own in auth). [auth-init] [authout] [revoke25]
create schema auth authorization supabase_admin;
grant usage on schema auth to anon, authenticated, service_role, postgres;
grant all on schema auth to supabase_auth_admin, dashboard_user;
-- Whatever GoTrue creates in auth is fully available to postgres and Studio. [roles] (auth rows, default_for supabase_auth_admin)
alter default privileges for role supabase_auth_admin in schema auth
  grant all on tables to postgres, dashboard_user;
alter default privileges for role supabase_auth_admin in schema auth
  grant all on sequences to postgres, dashboard_user;
alter default privileges for role supabase_auth_admin in schema auth
  grant all on functions to postgres, dashboard_user;

-- realtime: owned by supabase_admin; supabase_realtime_admin owns its objects. postgres has USAGE
-- (with grant option) but no CREATE. [rt] [revoke25]
create schema realtime authorization supabase_admin;
grant usage on schema realtime to postgres with grant option;
grant usage on schema realtime to anon, authenticated, service_role;
grant all on schema realtime to supabase_realtime_admin with grant option;
alter default privileges for role supabase_admin in schema realtime
  grant all on tables to postgres, dashboard_user;
alter default privileges for role supabase_admin in schema realtime
  grant all on sequences to postgres, dashboard_user;
alter default privileges for role supabase_admin in schema realtime
  grant all on functions to postgres, dashboard_user;

-- Default privileges in public, step 1: what the image's init script records. It ran as postgres,
-- so the un-scoped statements belong to role postgres; plus explicit ones for supabase_admin. [init] [roles]
alter default privileges for role postgres in schema public
  grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public
  grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public
  grant all on sequences to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public
  grant all on sequences to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public
  grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public
  grant all on functions to postgres, anon, authenticated, service_role;

-- Default privileges in public, step 2: the 2026 default ("new tables are not exposed to the Data
-- API automatically"; default for new projects since 2026-05-30, for all projects from
-- 2026-10-30). Exactly the CLI's RevokeDefaultDataApiPrivilegesSql, which `supabase start` runs
-- when [api] auto_expose_new_tables = false (our supabase/config.toml). [cli] research §1.6
-- TRUNCATE/REFERENCES/TRIGGER and sequence UPDATE defaults stay; supabase_admin's defaults stay.
-- A new table in public is therefore unreachable for anon/authenticated/service_role (42501)
-- until a migration grants it explicitly.
alter default privileges for role postgres in schema public revoke select, insert, update, delete on tables from anon, authenticated, service_role;
alter default privileges for role postgres in schema public revoke usage, select on sequences from anon, authenticated, service_role;
alter default privileges for role postgres in schema public revoke execute on functions from anon, authenticated, service_role;
-- NB: PostgreSQL itself still grants EXECUTE on new functions to PUBLIC (not a Supabase default);
-- migrations revoke that themselves where it matters.

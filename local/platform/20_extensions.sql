-- 20_extensions.sql — extensions a Supabase project has before its first migration, and the
-- ones the platform lets postgres use although they need a superuser. Applied as supabase_admin.
--
-- Sources:
--   [init]   supabase/postgres migrations/db/init-scripts/00000000000000-initial-schema.sql
--            (uuid-ossp, pgcrypto `with schema extensions`)
--   [post]   supabase/postgres migrations/db/init-scripts/00000000000003-post-setup.sql and
--            migrations/db/migrations/20260730000000_revoke_trigger_on_cron_tables_from_postgres.sql
--            (extensions.grant_pg_cron_access: what postgres gets on schema cron)
--   [cronjob] supabase/postgres migrations/db/migrations/20231020085357_revoke_writes_on_cron_job_from_postgres.sql
--   [crondoc] supabase docs guides/database/extensions/pg_cron.mdx
--   [cli]    supabase/cli `db lint`: runs `CREATE EXTENSION IF NOT EXISTS plpgsql_check` as the
--            connecting user, then plpgsql_check_function() on every user schema, in a rolled-back
--            transaction (checked in the npm CLI 3.1.0 binary)
--   research: supabase-platform.md §5.1, §5.2, §5.5

-- uuid-ossp and pgcrypto live in `extensions` (never in public: advisor 0014). Both are trusted
-- extensions, so we create them as postgres, like the image's init script did.
set role postgres;
create extension if not exists "uuid-ossp" with schema extensions;
create extension if not exists pgcrypto with schema extensions;
reset role;

-- pg_cron, as the docs enable it: objects land in schema `cron` whatever the extension schema.
-- Needs shared_preload_libraries = 'pg_cron' and cron.database_name = 'postgres' (postgresql.conf).
create extension if not exists pg_cron with schema pg_catalog;
-- What Supabase's event trigger extensions.grant_pg_cron_access() grants when pg_cron is created
-- (we apply its effect directly instead of installing the event trigger). [post] [crondoc]
grant usage on schema cron to postgres with grant option;
alter default privileges in schema cron grant all on tables to postgres with grant option;
alter default privileges in schema cron grant all on functions to postgres with grant option;
alter default privileges in schema cron grant all on sequences to postgres with grant option;
alter default privileges for user supabase_admin in schema cron grant all on sequences to postgres with grant option;
alter default privileges for user supabase_admin in schema cron grant all on tables to postgres with grant option;
alter default privileges for user supabase_admin in schema cron grant all on functions to postgres with grant option;
grant all privileges on all tables in schema cron to postgres with grant option;
-- Jobs are managed only through cron.schedule/unschedule/alter_job, never by writing cron.job. [cronjob]
revoke all on table cron.job from postgres;
grant select on table cron.job to postgres with grant option;
revoke trigger on cron.job_run_details from postgres;  -- [post] 2026

-- plpgsql_check: `supabase db lint` needs it. On the platform postgres may create it on demand
-- (supautils privileged extension); here it is not a trusted extension, so it is pre-created in
-- `extensions` (postgres' search_path includes extensions, where the CLI's unqualified
-- plpgsql_check_function() call finds it; the CLI's IF NOT EXISTS then does nothing). [cli]
create extension if not exists plpgsql_check with schema extensions;

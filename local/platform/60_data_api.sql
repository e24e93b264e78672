-- 60_data_api.sql — what the supabase/postgres image gives PostgREST inside the database: the
-- `pgrst_ddl_watch` / `pgrst_drop_watch` event triggers (every schema change tells PostgREST to
-- reload its schema cache, so a migration is visible through the API at once) and the
-- `graphql_public` schema that `[api] schemas` exposes next to `public`. Applied as supabase_admin
-- (event triggers need a superuser; on the platform the image's superuser owns all of this).
--
-- Sources:
--   [pgrst]   supabase/postgres migrations/db/migrations/20220126121436_finer-postgrest-triggers.sql
--             and 20220321174452_fix-postgrest-alter-type-event-trigger.sql (final bodies, as in
--             migrations/schema-15.sql); PostgREST docs "Schema cache: finer-grained event trigger"
--   [gql]     supabase/postgres migrations/db/migrations/20220317095840_pg_graphql.sql (schema,
--             grants, default privileges) and the placeholder graphql_public.graphql() that
--             extensions.set_graphql_placeholder() installs while pg_graphql is not enabled
--   [cli]     supabase/cli config template: [api] schemas = ["public", "graphql_public"]
-- Not emulated: pg_graphql itself (not packaged for Debian PG15) and its event triggers
-- (issue_graphql_placeholder, issue_pg_graphql_access): /graphql/v1 answers with the placeholder's
-- "pg_graphql extension is not enabled." as a project without the extension does.

-- Reload on create/alter of anything PostgREST caches. [pgrst]
create function extensions.pgrst_ddl_watch() returns event_trigger
language plpgsql
as $$
declare
  cmd record;
begin
  for cmd in select * from pg_event_trigger_ddl_commands()
  loop
    if cmd.command_tag in (
      'CREATE SCHEMA', 'ALTER SCHEMA'
    , 'CREATE TABLE', 'CREATE TABLE AS', 'SELECT INTO', 'ALTER TABLE'
    , 'CREATE FOREIGN TABLE', 'ALTER FOREIGN TABLE'
    , 'CREATE VIEW', 'ALTER VIEW'
    , 'CREATE MATERIALIZED VIEW', 'ALTER MATERIALIZED VIEW'
    , 'CREATE FUNCTION', 'ALTER FUNCTION'
    , 'CREATE TRIGGER'
    , 'CREATE TYPE', 'ALTER TYPE'
    , 'CREATE RULE'
    , 'COMMENT'
    )
    -- not for temporary objects
    and cmd.schema_name is distinct from 'pg_temp'
    then
      notify pgrst, 'reload schema';
    end if;
  end loop;
end; $$;

-- Reload on drop of anything PostgREST caches. [pgrst]
create function extensions.pgrst_drop_watch() returns event_trigger
language plpgsql
as $$
declare
  obj record;
begin
  for obj in select * from pg_event_trigger_dropped_objects()
  loop
    if obj.object_type in (
      'schema'
    , 'table'
    , 'foreign table'
    , 'view'
    , 'materialized view'
    , 'function'
    , 'trigger'
    , 'type'
    , 'rule'
    )
    and obj.is_temporary is false
    then
      notify pgrst, 'reload schema';
    end if;
  end loop;
end; $$;

create event trigger pgrst_ddl_watch on ddl_command_end execute procedure extensions.pgrst_ddl_watch();
create event trigger pgrst_drop_watch on sql_drop execute procedure extensions.pgrst_drop_watch();

-- graphql_public: exposed to the API roles; whatever supabase_admin creates there is theirs. [gql]
create schema if not exists graphql_public;
grant usage on schema graphql_public to postgres, anon, authenticated, service_role;
alter default privileges in schema graphql_public grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges in schema graphql_public grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges in schema graphql_public grant all on sequences to postgres, anon, authenticated, service_role;
alter default privileges for user supabase_admin in schema graphql_public grant all on sequences to postgres, anon, authenticated, service_role;
alter default privileges for user supabase_admin in schema graphql_public grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for user supabase_admin in schema graphql_public grant all on functions to postgres, anon, authenticated, service_role;

-- The entry point /graphql/v1 calls while pg_graphql is not enabled. [gql]
create or replace function graphql_public.graphql(
  "operationName" text default null,
  query text default null,
  variables jsonb default null,
  extensions jsonb default null
)
returns jsonb
language plpgsql
as $$
declare
  server_version float;
begin
  server_version = (select (split_part((select version()), ' ', 2))::float);
  if server_version >= 14 then
    return jsonb_build_object(
      'errors', jsonb_build_array(
        jsonb_build_object('message', 'pg_graphql extension is not enabled.')
      )
    );
  else
    return jsonb_build_object(
      'errors', jsonb_build_array(
        jsonb_build_object('message', 'pg_graphql is only available on projects running Postgres 14 onwards.')
      )
    );
  end if;
end;
$$;

-- PostgREST's in-database configuration: on hosted projects supautils lets `postgres` set the
-- pgrst.* settings of roles (supautils.privileged_role_allowed_configs includes 'pgrst.*' in
-- supabase/postgres ansible/files/postgresql_config/supautils.conf.j2), e.g. Supabase's
-- documented `alter role authenticator set pgrst.db_pre_request = ...`. Without supautils, PG15
-- needs the SET privilege on the placeholder parameter for that.
grant set on parameter pgrst.db_pre_request to postgres;

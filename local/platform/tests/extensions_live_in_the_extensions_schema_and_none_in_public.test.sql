-- Extensions are installed in schema `extensions` (uuid-ossp and pgcrypto from the start), never
-- in public (advisor 0014); the API roles may use the schema.
-- Source: supabase/postgres init-scripts/00000000000000-initial-schema.sql; supabase/splinter
-- lints/0014_extension_in_public.sql; research supabase-platform.md §5.1.
begin;
select plan(7);

select is((select extnamespace::regnamespace::text from pg_catalog.pg_extension where extname = 'uuid-ossp'), 'extensions', 'uuid-ossp is in extensions');
select is((select extnamespace::regnamespace::text from pg_catalog.pg_extension where extname = 'pgcrypto'), 'extensions', 'pgcrypto is in extensions');
select is((select extnamespace::regnamespace::text from pg_catalog.pg_extension where extname = 'plpgsql_check'), 'extensions',
  'plpgsql_check (for supabase db lint) is in extensions');
select is_empty($$ select extname from pg_catalog.pg_extension where extnamespace = 'public'::regnamespace $$, 'no extension lives in public');
select is((select pg_catalog.pg_get_userbyid(nspowner)::text from pg_catalog.pg_namespace where nspname = 'extensions'), 'postgres',
  'schema extensions is owned by postgres');
select ok(pg_catalog.has_schema_privilege('anon', 'extensions', 'usage') and pg_catalog.has_schema_privilege('authenticated', 'extensions', 'usage'),
  'anon and authenticated may use schema extensions');
select isnt(extensions.uuid_generate_v4(), null::uuid, 'extensions.uuid_generate_v4() works');

select * from finish();
rollback;

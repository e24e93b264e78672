-- The role migrations, seeds and pgTAP tests run as (postgres) is demoted on the platform: not a
-- superuser, but CREATEDB CREATEROLE LOGIN REPLICATION BYPASSRLS, owner of the database.
-- Source: supabase/postgres migrations/db/migrations/10000000000000_demote-postgres.sql, roles.out;
-- research supabase-platform.md §1.2.
begin;
select plan(6);

select results_eq(
  $$ select rolsuper, rolcanlogin, rolinherit, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls
       from pg_catalog.pg_roles where rolname = 'postgres' $$,
  $$ values (false, true, true, true, true, true, true) $$,
  'postgres is NOSUPERUSER CREATEDB CREATEROLE LOGIN REPLICATION BYPASSRLS'
);

select is(
  current_user::text, 'postgres',
  'the tests run as postgres'
);

select is(
  (select pg_catalog.pg_get_userbyid(datdba)::text from pg_catalog.pg_database where datname = pg_catalog.current_database()),
  'postgres',
  'postgres owns the project database (and so owns schema public through pg_database_owner)'
);

select is(
  (select rolconfig from pg_catalog.pg_roles where rolname = 'postgres'),
  array['search_path="\$user", public, extensions'],
  'postgres has the platform search_path (including extensions)'
);

-- TEST: superuser-only operations are refused
select throws_ok(
  $$ create extension file_fdw $$,
  '42501',
  'permission denied to create extension "file_fdw"',
  'postgres cannot create an untrusted extension (superuser only)'
);

select throws_ok(
  $$ alter role postgres superuser $$,
  '42501',
  null,
  'postgres cannot make itself superuser'
);

select * from finish();
rollback;

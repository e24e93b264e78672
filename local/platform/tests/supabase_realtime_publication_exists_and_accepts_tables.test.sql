-- The `supabase_realtime` publication exists from the start (empty, all DML), owned by postgres,
-- so a migration can `alter publication supabase_realtime add table ...` for Postgres Changes.
-- Source: supabase/postgres init-scripts/00000000000000-initial-schema.sql; hosted pg_dump;
-- supabase docs guides/realtime/postgres-changes.mdx; research supabase-platform.md §4.1.
begin;
select plan(4);

select results_eq(
  $$ select pubname::text collate "default", pg_catalog.pg_get_userbyid(pubowner)::text collate "default", puballtables, pubinsert, pubupdate, pubdelete, pubtruncate
       from pg_catalog.pg_publication where pubname = 'supabase_realtime' $$,
  $$ values ('supabase_realtime'::text, 'postgres'::text, false, true, true, true, true) $$,
  'supabase_realtime exists, owned by postgres, publishing insert/update/delete/truncate'
);

create table public.pub_probe (id bigint generated always as identity primary key);
select lives_ok($$ alter publication supabase_realtime add table public.pub_probe $$,
  'postgres can add its tables to the publication');
select ok(exists (select 1 from pg_catalog.pg_publication_tables where pubname = 'supabase_realtime' and tablename = 'pub_probe'),
  'the table is published');
select is((select setting from pg_catalog.pg_settings where name = 'wal_level'), 'logical',
  'wal_level is logical, so the publication can actually stream changes');

select * from finish();
rollback;

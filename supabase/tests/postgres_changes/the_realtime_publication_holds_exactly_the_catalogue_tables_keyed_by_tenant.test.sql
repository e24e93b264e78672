-- Postgres Changes: `supabase_realtime` publishes exactly the five catalogue tables
-- (20261121202000), each with RLS on, replica identity DEFAULT (the primary key) and a primary
-- key that leads with tenant_id and holds only uuids: a DELETE event carries only those key
-- columns, and a `tenant_id=eq.<uuid>` filter matches deletes too.
begin;
select plan(6);

select is(
  array(select (schemaname || '.' || tablename)::text from pg_catalog.pg_publication_tables
        where pubname = 'supabase_realtime' order by 1),
  array['public.centres', 'public.clinician_centres', 'public.clinician_services', 'public.clinicians', 'public.services'],
  'the publication holds exactly centres, services, clinicians, clinician_services, clinician_centres (no appointments, patients or availability)');

select results_eq(
  $$ select pubinsert, pubupdate, pubdelete from pg_catalog.pg_publication where pubname = 'supabase_realtime' $$,
  $$ values (true, true, true) $$,
  'inserts, updates and deletes are published');

select is(
  array(select c.relname::text from pg_catalog.pg_publication_tables as p
        join pg_catalog.pg_class as c on c.oid = (p.schemaname || '.' || p.tablename)::regclass
        where p.pubname = 'supabase_realtime' and c.relreplident <> 'd' order by 1),
  array[]::text[],
  'every published table has replica identity DEFAULT (the primary key, not FULL)');

select is(
  array(select c.relname::text from pg_catalog.pg_publication_tables as p
        join pg_catalog.pg_class as c on c.oid = (p.schemaname || '.' || p.tablename)::regclass
        where p.pubname = 'supabase_realtime' and not c.relrowsecurity order by 1),
  array[]::text[],
  'row-level security is on for every published table (Realtime checks it per subscriber)');

select is(
  array(select c.relname::text from pg_catalog.pg_publication_tables as p
        join pg_catalog.pg_class as c on c.oid = (p.schemaname || '.' || p.tablename)::regclass
        join pg_catalog.pg_index as i on i.indrelid = c.oid and i.indisprimary
        where p.pubname = 'supabase_realtime'
          and (select a.attname from pg_catalog.pg_attribute as a where a.attrelid = c.oid and a.attnum = i.indkey[0]) <> 'tenant_id'
        order by 1),
  array[]::text[],
  'every published table''s primary key leads with tenant_id (tenant filters match DELETE events)');

select is(
  array(select distinct pg_catalog.format_type(a.atttypid, a.atttypmod)
        from pg_catalog.pg_publication_tables as p
        join pg_catalog.pg_class as c on c.oid = (p.schemaname || '.' || p.tablename)::regclass
        join pg_catalog.pg_index as i on i.indrelid = c.oid and i.indisprimary
        join pg_catalog.pg_attribute as a on a.attrelid = c.oid and a.attnum = any (i.indkey)
        where p.pubname = 'supabase_realtime'),
  array['uuid'],
  'the key columns (all a DELETE event carries) are uuids only: no names, prices or other text');

select * from finish();
rollback;

-- realtime.messages has the platform shape: range-partitioned on inserted_at, a DEFAULT partition,
-- RLS enabled, owned by supabase_realtime_admin, with the platform grants; realtime.topic() reads
-- the realtime.topic setting.
-- Source: supabase/realtime priv/repo/tenant_db_dump_15.sql; migrations
-- 20260604120000_add_messages_default_partition.ex; research supabase-platform.md §4.2.
begin;
select plan(10);

select is((select relkind::text from pg_catalog.pg_class where oid = 'realtime.messages'::regclass), 'p',
  'realtime.messages is a partitioned table');
select is(
  (select pg_catalog.pg_get_partkeydef('realtime.messages'::regclass)), 'RANGE (inserted_at)',
  'partitioned by range (inserted_at)');
select is(
  (select pg_catalog.pg_get_expr(c.relpartbound, c.oid) from pg_catalog.pg_class c where c.oid = 'realtime.messages_default'::regclass),
  'DEFAULT',
  'realtime.messages_default is the DEFAULT partition');
select ok((select relrowsecurity from pg_catalog.pg_class where oid = 'realtime.messages'::regclass), 'RLS is enabled on realtime.messages');
select is((select pg_catalog.pg_get_userbyid(relowner)::text from pg_catalog.pg_class where oid = 'realtime.messages'::regclass),
  'supabase_realtime_admin', 'realtime.messages is owned by supabase_realtime_admin');
select columns_are('realtime', 'messages',
  array['topic', 'extension', 'payload', 'event', 'private', 'updated_at', 'inserted_at', 'id', 'binary_payload'],
  'realtime.messages has the platform columns');
select ok(
  pg_catalog.has_table_privilege('authenticated', 'realtime.messages', 'select,insert,update')
  and not pg_catalog.has_table_privilege('authenticated', 'realtime.messages', 'delete'),
  'authenticated has SELECT, INSERT, UPDATE (and no DELETE) on realtime.messages');
select ok(pg_catalog.has_schema_privilege('authenticated', 'realtime', 'usage'), 'the API roles can use schema realtime');

select is(realtime.topic(), null::text, 'realtime.topic() is null outside a channel check');
select pg_catalog.set_config('realtime.topic', 'clinic:42', true);
select is(realtime.topic(), 'clinic:42', 'realtime.topic() returns the realtime.topic setting');

select * from finish();
rollback;

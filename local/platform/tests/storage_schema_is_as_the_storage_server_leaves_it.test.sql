-- The storage schema of the platform emulation (local/platform/70_storage.sql) behaves as the
-- Storage server's migrations leave it: buckets and objects with RLS on and no policies of the
-- platform's own, path tokens generated from the name, the path helpers, the API roles' grants,
-- and the guard that refuses a DELETE not made by the Storage server.
-- Sources: supabase/storage migrations/tenant 0002, 0003, 0014, 0046, 0055, 0060, 0061.
begin;
select plan(11);

select ok((select relrowsecurity from pg_catalog.pg_class where oid = 'storage.objects'::regclass), 'RLS is enabled on storage.objects');
select ok((select relrowsecurity from pg_catalog.pg_class where oid = 'storage.buckets'::regclass), 'RLS is enabled on storage.buckets');
select is((select pg_catalog.pg_get_userbyid(relowner)::text from pg_catalog.pg_class where oid = 'storage.objects'::regclass),
  'supabase_storage_admin', 'storage.objects belongs to supabase_storage_admin');
select ok(pg_catalog.has_table_privilege('authenticated', 'storage.objects', 'select, insert, update, delete')
          and pg_catalog.has_table_privilege('anon', 'storage.objects', 'select, insert, update, delete'),
  'the API roles have every privilege on storage.objects: RLS alone decides');
select ok(not pg_catalog.has_table_privilege('authenticated', 'storage.migrations', 'select'), 'storage.migrations is closed to the API roles');
select columns_are('storage', 'buckets',
  array['id', 'name', 'owner', 'created_at', 'updated_at', 'public', 'avif_autodetection', 'file_size_limit',
        'allowed_mime_types', 'owner_id', 'type', 'versioning_status'],
  'storage.buckets has the columns of the Storage server''s migrations');

-- SETUP: a bucket and an object, written as postgres
insert into storage.buckets (id, name, public) values ('platform-probe', 'platform-probe', false);
insert into storage.objects (bucket_id, name, owner_id, metadata) values ('platform-probe', 'a/b/c.pdf', 'someone', '{"size": 1}');

-- TEST
select is((select path_tokens from storage.objects where bucket_id = 'platform-probe'), array['a', 'b', 'c.pdf'],
  'path_tokens is generated from the name');
select is(array[storage.foldername('a/b/c.pdf')::text, storage.filename('a/b/c.pdf'), storage.extension('a/b/c.pdf')],
  array['{a,b}', 'c.pdf', 'pdf'], 'foldername, filename and extension split a name');
select throws_ok($$ delete from storage.objects where bucket_id = 'platform-probe' $$, '42501',
  'Direct deletion from storage tables is not allowed. Use the Storage API instead.',
  'a DELETE outside the Storage server is refused');
select is(pg_catalog.set_config('storage.allow_delete_query', 'true', true), 'true', 'the Storage server marks its requests');
select lives_ok($$ delete from storage.objects where bucket_id = 'platform-probe' $$, 'and then a DELETE goes through');

select * from finish();
rollback;

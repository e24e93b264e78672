-- supabase/tests/_setup/storage_fixtures.sql — Storage objects of the four buckets on top of the
-- centre-scope cast (centre_scope_fixtures.sql), and the requests the Storage server makes, in
-- schema `tests`. Applied like the other _setup files (as postgres, committed; creates no data).
--
-- The Storage server is not re-implemented: a request is what it runs in the database, as the
-- caller (supabase/storage src/internal/database/postgres/scope.ts, src/storage/uploader.ts,
-- src/storage/database/pg.ts): role and JWT claims, storage.operation, storage.allow_delete_query
-- = 'true', then
--   upload    insert into storage.objects (bucket_id, name, owner, owner_id, metadata, version)
--   download  select from storage.objects where bucket_id = … and name = …
--   replace   update storage.objects set metadata = … where bucket_id = … and name = …
--   remove    delete from storage.objects where bucket_id = … and name = … returning *
--
-- Names are written with fixture names in braces, e.g. '{tenant_a}/{clinician_a}/portrait.jpg'
-- (tests.storage_name replaces each by its tenancy_id). The objects (owner in brackets):
--   clinician-photos     {tenant_a}/{clinician_a}/portrait.jpg [a_manager]
--                        {tenant_b}/{clinician_b}/portrait.jpg [b_owner]
--   tenant-branding      {tenant_a}/logo.png [a_owner]
--                        {tenant_a}/centres/{centre_a1}/cover.jpg [a_centre_manager]
--                        {tenant_a}/centres/{centre_a2}/cover.jpg [a_owner]
--                        {tenant_a}/products/{prod_a}/front.jpg [a_manager]   (product prod_a)
--   clinician-documents  {tenant_a}/{clinician_a}/registration.pdf [a_clinician]
--   patient-documents    {tenant_a}/{patient_a}/referral.pdf [patient]
--                        {tenant_a}/{patient_a_unplaced}/insurance.pdf [a_front_desk]
--                        {tenant_b}/{patient_b}/referral.pdf [patient]

create schema if not exists tests;

create or replace function tests.storage_name(template text)
returns text
language plpgsql
immutable
set search_path = ''
as $$
/** '{tenant_a}/{clinician_a}/x.jpg' -> '<tenancy_id(tenant_a)>/<tenancy_id(clinician_a)>/x.jpg'. */
declare
  v_result text := template;
  v_name text;
begin
  for v_name in select m[1] from pg_catalog.regexp_matches(template, '\{([a-z0-9_]+)\}', 'g') as m loop
    v_result := pg_catalog.replace(v_result, '{' || v_name || '}', tests.tenancy_id(v_name)::text);
  end loop;
  return v_result;
end
$$;
comment on function tests.storage_name(text) is
  'Storage tests: an object name with {fixture} placeholders replaced by their tenancy ids.';

create or replace function tests.storage_statement(command text, bucket text, template text)
returns text
language sql
immutable
set search_path = ''
as $$
  /** The statement the Storage server runs for an upload (insert), download (select), replace (update) or removal (delete). */
  select case command
    when 'select' then pg_catalog.format('select 1 from storage.objects where bucket_id = %L and name = %L', bucket, tests.storage_name(template))
    when 'insert' then pg_catalog.format(
      'insert into storage.objects (bucket_id, name, owner, owner_id, metadata, version) values (%L, %L, auth.uid(), auth.uid()::text, %L, %L) returning 1',
      bucket, tests.storage_name(template), '{"mimetype": "image/jpeg", "contentLength": 52000}', '1')
    when 'update' then pg_catalog.format(
      'update storage.objects set metadata = metadata || %L where bucket_id = %L and name = %L returning 1',
      '{"cacheControl": "max-age=3600"}', bucket, tests.storage_name(template))
    when 'delete' then pg_catalog.format('delete from storage.objects where bucket_id = %L and name = %L returning 1', bucket, tests.storage_name(template))
  end
$$;
comment on function tests.storage_statement(text, text, text) is
  'Storage tests: the SQL of one Storage API request (select = download, insert = upload, update = replace, delete = remove).';

create or replace function tests.storage_outcome(who text, command text, bucket text, template text)
returns text
language plpgsql
set search_path = ''
as $$
/**
 * Runs one Storage request as `who` (test user, 'anon' or 'service_role'), with the settings the
 * server sets, rolled back; returns '1 row', '0 rows' or the SQLSTATE (tests.outcome_as).
 */
begin
  perform pg_catalog.set_config('storage.operation', 'storage.object.' || case command when 'select' then 'get_authenticated'
    when 'insert' then 'upload' when 'update' then 'upload_update' else 'delete' end, true);
  perform pg_catalog.set_config('storage.allow_delete_query', 'true', true);
  return tests.outcome_as(who, tests.storage_statement(command, bucket, template));
end
$$;
comment on function tests.storage_outcome(text, text, text, text) is
  'Storage tests: the outcome of one Storage API request by a caller (''1 row'', ''0 rows'' or the SQLSTATE), rolled back.';

create or replace function tests.create_storage_fixtures()
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform tests.create_centre_scope_fixtures();
  insert into public.products (tenant_id, id, name, category, price, currency, is_published)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('prod_a'), 'Paracetamol', 'Pain relief', 1.50, 'GBP', true);
  insert into storage.objects (bucket_id, name, owner, owner_id, metadata, version)
  select o.bucket, tests.storage_name(o.template), tests.get_supabase_uid(o.owner), tests.get_supabase_uid(o.owner)::text,
         '{"mimetype": "image/jpeg", "size": 52000}', '1'
  from (values
    ('clinician-photos', '{tenant_a}/{clinician_a}/portrait.jpg', 'a_manager'),
    ('clinician-photos', '{tenant_b}/{clinician_b}/portrait.jpg', 'b_owner'),
    ('tenant-branding', '{tenant_a}/logo.png', 'a_owner'),
    ('tenant-branding', '{tenant_a}/centres/{centre_a1}/cover.jpg', 'a_centre_manager'),
    ('tenant-branding', '{tenant_a}/centres/{centre_a2}/cover.jpg', 'a_owner'),
    ('tenant-branding', '{tenant_a}/products/{prod_a}/front.jpg', 'a_manager'),
    ('clinician-documents', '{tenant_a}/{clinician_a}/registration.pdf', 'a_clinician'),
    ('patient-documents', '{tenant_a}/{patient_a}/referral.pdf', 'patient'),
    ('patient-documents', '{tenant_a}/{patient_a_unplaced}/insurance.pdf', 'a_front_desk'),
    ('patient-documents', '{tenant_b}/{patient_b}/referral.pdf', 'patient')
  ) as o(bucket, template, owner);
end
$$;
comment on function tests.create_storage_fixtures() is
  'pgTAP fixtures: objects in the four Storage buckets on the centre-scope cast (see supabase/tests/_setup/storage_fixtures.sql). Call as postgres after begin.';

revoke execute on function tests.storage_name(text) from public;
revoke execute on function tests.storage_statement(text, text, text) from public;
revoke execute on function tests.storage_outcome(text, text, text, text) from public;
revoke execute on function tests.create_storage_fixtures() from public;
grant execute on function tests.storage_name(text) to anon, authenticated, service_role;
grant execute on function tests.storage_statement(text, text, text) to anon, authenticated, service_role;

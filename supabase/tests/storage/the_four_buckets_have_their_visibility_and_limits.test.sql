-- The buckets the migrations create, with what the Storage server enforces on upload: public or
-- not, the size limit in bytes and the accepted MIME types (no SVG in the public buckets).
begin;
select plan(2);

select results_eq(
  $$ select id, public, file_size_limit, allowed_mime_types from storage.buckets
     where id in ('clinician-photos', 'tenant-branding', 'clinician-documents', 'patient-documents') order by id $$,
  $$ values ('clinician-documents', false, 10485760::bigint, array['application/pdf', 'image/jpeg', 'image/png']),
            ('clinician-photos', true, 2097152::bigint, array['image/jpeg', 'image/png', 'image/webp']),
            ('patient-documents', false, 20971520::bigint, array['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'image/heic']),
            ('tenant-branding', true, 5242880::bigint, array['image/jpeg', 'image/png', 'image/webp']) $$,
  'clinician-photos and tenant-branding are public images; clinician-documents and patient-documents are private, with their limits');
select is(
  (select pg_catalog.count(*)::integer from pg_catalog.pg_policy
    where polrelid = 'storage.objects'::regclass
      and polname ~ '^(clinician_photos|tenant_branding|clinician_documents|patient_documents)_(select|insert|update|delete)_authenticated$'),
  16, 'one policy per bucket x command for authenticated (anon has none: public buckets are read by URL)');

select * from finish();
rollback;

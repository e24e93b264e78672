-- Row-level security of the Storage buckets: one policy per bucket x command x role on
-- storage.objects (docs/storage.md). The Storage server runs every request as the caller's role
-- with the caller's JWT claims: an upload is an INSERT (an upsert also UPDATEs), a download or
-- a listing a SELECT, a removal a DELETE ... RETURNING (so it needs SELECT too). Object names
-- follow private.storage_object_owner (20261205180100): a name outside the layout - another
-- tenant's id in the wrong place, '..', a hidden file - has no owner, so no policy allows it.
--
--   bucket               read (select)                    write (insert, update, delete)
--   clinician-photos     staff of the tenant              practice managers; the clinician (own folder)
--   tenant-branding      staff of the tenant              practice managers (tenant, products);
--                                                         centre managers (their centre's folder)
--   clinician-documents  tenant admins; the clinician     tenant admins; the clinician (own folder)
--   patient-documents    whoever may read the patient     add: whoever may read the patient;
--                        (the patients policy decides)    replace: the uploader; remove: the
--                                                         uploader or a tenant admin
--
-- anon has no policy: the two public buckets are served by URL without RLS
-- (/storage/v1/object/public/...), and nobody lists them anonymously. Uploads are written with
-- the caller as owner_id (the server sets it from the JWT); every insert policy requires that.

-- clinician-photos
create policy clinician_photos_select_authenticated on storage.objects for select to authenticated
  using (
  bucket_id = 'clinician-photos'
  and exists (
    select 1 from private.storage_object_owner(bucket_id, name) as o
    where o.tenant_id in (select private.member_tenant_ids()))
  );
comment on policy clinician_photos_select_authenticated on storage.objects is
  'Staff of the tenant see its clinician photos (to list and replace them); the public reads them by URL (public bucket).';
create policy clinician_photos_insert_authenticated on storage.objects for insert to authenticated
  with check (
  bucket_id = 'clinician-photos'
  and owner_id = (select auth.uid())::text
  and exists (
    select 1 from private.storage_object_owner(bucket_id, name) as o
    where (o.tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles()))
           and (o.tenant_id, o.owner_id) in (select c.tenant_id, c.id from public.clinicians as c))
       or (o.tenant_id, o.owner_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k))
  );
comment on policy clinician_photos_insert_authenticated on storage.objects is
  'Practice managers upload photos of any clinician of their tenant; a clinician into their own folder. The uploader is the owner.';
create policy clinician_photos_update_authenticated on storage.objects for update to authenticated
  using (
  bucket_id = 'clinician-photos'
  and exists (
    select 1 from private.storage_object_owner(bucket_id, name) as o
    where (o.tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles()))
           and (o.tenant_id, o.owner_id) in (select c.tenant_id, c.id from public.clinicians as c))
       or (o.tenant_id, o.owner_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k))
  )
  with check (
  bucket_id = 'clinician-photos'
  and exists (
    select 1 from private.storage_object_owner(bucket_id, name) as o
    where (o.tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles()))
           and (o.tenant_id, o.owner_id) in (select c.tenant_id, c.id from public.clinicians as c))
       or (o.tenant_id, o.owner_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k))
  );
comment on policy clinician_photos_update_authenticated on storage.objects is
  'Practice managers replace photos of any clinician of their tenant; a clinician their own.';
create policy clinician_photos_delete_authenticated on storage.objects for delete to authenticated
  using (
  bucket_id = 'clinician-photos'
  and exists (
    select 1 from private.storage_object_owner(bucket_id, name) as o
    where (o.tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles()))
           and (o.tenant_id, o.owner_id) in (select c.tenant_id, c.id from public.clinicians as c))
       or (o.tenant_id, o.owner_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k))
  );
comment on policy clinician_photos_delete_authenticated on storage.objects is
  'Practice managers remove photos of any clinician of their tenant; a clinician their own.';

-- tenant-branding
create policy tenant_branding_select_authenticated on storage.objects for select to authenticated
  using (
  bucket_id = 'tenant-branding'
  and exists (
    select 1 from private.storage_object_owner(bucket_id, name) as o
    where o.tenant_id in (select private.member_tenant_ids()))
  );
comment on policy tenant_branding_select_authenticated on storage.objects is
  'Staff of the tenant see its branding files (logos, covers, product photos); the public reads them by URL (public bucket).';
create policy tenant_branding_insert_authenticated on storage.objects for insert to authenticated
  with check (
  bucket_id = 'tenant-branding'
  and owner_id = (select auth.uid())::text
  and exists (
    select 1 from private.storage_object_owner(bucket_id, name) as o
    where (o.owner_kind = 'tenants' and o.tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles())))
       or (o.owner_kind = 'centres' and (o.tenant_id, o.owner_id) in (
             select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k))
       or (o.owner_kind = 'products' and o.tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles()))
           and (o.tenant_id, o.owner_id) in (select p.tenant_id, p.id from public.products as p)))
  );
comment on policy tenant_branding_insert_authenticated on storage.objects is
  'Practice managers upload the tenants logo and covers and product photos; a centre manager their centres images. The uploader is the owner.';
create policy tenant_branding_update_authenticated on storage.objects for update to authenticated
  using (
  bucket_id = 'tenant-branding'
  and exists (
    select 1 from private.storage_object_owner(bucket_id, name) as o
    where (o.owner_kind = 'tenants' and o.tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles())))
       or (o.owner_kind = 'centres' and (o.tenant_id, o.owner_id) in (
             select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k))
       or (o.owner_kind = 'products' and o.tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles()))
           and (o.tenant_id, o.owner_id) in (select p.tenant_id, p.id from public.products as p)))
  )
  with check (
  bucket_id = 'tenant-branding'
  and exists (
    select 1 from private.storage_object_owner(bucket_id, name) as o
    where (o.owner_kind = 'tenants' and o.tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles())))
       or (o.owner_kind = 'centres' and (o.tenant_id, o.owner_id) in (
             select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k))
       or (o.owner_kind = 'products' and o.tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles()))
           and (o.tenant_id, o.owner_id) in (select p.tenant_id, p.id from public.products as p)))
  );
comment on policy tenant_branding_update_authenticated on storage.objects is
  'Practice managers replace the tenants and products images; a centre manager their centres.';
create policy tenant_branding_delete_authenticated on storage.objects for delete to authenticated
  using (
  bucket_id = 'tenant-branding'
  and exists (
    select 1 from private.storage_object_owner(bucket_id, name) as o
    where (o.owner_kind = 'tenants' and o.tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles())))
       or (o.owner_kind = 'centres' and (o.tenant_id, o.owner_id) in (
             select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k))
       or (o.owner_kind = 'products' and o.tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles()))
           and (o.tenant_id, o.owner_id) in (select p.tenant_id, p.id from public.products as p)))
  );
comment on policy tenant_branding_delete_authenticated on storage.objects is
  'Practice managers remove the tenants and products images; a centre manager their centres.';

-- clinician-documents
create policy clinician_documents_select_authenticated on storage.objects for select to authenticated
  using (
  bucket_id = 'clinician-documents'
  and exists (
    select 1 from private.storage_object_owner(bucket_id, name) as o
    where (o.tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles()))
           and (o.tenant_id, o.owner_id) in (select c.tenant_id, c.id from public.clinicians as c))
       or (o.tenant_id, o.owner_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k))
  );
comment on policy clinician_documents_select_authenticated on storage.objects is
  'Tenant admins read the certificates of any clinician of their tenant; a clinician their own. Nobody else.';
create policy clinician_documents_insert_authenticated on storage.objects for insert to authenticated
  with check (
  bucket_id = 'clinician-documents'
  and owner_id = (select auth.uid())::text
  and exists (
    select 1 from private.storage_object_owner(bucket_id, name) as o
    where (o.tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles()))
           and (o.tenant_id, o.owner_id) in (select c.tenant_id, c.id from public.clinicians as c))
       or (o.tenant_id, o.owner_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k))
  );
comment on policy clinician_documents_insert_authenticated on storage.objects is
  'Tenant admins upload certificates of any clinician of their tenant; a clinician into their own folder. The uploader is the owner.';
create policy clinician_documents_update_authenticated on storage.objects for update to authenticated
  using (
  bucket_id = 'clinician-documents'
  and exists (
    select 1 from private.storage_object_owner(bucket_id, name) as o
    where (o.tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles()))
           and (o.tenant_id, o.owner_id) in (select c.tenant_id, c.id from public.clinicians as c))
       or (o.tenant_id, o.owner_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k))
  )
  with check (
  bucket_id = 'clinician-documents'
  and exists (
    select 1 from private.storage_object_owner(bucket_id, name) as o
    where (o.tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles()))
           and (o.tenant_id, o.owner_id) in (select c.tenant_id, c.id from public.clinicians as c))
       or (o.tenant_id, o.owner_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k))
  );
comment on policy clinician_documents_update_authenticated on storage.objects is
  'Tenant admins replace certificates of any clinician of their tenant; a clinician their own.';
create policy clinician_documents_delete_authenticated on storage.objects for delete to authenticated
  using (
  bucket_id = 'clinician-documents'
  and exists (
    select 1 from private.storage_object_owner(bucket_id, name) as o
    where (o.tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles()))
           and (o.tenant_id, o.owner_id) in (select c.tenant_id, c.id from public.clinicians as c))
       or (o.tenant_id, o.owner_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k))
  );
comment on policy clinician_documents_delete_authenticated on storage.objects is
  'Tenant admins remove certificates of any clinician of their tenant; a clinician their own.';

-- patient-documents
create policy patient_documents_select_authenticated on storage.objects for select to authenticated
  using (
  bucket_id = 'patient-documents'
  and exists (
    select 1 from private.storage_object_owner(bucket_id, name) as o
    where (o.tenant_id, o.owner_id) in (select p.tenant_id, p.id from public.patients as p))
  );
comment on policy patient_documents_select_authenticated on storage.objects is
  'Whoever may read the patient reads their files: the patients policy, evaluated as the caller, decides (the patient; tenant-wide staff; staff of a centre the patient belongs to; a clinician of a patient in their care).';
create policy patient_documents_insert_authenticated on storage.objects for insert to authenticated
  with check (
  bucket_id = 'patient-documents'
  and owner_id = (select auth.uid())::text
  and exists (
    select 1 from private.storage_object_owner(bucket_id, name) as o
    where (o.tenant_id, o.owner_id) in (select p.tenant_id, p.id from public.patients as p))
  );
comment on policy patient_documents_insert_authenticated on storage.objects is
  'Whoever may read the patient uploads files into their folder. The uploader is the owner.';
create policy patient_documents_update_authenticated on storage.objects for update to authenticated
  using (
  bucket_id = 'patient-documents'
  and owner_id = (select auth.uid())::text
  and exists (
    select 1 from private.storage_object_owner(bucket_id, name) as o
    where (o.tenant_id, o.owner_id) in (select p.tenant_id, p.id from public.patients as p))
  )
  with check (
  bucket_id = 'patient-documents'
  and owner_id = (select auth.uid())::text
  and exists (
    select 1 from private.storage_object_owner(bucket_id, name) as o
    where (o.tenant_id, o.owner_id) in (select p.tenant_id, p.id from public.patients as p))
  );
comment on policy patient_documents_update_authenticated on storage.objects is
  'Only the uploader replaces a file, while they may read the patient.';
create policy patient_documents_delete_authenticated on storage.objects for delete to authenticated
  using (
  bucket_id = 'patient-documents'
  and ((owner_id = (select auth.uid())::text
   and exists (
    select 1 from private.storage_object_owner(bucket_id, name) as o
    where (o.tenant_id, o.owner_id) in (select p.tenant_id, p.id from public.patients as p)))
  or exists (
    select 1 from private.storage_object_owner(bucket_id, name) as o
    where o.tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles()))))
  );
comment on policy patient_documents_delete_authenticated on storage.objects is
  'The uploader (while they may read the patient) or a tenant admin removes a file.';

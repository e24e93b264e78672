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
-- Who may read and who may write a bucket's objects is written once, in
-- private.may_read_storage_object and private.may_write_storage_object; the policies name them.

create function private.may_read_storage_object(bucket_id text, object_name text)
returns boolean
language sql
stable
set search_path = ''
as $$
  /**
   * May the caller read (download, list) this object of a Slotbase bucket? Security invoker:
   * the subqueries run as the caller, so for patient-documents the patients policy decides.
   *   clinician-photos, tenant-branding  staff of the object's tenant (private.member_tenant_ids())
   *   clinician-documents                tenant admins; the clinician themself
   *   patient-documents                  whoever may read the patient
   * False for a name outside the bucket's layout (private.storage_object_owner).
   * Example: ... using (bucket_id = 'clinician-photos' and private.may_read_storage_object(bucket_id, name))
   */
  select exists (
    select 1 from private.storage_object_owner(bucket_id, object_name) as o
    where case bucket_id
      when 'clinician-photos' then o.tenant_id in (select private.member_tenant_ids())
      when 'tenant-branding' then o.tenant_id in (select private.member_tenant_ids())
      when 'clinician-documents' then
        (o.tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles()))
         and (o.tenant_id, o.owner_id) in (select c.tenant_id, c.id from public.clinicians as c))
        or (o.tenant_id, o.owner_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
      when 'patient-documents' then (o.tenant_id, o.owner_id) in (select p.tenant_id, p.id from public.patients as p)
      else false
    end)
$$;
comment on function private.may_read_storage_object(text, text) is
  'Storage rule (security invoker): may the caller read this object? Staff of the tenant for clinician-photos and tenant-branding; tenant admins and the clinician for clinician-documents; whoever may read the patient for patient-documents. Used by the storage.objects select policies.';
revoke execute on function private.may_read_storage_object(text, text) from public, anon, authenticated, service_role;
grant execute on function private.may_read_storage_object(text, text) to authenticated;

create function private.may_write_storage_object(bucket_id text, object_name text)
returns boolean
language sql
stable
set search_path = ''
as $$
  /**
   * May the caller write (upload, replace, remove) this object of a Slotbase bucket? Security
   * invoker, like private.may_read_storage_object.
   *   clinician-photos     practice managers for any clinician of their tenant; the clinician (own folder)
   *   tenant-branding      practice managers for the tenant's and its products' folders; those who
   *                        manage a centre (private.centre_manager_roles()) for its folder
   *   clinician-documents  tenant admins; the clinician (own folder)
   *   patient-documents    whoever may read the patient (replacing and removing add the uploader
   *                        rule in the policies)
   * False for a name outside the bucket's layout.
   * Example: ... with check (bucket_id = 'clinician-photos' and private.may_write_storage_object(bucket_id, name))
   */
  select exists (
    select 1 from private.storage_object_owner(bucket_id, object_name) as o
    where case bucket_id
      when 'clinician-photos' then
        (o.tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles()))
         and (o.tenant_id, o.owner_id) in (select c.tenant_id, c.id from public.clinicians as c))
        or (o.tenant_id, o.owner_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
      when 'tenant-branding' then
        (o.owner_kind = 'tenants' and o.tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles())))
        or (o.owner_kind = 'centres' and (o.tenant_id, o.owner_id) in (
              select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k))
        or (o.owner_kind = 'products' and o.tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles()))
            and (o.tenant_id, o.owner_id) in (select p.tenant_id, p.id from public.products as p))
      when 'clinician-documents' then private.may_read_storage_object(bucket_id, object_name)
      when 'patient-documents' then private.may_read_storage_object(bucket_id, object_name)
      else false
    end)
$$;
comment on function private.may_write_storage_object(text, text) is
  'Storage rule (security invoker): may the caller upload, replace or remove this object? Practice managers and the clinician for clinician-photos; practice managers and centre managers (their centre) for tenant-branding; tenant admins and the clinician for clinician-documents; whoever may read the patient for patient-documents. Used by the storage.objects insert, update and delete policies.';
revoke execute on function private.may_write_storage_object(text, text) from public, anon, authenticated, service_role;
grant execute on function private.may_write_storage_object(text, text) to authenticated;

-- clinician-photos
create policy clinician_photos_select_authenticated on storage.objects for select to authenticated
  using (bucket_id = 'clinician-photos' and private.may_read_storage_object(bucket_id, name));
create policy clinician_photos_insert_authenticated on storage.objects for insert to authenticated
  with check (bucket_id = 'clinician-photos' and private.may_write_storage_object(bucket_id, name) and owner_id = (select auth.uid())::text);
create policy clinician_photos_update_authenticated on storage.objects for update to authenticated
  using (bucket_id = 'clinician-photos' and private.may_write_storage_object(bucket_id, name))
  with check (bucket_id = 'clinician-photos' and private.may_write_storage_object(bucket_id, name));
create policy clinician_photos_delete_authenticated on storage.objects for delete to authenticated
  using (bucket_id = 'clinician-photos' and private.may_write_storage_object(bucket_id, name));
comment on policy clinician_photos_select_authenticated on storage.objects is
  'Staff of the tenant see its clinician photos (to list and replace them); the public reads them by URL (public bucket).';
comment on policy clinician_photos_insert_authenticated on storage.objects is
  'Practice managers upload photos of any clinician of their tenant; a clinician into their own folder. The uploader is the owner.';
comment on policy clinician_photos_update_authenticated on storage.objects is
  'Practice managers replace photos of any clinician of their tenant; a clinician their own.';
comment on policy clinician_photos_delete_authenticated on storage.objects is
  'Practice managers remove photos of any clinician of their tenant; a clinician their own.';

-- tenant-branding
create policy tenant_branding_select_authenticated on storage.objects for select to authenticated
  using (bucket_id = 'tenant-branding' and private.may_read_storage_object(bucket_id, name));
create policy tenant_branding_insert_authenticated on storage.objects for insert to authenticated
  with check (bucket_id = 'tenant-branding' and private.may_write_storage_object(bucket_id, name) and owner_id = (select auth.uid())::text);
create policy tenant_branding_update_authenticated on storage.objects for update to authenticated
  using (bucket_id = 'tenant-branding' and private.may_write_storage_object(bucket_id, name))
  with check (bucket_id = 'tenant-branding' and private.may_write_storage_object(bucket_id, name));
create policy tenant_branding_delete_authenticated on storage.objects for delete to authenticated
  using (bucket_id = 'tenant-branding' and private.may_write_storage_object(bucket_id, name));
comment on policy tenant_branding_select_authenticated on storage.objects is
  'Staff of the tenant see its branding files (logos, covers, product photos); the public reads them by URL (public bucket).';
comment on policy tenant_branding_insert_authenticated on storage.objects is
  'Practice managers upload the tenant''s logo and covers and product photos; a centre manager their centre''s images. The uploader is the owner.';
comment on policy tenant_branding_update_authenticated on storage.objects is
  'Practice managers replace the tenant''s and products'' images; a centre manager their centre''s.';
comment on policy tenant_branding_delete_authenticated on storage.objects is
  'Practice managers remove the tenant''s and products'' images; a centre manager their centre''s.';

-- clinician-documents
create policy clinician_documents_select_authenticated on storage.objects for select to authenticated
  using (bucket_id = 'clinician-documents' and private.may_read_storage_object(bucket_id, name));
create policy clinician_documents_insert_authenticated on storage.objects for insert to authenticated
  with check (bucket_id = 'clinician-documents' and private.may_write_storage_object(bucket_id, name) and owner_id = (select auth.uid())::text);
create policy clinician_documents_update_authenticated on storage.objects for update to authenticated
  using (bucket_id = 'clinician-documents' and private.may_write_storage_object(bucket_id, name))
  with check (bucket_id = 'clinician-documents' and private.may_write_storage_object(bucket_id, name));
create policy clinician_documents_delete_authenticated on storage.objects for delete to authenticated
  using (bucket_id = 'clinician-documents' and private.may_write_storage_object(bucket_id, name));
comment on policy clinician_documents_select_authenticated on storage.objects is
  'Tenant admins read the certificates of any clinician of their tenant; a clinician their own. Nobody else.';
comment on policy clinician_documents_insert_authenticated on storage.objects is
  'Tenant admins upload certificates of any clinician of their tenant; a clinician into their own folder. The uploader is the owner.';
comment on policy clinician_documents_update_authenticated on storage.objects is
  'Tenant admins replace certificates of any clinician of their tenant; a clinician their own.';
comment on policy clinician_documents_delete_authenticated on storage.objects is
  'Tenant admins remove certificates of any clinician of their tenant; a clinician their own.';

-- patient-documents
create policy patient_documents_select_authenticated on storage.objects for select to authenticated
  using (bucket_id = 'patient-documents' and private.may_read_storage_object(bucket_id, name));
create policy patient_documents_insert_authenticated on storage.objects for insert to authenticated
  with check (bucket_id = 'patient-documents' and private.may_write_storage_object(bucket_id, name) and owner_id = (select auth.uid())::text);
create policy patient_documents_update_authenticated on storage.objects for update to authenticated
  using (bucket_id = 'patient-documents' and private.may_write_storage_object(bucket_id, name) and owner_id = (select auth.uid())::text)
  with check (bucket_id = 'patient-documents' and private.may_write_storage_object(bucket_id, name) and owner_id = (select auth.uid())::text);
create policy patient_documents_delete_authenticated on storage.objects for delete to authenticated
  using (bucket_id = 'patient-documents' and (
    (owner_id = (select auth.uid())::text and private.may_write_storage_object(bucket_id, name))
    or exists (select 1 from private.storage_object_owner(bucket_id, name) as o
               where o.tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles())))));
comment on policy patient_documents_select_authenticated on storage.objects is
  'Whoever may read the patient reads their files: the patients policy, evaluated as the caller, decides (the patient; tenant-wide staff; staff of a centre the patient belongs to; a clinician of a patient in their care).';
comment on policy patient_documents_insert_authenticated on storage.objects is
  'Whoever may read the patient uploads files into their folder. The uploader is the owner.';
comment on policy patient_documents_update_authenticated on storage.objects is
  'Only the uploader replaces a file, while they may read the patient.';
comment on policy patient_documents_delete_authenticated on storage.objects is
  'The uploader (while they may read the patient) or a tenant admin removes a file.';

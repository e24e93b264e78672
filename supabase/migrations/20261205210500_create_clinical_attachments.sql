-- Clinical attachments: lab reports, scans, clinical photos - files in the private
-- patient-documents bucket, in the patient's clinical folder <tenant_id>/<patient_id>/clinical/<file>,
-- listed in public.clinical_attachments and linked to the patient and optionally to a visit note
-- (docs/clinical.md, docs/storage.md).
--
-- They follow the clinical rules, not the patient-document rules: clinicians with the patient in
-- their care (or an open break-glass access) upload and read them - an attachment of a note only
-- while they read that note (a restricted note keeps its attachments with its author); the
-- patient reads those shared with them. Front office and managers, who read the patient's
-- documents, do not read the clinical folder.
--
-- Changes outside this table, in the one place each rule lives:
--   private.storage_object_owner     knows the clinical folder (owner_kind patients_clinical);
--   private.may_read_storage_object  a clinical file is read by whoever reads its attachment row;
--   private.may_write_storage_object a clinical file is written by a clinician with clinical access;
--   patient_documents_delete_authenticated on storage.objects: a tenant admin's removal of any file
--                                    is limited to the patient's (non-clinical) documents.

create or replace function private.storage_object_owner(bucket_id text, object_name text)
returns table (tenant_id uuid, owner_kind text, owner_id uuid)
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * Who owns a Storage object name in one of Slotbase's buckets: its tenant, the table of the
   * owning row (clinicians, patients, tenants, centres, products; patients_clinical for a
   * patient's clinical folder) and that row's id (null for the tenant itself). No row when the
   * name does not follow the bucket's layout (another bucket, a malformed or upper-case id, an
   * extra or missing folder, '.', '..' or a hidden file name).
   *
   * Parameters: bucket_id    storage.objects.bucket_id;
   *             object_name  storage.objects.name (the path inside the bucket).
   * Returns: at most one (tenant_id, owner_kind, owner_id) row.
   * Example: select * from private.storage_object_owner('clinician-photos',
   *            '3f0c…/9a1b…/portrait.jpg');
   */
  with layout(bucket, pattern, owner_kind) as (
    values
      ('clinician-photos', '^(%1$s)/(%1$s)/%2$s$', 'clinicians'),
      ('clinician-documents', '^(%1$s)/(%1$s)/%2$s$', 'clinicians'),
      ('patient-documents', '^(%1$s)/(%1$s)/%2$s$', 'patients'),
      ('patient-documents', '^(%1$s)/(%1$s)/clinical/%2$s$', 'patients_clinical'),
      ('tenant-branding', '^(%1$s)/()%2$s$', 'tenants'),
      ('tenant-branding', '^(%1$s)/centres/(%1$s)/%2$s$', 'centres'),
      ('tenant-branding', '^(%1$s)/products/(%1$s)/%2$s$', 'products')
  )
  select m[1]::uuid, l.owner_kind, nullif(m[2], '')::uuid
  from layout as l
  cross join lateral pg_catalog.regexp_match(
    object_name,
    pg_catalog.format(l.pattern, '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', '[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}')
  ) as m
  where l.bucket = bucket_id and m is not null
$$;
comment on function private.storage_object_owner(text, text) is
  'Storage layout: the tenant, owner table (clinicians, patients, patients_clinical, tenants, centres, products) and owner id of an object name in a Slotbase bucket; no row for names outside the layout (traversal and hidden names included). Used by the storage.objects policies and the *_path checks.';

create type public.clinical_attachment_kind as enum ('lab_report', 'imaging', 'letter', 'photo', 'other');
comment on type public.clinical_attachment_kind is
  'Kind of clinical attachment: lab_report, imaging (scans, X-rays), letter (clinical correspondence), photo (clinical photograph) or other.';

create table public.clinical_attachments (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  patient_id uuid not null,
  note_id uuid null,
  object_path text not null,
  title text not null,
  kind public.clinical_attachment_kind not null default 'other',
  content_type text null,
  is_shared_with_patient boolean not null default false,
  uploaded_by uuid null,
  uploaded_by_member_id uuid null,
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint clinical_attachments_pkey primary key (tenant_id, id),
  constraint clinical_attachments_tenant_id_object_path_key unique (tenant_id, object_path),
  constraint clinical_attachments_tenant_id_patient_id_fkey foreign key (tenant_id, patient_id) references public.patients (tenant_id, id) on delete restrict,
  constraint clinical_attachments_tenant_id_note_id_fkey foreign key (tenant_id, note_id) references public.medical_notes (tenant_id, id) on delete restrict,
  constraint clinical_attachments_uploaded_by_fkey foreign key (uploaded_by) references auth.users (id) on delete set null,
  constraint clinical_attachments_tenant_id_uploaded_by_member_id_fkey foreign key (tenant_id, uploaded_by_member_id) references public.members (tenant_id, id) on delete restrict,
  constraint clinical_attachments_title_length check (pg_catalog.btrim(title) <> '' and pg_catalog.char_length(title) <= 200),
  constraint clinical_attachments_content_type_form check (pg_catalog.char_length(content_type) <= 121 and content_type ~ '^[a-z]{1,20}/[a-z0-9.+-]{1,100}$'),
  constraint clinical_attachments_object_path_length check (pg_catalog.char_length(object_path) <= 300),
  constraint clinical_attachments_object_path_in_clinical_folder check (
    private.storage_path_belongs_to('patient-documents', object_path, tenant_id, 'patients_clinical', patient_id))
);
alter table public.clinical_attachments enable row level security;

comment on table public.clinical_attachments is
  'A clinical file of a patient (lab report, scan, clinical photo) in the private bucket patient-documents, folder <tenant_id>/<patient_id>/clinical/, optionally attached to a visit note. Uploaded and read by clinicians with the patient in their care (or break-glass) - an attachment of a note only by those who read the note; read by the patient once shared with them. Never deleted through the API.';
comment on column public.clinical_attachments.tenant_id is 'Tenant of the patient.';
comment on column public.clinical_attachments.id is 'Attachment id.';
comment on column public.clinical_attachments.patient_id is 'Whose record it belongs to; fixed once added.';
comment on column public.clinical_attachments.note_id is 'The visit note it belongs to (a note of the same patient), if any.';
comment on column public.clinical_attachments.object_path is 'The file: object name in patient-documents, <tenant_id>/<patient_id>/clinical/<file>; fixed once added.';
comment on column public.clinical_attachments.title is 'What it is, e.g. Full blood count 3 Dec (at most 200 characters).';
comment on column public.clinical_attachments.kind is 'lab_report, imaging, letter, photo or other.';
comment on column public.clinical_attachments.content_type is 'MIME type of the file, e.g. application/pdf (lower case), if known.';
comment on column public.clinical_attachments.is_shared_with_patient is 'True when the patient may read it (and download the file).';
comment on column public.clinical_attachments.uploaded_by is 'The signed-in user who added it (set by the database).';
comment on column public.clinical_attachments.uploaded_by_member_id is 'The clinician (member) who added it (set by the database).';
comment on column public.clinical_attachments.created_at is 'When it was added.';
comment on column public.clinical_attachments.updated_at is 'When it was last changed (maintained by trigger).';
comment on constraint clinical_attachments_tenant_id_object_path_key on public.clinical_attachments is 'One row per file.';
comment on constraint clinical_attachments_tenant_id_patient_id_fkey on public.clinical_attachments is 'Same-tenant patient; a patient with clinical attachments is not deleted.';
comment on constraint clinical_attachments_tenant_id_note_id_fkey on public.clinical_attachments is 'Same-tenant note; a note with attachments is not deleted.';
comment on constraint clinical_attachments_uploaded_by_fkey on public.clinical_attachments is 'The uploading user, kept as null when that user is deleted.';
comment on constraint clinical_attachments_tenant_id_uploaded_by_member_id_fkey on public.clinical_attachments is 'Same-tenant uploading clinician; deactivate rather than delete them.';
comment on constraint clinical_attachments_title_length on public.clinical_attachments is 'A title is given, at most 200 characters.';
comment on constraint clinical_attachments_content_type_form on public.clinical_attachments is 'A MIME type in lower case, type/subtype, at most 121 characters.';
comment on constraint clinical_attachments_object_path_length on public.clinical_attachments is 'An object name is at most 300 characters.';
comment on constraint clinical_attachments_object_path_in_clinical_folder on public.clinical_attachments is 'The file lies in this patient''s clinical folder of patient-documents.';

create index clinical_attachments_tenant_id_patient_id_idx on public.clinical_attachments (tenant_id, patient_id, created_at);
comment on index public.clinical_attachments_tenant_id_patient_id_idx is 'Serves the patient foreign key and a patient''s attachments in order.';
create index clinical_attachments_tenant_id_note_id_idx on public.clinical_attachments (tenant_id, note_id) where note_id is not null;
comment on index public.clinical_attachments_tenant_id_note_id_idx is 'Serves the note foreign key and "the attachments of this note".';
create index clinical_attachments_uploaded_by_idx on public.clinical_attachments (uploaded_by) where uploaded_by is not null;
comment on index public.clinical_attachments_uploaded_by_idx is 'Serves the uploaded_by foreign key.';
create index clinical_attachments_tenant_id_uploaded_by_member_id_idx on public.clinical_attachments (tenant_id, uploaded_by_member_id) where uploaded_by_member_id is not null;
comment on index public.clinical_attachments_tenant_id_uploaded_by_member_id_idx is 'Serves the uploading clinician foreign key and the uploader update policy.';

create function private.prepare_clinical_attachment()
returns trigger
language plpgsql
security definer
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * BEFORE INSERT OR UPDATE row trigger on public.clinical_attachments:
 *   * the note, when named, is one of the same patient (22023 otherwise; security definer, keys
 *     only - the select policy hides an attachment of a note the reader does not read);
 *   * insert by a signed-in caller: uploaded_by is the caller, uploaded_by_member_id their
 *     clinical membership (the insert policy requires one).
 *
 * Returns: the new row.
 */
begin
  if new.note_id is not null and (tg_op = 'INSERT' or new.note_id is distinct from old.note_id)
     and not exists (select 1 from public.medical_notes as n
                     where n.tenant_id = new.tenant_id and n.id = new.note_id and n.patient_id = new.patient_id) then
    raise exception using
      errcode = '22023',
      message = 'the note is not one of this patient''s notes',
      hint = 'Attach the file to a visit note of the same patient, or leave note_id empty.';
  end if;
  if tg_op = 'INSERT' and (select auth.uid()) is not null then
    new.uploaded_by := (select auth.uid());
    new.uploaded_by_member_id := private.clinical_member_id(new.tenant_id);
  end if;
  return new;
end
$$;
comment on function private.prepare_clinical_attachment() is
  'Trigger function on clinical_attachments: the note is the patient''s (22023); the uploader is the caller.';
revoke execute on function private.prepare_clinical_attachment() from public, anon, authenticated, service_role;

create trigger prepare_attachment before insert or update on public.clinical_attachments
  for each row execute function private.prepare_clinical_attachment();
comment on trigger prepare_attachment on public.clinical_attachments is 'The note is the patient''s; the uploader is the caller.';
create trigger set_updated_at before update on public.clinical_attachments
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.clinical_attachments is 'Keeps updated_at current.';
create trigger refuse_key_change before update of tenant_id, id, patient_id, object_path on public.clinical_attachments
  for each row execute function private.refuse_key_change('tenant_id', 'id', 'patient_id', 'object_path');
comment on trigger refuse_key_change on public.clinical_attachments is 'Keys, the patient and the file never change (PT422); upserts may send them unchanged.';
create trigger audit_changes after insert or update or delete on public.clinical_attachments
  for each row execute function private.record_audit_event('tenant_id', 'title');
comment on trigger audit_changes on public.clinical_attachments is 'Every change is recorded in the audit log; the title is redacted there (value in audit_log_values).';

create policy clinical_attachments_select_authenticated on public.clinical_attachments for select to authenticated
  using (
    ((tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_in_clinical_care() as k)
     and (note_id is null or (tenant_id, note_id) in (select n.tenant_id, n.id from public.medical_notes as n)))
    or (is_shared_with_patient and (tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k))
  );
comment on policy clinical_attachments_select_authenticated on public.clinical_attachments is
  'Clinicians with the patient in their care (or break-glass) read the attachments - those of a note only while they read the note; the patient reads the attachments shared with them.';
create policy clinical_attachments_insert_authenticated on public.clinical_attachments for insert to authenticated
  with check (
    (tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_in_clinical_care() as k)
    and (tenant_id, uploaded_by_member_id) in (select k.tenant_id, k.member_id from private.member_keys_of_current_user() as k)
  );
comment on policy clinical_attachments_insert_authenticated on public.clinical_attachments is
  'A clinician with the patient in their care adds attachments, as themself.';
create policy clinical_attachments_update_authenticated on public.clinical_attachments for update to authenticated
  using (
    (tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_in_clinical_care() as k)
    and (tenant_id, uploaded_by_member_id) in (select k.tenant_id, k.member_id from private.member_keys_of_current_user() as k)
  )
  with check (
    (tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_in_clinical_care() as k)
    and (tenant_id, uploaded_by_member_id) in (select k.tenant_id, k.member_id from private.member_keys_of_current_user() as k)
  );
comment on policy clinical_attachments_update_authenticated on public.clinical_attachments is
  'The uploader retitles, reclassifies, links or shares an attachment while the patient is in their care.';

revoke all on table public.clinical_attachments from anon, authenticated, service_role;
grant select on table public.clinical_attachments to authenticated;
grant insert (tenant_id, id, patient_id, note_id, object_path, title, kind, content_type, is_shared_with_patient),
      update (tenant_id, id, patient_id, note_id, object_path, title, kind, content_type, is_shared_with_patient)
  on table public.clinical_attachments to authenticated;
grant select, insert, update on table public.clinical_attachments to service_role;

-- ---------------------------------------------------------------------------------------------
-- The files: who reads and writes the clinical folder
-- ---------------------------------------------------------------------------------------------
create or replace function private.may_read_storage_object(bucket_id text, object_name text)
returns boolean
language sql
stable
set search_path = ''
set timezone to 'UTC'
as $$
  /**
   * May the caller read (download, list) this object of a Slotbase bucket? Security invoker:
   * the subqueries run as the caller, so for patient-documents the patients policy decides, and
   * for a clinical file the clinical_attachments policy.
   *   clinician-photos, tenant-branding  staff of the object's tenant (private.member_tenant_ids())
   *   clinician-documents                tenant admins; the clinician themself
   *   patient-documents                  whoever may read the patient; in the clinical folder,
   *                                      whoever reads the attachment row that lists the file
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
      when 'patient-documents' then
        case o.owner_kind
          when 'patients' then (o.tenant_id, o.owner_id) in (select p.tenant_id, p.id from public.patients as p)
          when 'patients_clinical' then (o.tenant_id, object_name) in (select a.tenant_id, a.object_path from public.clinical_attachments as a)
          else false
        end
      else false
    end)
$$;
comment on function private.may_read_storage_object(text, text) is
  'Storage rule (security invoker): may the caller read this object? Staff of the tenant for clinician-photos and tenant-branding; tenant admins and the clinician for clinician-documents; whoever may read the patient for patient-documents, and for its clinical folder whoever reads the clinical_attachments row. Used by the storage.objects select policies.';

create or replace function private.may_write_storage_object(bucket_id text, object_name text)
returns boolean
language sql
stable
set search_path = ''
set timezone to 'UTC'
as $$
  /**
   * May the caller write (upload, replace, remove) this object of a Slotbase bucket? Security
   * invoker, like private.may_read_storage_object.
   *   clinician-photos     practice managers for any clinician of their tenant; the clinician (own folder)
   *   tenant-branding      practice managers for the tenant's and its products' folders; those who
   *                        manage a centre (private.centre_manager_roles()) for its folder
   *   clinician-documents  tenant admins; the clinician (own folder)
   *   patient-documents    whoever may read the patient (replacing and removing add the uploader
   *                        rule in the policies); the clinical folder: a clinician with the patient
   *                        in their care or an open break-glass access
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
      when 'patient-documents' then
        case o.owner_kind
          when 'patients' then private.may_read_storage_object(bucket_id, object_name)
          when 'patients_clinical' then
            (o.tenant_id, o.owner_id) in (select k.tenant_id, k.patient_id from private.patient_keys_in_clinical_care() as k)
          else false
        end
      else false
    end)
$$;
comment on function private.may_write_storage_object(text, text) is
  'Storage rule (security invoker): may the caller upload, replace or remove this object? Practice managers and the clinician for clinician-photos; practice managers and centre managers (their centre) for tenant-branding; tenant admins and the clinician for clinician-documents; whoever may read the patient for patient-documents, and a clinician with clinical access for its clinical folder. Used by the storage.objects insert, update and delete policies.';

alter policy patient_documents_delete_authenticated on storage.objects
  using (bucket_id = 'patient-documents' and (
    (owner_id = (select auth.uid())::text and private.may_write_storage_object(bucket_id, name))
    or exists (select 1 from private.storage_object_owner(bucket_id, name) as o
               where o.owner_kind = 'patients'
                 and o.tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles())))));
comment on policy patient_documents_delete_authenticated on storage.objects is
  'The uploader (while they may write there) or, for the patient''s documents outside the clinical folder, a tenant admin removes a file.';

-- Patient documents: referral letters, results, insurance cards, ID scans... stored as private
-- Storage objects in patient-documents (<tenant_id>/<patient_id>/<file>) and listed here with a
-- title and kind (docs/storage.md).
--
-- Who reads a document is who may read its patient - the patients policy decides, evaluated as
-- the caller: the patient themself, tenant-wide staff, centre-scoped staff of a centre the
-- patient belongs to, a clinician of a patient in their care. The same people add documents;
-- only whoever uploaded one renames it; the uploader or a tenant admin removes it. The object
-- policies of the bucket (20261205180800) apply the same rules to the files.

create type public.patient_document_kind as enum ('referral', 'result', 'prescription', 'insurance', 'identity', 'consent', 'other');
comment on type public.patient_document_kind is
  'Kind of patient document: referral, result, prescription, insurance, identity, consent or other.';

create table public.patient_documents (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  patient_id uuid not null,
  object_path text not null,
  title public.non_empty_text not null,
  kind public.patient_document_kind not null default 'other',
  uploaded_by uuid null default auth.uid(),
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint patient_documents_pkey primary key (tenant_id, id),
  constraint patient_documents_tenant_id_object_path_key unique (tenant_id, object_path),
  constraint patient_documents_tenant_id_patient_id_fkey foreign key (tenant_id, patient_id) references public.patients (tenant_id, id) on delete cascade,
  constraint patient_documents_uploaded_by_fkey foreign key (uploaded_by) references auth.users (id) on delete set null,
  constraint patient_documents_title_length check (pg_catalog.char_length(title) <= 200),
  constraint patient_documents_object_path_in_own_folder check (
    private.storage_path_belongs_to('patient-documents', object_path, tenant_id, 'patients', patient_id))
);
alter table public.patient_documents enable row level security;
comment on table public.patient_documents is
  'A document of a patient (referral, result, insurance card...) stored in the private Storage bucket patient-documents. Read and added by whoever may read the patient (the patient, staff by least privilege); renamed by its uploader; removed by its uploader or a tenant admin.';
comment on column public.patient_documents.tenant_id is 'Tenant of the patient.';
comment on column public.patient_documents.id is 'Document id (unique within the tenant).';
comment on column public.patient_documents.patient_id is 'Whose document it is; fixed once created.';
comment on column public.patient_documents.object_path is 'The file: object name in the private bucket patient-documents, <tenant_id>/<patient_id>/<file>; fixed once created.';
comment on column public.patient_documents.title is 'What it is, e.g. Referral from Dr Shah, 12 Nov (at most 200 characters).';
comment on column public.patient_documents.kind is 'referral, result, prescription, insurance, identity, consent or other.';
comment on column public.patient_documents.uploaded_by is 'The signed-in user who added it (set by the database; null for server-side uploads or a deleted user).';
comment on column public.patient_documents.created_at is 'When it was added.';
comment on column public.patient_documents.updated_at is 'When it was last changed (maintained by trigger).';
comment on constraint patient_documents_tenant_id_object_path_key on public.patient_documents is 'One row per file.';
comment on constraint patient_documents_tenant_id_patient_id_fkey on public.patient_documents is 'Same-tenant patient; deleting the record deletes its document list.';
comment on constraint patient_documents_uploaded_by_fkey on public.patient_documents is 'The uploading user, kept as null when that user is deleted.';
comment on constraint patient_documents_title_length on public.patient_documents is 'Titles are at most 200 characters.';
comment on constraint patient_documents_object_path_in_own_folder on public.patient_documents is 'The file lies in this patient''s folder of patient-documents.';

create index patient_documents_tenant_id_patient_id_idx on public.patient_documents (tenant_id, patient_id, created_at);
comment on index public.patient_documents_tenant_id_patient_id_idx is 'A patient''s documents, newest last (and the patient foreign key).';
create index patient_documents_uploaded_by_idx on public.patient_documents (uploaded_by) where uploaded_by is not null;
comment on index public.patient_documents_uploaded_by_idx is 'Serves the uploaded_by foreign key and the uploader policies.';

create function private.set_document_uploader()
returns trigger
language plpgsql
set search_path = ''
as $$
/**
 * BEFORE INSERT row trigger on public.patient_documents: uploaded_by is the signed-in caller
 * (whatever the client sent), or null for server-side inserts without a user.
 *
 * Returns: the new row.
 */
begin
  new.uploaded_by := (select auth.uid());
  return new;
end
$$;
comment on function private.set_document_uploader() is
  'Trigger function on patient_documents: uploaded_by is the requesting user.';
revoke execute on function private.set_document_uploader() from public, anon, authenticated, service_role;
create trigger set_uploader before insert on public.patient_documents
  for each row execute function private.set_document_uploader();
comment on trigger set_uploader on public.patient_documents is 'uploaded_by is the caller.';
create trigger set_updated_at before update on public.patient_documents
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.patient_documents is 'Keeps updated_at current.';
create trigger refuse_key_change before update of tenant_id, id, patient_id, object_path, uploaded_by on public.patient_documents
  for each row execute function private.refuse_key_change('tenant_id', 'id', 'patient_id', 'object_path', 'uploaded_by');
comment on trigger refuse_key_change on public.patient_documents is 'Keys, the patient, the file and the uploader never change (PT422); upserts may send them unchanged.';

create policy patient_documents_select_authenticated on public.patient_documents for select to authenticated
  using ((tenant_id, patient_id) in (select p.tenant_id, p.id from public.patients as p));
comment on policy patient_documents_select_authenticated on public.patient_documents is
  'Whoever may read the patient reads their documents: the patients policy, evaluated as the caller, decides (the patient; tenant-wide staff; staff of a centre the patient belongs to; a clinician of a patient in their care).';
create policy patient_documents_insert_authenticated on public.patient_documents for insert to authenticated
  with check ((tenant_id, patient_id) in (select p.tenant_id, p.id from public.patients as p));
comment on policy patient_documents_insert_authenticated on public.patient_documents is
  'Whoever may read the patient adds documents to their record.';
create policy patient_documents_update_authenticated on public.patient_documents for update to authenticated
  using (uploaded_by = (select auth.uid()) and (tenant_id, patient_id) in (select p.tenant_id, p.id from public.patients as p))
  with check (uploaded_by = (select auth.uid()) and (tenant_id, patient_id) in (select p.tenant_id, p.id from public.patients as p));
comment on policy patient_documents_update_authenticated on public.patient_documents is
  'The uploader renames or reclassifies a document while they may read the patient.';
create policy patient_documents_delete_authenticated on public.patient_documents for delete to authenticated
  using (
    (uploaded_by = (select auth.uid()) and (tenant_id, patient_id) in (select p.tenant_id, p.id from public.patients as p))
    or tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles()))
  );
comment on policy patient_documents_delete_authenticated on public.patient_documents is
  'The uploader (while they may read the patient) or a tenant admin removes a document from the list.';

revoke all on table public.patient_documents from anon, authenticated, service_role;
grant select on table public.patient_documents to authenticated;
grant insert (tenant_id, id, patient_id, object_path, title, kind), update (tenant_id, id, patient_id, object_path, title, kind)
  on table public.patient_documents to authenticated;
grant delete on table public.patient_documents to authenticated;
grant select, insert, update, delete on table public.patient_documents to service_role;

create trigger audit_changes after insert or update or delete on public.patient_documents
  for each row execute function private.record_audit_event('tenant_id', 'title');
comment on trigger audit_changes on public.patient_documents is 'Every change is recorded in the audit log; the title is personal data (redacted there).';

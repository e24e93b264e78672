-- public.medical_notes: clinical notes about a patient, written by a clinician of the tenant.
-- Only members holding the clinician role (tenant-wide or at any centre) read and write them;
-- not the patient, not owners or admins (unless they also hold the clinician role). Notes are
-- never deleted through the API (clinical record retention); a clinician edits only notes they
-- authored. A patient with notes cannot be deleted (foreign key restrict).
--
-- Deviation from the spec: body is text with its own checks (not blank, <= 20000 characters)
-- rather than public.non_empty_text, whose 500-character limit is too short for a note.
-- Grants here; policies in 20261121170850_create_row_level_security_policies.sql.

create table public.medical_notes (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  patient_id uuid not null,
  author_member_id uuid not null,
  body text not null,
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint medical_notes_pkey primary key (tenant_id, id),
  constraint medical_notes_tenant_id_patient_id_fkey foreign key (tenant_id, patient_id) references public.patients (tenant_id, id) on delete restrict,
  constraint medical_notes_tenant_id_author_member_id_fkey foreign key (tenant_id, author_member_id) references public.members (tenant_id, id) on delete restrict,
  constraint medical_notes_body_not_blank check (pg_catalog.btrim(body) <> ''),
  constraint medical_notes_body_length check (pg_catalog.char_length(body) <= 20000)
);
alter table public.medical_notes enable row level security;

comment on table public.medical_notes is
  'Clinical note about a patient. Read and written only by clinicians of the tenant (a clinician edits only their own notes); never deleted through the API; not visible to the patient, owners or admins.';
comment on column public.medical_notes.tenant_id is 'Tenant holding the note (same as the patient''s).';
comment on column public.medical_notes.id is 'Note id.';
comment on column public.medical_notes.patient_id is 'Patient the note is about. A patient with notes cannot be deleted.';
comment on column public.medical_notes.author_member_id is 'Member (clinician) who wrote the note; defaults to the caller. A member with notes cannot be deleted: deactivate them instead.';
comment on column public.medical_notes.body is 'The note text (not blank, at most 20000 characters).';
comment on column public.medical_notes.created_at is 'When the note was written.';
comment on column public.medical_notes.updated_at is 'When the note was last edited (maintained by trigger).';
comment on constraint medical_notes_tenant_id_patient_id_fkey on public.medical_notes is 'Same-tenant patient; medical records keep the patient record from being deleted.';
comment on constraint medical_notes_tenant_id_author_member_id_fkey on public.medical_notes is 'Same-tenant author; authorship keeps the membership from being deleted.';
comment on constraint medical_notes_body_not_blank on public.medical_notes is 'A note says something.';
comment on constraint medical_notes_body_length on public.medical_notes is 'A note is at most 20000 characters.';

create index medical_notes_tenant_id_patient_id_idx on public.medical_notes (tenant_id, patient_id, created_at desc);
comment on index public.medical_notes_tenant_id_patient_id_idx is 'Serves the patient foreign key and a patient''s notes newest first.';
create index medical_notes_tenant_id_author_member_id_idx on public.medical_notes (tenant_id, author_member_id);
comment on index public.medical_notes_tenant_id_author_member_id_idx is 'Serves the author foreign key and the own-notes update policy.';

create function private.default_note_author()
returns trigger
language plpgsql
set search_path = ''
as $$
/**
 * BEFORE INSERT row trigger on public.medical_notes: when author_member_id is omitted, it is the
 * caller's active membership in the note's tenant (the insert policy then checks it is theirs).
 * Runs as the caller: members' select policy always shows a user their own memberships.
 *
 * Returns: the new row.
 */
begin
  if new.author_member_id is null then
    select m.id into new.author_member_id
    from public.members as m
    where m.tenant_id = new.tenant_id
      and m.user_id = (select auth.uid())
      and m.is_active;
  end if;
  return new;
end
$$;
comment on function private.default_note_author() is
  'Trigger function on medical_notes: author_member_id defaults to the caller''s membership in the tenant.';
revoke execute on function private.default_note_author() from public, anon, authenticated, service_role;

create trigger default_author before insert on public.medical_notes
  for each row execute function private.default_note_author();
comment on trigger default_author on public.medical_notes is 'The author defaults to the caller.';

create trigger set_updated_at before update on public.medical_notes
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.medical_notes is 'Keeps updated_at current.';

-- public.medical_notes: grants. No delete for anyone through the API; only the body is editable.
revoke all on table public.medical_notes from anon, authenticated, service_role;
grant select on table public.medical_notes to authenticated;
grant insert (tenant_id, id, patient_id, author_member_id, body) on table public.medical_notes to authenticated;
grant update (body) on table public.medical_notes to authenticated;
grant select, insert, update on table public.medical_notes to service_role;

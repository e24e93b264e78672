-- Clinical notes follow the care relationship. What this migration adds to public.medical_notes:
--   * is_restricted: the author marks a note as theirs alone (e.g. psychotherapy notes);
--   * public.medical_note_shares: the author shares a note with a colleague (a member of the
--     tenant; it counts while that member is an active clinician);
--   * public.break_glass_accesses: in an emergency a clinician reads a patient's notes without a
--     care relationship by stating a reason; the access lasts one hour and is in the audit log.
-- The read policy that uses them is in the next migration.

-- ---------------------------------------------------------------------------------------------
-- medical_notes.is_restricted
-- ---------------------------------------------------------------------------------------------
alter table public.medical_notes add column is_restricted boolean not null default false;
comment on column public.medical_notes.is_restricted is
  'True when the author keeps the note to themself (e.g. psychotherapy notes): nobody else reads it - not the patient''s other clinicians, not colleagues it was shared with, not a break-glass access. Set and cleared by the author.';
grant insert (is_restricted), update (is_restricted) on table public.medical_notes to authenticated;

-- ---------------------------------------------------------------------------------------------
-- public.medical_note_shares
-- ---------------------------------------------------------------------------------------------
create table public.medical_note_shares (
  tenant_id uuid not null,
  note_id uuid not null,
  member_id uuid not null,
  created_at timestamptz not null default pg_catalog.now(),
  constraint medical_note_shares_pkey primary key (tenant_id, note_id, member_id),
  constraint medical_note_shares_tenant_id_note_id_fkey foreign key (tenant_id, note_id) references public.medical_notes (tenant_id, id) on delete cascade,
  constraint medical_note_shares_tenant_id_member_id_fkey foreign key (tenant_id, member_id) references public.members (tenant_id, id) on delete cascade
);
alter table public.medical_note_shares enable row level security;

comment on table public.medical_note_shares is
  'A clinical note shared by its author with a colleague outside the care relationship (a second opinion, a handover). The colleague reads the note while they are an active clinician of the tenant and the note is not restricted. Written and removed by the note''s author only; never updated.';
comment on column public.medical_note_shares.tenant_id is 'Tenant of the note and the member.';
comment on column public.medical_note_shares.note_id is 'The shared note.';
comment on column public.medical_note_shares.member_id is 'The colleague it is shared with.';
comment on column public.medical_note_shares.created_at is 'When the note was shared.';
comment on constraint medical_note_shares_tenant_id_note_id_fkey on public.medical_note_shares is 'Same-tenant note.';
comment on constraint medical_note_shares_tenant_id_member_id_fkey on public.medical_note_shares is 'Same-tenant member; deleting the member removes the share.';

create index medical_note_shares_tenant_id_member_id_idx on public.medical_note_shares (tenant_id, member_id);
comment on index public.medical_note_shares_tenant_id_member_id_idx is 'Serves the member foreign key and "notes shared with me".';

create trigger audit_changes after insert or update or delete on public.medical_note_shares
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.medical_note_shares is 'Records every note shared or unshared in public.audit_log.';

revoke all on table public.medical_note_shares from anon, authenticated, service_role;
grant select, delete on table public.medical_note_shares to authenticated;
grant insert (tenant_id, note_id, member_id) on table public.medical_note_shares to authenticated;
grant select, insert, delete on table public.medical_note_shares to service_role;

-- ---------------------------------------------------------------------------------------------
-- public.break_glass_accesses
-- ---------------------------------------------------------------------------------------------
create table public.break_glass_accesses (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  patient_id uuid not null,
  member_id uuid not null,
  reason text not null,
  created_at timestamptz not null default pg_catalog.now(),
  expires_at timestamptz not null default pg_catalog.now() + interval '1 hour',
  constraint break_glass_accesses_pkey primary key (tenant_id, id),
  constraint break_glass_accesses_tenant_id_patient_id_fkey foreign key (tenant_id, patient_id) references public.patients (tenant_id, id) on delete restrict,
  constraint break_glass_accesses_tenant_id_member_id_fkey foreign key (tenant_id, member_id) references public.members (tenant_id, id) on delete restrict,
  constraint break_glass_accesses_reason_length check (pg_catalog.char_length(pg_catalog.btrim(reason)) between 10 and 1000),
  constraint break_glass_accesses_expires_after_created check (expires_at > created_at)
);
alter table public.break_glass_accesses enable row level security;

comment on table public.break_glass_accesses is
  'Emergency ("break-glass") access: a clinician reads the notes of a patient outside their care for one hour, stating why. Every access is kept (never updated or deleted through the API) and recorded in the audit log; owners and admins review them. Restricted notes stay with their author.';
comment on column public.break_glass_accesses.tenant_id is 'Tenant of the patient.';
comment on column public.break_glass_accesses.id is 'Access id.';
comment on column public.break_glass_accesses.patient_id is 'The patient whose notes are opened.';
comment on column public.break_glass_accesses.member_id is 'The clinician (member) who broke the glass: always the caller.';
comment on column public.break_glass_accesses.reason is 'Why the notes are needed now, 10 to 1000 characters (e.g. "Unconscious in A&E, checking allergies and medication").';
comment on column public.break_glass_accesses.created_at is 'When the glass was broken.';
comment on column public.break_glass_accesses.expires_at is 'When the access ends: one hour after it began (set by the database).';
comment on constraint break_glass_accesses_tenant_id_patient_id_fkey on public.break_glass_accesses is 'Same-tenant patient; a patient with break-glass history is not deleted.';
comment on constraint break_glass_accesses_tenant_id_member_id_fkey on public.break_glass_accesses is 'Same-tenant member; a member with break-glass history is not deleted (deactivate them).';
comment on constraint break_glass_accesses_reason_length on public.break_glass_accesses is 'A reason of 10 to 1000 characters is required.';
comment on constraint break_glass_accesses_expires_after_created on public.break_glass_accesses is 'An access ends after it begins.';

create index break_glass_accesses_tenant_id_member_id_expires_at_idx on public.break_glass_accesses (tenant_id, member_id, expires_at);
comment on index public.break_glass_accesses_tenant_id_member_id_expires_at_idx is 'Serves the member foreign key and "my open accesses" (the notes read policy).';
create index break_glass_accesses_tenant_id_patient_id_idx on public.break_glass_accesses (tenant_id, patient_id, created_at desc);
comment on index public.break_glass_accesses_tenant_id_patient_id_idx is 'Serves the patient foreign key and a patient''s break-glass history.';

create function private.prepare_break_glass_access()
returns trigger
language plpgsql
set search_path = ''
as $$
/**
 * BEFORE INSERT row trigger on public.break_glass_accesses, for signed-in callers:
 *   * a reason is required (22023, with a hint), 10 to 1000 characters;
 *   * member_id is the caller's active membership in the tenant (the insert policy then checks
 *     it is theirs and that they are a clinician);
 *   * the access starts now and lasts one hour, whatever the client sent.
 * service_role and SQL sessions are not restricted (they may record accesses made elsewhere).
 *
 * Returns: the new row.
 */
begin
  if new.reason is null or pg_catalog.char_length(pg_catalog.btrim(new.reason)) < 10 then
    raise exception using
      errcode = '22023',
      message = 'a reason is required to break the glass',
      hint = 'Say why you need this patient''s notes now, in at least 10 characters; it is recorded and reviewed.';
  end if;
  if (select auth.uid()) is null then
    return new;
  end if;
  select m.id into new.member_id
  from public.members as m
  where m.tenant_id = new.tenant_id
    and m.user_id = (select auth.uid())
    and m.is_active;
  new.created_at := pg_catalog.now();
  new.expires_at := pg_catalog.now() + interval '1 hour';
  return new;
end
$$;
comment on function private.prepare_break_glass_access() is
  'Trigger function on break_glass_accesses: a reason of at least 10 characters (22023); for signed-in callers member_id is their own membership and the access lasts one hour from now.';
revoke execute on function private.prepare_break_glass_access() from public, anon, authenticated, service_role;

create trigger prepare_access before insert on public.break_glass_accesses
  for each row execute function private.prepare_break_glass_access();
comment on trigger prepare_access on public.break_glass_accesses is 'A reason is required; the caller is the member; the access lasts one hour.';

create trigger audit_changes after insert or update or delete on public.break_glass_accesses
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.break_glass_accesses is 'Records every break-glass access (who, which patient, why, until when) in public.audit_log.';

revoke all on table public.break_glass_accesses from anon, authenticated, service_role;
grant select on table public.break_glass_accesses to authenticated;
grant insert (tenant_id, id, patient_id, member_id, reason) on table public.break_glass_accesses to authenticated;
grant select, insert on table public.break_glass_accesses to service_role;

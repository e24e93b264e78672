-- Visit notes: public.medical_notes gains what a note of a visit needs (docs/clinical.md).
--   * appointment_id: the visit the note is about (optional: a phone call has none); the same
--     patient's appointment;
--   * structured sections subjective, objective, assessment, plan (SOAP) beside the free text body;
--     a note says something in at least one of them;
--   * status draft -> signed: the author signs (status = 'signed', signed_at set by the database);
--     a signed note never changes again except whether the patient sees it; corrections are
--     amendments (public.medical_note_amendments), kept and shown with the note;
--   * is_shared_with_patient: the author shares a signed note that is not restricted with the
--     patient, who then reads it (and its amendments).
-- Who else reads a note is unchanged: the author; unless restricted, clinicians in whose care the
-- patient is, colleagues it was shared with, an open break-glass access.

create type public.note_status as enum ('draft', 'signed');
comment on type public.note_status is
  'Status of a clinical note: draft (its author still edits it) or signed (final; corrected only by amendments).';

alter table public.medical_notes
  add column appointment_id uuid null,
  add column status public.note_status not null default 'draft',
  add column subjective text null,
  add column objective text null,
  add column assessment text null,
  add column plan text null,
  add column signed_at timestamptz null,
  add column is_shared_with_patient boolean not null default false,
  add constraint medical_notes_tenant_id_appointment_id_fkey foreign key (tenant_id, appointment_id)
    references public.appointments (tenant_id, id) on delete restrict,
  add constraint medical_notes_subjective_length check (pg_catalog.char_length(subjective) <= 20000),
  add constraint medical_notes_objective_length check (pg_catalog.char_length(objective) <= 20000),
  add constraint medical_notes_assessment_length check (pg_catalog.char_length(assessment) <= 20000),
  add constraint medical_notes_plan_length check (pg_catalog.char_length(plan) <= 20000),
  add constraint medical_notes_signed_at_when_signed check ((status = 'signed') = (signed_at is not null)),
  add constraint medical_notes_shared_when_signed_and_open check (not is_shared_with_patient or (status = 'signed' and not is_restricted));
alter table public.medical_notes alter column body set default '';
alter table public.medical_notes drop constraint medical_notes_body_not_blank;
alter table public.medical_notes add constraint medical_notes_says_something check (
  pg_catalog.btrim(body) <> '' or pg_catalog.btrim(coalesce(subjective, '')) <> '' or pg_catalog.btrim(coalesce(objective, '')) <> ''
  or pg_catalog.btrim(coalesce(assessment, '')) <> '' or pg_catalog.btrim(coalesce(plan, '')) <> '');

comment on column public.medical_notes.body is 'Free text of the note (at most 20000 characters; may be empty when a section says something).';
comment on column public.medical_notes.appointment_id is 'The visit (appointment of the same patient) the note is about; null for a note outside a visit. Fixed once written.';
comment on column public.medical_notes.status is 'draft (the author edits it) or signed (final: only amendments and sharing with the patient change it).';
comment on column public.medical_notes.subjective is 'S of SOAP: what the patient reports (at most 20000 characters).';
comment on column public.medical_notes.objective is 'O of SOAP: findings and measurements (at most 20000 characters).';
comment on column public.medical_notes.assessment is 'A of SOAP: the clinician''s assessment or diagnosis (at most 20000 characters).';
comment on column public.medical_notes.plan is 'P of SOAP: treatment, prescriptions, follow-up (at most 20000 characters).';
comment on column public.medical_notes.signed_at is 'When the author signed the note (set by the database); null for a draft.';
comment on column public.medical_notes.is_shared_with_patient is 'True when the author shared the signed note with the patient, who then reads it and its amendments. Never for a restricted note or a draft.';
comment on constraint medical_notes_tenant_id_appointment_id_fkey on public.medical_notes is 'Same-tenant appointment; an appointment with notes is not deleted.';
comment on constraint medical_notes_subjective_length on public.medical_notes is 'A section is at most 20000 characters.';
comment on constraint medical_notes_objective_length on public.medical_notes is 'A section is at most 20000 characters.';
comment on constraint medical_notes_assessment_length on public.medical_notes is 'A section is at most 20000 characters.';
comment on constraint medical_notes_plan_length on public.medical_notes is 'A section is at most 20000 characters.';
comment on constraint medical_notes_signed_at_when_signed on public.medical_notes is 'A signed note has its signing time; a draft has none.';
comment on constraint medical_notes_shared_when_signed_and_open on public.medical_notes is 'Only a signed note that is not restricted is shared with the patient.';
comment on constraint medical_notes_says_something on public.medical_notes is 'A note says something: in its body or in a section.';

create index medical_notes_tenant_id_appointment_id_idx on public.medical_notes (tenant_id, appointment_id) where appointment_id is not null;
comment on index public.medical_notes_tenant_id_appointment_id_idx is 'Serves the appointment foreign key and "the notes of this visit".';

create function private.guard_medical_note()
returns trigger
language plpgsql
security definer
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * BEFORE INSERT OR UPDATE row trigger on public.medical_notes:
 *   * the appointment, when named, is one of the note's patient (22023 otherwise);
 *   * signing stamps signed_at (now); a signed note is final: changing anything but
 *     is_shared_with_patient raises PT409 status_conflict (corrections are amendments), and it
 *     never returns to draft.
 * Security definer: the appointment is matched on keys only (private.appointment_patient_matches),
 * so a clinician with a break-glass access may link a visit they do not see.
 *
 * Returns: the new row.
 */
begin
  if new.appointment_id is not null and (tg_op = 'INSERT' or new.appointment_id is distinct from old.appointment_id) then
    if not exists (select 1 from private.appointment_patient_matches(new.tenant_id, new.appointment_id, new.patient_id)) then
      raise exception using
        errcode = '22023',
        message = 'the appointment is not one of this patient''s',
        hint = 'Link the note to a visit of the same patient, or leave appointment_id empty.';
    end if;
  end if;
  if tg_op = 'INSERT' then
    new.signed_at := case when new.status = 'signed' then pg_catalog.now() end;
    return new;
  end if;
  if old.status = 'signed' then
    if new.status <> 'signed'
       or (to_jsonb(new) - 'is_shared_with_patient' - 'updated_at') is distinct from (to_jsonb(old) - 'is_shared_with_patient' - 'updated_at') then
      raise exception using
        errcode = 'PT409',
        message = 'a signed note is not edited',
        detail = 'status_conflict',
        hint = 'Add an amendment to the note (medical_note_amendments); only sharing with the patient can still change.';
    end if;
    return new;
  end if;
  new.signed_at := case when new.status = 'signed' then pg_catalog.now() end;
  return new;
end
$$;
comment on function private.guard_medical_note() is
  'Trigger function on medical_notes: the appointment belongs to the note''s patient (22023); signing stamps signed_at; a signed note is final except sharing with the patient (PT409 status_conflict).';
revoke execute on function private.guard_medical_note() from public, anon, authenticated, service_role;

create function private.appointment_patient_matches(p_tenant_id uuid, p_appointment_id uuid, p_patient_id uuid)
returns table (appointment_id uuid)
language sql
stable
security definer
set search_path = ''
set timezone to 'UTC'
as $$
  /**
   * The appointment when it exists in the tenant and is the patient's; no row otherwise. Called
   * by the security-definer triggers of notes and prescriptions (no API grant), comparing keys
   * only.
   *
   * Parameters: p_tenant_id, p_appointment_id  the appointment; p_patient_id  whose it must be.
   * Returns: at most one row.
   */
  select a.id from public.appointments as a
  where a.tenant_id = p_tenant_id and a.id = p_appointment_id and a.patient_id = p_patient_id
$$;
comment on function private.appointment_patient_matches(uuid, uuid, uuid) is
  'Clinical records: the appointment if it is this patient''s in this tenant (no row otherwise); used by the triggers of notes, prescriptions and attachments.';
revoke execute on function private.appointment_patient_matches(uuid, uuid, uuid) from public, anon, authenticated, service_role;

create trigger seal_signed_note before insert or update on public.medical_notes
  for each row execute function private.guard_medical_note();
comment on trigger seal_signed_note on public.medical_notes is 'The visit is the patient''s; signing stamps signed_at; a signed note is final (PT409 status_conflict).';

drop trigger refuse_key_change on public.medical_notes;
create trigger refuse_key_change before update of tenant_id, id, patient_id, author_member_id, appointment_id on public.medical_notes
  for each row execute function private.refuse_key_change('tenant_id', 'id', 'patient_id', 'author_member_id', 'appointment_id');
comment on trigger refuse_key_change on public.medical_notes is 'Keys, patient, author and visit of a note never change (PT422).';

drop trigger audit_changes on public.medical_notes;
create trigger audit_changes after insert or update or delete on public.medical_notes
  for each row execute function private.record_audit_event('tenant_id', 'body', 'subjective', 'objective', 'assessment', 'plan');
comment on trigger audit_changes on public.medical_notes is
  'Records every change to a medical note (writing, signing, sharing) in public.audit_log; the text and sections are redacted there (values in audit_log_values, for readers who may read the note).';

grant insert (appointment_id, status, subjective, objective, assessment, plan, is_shared_with_patient),
      update (appointment_id, status, subjective, objective, assessment, plan, is_shared_with_patient)
  on table public.medical_notes to authenticated;

alter policy medical_notes_select_authenticated on public.medical_notes
  using (
    (
      tenant_id in (select private.tenant_ids_with_role_at_any_scope(private.clinical_roles()))
      and (
        (tenant_id, author_member_id) in (select k.tenant_id, k.member_id from private.member_keys_of_current_user() as k)
        or (
          not is_restricted
          and (
            (tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_in_care_of_current_user() as k)
            or (tenant_id, id) in (select k.tenant_id, k.note_id from private.note_keys_shared_with_current_user() as k)
            or (tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_with_open_break_glass() as k)
          )
        )
      )
    )
    or (is_shared_with_patient and (tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k))
  );
comment on policy medical_notes_select_authenticated on public.medical_notes is
  'Clinicians read the notes they wrote, and notes that are not restricted about patients in their care (an appointment with them), shared with them, or opened by their break-glass access. The patient reads the signed notes shared with them. Nobody else - owners or admins as such - reads notes.';

comment on table public.medical_notes is
  'Clinical (visit) note about a patient, optionally of one appointment: free text and SOAP sections, draft then signed, corrected by amendments once signed. Read by its author and - unless restricted - by clinicians in whose care the patient is, colleagues it is shared with and a clinician with an open break-glass access; by the patient once shared with them; never by owners or admins as such. Edited only by its author while a draft; never deleted through the API.';

-- ---------------------------------------------------------------------------------------------
-- public.medical_note_amendments
-- ---------------------------------------------------------------------------------------------
create table public.medical_note_amendments (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  note_id uuid not null,
  author_member_id uuid null,
  body text not null,
  created_at timestamptz not null default pg_catalog.now(),
  constraint medical_note_amendments_pkey primary key (tenant_id, id),
  constraint medical_note_amendments_tenant_id_note_id_fkey foreign key (tenant_id, note_id) references public.medical_notes (tenant_id, id) on delete restrict,
  constraint medical_note_amendments_tenant_id_author_member_id_fkey foreign key (tenant_id, author_member_id) references public.members (tenant_id, id) on delete restrict,
  constraint medical_note_amendments_body_not_blank check (pg_catalog.btrim(body) <> ''),
  constraint medical_note_amendments_body_length check (pg_catalog.char_length(body) <= 20000)
);
alter table public.medical_note_amendments enable row level security;

comment on table public.medical_note_amendments is
  'A correction or addendum to a signed note, kept for ever beside it (the note itself never changes once signed). Whoever reads the note reads its amendments; a clinician who reads a signed note adds one as themself. Never updated or deleted through the API.';
comment on column public.medical_note_amendments.tenant_id is 'Tenant of the note.';
comment on column public.medical_note_amendments.id is 'Amendment id.';
comment on column public.medical_note_amendments.note_id is 'The signed note it amends.';
comment on column public.medical_note_amendments.author_member_id is 'The clinician (member) who wrote it: the caller (set by the database); null only for server-side amendments.';
comment on column public.medical_note_amendments.body is 'What is corrected or added, and why (not blank, at most 20000 characters).';
comment on column public.medical_note_amendments.created_at is 'When it was written.';
comment on constraint medical_note_amendments_tenant_id_note_id_fkey on public.medical_note_amendments is 'Same-tenant note; a note with amendments is not deleted.';
comment on constraint medical_note_amendments_tenant_id_author_member_id_fkey on public.medical_note_amendments is 'Same-tenant author; authorship keeps the membership from being deleted.';
comment on constraint medical_note_amendments_body_not_blank on public.medical_note_amendments is 'An amendment says something.';
comment on constraint medical_note_amendments_body_length on public.medical_note_amendments is 'An amendment is at most 20000 characters.';

create index medical_note_amendments_tenant_id_note_id_idx on public.medical_note_amendments (tenant_id, note_id, created_at);
comment on index public.medical_note_amendments_tenant_id_note_id_idx is 'Serves the note foreign key and a note''s amendments in order.';
create index medical_note_amendments_tenant_id_author_member_id_idx on public.medical_note_amendments (tenant_id, author_member_id);
comment on index public.medical_note_amendments_tenant_id_author_member_id_idx is 'Serves the author foreign key.';

create function private.prepare_note_amendment()
returns trigger
language plpgsql
security definer
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * BEFORE INSERT row trigger on public.medical_note_amendments: the author is the caller's
 * clinical membership (private.clinical_member_id; the insert policy requires one) and the time is
 * now; the note must be signed (a draft is edited instead: PT409 status_conflict). Security
 * definer (it reads the note's status by key); whether the caller may read the note at all is
 * the insert policy's decision.
 * service_role and SQL sessions keep what they send.
 *
 * Returns: the new row.
 */
declare
  v_status public.note_status;
begin
  select n.status into v_status from public.medical_notes as n where n.tenant_id = new.tenant_id and n.id = new.note_id;
  if v_status = 'draft' then
    raise exception using
      errcode = 'PT409',
      message = 'only a signed note is amended',
      detail = 'status_conflict',
      hint = 'Edit the draft itself, or sign it first.';
  end if;
  if (select auth.uid()) is not null then
    new.author_member_id := private.clinical_member_id(new.tenant_id);
    new.created_at := pg_catalog.now();
  end if;
  return new;
end
$$;
comment on function private.prepare_note_amendment() is
  'Trigger function on medical_note_amendments: only a signed note is amended (PT409 status_conflict); the author is the calling clinician.';
revoke execute on function private.prepare_note_amendment() from public, anon, authenticated, service_role;

create trigger prepare_amendment before insert on public.medical_note_amendments
  for each row execute function private.prepare_note_amendment();
comment on trigger prepare_amendment on public.medical_note_amendments is 'Only signed notes are amended; the author is the caller.';

create trigger audit_changes after insert or update or delete on public.medical_note_amendments
  for each row execute function private.record_audit_event('tenant_id', 'body');
comment on trigger audit_changes on public.medical_note_amendments is
  'Records every amendment in public.audit_log; its text is redacted there (value in audit_log_values, for readers who may read it).';

create policy medical_note_amendments_select_authenticated on public.medical_note_amendments
  for select to authenticated
  using ((tenant_id, note_id) in (select n.tenant_id, n.id from public.medical_notes as n));
comment on policy medical_note_amendments_select_authenticated on public.medical_note_amendments is
  'Whoever reads the note reads its amendments: the medical_notes policy, evaluated as the caller, decides (the author, clinicians in care unless restricted, shares, break-glass, the patient of a shared note).';

create policy medical_note_amendments_insert_authenticated on public.medical_note_amendments
  for insert to authenticated
  with check (
    tenant_id in (select private.tenant_ids_with_role_at_any_scope(private.clinical_roles()))
    and (tenant_id, author_member_id) in (select k.tenant_id, k.member_id from private.member_keys_of_current_user() as k)
    and (tenant_id, note_id) in (select n.tenant_id, n.id from public.medical_notes as n where n.status = 'signed')
  );
comment on policy medical_note_amendments_insert_authenticated on public.medical_note_amendments is
  'A clinician amends, as themself, a signed note they read.';

revoke all on table public.medical_note_amendments from anon, authenticated, service_role;
grant select on table public.medical_note_amendments to authenticated;
grant insert (tenant_id, id, note_id, body) on table public.medical_note_amendments to authenticated;
grant select, insert on table public.medical_note_amendments to service_role;

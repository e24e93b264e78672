-- A patient's medical history: allergies, conditions (diagnoses) and current medications, one
-- table with a kind (docs/clinical.md). Clinicians with clinical access to the patient
-- (private.patient_keys_in_clinical_care: in their care, or break-glass) record, correct and
-- verify entries; the patient reads their own and reports new ones, which stay unconfirmed until a
-- clinician verifies them. Entries are never deleted: a wrong one is marked entered_in_error.
-- Shaped after FHIR R4 AllergyIntolerance, Condition and MedicationStatement (the FHIR export maps
-- each kind to its resource).

create type public.medical_history_kind as enum ('allergy', 'condition', 'medication');
comment on type public.medical_history_kind is
  'Kind of medical history entry: allergy (or intolerance), condition (problem or diagnosis), medication (currently or previously taken).';

create type public.medical_history_status as enum ('active', 'inactive', 'resolved');
comment on type public.medical_history_status is
  'Clinical status of an entry: active (current), inactive (not now: a medication stopped, a condition in remission), resolved (over: a condition cured, a course completed).';

create type public.verification_status as enum ('unconfirmed', 'confirmed', 'refuted', 'entered_in_error');
comment on type public.verification_status is
  'Verification of a medical history entry: unconfirmed (reported, e.g. by the patient), confirmed or refuted by a clinician, entered_in_error (should never have been recorded).';

create type public.allergy_severity as enum ('mild', 'moderate', 'severe');
comment on type public.allergy_severity is 'Severity of an allergic reaction: mild, moderate or severe.';

create type public.clinical_code_system as enum ('icd_10', 'snomed_ct', 'other');
comment on type public.clinical_code_system is 'Code system of a clinical code: icd_10 (ICD-10), snomed_ct (SNOMED CT) or other.';

create table public.medical_history_entries (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  patient_id uuid not null,
  kind public.medical_history_kind not null,
  name text not null,
  code text null,
  code_system public.clinical_code_system null,
  reaction text null,
  severity public.allergy_severity null,
  dosage text null,
  onset_date date null,
  end_date date null,
  clinical_status public.medical_history_status not null default 'active',
  verification_status public.verification_status not null default 'unconfirmed',
  note text null,
  recorded_by uuid null,
  recorded_by_member_id uuid null,
  verified_by_member_id uuid null,
  verified_at timestamptz null,
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint medical_history_entries_pkey primary key (tenant_id, id),
  constraint medical_history_entries_tenant_id_patient_id_fkey foreign key (tenant_id, patient_id) references public.patients (tenant_id, id) on delete restrict,
  constraint medical_history_entries_recorded_by_fkey foreign key (recorded_by) references auth.users (id) on delete set null,
  constraint medical_history_entries_tenant_id_recorded_by_member_id_fkey foreign key (tenant_id, recorded_by_member_id) references public.members (tenant_id, id) on delete restrict,
  constraint medical_history_entries_tenant_id_verified_by_member_id_fkey foreign key (tenant_id, verified_by_member_id) references public.members (tenant_id, id) on delete restrict,
  constraint medical_history_entries_name_length check (pg_catalog.btrim(name) <> '' and pg_catalog.char_length(name) <= 200),
  constraint medical_history_entries_code_length check (pg_catalog.char_length(code) between 1 and 50),
  constraint medical_history_entries_code_with_system check ((code is null) = (code_system is null)),
  constraint medical_history_entries_reaction_length check (pg_catalog.char_length(reaction) <= 500),
  constraint medical_history_entries_dosage_length check (pg_catalog.char_length(dosage) <= 500),
  constraint medical_history_entries_note_length check (pg_catalog.char_length(note) <= 2000),
  constraint medical_history_entries_allergy_fields check (kind = 'allergy' or (reaction is null and severity is null)),
  constraint medical_history_entries_medication_fields check (kind = 'medication' or dosage is null),
  constraint medical_history_entries_dates_in_order check (end_date >= onset_date),
  constraint medical_history_entries_verified_by_clinician check ((verification_status in ('confirmed', 'refuted')) <= (verified_at is not null))
);
alter table public.medical_history_entries enable row level security;

comment on table public.medical_history_entries is
  'A patient''s medical history: allergies, conditions and medications. Clinicians with the patient in their care (or an open break-glass access) record, correct and verify entries; the patient reads their own and reports new ones (unconfirmed until a clinician verifies). Never deleted: a wrong entry is marked entered_in_error.';
comment on column public.medical_history_entries.tenant_id is 'Tenant of the patient.';
comment on column public.medical_history_entries.id is 'Entry id.';
comment on column public.medical_history_entries.patient_id is 'Whose history it is; fixed once recorded.';
comment on column public.medical_history_entries.kind is 'allergy, condition or medication; fixed once recorded.';
comment on column public.medical_history_entries.name is 'The substance (allergy), condition or medicine, as text (at most 200 characters), e.g. Penicillin, Type 2 diabetes, Metformin 500 mg.';
comment on column public.medical_history_entries.code is 'Optional code of the name in code_system, e.g. E11.9 (ICD-10) or 44054006 (SNOMED CT); at most 50 characters.';
comment on column public.medical_history_entries.code_system is 'icd_10, snomed_ct or other; given exactly when code is.';
comment on column public.medical_history_entries.reaction is 'Allergies only: what happens on exposure, e.g. Hives, anaphylaxis (at most 500 characters).';
comment on column public.medical_history_entries.severity is 'Allergies only: mild, moderate or severe.';
comment on column public.medical_history_entries.dosage is 'Medications only: how it is taken, e.g. 500 mg twice daily (at most 500 characters).';
comment on column public.medical_history_entries.onset_date is 'When it began (condition onset, medication started, allergy first noticed), if known.';
comment on column public.medical_history_entries.end_date is 'When it ended (condition resolved, medication stopped), if it did; not before onset_date.';
comment on column public.medical_history_entries.clinical_status is 'active, inactive or resolved.';
comment on column public.medical_history_entries.verification_status is 'unconfirmed (e.g. reported by the patient), confirmed, refuted, or entered_in_error. Only clinicians change it.';
comment on column public.medical_history_entries.note is 'Free text for clinicians and the patient (at most 2000 characters).';
comment on column public.medical_history_entries.recorded_by is 'The signed-in user who recorded it (set by the database; the patient for a reported entry).';
comment on column public.medical_history_entries.recorded_by_member_id is 'The clinician (member) who recorded it; null when the patient reported it.';
comment on column public.medical_history_entries.verified_by_member_id is 'The clinician who last confirmed, refuted or otherwise set its verification (set by the database).';
comment on column public.medical_history_entries.verified_at is 'When a clinician last set its verification (set by the database).';
comment on column public.medical_history_entries.created_at is 'When it was recorded.';
comment on column public.medical_history_entries.updated_at is 'When it was last changed (maintained by trigger).';
comment on constraint medical_history_entries_tenant_id_patient_id_fkey on public.medical_history_entries is 'Same-tenant patient; a patient with a medical history is not deleted.';
comment on constraint medical_history_entries_recorded_by_fkey on public.medical_history_entries is 'The recording user, kept as null when that user is deleted.';
comment on constraint medical_history_entries_tenant_id_recorded_by_member_id_fkey on public.medical_history_entries is 'Same-tenant recording clinician; deactivate rather than delete them.';
comment on constraint medical_history_entries_tenant_id_verified_by_member_id_fkey on public.medical_history_entries is 'Same-tenant verifying clinician; deactivate rather than delete them.';
comment on constraint medical_history_entries_name_length on public.medical_history_entries is 'A name is given, at most 200 characters.';
comment on constraint medical_history_entries_code_length on public.medical_history_entries is 'A code is 1 to 50 characters.';
comment on constraint medical_history_entries_code_with_system on public.medical_history_entries is 'A code names its system, and a system comes with a code.';
comment on constraint medical_history_entries_reaction_length on public.medical_history_entries is 'A reaction is at most 500 characters.';
comment on constraint medical_history_entries_dosage_length on public.medical_history_entries is 'A dosage is at most 500 characters.';
comment on constraint medical_history_entries_note_length on public.medical_history_entries is 'A note is at most 2000 characters.';
comment on constraint medical_history_entries_allergy_fields on public.medical_history_entries is 'Reaction and severity belong to allergies.';
comment on constraint medical_history_entries_medication_fields on public.medical_history_entries is 'Dosage belongs to medications.';
comment on constraint medical_history_entries_dates_in_order on public.medical_history_entries is 'An entry does not end before it began.';
comment on constraint medical_history_entries_verified_by_clinician on public.medical_history_entries is 'A confirmed or refuted entry carries when it was verified.';

create index medical_history_entries_tenant_id_patient_id_idx on public.medical_history_entries (tenant_id, patient_id, kind, created_at);
comment on index public.medical_history_entries_tenant_id_patient_id_idx is 'Serves the patient foreign key and a patient''s history by kind.';
create index medical_history_entries_recorded_by_idx on public.medical_history_entries (recorded_by) where recorded_by is not null;
comment on index public.medical_history_entries_recorded_by_idx is 'Serves the recorded_by foreign key.';
create index medical_history_entries_tenant_id_recorded_by_member_id_idx on public.medical_history_entries (tenant_id, recorded_by_member_id) where recorded_by_member_id is not null;
comment on index public.medical_history_entries_tenant_id_recorded_by_member_id_idx is 'Serves the recording clinician foreign key.';
create index medical_history_entries_tenant_id_verified_by_member_id_idx on public.medical_history_entries (tenant_id, verified_by_member_id) where verified_by_member_id is not null;
comment on index public.medical_history_entries_tenant_id_verified_by_member_id_idx is 'Serves the verifying clinician foreign key.';

create function private.prepare_medical_history_entry()
returns trigger
language plpgsql
security definer
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * BEFORE INSERT OR UPDATE row trigger on public.medical_history_entries, for signed-in callers:
 *   * insert: recorded_by is the caller; a clinician with access to the patient is the recording
 *     member; anyone else (the patient reporting) records an unconfirmed entry - sending another
 *     verification raises 42501 with a hint;
 *   * a clinician who sets the verification (on insert, or by changing it) is stamped as verifier
 *     with the time.
 * The policies decide who may write at all; service_role and SQL sessions keep what they send.
 * Security definer: the access helpers it asks run as the table owner, for the caller's auth.uid().
 *
 * Returns: the new row.
 */
declare
  v_member_id uuid;
begin
  if (select auth.uid()) is null then
    return new;
  end if;
  if (new.tenant_id, new.patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_in_clinical_care() as k) then
    v_member_id := private.clinical_member_id(new.tenant_id);
  end if;
  if tg_op = 'INSERT' then
    new.recorded_by := (select auth.uid());
    new.recorded_by_member_id := v_member_id;
    new.verified_by_member_id := null;
    new.verified_at := null;
    new.created_at := pg_catalog.now();
    if v_member_id is null and new.verification_status <> 'unconfirmed' then
      raise exception using
        errcode = '42501',
        message = 'only a clinician verifies a medical history entry',
        hint = 'Report it as unconfirmed; a clinician confirms it at your next visit.';
    end if;
  end if;
  if v_member_id is not null and (tg_op = 'INSERT' and new.verification_status <> 'unconfirmed'
                                  or tg_op = 'UPDATE' and new.verification_status is distinct from old.verification_status) then
    new.verified_by_member_id := v_member_id;
    new.verified_at := pg_catalog.now();
  elsif tg_op = 'UPDATE' then
    new.verified_by_member_id := old.verified_by_member_id;
    new.verified_at := old.verified_at;
  end if;
  return new;
end
$$;
comment on function private.prepare_medical_history_entry() is
  'Trigger function on medical_history_entries: stamps the recording user and clinician; a patient reports only unconfirmed entries (42501); a clinician setting the verification is stamped as verifier.';
revoke execute on function private.prepare_medical_history_entry() from public, anon, authenticated, service_role;

create trigger prepare_entry before insert or update on public.medical_history_entries
  for each row execute function private.prepare_medical_history_entry();
comment on trigger prepare_entry on public.medical_history_entries is 'Stamps recorder and verifier; patients report unconfirmed entries only.';
create trigger set_updated_at before update on public.medical_history_entries
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.medical_history_entries is 'Keeps updated_at current.';
create trigger refuse_key_change before update of tenant_id, id, patient_id, kind on public.medical_history_entries
  for each row execute function private.refuse_key_change('tenant_id', 'id', 'patient_id', 'kind');
comment on trigger refuse_key_change on public.medical_history_entries is 'Keys, the patient and the kind never change (PT422); upserts may send them unchanged.';
create trigger audit_changes after insert or update or delete on public.medical_history_entries
  for each row execute function private.record_audit_event('tenant_id', 'name', 'code', 'reaction', 'dosage', 'note');
comment on trigger audit_changes on public.medical_history_entries is
  'Records every entry recorded, corrected or verified in public.audit_log; the clinical text is redacted there (values in audit_log_values).';

create policy medical_history_entries_select_authenticated on public.medical_history_entries for select to authenticated
  using (
    (tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_in_clinical_care() as k)
    or (tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k)
  );
comment on policy medical_history_entries_select_authenticated on public.medical_history_entries is
  'Clinicians read the history of patients in their care (or opened by break-glass); the patient reads their own.';
create policy medical_history_entries_insert_authenticated on public.medical_history_entries for insert to authenticated
  with check (
    (tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_in_clinical_care() as k)
    or (tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k)
  );
comment on policy medical_history_entries_insert_authenticated on public.medical_history_entries is
  'Clinicians record entries for patients in their care; the patient reports their own (unconfirmed: trigger).';
create policy medical_history_entries_update_authenticated on public.medical_history_entries for update to authenticated
  using ((tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_in_clinical_care() as k))
  with check ((tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_in_clinical_care() as k));
comment on policy medical_history_entries_update_authenticated on public.medical_history_entries is
  'Only clinicians with the patient in their care correct and verify entries; the patient does not.';

revoke all on table public.medical_history_entries from anon, authenticated, service_role;
grant select on table public.medical_history_entries to authenticated;
grant insert (tenant_id, id, patient_id, kind, name, code, code_system, reaction, severity, dosage, onset_date, end_date,
              clinical_status, verification_status, note),
      update (tenant_id, id, patient_id, kind, name, code, code_system, reaction, severity, dosage, onset_date, end_date,
              clinical_status, verification_status, note)
  on table public.medical_history_entries to authenticated;
grant select, insert, update on table public.medical_history_entries to service_role;

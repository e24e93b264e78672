-- Appointment notes for logistics, separate from clinical notes (docs/clinical.md): one short
-- note per appointment and kind -
--   patient     written by the patient when booking ("wheelchair access, please"); the patient
--               and the staff who see the appointment read it;
--   front_desk  written by the front office ("insurance card to bring"); staff who see the
--               appointment read it, the patient does not.
-- Who sees the appointment is decided by the appointments policy, evaluated as the caller
-- (centre-scoped staff their centres, clinicians their own appointments, the patient theirs).

create type public.appointment_note_kind as enum ('patient', 'front_desk');
comment on type public.appointment_note_kind is
  'Kind of logistics note on an appointment: patient (from the patient, e.g. when booking) or front_desk (from the front office, not shown to the patient).';

create table public.appointment_notes (
  tenant_id uuid not null,
  appointment_id uuid not null,
  kind public.appointment_note_kind not null,
  body text not null,
  written_by uuid null,
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint appointment_notes_pkey primary key (tenant_id, appointment_id, kind),
  constraint appointment_notes_tenant_id_appointment_id_fkey foreign key (tenant_id, appointment_id) references public.appointments (tenant_id, id) on delete cascade,
  constraint appointment_notes_written_by_fkey foreign key (written_by) references auth.users (id) on delete set null,
  constraint appointment_notes_body_length check (pg_catalog.btrim(body) <> '' and pg_catalog.char_length(body) <= 1000)
);
alter table public.appointment_notes enable row level security;

comment on table public.appointment_notes is
  'Logistics notes on an appointment (not clinical): the patient''s note (written by the patient; read by them and the staff who see the appointment) and the front desk''s note (written and read by staff who see the appointment; not by the patient). One of each per appointment: write with upsert.';
comment on column public.appointment_notes.tenant_id is 'Tenant of the appointment.';
comment on column public.appointment_notes.appointment_id is 'The appointment.';
comment on column public.appointment_notes.kind is 'patient or front_desk.';
comment on column public.appointment_notes.body is 'The note, 1 to 1000 characters, e.g. Needs step-free access.';
comment on column public.appointment_notes.written_by is 'The signed-in user who last wrote it (set by the database).';
comment on column public.appointment_notes.created_at is 'When it was first written.';
comment on column public.appointment_notes.updated_at is 'When it was last changed (maintained by trigger).';
comment on constraint appointment_notes_tenant_id_appointment_id_fkey on public.appointment_notes is 'Same-tenant appointment; its notes go with it.';
comment on constraint appointment_notes_written_by_fkey on public.appointment_notes is 'The writing user, kept as null when that user is deleted.';
comment on constraint appointment_notes_body_length on public.appointment_notes is 'A note says something, in at most 1000 characters.';

create index appointment_notes_written_by_idx on public.appointment_notes (written_by) where written_by is not null;
comment on index public.appointment_notes_written_by_idx is 'Serves the written_by foreign key.';

create function private.stamp_appointment_note_writer()
returns trigger
language plpgsql
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * BEFORE INSERT OR UPDATE row trigger on public.appointment_notes: written_by is the signed-in
 * caller (null for server-side writes).
 *
 * Returns: the new row.
 */
begin
  new.written_by := (select auth.uid());
  return new;
end
$$;
comment on function private.stamp_appointment_note_writer() is
  'Trigger function on appointment_notes: written_by is the requesting user.';
revoke execute on function private.stamp_appointment_note_writer() from public, anon, authenticated, service_role;

create trigger stamp_writer before insert or update on public.appointment_notes
  for each row execute function private.stamp_appointment_note_writer();
comment on trigger stamp_writer on public.appointment_notes is 'written_by is the caller.';
create trigger set_updated_at before update on public.appointment_notes
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.appointment_notes is 'Keeps updated_at current.';
create trigger refuse_key_change before update of tenant_id, appointment_id, kind on public.appointment_notes
  for each row execute function private.refuse_key_change('tenant_id', 'appointment_id', 'kind');
comment on trigger refuse_key_change on public.appointment_notes is 'The appointment and kind never change (PT422); upserts may send them unchanged.';
create trigger audit_changes after insert or update or delete on public.appointment_notes
  for each row execute function private.record_audit_event('tenant_id', 'body');
comment on trigger audit_changes on public.appointment_notes is 'Every change is recorded in the audit log; the text is redacted there (value in audit_log_values).';

create policy appointment_notes_select_authenticated on public.appointment_notes for select to authenticated
  using (
    (tenant_id, appointment_id) in (select a.tenant_id, a.id from public.appointments as a)
    and (kind = 'patient' or tenant_id in (select private.member_tenant_ids()))
  );
comment on policy appointment_notes_select_authenticated on public.appointment_notes is
  'Whoever sees the appointment (the appointments policy decides) reads the patient''s note; the front desk''s note only staff of the tenant among them.';
create function private.appointment_note_keys_writable_by_current_user()
returns table (tenant_id uuid, appointment_id uuid, kind public.appointment_note_kind)
language sql
stable
set search_path = ''
set timezone to 'UTC'
as $$
  /**
   * Which appointment notes the caller may write: the patient note of their own appointments, and
   * the front-desk note of the appointments they see while they hold a front-office role
   * (private.front_office_roles(), tenant-wide or at a centre). Security invoker: appointments
   * are read as the caller, so the appointments policy limits centre-scoped staff to their
   * centres. The one rule for the insert, update and delete policies of appointment_notes.
   *
   * Returns: (tenant_id, appointment_id, kind) keys.
   */
  select a.tenant_id, a.id, 'patient'::public.appointment_note_kind
  from public.appointments as a
  where (a.tenant_id, a.patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k)
  union all
  select a.tenant_id, a.id, 'front_desk'::public.appointment_note_kind
  from public.appointments as a
  where a.tenant_id in (select private.tenant_ids_with_role_at_any_scope(private.front_office_roles()))
$$;
comment on function private.appointment_note_keys_writable_by_current_user() is
  'RLS helper (security invoker, returns keys): the appointment notes the caller may write - the patient note of their own appointments, the front-desk note of appointments they see as front office.';
revoke execute on function private.appointment_note_keys_writable_by_current_user() from public, anon, authenticated, service_role;
grant execute on function private.appointment_note_keys_writable_by_current_user() to authenticated;

create policy appointment_notes_insert_authenticated on public.appointment_notes for insert to authenticated
  with check ((tenant_id, appointment_id, kind) in (select k.tenant_id, k.appointment_id, k.kind from private.appointment_note_keys_writable_by_current_user() as k));
comment on policy appointment_notes_insert_authenticated on public.appointment_notes is
  'The patient writes the patient note of their own appointment; the front office (at the appointment''s centre, or tenant-wide) writes the front-desk note.';
create policy appointment_notes_update_authenticated on public.appointment_notes for update to authenticated
  using ((tenant_id, appointment_id, kind) in (select k.tenant_id, k.appointment_id, k.kind from private.appointment_note_keys_writable_by_current_user() as k))
  with check ((tenant_id, appointment_id, kind) in (select k.tenant_id, k.appointment_id, k.kind from private.appointment_note_keys_writable_by_current_user() as k));
comment on policy appointment_notes_update_authenticated on public.appointment_notes is
  'The patient edits their note; the front office edits the front-desk note of appointments they see.';
create policy appointment_notes_delete_authenticated on public.appointment_notes for delete to authenticated
  using ((tenant_id, appointment_id, kind) in (select k.tenant_id, k.appointment_id, k.kind from private.appointment_note_keys_writable_by_current_user() as k));
comment on policy appointment_notes_delete_authenticated on public.appointment_notes is
  'Whoever may edit a note removes it.';

revoke all on table public.appointment_notes from anon, authenticated, service_role;
grant select, delete on table public.appointment_notes to authenticated;
grant insert (tenant_id, appointment_id, kind, body), update (tenant_id, appointment_id, kind, body)
  on table public.appointment_notes to authenticated;
grant select, insert, update, delete on table public.appointment_notes to service_role;

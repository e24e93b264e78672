-- Who reads a clinical note. Only active clinicians (the clinical role set, tenant-wide or at a
-- centre) of an active tenant, and among them:
--   * the author, always (also a restricted note);
--   * for a note that is NOT restricted: a clinician in whose care the patient is (an
--     appointment with them, not cancelled or entered in error:
--     private.patient_keys_in_care_of_current_user), a colleague the author shared the note with,
--     and a clinician with an open break-glass access to that patient.
-- Owners, admins and other staff read no notes unless they hold the clinician role and one of the
-- above applies. Writing is unchanged: clinicians write notes as themselves and edit their own.

create function private.note_keys_authored_by_current_user()
returns table (tenant_id uuid, note_id uuid, is_restricted boolean)
language sql
stable
security definer
set search_path = ''
as $$
  /**
   * Notes written by the caller (author_member_id is one of their active memberships in an
   * active tenant), with their restricted flag. Used by the sharing policies (only the author
   * shares, and only a note that is not restricted).
   *
   * Returns: (tenant_id, note_id, is_restricted).
   */
  select n.tenant_id, n.id, n.is_restricted
  from private.member_keys_of_current_user() as k
  join public.medical_notes as n on n.tenant_id = k.tenant_id and n.author_member_id = k.member_id
$$;
comment on function private.note_keys_authored_by_current_user() is
  'RLS helper (security definer, returns keys): notes written by the caller''s active memberships, with their restricted flag.';

create function private.note_keys_shared_with_current_user()
returns table (tenant_id uuid, note_id uuid)
language sql
stable
security definer
set search_path = ''
as $$
  /**
   * Notes shared with one of the caller's active memberships (public.medical_note_shares).
   *
   * Returns: (tenant_id, note_id).
   */
  select s.tenant_id, s.note_id
  from private.member_keys_of_current_user() as k
  join public.medical_note_shares as s on s.tenant_id = k.tenant_id and s.member_id = k.member_id
$$;
comment on function private.note_keys_shared_with_current_user() is
  'RLS helper (security definer, returns keys): notes shared with the caller''s active memberships.';

create function private.patient_keys_with_open_break_glass()
returns table (tenant_id uuid, patient_id uuid)
language sql
stable
security definer
set search_path = ''
as $$
  /**
   * Patients for whom the caller has an open break-glass access (public.break_glass_accesses of
   * one of their active memberships, not yet expired).
   *
   * Returns: (tenant_id, patient_id), each once.
   */
  select distinct b.tenant_id, b.patient_id
  from private.member_keys_of_current_user() as k
  join public.break_glass_accesses as b on b.tenant_id = k.tenant_id and b.member_id = k.member_id
  where b.expires_at > pg_catalog.now()
$$;
comment on function private.patient_keys_with_open_break_glass() is
  'RLS helper (security definer, returns keys): patients with an unexpired break-glass access by the caller''s active memberships.';

revoke execute on function private.note_keys_authored_by_current_user() from public, anon, authenticated, service_role;
revoke execute on function private.note_keys_shared_with_current_user() from public, anon, authenticated, service_role;
revoke execute on function private.patient_keys_with_open_break_glass() from public, anon, authenticated, service_role;
grant execute on function private.note_keys_authored_by_current_user() to authenticated, service_role;
grant execute on function private.note_keys_shared_with_current_user() to authenticated, service_role;
grant execute on function private.patient_keys_with_open_break_glass() to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- public.medical_notes
-- ---------------------------------------------------------------------------------------------
alter policy medical_notes_select_authenticated on public.medical_notes
  using (
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
  );
comment on policy medical_notes_select_authenticated on public.medical_notes is
  'Clinicians read the notes they wrote, and notes that are not restricted about patients in their care (an appointment with them), shared with them, or opened by their break-glass access. Nobody else - not the patient, owners or admins - reads notes.';

alter policy medical_notes_insert_authenticated on public.medical_notes
  with check (
    tenant_id in (select private.tenant_ids_with_role_at_any_scope(private.clinical_roles()))
    and (tenant_id, author_member_id) in (select k.tenant_id, k.member_id from private.member_keys_of_current_user() as k)
  );

alter policy medical_notes_update_authenticated on public.medical_notes
  using (
    tenant_id in (select private.tenant_ids_with_role_at_any_scope(private.clinical_roles()))
    and (tenant_id, author_member_id) in (select k.tenant_id, k.member_id from private.member_keys_of_current_user() as k)
  )
  with check (
    tenant_id in (select private.tenant_ids_with_role_at_any_scope(private.clinical_roles()))
    and (tenant_id, author_member_id) in (select k.tenant_id, k.member_id from private.member_keys_of_current_user() as k)
  );
comment on policy medical_notes_update_authenticated on public.medical_notes is
  'A clinician edits only the notes they wrote (the body and whether it is restricted; patient and author never change).';

-- ---------------------------------------------------------------------------------------------
-- public.medical_note_shares
-- ---------------------------------------------------------------------------------------------
create policy medical_note_shares_select_authenticated on public.medical_note_shares
  for select
  to authenticated
  using (
    (tenant_id, note_id) in (select k.tenant_id, k.note_id from private.note_keys_authored_by_current_user() as k)
    or (tenant_id, member_id) in (select k.tenant_id, k.member_id from private.member_keys_of_current_user() as k)
  );
comment on policy medical_note_shares_select_authenticated on public.medical_note_shares is
  'The author sees with whom their notes are shared; a colleague sees what was shared with them.';

create policy medical_note_shares_insert_authenticated on public.medical_note_shares
  for insert
  to authenticated
  with check (
    tenant_id in (select private.tenant_ids_with_role_at_any_scope(private.clinical_roles()))
    and (tenant_id, note_id) in (
      select k.tenant_id, k.note_id from private.note_keys_authored_by_current_user() as k where not k.is_restricted)
  );
comment on policy medical_note_shares_insert_authenticated on public.medical_note_shares is
  'A clinician shares a note they wrote that is not restricted.';

create policy medical_note_shares_delete_authenticated on public.medical_note_shares
  for delete
  to authenticated
  using ((tenant_id, note_id) in (select k.tenant_id, k.note_id from private.note_keys_authored_by_current_user() as k));
comment on policy medical_note_shares_delete_authenticated on public.medical_note_shares is
  'The author stops sharing a note.';

-- ---------------------------------------------------------------------------------------------
-- public.break_glass_accesses
-- ---------------------------------------------------------------------------------------------
create policy break_glass_accesses_select_authenticated on public.break_glass_accesses
  for select
  to authenticated
  using (
    (tenant_id, member_id) in (select k.tenant_id, k.member_id from private.member_keys_of_current_user() as k)
    or tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles()))
  );
comment on policy break_glass_accesses_select_authenticated on public.break_glass_accesses is
  'A clinician sees their own break-glass accesses; owners and admins review every access of their tenant.';

create policy break_glass_accesses_insert_authenticated on public.break_glass_accesses
  for insert
  to authenticated
  with check (
    tenant_id in (select private.tenant_ids_with_role_at_any_scope(private.clinical_roles()))
    and (tenant_id, member_id) in (select k.tenant_id, k.member_id from private.member_keys_of_current_user() as k)
  );
comment on policy break_glass_accesses_insert_authenticated on public.break_glass_accesses is
  'A clinician of the tenant breaks the glass for a patient, as themselves and with a reason (trigger).';

comment on table public.medical_notes is
  'Clinical note about a patient, written by a clinician of the tenant as themself. Read by its author and - unless restricted - by clinicians in whose care the patient is, colleagues it is shared with and a clinician with an open break-glass access; never by the patient, owners or admins as such. Edited only by its author; never deleted through the API.';

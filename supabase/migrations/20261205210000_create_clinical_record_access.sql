-- Who reads and writes a patient's clinical record beyond the notes (medical history,
-- prescriptions, clinical attachments): written once here, named by every clinical policy.
--   * a clinician (private.clinical_roles(), tenant-wide or at a centre) of an active tenant for a
--     patient in their care (private.patient_keys_in_care_of_current_user) or with an open
--     break-glass access (private.patient_keys_with_open_break_glass);
--   * the patient themself reads their own record (private.patient_keys_of_current_user) - what
--     each table shows them is said in its own policy.
-- Owners, admins, front office and care coordinators read none of it unless they also hold the
-- clinician role and one of the above applies.

create function private.patient_keys_in_clinical_care()
returns table (tenant_id uuid, patient_id uuid)
language sql
stable
security definer
set search_path = ''
set timezone to 'UTC'
as $$
  /**
   * Patients whose clinical record the caller may read and write as a clinician: they hold a
   * clinical role in the tenant, and the patient is in their care (an appointment with them that
   * was not cancelled or entered in error) or they have an open break-glass access to the
   * patient. The one definition of clinical access for medical history, prescriptions and
   * clinical attachments (notes keep their own policy: restricted notes and shares).
   *
   * Returns: (tenant_id, patient_id) pairs, each once.
   * Example: ... using ((tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_in_clinical_care() as k))
   */
  select c.tenant_id, c.patient_id
  from (
    select k.tenant_id, k.patient_id from private.patient_keys_in_care_of_current_user() as k
    union
    select k.tenant_id, k.patient_id from private.patient_keys_with_open_break_glass() as k
  ) as c
  where c.tenant_id in (select private.tenant_ids_with_role_at_any_scope(private.clinical_roles()))
$$;
comment on function private.patient_keys_in_clinical_care() is
  'RLS helper (security definer, returns keys): patients whose clinical record (history, prescriptions, attachments) the caller reads and writes as a clinician - in their care or opened by break-glass, while they hold a clinical role.';
revoke execute on function private.patient_keys_in_clinical_care() from public, anon, authenticated, service_role;
grant execute on function private.patient_keys_in_clinical_care() to authenticated;

create function private.clinical_member_id(p_tenant_id uuid)
returns uuid
language sql
stable
security definer
set search_path = ''
set timezone to 'UTC'
as $$
  /**
   * The caller's active membership in the tenant when they hold a clinical role there (tenant-wide
   * or at a centre), else null. Triggers use it to stamp who recorded, verified, prescribed or
   * uploaded a clinical row.
   *
   * Parameters: p_tenant_id  the row's tenant.
   * Returns: members.id or null.
   * Called by the security-definer triggers of the clinical tables (no API grant).
   */
  select k.member_id
  from private.member_keys_of_current_user() as k
  where k.tenant_id = p_tenant_id
    and k.tenant_id in (select private.tenant_ids_with_role_at_any_scope(private.clinical_roles()))
  limit 1
$$;
comment on function private.clinical_member_id(uuid) is
  'Clinical records: the caller''s membership in the tenant if they hold a clinical role there, else null (stamps recorder, verifier, prescriber, uploader).';
revoke execute on function private.clinical_member_id(uuid) from public, anon, authenticated, service_role;

-- Least privilege for patient records. Staff holding a role tenant-wide see and (front office)
-- edit every patient of the tenant, as before. Staff holding roles only at some centres see the
-- patients who belong to those centres (registered there, with an appointment there or on the
-- waitlist there: private.patient_keys_at_scoped_centres) and edit them when their role at that
-- centre is a front-office role; a clinician also sees the patients in their care. Centre-scoped
-- front office staff register patients at one of their own centres.

alter policy patients_select_authenticated on public.patients
  using (
    user_id = (select auth.uid())
    or tenant_id in (select private.tenant_wide_staff_tenant_ids())
    or (tenant_id, id) in (
      select k.tenant_id, k.patient_id from private.patient_keys_at_scoped_centres(private.staff_roles()) as k)
    or (tenant_id, id) in (select k.tenant_id, k.patient_id from private.patient_keys_in_care_of_current_user() as k)
  );
comment on policy patients_select_authenticated on public.patients is
  'Patients see their own records. Staff with a tenant-wide role see every patient of the tenant; staff with roles only at some centres see the patients of those centres (registered there, with an appointment or a waitlist entry there); a clinician also sees the patients in their care.';

alter policy patients_insert_authenticated on public.patients
  with check (
    (
      user_id is null
      and (
        tenant_id in (select private.tenant_ids_with_role(private.front_office_roles()))
        or (tenant_id, registered_centre_id) in (
          select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.front_office_roles()) as k)
      )
    )
    or (
      user_id = (select auth.uid())
      and tenant_id in (select t.id from public.tenants as t where t.is_active)
    )
  );
comment on policy patients_insert_authenticated on public.patients is
  'The front office (owners, admins, managers, care coordinators, front desk tenant-wide; centre managers, care coordinators and front desk at one of their centres, named as registered_centre_id) registers patients without linking an account; a signed-in person registers themself once per active tenant (user_id = their own id).';

alter policy patients_update_authenticated on public.patients
  using (
    user_id = (select auth.uid())
    or tenant_id in (select private.tenant_ids_with_role(private.front_office_roles()))
    or (
      tenant_id in (select private.tenant_ids_with_role_at_any_scope(private.front_office_roles()))
      and (tenant_id, id) in (
        select k.tenant_id, k.patient_id from private.patient_keys_at_scoped_centres(private.front_office_roles()) as k)
    )
  )
  with check (
    user_id = (select auth.uid())
    or tenant_id in (select private.tenant_ids_with_role(private.front_office_roles()))
    or (
      tenant_id in (select private.tenant_ids_with_role_at_any_scope(private.front_office_roles()))
      and (tenant_id, id) in (
        select k.tenant_id, k.patient_id from private.patient_keys_at_scoped_centres(private.front_office_roles()) as k)
    )
  );
comment on policy patients_update_authenticated on public.patients is
  'Patients edit their own record; the tenant-wide front office edits every patient of the tenant, centre-scoped front office staff the patients of their centres. Nobody changes the keys (PT422) or, signed in, the account link (PT403).';

alter policy patients_delete_authenticated on public.patients
  using (tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles())));

comment on table public.patients is
  'A person''s patient record with one tenant. Tenant-wide staff read every record; centre-scoped staff the records of patients who belong to their centres (registered there, with an appointment or on the waitlist there); a clinician those of patients in their care; patients with an account read and edit their own; owners and admins delete it (only while it has no clinical records).';

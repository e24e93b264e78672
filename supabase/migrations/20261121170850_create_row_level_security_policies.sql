-- Row-level security policies of the tenancy tables: exactly one policy per table x command x
-- role (`to anon` / `to authenticated`, never `for all`), named <table>_<command>_<role>.
-- service_role bypasses RLS (its grants are in the table migrations); commands without a policy
-- here are denied (no grant, or RLS filters every row). The full matrix, in plain words, is in
-- docs/access-matrix.md.
--
-- Helpers (20261121170800) are wrapped in `(select ...)` so each is evaluated once per statement.
-- Role ladders used below:
--   practice managers       owner, admin, manager
--   patient staff           owner, admin, manager, centre_manager, care_coordinator, front_desk
--   below manager           centre_manager, clinician, care_coordinator, front_desk

-- ---------------------------------------------------------------------------------------------
-- public.tenants
-- ---------------------------------------------------------------------------------------------
create policy tenants_select_anon on public.tenants
  for select
  to anon
  using (is_active);
comment on policy tenants_select_anon on public.tenants is
  'Visitors see active tenants (name, time zone, currency, booking policy for the booking site).';

create policy tenants_select_authenticated on public.tenants
  for select
  to authenticated
  using (is_active or id in (select private.member_tenant_ids()));
comment on policy tenants_select_authenticated on public.tenants is
  'Signed-in users see active tenants, and staff also see their own tenant when it is inactive.';

create policy tenants_update_authenticated on public.tenants
  for update
  to authenticated
  using (id in (select private.tenant_ids_with_role(array['owner', 'admin']::public.staff_role[])))
  with check (id in (select private.tenant_ids_with_role(array['owner', 'admin']::public.staff_role[])));
comment on policy tenants_update_authenticated on public.tenants is
  'Owners and admins change their tenant''s settings (name, slug, time zone, currency, locale, booking policy); is_active is for service_role only (column grant).';

-- ---------------------------------------------------------------------------------------------
-- public.centres
-- ---------------------------------------------------------------------------------------------
create policy centres_select_anon on public.centres
  for select
  to anon
  using (is_published and is_active and tenant_id in (select t.id from public.tenants as t where t.is_active));
comment on policy centres_select_anon on public.centres is
  'Visitors see published, active centres of active tenants.';

create policy centres_select_authenticated on public.centres
  for select
  to authenticated
  using (
    (is_published and is_active and tenant_id in (select t.id from public.tenants as t where t.is_active))
    or tenant_id in (select private.member_tenant_ids())
  );
comment on policy centres_select_authenticated on public.centres is
  'Signed-in users see what visitors see; staff see every centre of their tenant (unpublished and closed too).';

create policy centres_insert_authenticated on public.centres
  for insert
  to authenticated
  with check (tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin', 'manager']::public.staff_role[])));
comment on policy centres_insert_authenticated on public.centres is
  'Owners, admins and managers open centres in their tenant.';

create policy centres_update_authenticated on public.centres
  for update
  to authenticated
  using ((tenant_id, id) in (
    select k.tenant_id, k.centre_id
    from private.centre_keys_with_role(array['owner', 'admin', 'manager', 'centre_manager']::public.staff_role[]) as k))
  with check ((tenant_id, id) in (
    select k.tenant_id, k.centre_id
    from private.centre_keys_with_role(array['owner', 'admin', 'manager', 'centre_manager']::public.staff_role[]) as k));
comment on policy centres_update_authenticated on public.centres is
  'Owners, admins and managers edit any centre of their tenant; a centre_manager edits only the centre they manage.';

create policy centres_delete_authenticated on public.centres
  for delete
  to authenticated
  using (tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin']::public.staff_role[])));
comment on policy centres_delete_authenticated on public.centres is
  'Owners and admins delete centres of their tenant (prefer is_active = false once a centre has history).';

-- ---------------------------------------------------------------------------------------------
-- public.members
-- ---------------------------------------------------------------------------------------------
create policy members_select_authenticated on public.members
  for select
  to authenticated
  using (tenant_id in (select private.member_tenant_ids()) or user_id = (select auth.uid()));
comment on policy members_select_authenticated on public.members is
  'Staff see the members of their tenant; everyone sees their own memberships (also when deactivated).';

create policy members_insert_authenticated on public.members
  for insert
  to authenticated
  with check (tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin']::public.staff_role[])));
comment on policy members_insert_authenticated on public.members is
  'Owners and admins add members to their tenant (usually the invitation flow does it).';

create policy members_update_authenticated on public.members
  for update
  to authenticated
  using (
    tenant_id in (select private.tenant_ids_with_role(array['owner']::public.staff_role[]))
    or (
      tenant_id in (select private.tenant_ids_with_role(array['admin']::public.staff_role[]))
      and (
        (tenant_id, id) not in (select k.tenant_id, k.member_id from private.member_keys_with_role(array['owner', 'admin']::public.staff_role[]) as k)
        or user_id = (select auth.uid())
      )
    )
  )
  with check (
    tenant_id in (select private.tenant_ids_with_role(array['owner']::public.staff_role[]))
    or (
      tenant_id in (select private.tenant_ids_with_role(array['admin']::public.staff_role[]))
      and (
        (tenant_id, id) not in (select k.tenant_id, k.member_id from private.member_keys_with_role(array['owner', 'admin']::public.staff_role[]) as k)
        or user_id = (select auth.uid())
      )
    )
  );
comment on policy members_update_authenticated on public.members is
  'Owners update any member of their tenant; admins update members who are not owners or admins, and their own display name. Nobody changes their own is_active (trigger).';

create policy members_delete_authenticated on public.members
  for delete
  to authenticated
  using (
    user_id <> (select auth.uid())
    and (
      tenant_id in (select private.tenant_ids_with_role(array['owner']::public.staff_role[]))
      or (
        tenant_id in (select private.tenant_ids_with_role(array['admin']::public.staff_role[]))
        and (tenant_id, id) not in (select k.tenant_id, k.member_id from private.member_keys_with_role(array['owner', 'admin']::public.staff_role[]) as k)
      )
    )
  );
comment on policy members_delete_authenticated on public.members is
  'Owners delete other members of their tenant; admins delete members who are not owners or admins. Nobody deletes their own membership.';

-- ---------------------------------------------------------------------------------------------
-- public.member_roles
-- ---------------------------------------------------------------------------------------------
create policy member_roles_select_authenticated on public.member_roles
  for select
  to authenticated
  using (tenant_id in (select private.member_tenant_ids()));
comment on policy member_roles_select_authenticated on public.member_roles is
  'Staff see who holds which role in their tenant.';

create policy member_roles_insert_authenticated on public.member_roles
  for insert
  to authenticated
  with check (
    (tenant_id, member_id) not in (select k.tenant_id, k.member_id from private.member_keys_of_current_user() as k)
    and (
      tenant_id in (select private.tenant_ids_with_role(array['owner']::public.staff_role[]))
      or (
        tenant_id in (select private.tenant_ids_with_role(array['admin']::public.staff_role[]))
        and role not in ('owner', 'admin')
      )
    )
  );
comment on policy member_roles_insert_authenticated on public.member_roles is
  'Owners grant any role; admins grant roles other than owner and admin. Nobody grants a role to themselves.';

create policy member_roles_delete_authenticated on public.member_roles
  for delete
  to authenticated
  using (
    tenant_id in (select private.tenant_ids_with_role(array['owner']::public.staff_role[]))
    or (
      tenant_id in (select private.tenant_ids_with_role(array['admin']::public.staff_role[]))
      and role not in ('owner', 'admin')
    )
  );
comment on policy member_roles_delete_authenticated on public.member_roles is
  'Owners remove any role (the last owner role stays: trigger); admins remove roles other than owner and admin.';

-- ---------------------------------------------------------------------------------------------
-- public.invitations
-- ---------------------------------------------------------------------------------------------
create policy invitations_select_authenticated on public.invitations
  for select
  to authenticated
  using (
    tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin']::public.staff_role[]))
    or (
      tenant_id in (select private.tenant_ids_with_role(array['manager']::public.staff_role[]))
      and role in ('centre_manager', 'clinician', 'care_coordinator', 'front_desk')
    )
  );
comment on policy invitations_select_authenticated on public.invitations is
  'Owners and admins see all invitations of their tenant; managers see invitations for roles below manager.';

create policy invitations_insert_authenticated on public.invitations
  for insert
  to authenticated
  with check (
    tenant_id in (select private.tenant_ids_with_role(array['owner']::public.staff_role[]))
    or (
      tenant_id in (select private.tenant_ids_with_role(array['admin']::public.staff_role[]))
      and role not in ('owner', 'admin')
    )
    or (
      tenant_id in (select private.tenant_ids_with_role(array['manager']::public.staff_role[]))
      and role in ('centre_manager', 'clinician', 'care_coordinator', 'front_desk')
    )
  );
comment on policy invitations_insert_authenticated on public.invitations is
  'Owners invite to any role; admins to any role but owner and admin; managers only to roles below manager.';

create policy invitations_update_authenticated on public.invitations
  for update
  to authenticated
  using (
    tenant_id in (select private.tenant_ids_with_role(array['owner']::public.staff_role[]))
    or (
      tenant_id in (select private.tenant_ids_with_role(array['admin']::public.staff_role[]))
      and role not in ('owner', 'admin')
    )
    or (
      tenant_id in (select private.tenant_ids_with_role(array['manager']::public.staff_role[]))
      and role in ('centre_manager', 'clinician', 'care_coordinator', 'front_desk')
    )
  )
  with check (
    tenant_id in (select private.tenant_ids_with_role(array['owner']::public.staff_role[]))
    or (
      tenant_id in (select private.tenant_ids_with_role(array['admin']::public.staff_role[]))
      and role not in ('owner', 'admin')
    )
    or (
      tenant_id in (select private.tenant_ids_with_role(array['manager']::public.staff_role[]))
      and role in ('centre_manager', 'clinician', 'care_coordinator', 'front_desk')
    )
  );
comment on policy invitations_update_authenticated on public.invitations is
  'Whoever may send an invitation may revoke it (the only update: column grant on revoked_at and a trigger).';

-- ---------------------------------------------------------------------------------------------
-- public.clinicians
-- ---------------------------------------------------------------------------------------------
create policy clinicians_select_anon on public.clinicians
  for select
  to anon
  using (is_public and is_active and tenant_id in (select t.id from public.tenants as t where t.is_active));
comment on policy clinicians_select_anon on public.clinicians is
  'Visitors see public, active clinician profiles of active tenants (without member_id: column grant).';

create policy clinicians_select_authenticated on public.clinicians
  for select
  to authenticated
  using (
    (is_public and is_active and tenant_id in (select t.id from public.tenants as t where t.is_active))
    or tenant_id in (select private.member_tenant_ids())
  );
comment on policy clinicians_select_authenticated on public.clinicians is
  'Signed-in users see public profiles; staff see every clinician profile of their tenant.';

create policy clinicians_insert_authenticated on public.clinicians
  for insert
  to authenticated
  with check (tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin', 'manager']::public.staff_role[])));
comment on policy clinicians_insert_authenticated on public.clinicians is
  'Owners, admins and managers create clinician profiles in their tenant.';

create policy clinicians_update_authenticated on public.clinicians
  for update
  to authenticated
  using (
    tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin', 'manager']::public.staff_role[]))
    or (tenant_id, member_id) in (select k.tenant_id, k.member_id from private.member_keys_of_current_user() as k)
  )
  with check (
    tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin', 'manager']::public.staff_role[]))
    or (tenant_id, member_id) in (select k.tenant_id, k.member_id from private.member_keys_of_current_user() as k)
  );
comment on policy clinicians_update_authenticated on public.clinicians is
  'Owners, admins and managers edit any profile of their tenant; a clinician edits their own profile (but not its visibility, status, account link or fee: trigger).';

create policy clinicians_delete_authenticated on public.clinicians
  for delete
  to authenticated
  using (tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin', 'manager']::public.staff_role[])));
comment on policy clinicians_delete_authenticated on public.clinicians is
  'Owners, admins and managers delete clinician profiles of their tenant (prefer is_active = false once a profile has history).';

-- ---------------------------------------------------------------------------------------------
-- public.clinician_centres
-- ---------------------------------------------------------------------------------------------
create policy clinician_centres_select_anon on public.clinician_centres
  for select
  to anon
  using (
    (tenant_id, clinician_id) in (
      select c.tenant_id, c.id from public.clinicians as c where c.is_public and c.is_active)
    and (tenant_id, centre_id) in (
      select ce.tenant_id, ce.id from public.centres as ce where ce.is_published and ce.is_active)
  );
comment on policy clinician_centres_select_anon on public.clinician_centres is
  'Visitors see where public clinicians work, for published centres (of active tenants, through the clinicians and centres policies).';

create policy clinician_centres_select_authenticated on public.clinician_centres
  for select
  to authenticated
  using (
    (
      (tenant_id, clinician_id) in (
        select c.tenant_id, c.id from public.clinicians as c
        where c.is_public and c.is_active
          and c.tenant_id in (select t.id from public.tenants as t where t.is_active))
      and (tenant_id, centre_id) in (
        select ce.tenant_id, ce.id from public.centres as ce
        where ce.is_published and ce.is_active
          and ce.tenant_id in (select t.id from public.tenants as t where t.is_active))
    )
    or tenant_id in (select private.member_tenant_ids())
  );
comment on policy clinician_centres_select_authenticated on public.clinician_centres is
  'Signed-in users see what visitors see; staff see every assignment of their tenant.';

create policy clinician_centres_insert_authenticated on public.clinician_centres
  for insert
  to authenticated
  with check (tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin', 'manager']::public.staff_role[])));
comment on policy clinician_centres_insert_authenticated on public.clinician_centres is
  'Owners, admins and managers assign clinicians to centres of their tenant.';

create policy clinician_centres_delete_authenticated on public.clinician_centres
  for delete
  to authenticated
  using (tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin', 'manager']::public.staff_role[])));
comment on policy clinician_centres_delete_authenticated on public.clinician_centres is
  'Owners, admins and managers remove clinicians from centres of their tenant.';

-- ---------------------------------------------------------------------------------------------
-- public.patients
-- ---------------------------------------------------------------------------------------------
create policy patients_select_authenticated on public.patients
  for select
  to authenticated
  using (user_id = (select auth.uid()) or tenant_id in (select private.member_tenant_ids()));
comment on policy patients_select_authenticated on public.patients is
  'Patients see their own records; staff of the tenant (any role) see its patients.';

create policy patients_insert_authenticated on public.patients
  for insert
  to authenticated
  with check (
    (
      user_id is null
      and tenant_id in (select private.tenant_ids_with_role_at_any_scope(
        array['owner', 'admin', 'manager', 'centre_manager', 'care_coordinator', 'front_desk']::public.staff_role[]))
    )
    or (
      user_id = (select auth.uid())
      and tenant_id in (select t.id from public.tenants as t where t.is_active)
    )
  );
comment on policy patients_insert_authenticated on public.patients is
  'Front desk, care coordinators, centre managers, managers, admins and owners register patients (without linking an account); a signed-in person registers themself once per active tenant (user_id = their own id).';

create policy patients_update_authenticated on public.patients
  for update
  to authenticated
  using (
    user_id = (select auth.uid())
    or tenant_id in (select private.tenant_ids_with_role_at_any_scope(
      array['owner', 'admin', 'manager', 'centre_manager', 'care_coordinator', 'front_desk']::public.staff_role[]))
  )
  with check (
    user_id = (select auth.uid())
    or tenant_id in (select private.tenant_ids_with_role_at_any_scope(
      array['owner', 'admin', 'manager', 'centre_manager', 'care_coordinator', 'front_desk']::public.staff_role[]))
  );
comment on policy patients_update_authenticated on public.patients is
  'Patients edit their own record; front desk, care coordinators, centre managers, managers, admins and owners edit the tenant''s patients. Nobody changes tenant_id, user_id or created_by (column grants).';

create policy patients_delete_authenticated on public.patients
  for delete
  to authenticated
  using (tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin']::public.staff_role[])));
comment on policy patients_delete_authenticated on public.patients is
  'Owners and admins delete patient records (impossible once the patient has medical notes).';

-- ---------------------------------------------------------------------------------------------
-- public.medical_notes
-- ---------------------------------------------------------------------------------------------
create policy medical_notes_select_authenticated on public.medical_notes
  for select
  to authenticated
  using (tenant_id in (select private.tenant_ids_with_role_at_any_scope(array['clinician']::public.staff_role[])));
comment on policy medical_notes_select_authenticated on public.medical_notes is
  'Clinicians of the tenant read its medical notes. Patients, owners and admins do not (unless they also hold the clinician role).';

create policy medical_notes_insert_authenticated on public.medical_notes
  for insert
  to authenticated
  with check (
    tenant_id in (select private.tenant_ids_with_role_at_any_scope(array['clinician']::public.staff_role[]))
    and (tenant_id, author_member_id) in (select k.tenant_id, k.member_id from private.member_keys_of_current_user() as k)
  );
comment on policy medical_notes_insert_authenticated on public.medical_notes is
  'Clinicians of the tenant write notes, always as themselves (author_member_id is their own membership).';

create policy medical_notes_update_authenticated on public.medical_notes
  for update
  to authenticated
  using (
    tenant_id in (select private.tenant_ids_with_role_at_any_scope(array['clinician']::public.staff_role[]))
    and (tenant_id, author_member_id) in (select k.tenant_id, k.member_id from private.member_keys_of_current_user() as k)
  )
  with check (
    tenant_id in (select private.tenant_ids_with_role_at_any_scope(array['clinician']::public.staff_role[]))
    and (tenant_id, author_member_id) in (select k.tenant_id, k.member_id from private.member_keys_of_current_user() as k)
  );
comment on policy medical_notes_update_authenticated on public.medical_notes is
  'A clinician edits only the notes they wrote (body only: column grant).';

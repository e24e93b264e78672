-- Row-level security of the availability tables (issue 4): exactly one policy per table x command
-- x role (`to authenticated`; anon has no grant and no policy), named <table>_<command>_<role>.
-- service_role bypasses RLS (grants in the table migrations). The matrix in plain words is in
-- docs/access-matrix.md and docs/availability.md.
--
--   read     staff of the tenant (any role, any scope; also while the tenant is inactive).
--            Patients and anon read nothing: they see availability only through slot search.
--   write    availability_rules, availability_overrides: owner/admin/manager (any centre of the
--            tenant), centre_manager (their centre), the clinician themselves (own rows);
--            time_off: owner/admin/manager, centre_manager for clinicians assigned to their
--            centre, the clinician themselves;
--            holidays: owner/admin/manager (tenant-wide and any centre), centre_manager (their
--            centre only, never tenant-wide). Writers need an active membership in an active tenant.
--
-- New helper: private.clinician_keys_of_current_user() - the clinician profiles linked to the
-- caller's active memberships. Others from 20261121170800, wrapped in `(select ...)`.

create function private.clinician_keys_of_current_user()
returns table (tenant_id uuid, clinician_id uuid)
language sql
stable
security definer
set search_path = ''
as $$
  /**
   * The clinician profiles linked (clinicians.member_id) to the caller's ACTIVE memberships
   * (holding at least one role) in ACTIVE tenants, as (tenant_id, clinician_id). Used for "a
   * clinician writes their own hours and time off".
   *
   * Returns: (tenant_id, clinician_id) pairs (empty for anon / service_role).
   * Example: ... with check ((tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k))
   */
  select c.tenant_id, c.id
  from public.clinicians as c
  join private.member_keys_of_current_user() as k on k.tenant_id = c.tenant_id and k.member_id = c.member_id
$$;
comment on function private.clinician_keys_of_current_user() is
  'RLS helper (security definer, as tenant_ids_with_role; only the caller''s own profiles, returns keys): clinician profiles linked to the caller''s active memberships in active tenants, as (tenant_id, clinician_id).';
revoke execute on function private.clinician_keys_of_current_user() from public, anon, authenticated, service_role;
grant execute on function private.clinician_keys_of_current_user() to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- public.availability_rules
-- ---------------------------------------------------------------------------------------------
create policy availability_rules_select_authenticated on public.availability_rules
  for select
  to authenticated
  using (tenant_id in (select private.member_tenant_ids()));
comment on policy availability_rules_select_authenticated on public.availability_rules is
  'Staff of the tenant read every clinician''s recurring hours. Patients do not.';

create policy availability_rules_insert_authenticated on public.availability_rules
  for insert
  to authenticated
  with check (
    (tenant_id, centre_id) in (
      select k.tenant_id, k.centre_id
      from private.centre_keys_with_role(array['owner', 'admin', 'manager', 'centre_manager']::public.staff_role[]) as k)
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  );
comment on policy availability_rules_insert_authenticated on public.availability_rules is
  'Owners, admins and managers add hours at any centre of their tenant, centre managers at their centre, a clinician their own hours.';

create policy availability_rules_update_authenticated on public.availability_rules
  for update
  to authenticated
  using (
    (tenant_id, centre_id) in (
      select k.tenant_id, k.centre_id
      from private.centre_keys_with_role(array['owner', 'admin', 'manager', 'centre_manager']::public.staff_role[]) as k)
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  )
  with check (
    (tenant_id, centre_id) in (
      select k.tenant_id, k.centre_id
      from private.centre_keys_with_role(array['owner', 'admin', 'manager', 'centre_manager']::public.staff_role[]) as k)
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  );
comment on policy availability_rules_update_authenticated on public.availability_rules is
  'Whoever may add hours may change them (and cannot move them to a centre or clinician they do not manage).';

create policy availability_rules_delete_authenticated on public.availability_rules
  for delete
  to authenticated
  using (
    (tenant_id, centre_id) in (
      select k.tenant_id, k.centre_id
      from private.centre_keys_with_role(array['owner', 'admin', 'manager', 'centre_manager']::public.staff_role[]) as k)
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  );
comment on policy availability_rules_delete_authenticated on public.availability_rules is
  'Whoever may add hours may delete them.';

-- ---------------------------------------------------------------------------------------------
-- public.availability_overrides
-- ---------------------------------------------------------------------------------------------
create policy availability_overrides_select_authenticated on public.availability_overrides
  for select
  to authenticated
  using (tenant_id in (select private.member_tenant_ids()));
comment on policy availability_overrides_select_authenticated on public.availability_overrides is
  'Staff of the tenant read every clinician''s extra hours. Patients do not.';

create policy availability_overrides_insert_authenticated on public.availability_overrides
  for insert
  to authenticated
  with check (
    (tenant_id, centre_id) in (
      select k.tenant_id, k.centre_id
      from private.centre_keys_with_role(array['owner', 'admin', 'manager', 'centre_manager']::public.staff_role[]) as k)
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  );
comment on policy availability_overrides_insert_authenticated on public.availability_overrides is
  'Owners, admins and managers add extra hours at any centre of their tenant, centre managers at their centre, a clinician their own.';

create policy availability_overrides_update_authenticated on public.availability_overrides
  for update
  to authenticated
  using (
    (tenant_id, centre_id) in (
      select k.tenant_id, k.centre_id
      from private.centre_keys_with_role(array['owner', 'admin', 'manager', 'centre_manager']::public.staff_role[]) as k)
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  )
  with check (
    (tenant_id, centre_id) in (
      select k.tenant_id, k.centre_id
      from private.centre_keys_with_role(array['owner', 'admin', 'manager', 'centre_manager']::public.staff_role[]) as k)
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  );
comment on policy availability_overrides_update_authenticated on public.availability_overrides is
  'Whoever may add extra hours may change them.';

create policy availability_overrides_delete_authenticated on public.availability_overrides
  for delete
  to authenticated
  using (
    (tenant_id, centre_id) in (
      select k.tenant_id, k.centre_id
      from private.centre_keys_with_role(array['owner', 'admin', 'manager', 'centre_manager']::public.staff_role[]) as k)
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  );
comment on policy availability_overrides_delete_authenticated on public.availability_overrides is
  'Whoever may add extra hours may delete them.';

-- ---------------------------------------------------------------------------------------------
-- public.time_off
-- ---------------------------------------------------------------------------------------------
create policy time_off_select_authenticated on public.time_off
  for select
  to authenticated
  using (tenant_id in (select private.member_tenant_ids()));
comment on policy time_off_select_authenticated on public.time_off is
  'Staff of the tenant read every clinician''s time off (and its reason). Patients do not.';

create policy time_off_insert_authenticated on public.time_off
  for insert
  to authenticated
  with check (
    tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin', 'manager']::public.staff_role[]))
    or (tenant_id, clinician_id) in (
      select cc.tenant_id, cc.clinician_id
      from public.clinician_centres as cc
      where (cc.tenant_id, cc.centre_id) in (
        select k.tenant_id, k.centre_id from private.centre_keys_with_role(array['centre_manager']::public.staff_role[]) as k))
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  );
comment on policy time_off_insert_authenticated on public.time_off is
  'Owners, admins and managers record time off for any clinician of their tenant, centre managers for clinicians assigned to their centre, a clinician their own.';

create policy time_off_update_authenticated on public.time_off
  for update
  to authenticated
  using (
    tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin', 'manager']::public.staff_role[]))
    or (tenant_id, clinician_id) in (
      select cc.tenant_id, cc.clinician_id
      from public.clinician_centres as cc
      where (cc.tenant_id, cc.centre_id) in (
        select k.tenant_id, k.centre_id from private.centre_keys_with_role(array['centre_manager']::public.staff_role[]) as k))
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  )
  with check (
    tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin', 'manager']::public.staff_role[]))
    or (tenant_id, clinician_id) in (
      select cc.tenant_id, cc.clinician_id
      from public.clinician_centres as cc
      where (cc.tenant_id, cc.centre_id) in (
        select k.tenant_id, k.centre_id from private.centre_keys_with_role(array['centre_manager']::public.staff_role[]) as k))
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  );
comment on policy time_off_update_authenticated on public.time_off is
  'Whoever may record time off may change it.';

create policy time_off_delete_authenticated on public.time_off
  for delete
  to authenticated
  using (
    tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin', 'manager']::public.staff_role[]))
    or (tenant_id, clinician_id) in (
      select cc.tenant_id, cc.clinician_id
      from public.clinician_centres as cc
      where (cc.tenant_id, cc.centre_id) in (
        select k.tenant_id, k.centre_id from private.centre_keys_with_role(array['centre_manager']::public.staff_role[]) as k))
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  );
comment on policy time_off_delete_authenticated on public.time_off is
  'Whoever may record time off may delete it.';

-- ---------------------------------------------------------------------------------------------
-- public.holidays
-- ---------------------------------------------------------------------------------------------
create policy holidays_select_authenticated on public.holidays
  for select
  to authenticated
  using (tenant_id in (select private.member_tenant_ids()));
comment on policy holidays_select_authenticated on public.holidays is
  'Staff of the tenant read its holidays. Patients do not.';

create policy holidays_insert_authenticated on public.holidays
  for insert
  to authenticated
  with check (
    tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin', 'manager']::public.staff_role[]))
    or (tenant_id, centre_id) in (
      select k.tenant_id, k.centre_id from private.centre_keys_with_role(array['centre_manager']::public.staff_role[]) as k)
  );
comment on policy holidays_insert_authenticated on public.holidays is
  'Owners, admins and managers add tenant-wide and centre holidays; centre managers add holidays of their centre only.';

create policy holidays_update_authenticated on public.holidays
  for update
  to authenticated
  using (
    tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin', 'manager']::public.staff_role[]))
    or (tenant_id, centre_id) in (
      select k.tenant_id, k.centre_id from private.centre_keys_with_role(array['centre_manager']::public.staff_role[]) as k)
  )
  with check (
    tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin', 'manager']::public.staff_role[]))
    or (tenant_id, centre_id) in (
      select k.tenant_id, k.centre_id from private.centre_keys_with_role(array['centre_manager']::public.staff_role[]) as k)
  );
comment on policy holidays_update_authenticated on public.holidays is
  'Whoever may add a holiday may change it (a centre manager cannot make it tenant-wide).';

create policy holidays_delete_authenticated on public.holidays
  for delete
  to authenticated
  using (
    tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin', 'manager']::public.staff_role[]))
    or (tenant_id, centre_id) in (
      select k.tenant_id, k.centre_id from private.centre_keys_with_role(array['centre_manager']::public.staff_role[]) as k)
  );
comment on policy holidays_delete_authenticated on public.holidays is
  'Whoever may add a holiday may delete it.';

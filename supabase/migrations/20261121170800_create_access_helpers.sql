-- Access helpers consulted by the RLS policies (20261121170850) and guard triggers. They answer
-- "what may the CALLER (auth.uid()) do", from the membership tables on every request - never
-- from JWT claims - so deactivating a member, deleting a role or deactivating a tenant applies
-- to the very next statement.
--
-- All are `security definer` (owner postgres, BYPASSRLS) because a policy on public.members or
-- public.member_roles that queried those same tables as the caller would recurse into itself;
-- each one reads only the caller's own memberships (filtered by auth.uid()) and returns ids,
-- never row data. All are `stable` and take no row arguments, so a policy written as
-- `tenant_id in (select private.tenant_ids_with_role(...))` evaluates them once per statement
-- (initPlan / hashed subplan), not once per row.
--
-- "Active member" everywhere means: members.is_active and at least one member_roles row.
-- The private schema is not exposed through the Data API; authenticated gets USAGE on it (needed
-- by the security-invoker RPC public.create_tenant and guard triggers that call these helpers)
-- and EXECUTE on exactly these helpers.

grant usage on schema private to authenticated, service_role;

create function private.tenant_ids_with_role(roles public.staff_role[])
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  /**
   * Tenants where the caller is an ACTIVE member holding any of `roles` TENANT-WIDE
   * (centre_id is null), and the tenant is active.
   *
   * Parameters: roles  e.g. array['owner', 'admin']::public.staff_role[]
   * Returns:    tenant ids (empty for anon / service_role).
   * Example:    ... using (tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin']::public.staff_role[])))
   */
  select m.tenant_id
  from public.members as m
  join public.tenants as t on t.id = m.tenant_id
  where m.user_id = (select auth.uid())
    and m.is_active
    and t.is_active
    and exists (
      select 1
      from public.member_roles as r
      where r.tenant_id = m.tenant_id
        and r.member_id = m.id
        and r.centre_id is null
        and r.role = any (tenant_ids_with_role.roles)
    )
$$;
comment on function private.tenant_ids_with_role(public.staff_role[]) is
  'RLS helper (security definer: reads membership tables without recursing through their own policies; only the caller''s rows): tenants where the caller is an active member holding one of the roles tenant-wide, in active tenants.';

create function private.tenant_ids_with_role_at_any_scope(roles public.staff_role[])
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  /**
   * Tenants where the caller is an ACTIVE member holding any of `roles`, tenant-wide OR at any
   * centre, and the tenant is active. For tenant-level data that centre-scoped staff also work
   * with (patients, medical notes).
   *
   * Parameters: roles  e.g. array['clinician']::public.staff_role[]
   * Returns:    tenant ids.
   * Example:    ... using (tenant_id in (select private.tenant_ids_with_role_at_any_scope(array['clinician']::public.staff_role[])))
   */
  select m.tenant_id
  from public.members as m
  join public.tenants as t on t.id = m.tenant_id
  where m.user_id = (select auth.uid())
    and m.is_active
    and t.is_active
    and exists (
      select 1
      from public.member_roles as r
      where r.tenant_id = m.tenant_id
        and r.member_id = m.id
        and r.role = any (tenant_ids_with_role_at_any_scope.roles)
    )
$$;
comment on function private.tenant_ids_with_role_at_any_scope(public.staff_role[]) is
  'RLS helper (security definer, as tenant_ids_with_role): tenants where the caller is an active member holding one of the roles tenant-wide or at any centre, in active tenants.';

create function private.centre_keys_with_role(roles public.staff_role[])
returns table (tenant_id uuid, centre_id uuid)
language sql
stable
security definer
set search_path = ''
as $$
  /**
   * Centres where the caller holds one of `roles` scoped to that centre, plus every centre of the
   * tenants where they hold one of `roles` tenant-wide. Active members of active tenants only.
   *
   * Parameters: roles  e.g. array['owner', 'admin', 'manager', 'centre_manager']::public.staff_role[]
   * Returns:    (tenant_id, centre_id) pairs.
   * Example:    ... using ((tenant_id, id) in (select k.tenant_id, k.centre_id from private.centre_keys_with_role(array['centre_manager']::public.staff_role[]) as k))
   */
  select r.tenant_id, r.centre_id
  from public.member_roles as r
  join public.members as m on m.tenant_id = r.tenant_id and m.id = r.member_id
  join public.tenants as t on t.id = r.tenant_id
  where m.user_id = (select auth.uid())
    and m.is_active
    and t.is_active
    and r.centre_id is not null
    and r.role = any (centre_keys_with_role.roles)
  union
  select c.tenant_id, c.id
  from public.centres as c
  where c.tenant_id in (select private.tenant_ids_with_role(centre_keys_with_role.roles))
$$;
comment on function private.centre_keys_with_role(public.staff_role[]) is
  'RLS helper (security definer, as tenant_ids_with_role): (tenant_id, centre_id) of centres where the caller holds one of the roles at that centre or tenant-wide; active members of active tenants.';

create function private.member_tenant_ids()
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  /**
   * Tenants where the caller is staff: an ACTIVE member holding at least one role (any role, any
   * scope). The tenant itself may be inactive: staff of a suspended tenant can still READ its
   * data (writes use tenant_ids_with_role, which requires an active tenant).
   *
   * Returns: tenant ids.
   * Example: ... using (tenant_id in (select private.member_tenant_ids()))
   */
  select m.tenant_id
  from public.members as m
  where m.user_id = (select auth.uid())
    and m.is_active
    and exists (
      select 1 from public.member_roles as r where r.tenant_id = m.tenant_id and r.member_id = m.id
    )
$$;
comment on function private.member_tenant_ids() is
  'RLS helper (security definer, as tenant_ids_with_role): tenants where the caller is an active member with any role (the tenant may be inactive: read-only staff access).';

create function private.member_keys_of_current_user()
returns table (tenant_id uuid, member_id uuid)
language sql
stable
security definer
set search_path = ''
as $$
  /**
   * The caller's own ACTIVE memberships (with at least one role) in ACTIVE tenants, as
   * (tenant_id, member_id). Used for
   * "own row" rules: a clinician's own profile and notes, and "never grant a role to yourself".
   *
   * Returns: (tenant_id, member_id) pairs.
   * Example: ... with check ((tenant_id, author_member_id) in (select k.tenant_id, k.member_id from private.member_keys_of_current_user() as k))
   */
  select m.tenant_id, m.id
  from public.members as m
  join public.tenants as t on t.id = m.tenant_id
  where m.user_id = (select auth.uid())
    and m.is_active
    and t.is_active
    and exists (
      select 1 from public.member_roles as r where r.tenant_id = m.tenant_id and r.member_id = m.id
    )
$$;
comment on function private.member_keys_of_current_user() is
  'RLS helper (security definer, as tenant_ids_with_role): the caller''s own active memberships (holding at least one role) in active tenants as (tenant_id, member_id).';

create function private.member_keys_with_role(roles public.staff_role[])
returns table (tenant_id uuid, member_id uuid)
language sql
stable
security definer
set search_path = ''
as $$
  /**
   * Members (active or not) holding any of `roles` tenant-wide, in the tenants where the caller
   * is staff. Used so that admins cannot update, deactivate or delete owners and admins.
   *
   * Parameters: roles  e.g. array['owner', 'admin']::public.staff_role[]
   * Returns:    (tenant_id, member_id) pairs.
   */
  select r.tenant_id, r.member_id
  from public.member_roles as r
  where r.centre_id is null
    and r.role = any (member_keys_with_role.roles)
    and r.tenant_id in (select private.member_tenant_ids())
$$;
comment on function private.member_keys_with_role(public.staff_role[]) is
  'RLS helper (security definer, reads other members'' roles but only in the caller''s own tenants and returns only keys): members holding one of the roles tenant-wide in tenants where the caller is staff.';

create function private.patient_keys_of_current_user()
returns table (tenant_id uuid, patient_id uuid)
language sql
stable
security definer
set search_path = ''
as $$
  /**
   * The caller's own patient records (patients.user_id = auth.uid()), in any tenant.
   *
   * Returns: (tenant_id, patient_id) pairs.
   * Example: ... using ((tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k))
   */
  select p.tenant_id, p.id
  from public.patients as p
  where p.user_id = (select auth.uid())
$$;
comment on function private.patient_keys_of_current_user() is
  'RLS helper (security definer, so policies on other tables, e.g. appointments, can use it without depending on patients'' RLS; only the caller''s rows): the caller''s own patient records as (tenant_id, patient_id).';

revoke execute on function private.tenant_ids_with_role(public.staff_role[]) from public, anon, authenticated, service_role;
revoke execute on function private.tenant_ids_with_role_at_any_scope(public.staff_role[]) from public, anon, authenticated, service_role;
revoke execute on function private.centre_keys_with_role(public.staff_role[]) from public, anon, authenticated, service_role;
revoke execute on function private.member_tenant_ids() from public, anon, authenticated, service_role;
revoke execute on function private.member_keys_of_current_user() from public, anon, authenticated, service_role;
revoke execute on function private.member_keys_with_role(public.staff_role[]) from public, anon, authenticated, service_role;
revoke execute on function private.patient_keys_of_current_user() from public, anon, authenticated, service_role;
grant execute on function private.tenant_ids_with_role(public.staff_role[]) to authenticated, service_role;
grant execute on function private.tenant_ids_with_role_at_any_scope(public.staff_role[]) to authenticated, service_role;
grant execute on function private.centre_keys_with_role(public.staff_role[]) to authenticated, service_role;
grant execute on function private.member_tenant_ids() to authenticated, service_role;
grant execute on function private.member_keys_of_current_user() to authenticated, service_role;
grant execute on function private.member_keys_with_role(public.staff_role[]) to authenticated, service_role;
grant execute on function private.patient_keys_of_current_user() to authenticated, service_role;

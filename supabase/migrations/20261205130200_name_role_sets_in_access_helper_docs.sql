-- The access helpers' own documentation names role sets (20261205130000_create_role_sets.sql),
-- as the policies now do. Same bodies as in 20261121170800; only the comments inside them change.

create or replace function private.tenant_ids_with_role(roles public.staff_role[])
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
   * Parameters: roles  a role set, e.g. private.tenant_admin_roles()
   * Returns:    tenant ids (empty for anon / service_role).
   * Example:    ... using (tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles())))
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

create or replace function private.tenant_ids_with_role_at_any_scope(roles public.staff_role[])
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
   * Parameters: roles  a role set, e.g. private.clinical_roles()
   * Returns:    tenant ids.
   * Example:    ... using (tenant_id in (select private.tenant_ids_with_role_at_any_scope(private.clinical_roles())))
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

create or replace function private.centre_keys_with_role(roles public.staff_role[])
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
   * Parameters: roles  a role set, e.g. private.centre_manager_roles()
   * Returns:    (tenant_id, centre_id) pairs.
   * Example:    ... using ((tenant_id, id) in (select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k))
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

create or replace function private.member_keys_with_role(roles public.staff_role[])
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
   * Parameters: roles  a role set, e.g. private.tenant_admin_roles()
   * Returns:    (tenant_id, member_id) pairs.
   */
  select r.tenant_id, r.member_id
  from public.member_roles as r
  where r.centre_id is null
    and r.role = any (member_keys_with_role.roles)
    and r.tenant_id in (select private.member_tenant_ids())
$$;

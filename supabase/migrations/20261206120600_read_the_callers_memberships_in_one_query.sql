-- The caller's memberships are read in one place, private.member_keys_of_caller(roles,
-- tenant_wide_only, active_tenants_only): an ACTIVE member of the signed-in user holding any of
-- the roles (null: any role), tenant-wide or at any centre, in an active tenant or any. The access
-- helpers the policies call name their variant of it; each keeps its signature, its security
-- definer and what it returns.

create function private.member_keys_of_caller(p_roles public.staff_role[], p_tenant_wide_only boolean,
                                              p_active_tenants_only boolean)
returns table (tenant_id uuid, member_id uuid)
language plpgsql
stable
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * The signed-in caller's ACTIVE memberships holding at least one role of p_roles (null: any
 * role), tenant-wide only (centre_id is null) or at any scope, in active tenants only or in any.
 * Empty without a signed-in user. Called by the security definer access helpers
 * (tenant_ids_with_role, tenant_ids_with_role_at_any_scope, member_keys_of_current_user,
 * member_tenant_ids, tenant_wide_staff_tenant_ids), so it reads as their owner.
 *
 * Returns: (tenant_id, member_id) pairs.
 * Example: select k.tenant_id from private.member_keys_of_caller(private.tenant_admin_roles(), true, true) as k;
 */
begin
  return query
    select m.tenant_id, m.id
    from public.members as m
    where m.user_id = (select auth.uid())
      and m.is_active
      and (not p_active_tenants_only
           or exists (select 1 from public.tenants as t where t.id = m.tenant_id and t.is_active))
      and exists (
        select 1
        from public.member_roles as r
        where r.tenant_id = m.tenant_id
          and r.member_id = m.id
          and (not p_tenant_wide_only or r.centre_id is null)
          and (p_roles is null or r.role = any (p_roles))
      );
end
$$;
comment on function private.member_keys_of_caller(public.staff_role[], boolean, boolean) is
  'The signed-in caller''s active memberships holding any of the roles (null: any), tenant-wide only or at any scope, in active tenants only or any: the one query behind the tenant and member access helpers.';
revoke execute on function private.member_keys_of_caller(public.staff_role[], boolean, boolean) from public, anon, authenticated, service_role;


create or replace function private.tenant_ids_with_role(roles staff_role[])
 returns SETOF uuid
 language sql
 stable
 security definer
 set search_path = ''
 set timezone to 'UTC'
as $function$
  /**
   * Tenants where the caller is an ACTIVE member holding any of `roles` TENANT-WIDE
   * (centre_id is null), and the tenant is active.
   *
   * Parameters: roles  a role set, e.g. private.tenant_admin_roles()
   * Returns:    tenant ids (empty for anon / service_role).
   * Example:    ... using (tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles())))
   */
  select k.tenant_id from private.member_keys_of_caller(tenant_ids_with_role.roles, true, true) as k
$function$;

create or replace function private.tenant_ids_with_role_at_any_scope(roles staff_role[])
 returns SETOF uuid
 language sql
 stable
 security definer
 set search_path = ''
 set timezone to 'UTC'
as $function$
  /**
   * Tenants where the caller is an ACTIVE member holding any of `roles`, tenant-wide OR at any
   * centre, and the tenant is active. For tenant-level data that centre-scoped staff also work
   * with (patients, medical notes).
   *
   * Parameters: roles  a role set, e.g. private.clinical_roles()
   * Returns:    tenant ids.
   * Example:    ... using (tenant_id in (select private.tenant_ids_with_role_at_any_scope(private.clinical_roles())))
   */
  select k.tenant_id from private.member_keys_of_caller(tenant_ids_with_role_at_any_scope.roles, false, true) as k
$function$;

create or replace function private.member_keys_of_current_user()
 returns TABLE(tenant_id uuid, member_id uuid)
 language sql
 stable
 security definer
 set search_path = ''
 set timezone to 'UTC'
as $function$
  /**
   * The caller's own ACTIVE memberships (with at least one role) in ACTIVE tenants, as
   * (tenant_id, member_id). Used for
   * "own row" rules: a clinician's own profile and notes, and "never grant a role to yourself".
   *
   * Returns: (tenant_id, member_id) pairs.
   * Example: ... with check ((tenant_id, author_member_id) in (select k.tenant_id, k.member_id from private.member_keys_of_current_user() as k))
   */
  select k.tenant_id, k.member_id from private.member_keys_of_caller(null, false, true) as k
$function$;

create or replace function private.member_tenant_ids()
 returns SETOF uuid
 language sql
 stable
 security definer
 set search_path = ''
 set timezone to 'UTC'
as $function$
  /**
   * Tenants where the caller is staff: an ACTIVE member holding at least one role (any role, any
   * scope). The tenant itself may be inactive: staff of a suspended tenant can still READ its
   * data (writes use tenant_ids_with_role, which requires an active tenant).
   *
   * Returns: tenant ids.
   * Example: ... using (tenant_id in (select private.member_tenant_ids()))
   */
  select k.tenant_id from private.member_keys_of_caller(null, false, false) as k
$function$;

create or replace function private.tenant_wide_staff_tenant_ids()
 returns SETOF uuid
 language sql
 stable
 security definer
 set search_path = ''
 set timezone to 'UTC'
as $function$
  /**
   * Tenants where the caller is an ACTIVE member holding at least one role TENANT-WIDE (any
   * role). They read every patient, appointment and payment of the tenant. The tenant may be
   * inactive (read-only access).
   *
   * Returns: tenant ids (empty for anon / service_role and for members with centre roles only).
   * Example: ... using (tenant_id in (select private.tenant_wide_staff_tenant_ids()))
   */
  select k.tenant_id from private.member_keys_of_caller(null, true, false) as k
$function$;

-- The analytics caller check for SECURITY DEFINER code (issue 6, "Admin and analytics",
-- performance). private.analytics_window (20261121201100) checks the caller with current_user,
-- which inside a security definer function is the function's owner, so it cannot protect the
-- private definer implementations of the analytics RPCs (20261121231100 onwards) when one is
-- called directly. This helper answers the same question from what a definer function still
-- sees of the request: the request role (the `role` setting, unchanged by security definer)
-- and the JWT claims (auth.uid()).
--
-- Who passes (as private.analytics_window):
--   * requests with role service_role, and postgres sessions without a request role (Studio's
--     SQL editor, migrations, pg_cron);
--   * owners, admins and managers of the tenant (any centre or the whole tenant);
--   * centre managers of the given centre (centre_id required).

create function private.analytics_caller_may_read(
  p_tenant_id uuid,
  p_centre_id uuid
)
returns boolean
language sql
stable
set search_path = ''
as $$
  /**
   * True when the request may read the analytics of the tenant (or of the centre): the same
   * rule as private.analytics_window, but evaluated from the request role and claims, so that
   * it holds inside security definer functions too.
   *
   * Parameters: p_tenant_id  the tenant; p_centre_id  the centre asked for, or null (whole tenant).
   * Returns: boolean (false for a null tenant).
   * Example: select private.analytics_caller_may_read(:tenant, null);
   */
  select p_tenant_id is not null and (
    coalesce(nullif(pg_catalog.current_setting('role', true), 'none'), session_user::text) in ('service_role', 'postgres')
    or p_tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin', 'manager']::public.staff_role[]))
    or (p_centre_id is not null
        and (p_tenant_id, p_centre_id) in (
          select k.tenant_id, k.centre_id
          from private.centre_keys_with_role(array['centre_manager']::public.staff_role[]) as k))
  )
$$;
comment on function private.analytics_caller_may_read(uuid, uuid) is
  'Analytics caller check usable inside security definer functions (reads the request role setting and the JWT claims, not current_user): service_role, postgres without a request role, owners/admins/managers of the tenant, or centre managers of the given centre. Called by the private implementations of the analytics RPCs; no API role executes it directly.';
revoke execute on function private.analytics_caller_may_read(uuid, uuid) from public, anon, authenticated, service_role;

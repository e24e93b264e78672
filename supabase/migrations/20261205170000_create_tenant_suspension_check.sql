-- A suspended tenant (tenants.is_active = false) is frozen: its data stays readable by the people
-- who could read it (patients their own records, staff per least privilege), and nothing changes
-- through the API except by the server. Row-level security already refuses staff writes (the
-- write policies require an active tenant); the RPCs, which run as security definer, ask this one
-- check before they change anything for a patient or staff member (docs/auth.md#suspended-tenants).

create function private.assert_tenant_takes_changes(p_tenant_id uuid)
returns void
language plpgsql
stable
set search_path = ''
as $$
/**
 * Raises PT403 with reason tenant_suspended when the tenant is suspended (or does not exist).
 * Callers ask it for signed-in users only; the server (service_role, jobs) may still change a
 * suspended tenant's data, e.g. cancel and refund its appointments when it is wound down.
 * Called from security-definer RPCs (it reads the tenant past row-level security).
 *
 * Parameters: the tenant of the row about to change.
 * Example:    perform private.assert_tenant_takes_changes(v_appointment.tenant_id);
 */
begin
  if not coalesce((select t.is_active from public.tenants as t where t.id = p_tenant_id), false) then
    raise exception using errcode = 'PT403', message = 'this clinic is not taking changes right now',
      detail = 'tenant_suspended',
      hint = 'The clinic''s account is suspended: your records stay readable; contact the clinic directly.';
  end if;
end
$$;
comment on function private.assert_tenant_takes_changes(uuid) is
  'PT403 tenant_suspended unless the tenant is active: what a suspended tenant''s patients and staff get from every RPC that would change something (the server is not asked).';
revoke execute on function private.assert_tenant_takes_changes(uuid) from public, anon, authenticated, service_role;

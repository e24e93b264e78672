-- Shared guard of the analytics RPCs (issue 6, "Admin and analytics"): who may call them, input
-- validation, and the reporting window in the tenant's time zone. Also an index for the
-- tenant-wide (no centre) reports.
--
-- Who may call the analytics RPCs:
--   * owners, admins and managers (tenant-wide roles) for any centre of their tenant;
--   * centre managers for the centres they manage, and only with centre_id given;
--   * service_role (server-side jobs) and postgres (Studio's SQL editor) for any tenant.
-- Everyone else (other staff roles, patients, staff of another tenant) gets PT403 with a hint;
-- anon has no EXECUTE (42501). Reading the rows themselves is still subject to the caller's
-- row-level security (the RPCs are security invoker).

create index appointments_tenant_id_starts_at_idx on public.appointments (tenant_id, starts_at);
comment on index public.appointments_tenant_id_starts_at_idx is
  'Analytics over a whole tenant: its appointments in a date window (the centre and clinician indexes serve the per-centre reports).';

create function private.analytics_window(
  tenant_id uuid,
  from_date date,
  to_date date,
  centre_id uuid default null,
  period text default null
)
returns table (timezone text, window_start timestamptz, window_end timestamptz)
language plpgsql
stable
set search_path = ''
as $$
/**
 * Checks a call of an analytics RPC and returns its window.
 *
 * Parameters:
 *   tenant_id  the tenant reported on;
 *   from_date, to_date  local dates (tenant time zone), both inclusive, at most 366 days;
 *   centre_id  optional centre (required for centre managers);
 *   period  for the per-period reports: 'day', 'week' (ISO, from Monday) or 'month'; null when
 *           the report has no periods.
 * Returns: one row: the tenant's time zone and [from_date 00:00, to_date + 1 00:00) in it.
 * Errors: 22023 (with a hint) for a missing tenant or date, to_date before from_date, a window
 *   longer than 366 days or an unknown period; PT403 when the caller may not see the analytics
 *   of this tenant (or centre); PT404 when the tenant or the centre does not exist (only
 *   reachable by service_role, others get PT403 first).
 * Example: select * from private.analytics_window(:tenant, '2026-01-01', '2026-01-31');
 */
#variable_conflict use_column
declare
  v_timezone text;
begin
  if analytics_window.tenant_id is null or analytics_window.from_date is null or analytics_window.to_date is null then
    raise exception using errcode = '22023',
      message = 'analytics need a tenant, a from date and a to date',
      hint = 'Pass tenant_id, from_date and to_date (dates in the tenant''s time zone, both inclusive), e.g. from_date => ''2026-01-01'', to_date => ''2026-01-31''.';
  end if;
  if analytics_window.to_date < analytics_window.from_date then
    raise exception using errcode = '22023',
      message = pg_catalog.format('to_date %s is before from_date %s', analytics_window.to_date, analytics_window.from_date),
      hint = 'Give from_date on or before to_date (both inclusive).';
  end if;
  if analytics_window.to_date - analytics_window.from_date + 1 > 366 then
    raise exception using errcode = '22023',
      message = pg_catalog.format('the window %s to %s is longer than 366 days', analytics_window.from_date, analytics_window.to_date),
      hint = 'Ask for at most 366 days at a time (e.g. one year) and combine the results.';
  end if;
  if analytics_window.period is not null and analytics_window.period not in ('day', 'week', 'month') then
    raise exception using errcode = '22023',
      message = pg_catalog.format('unknown period %L', analytics_window.period),
      hint = 'Use period => ''day'', ''week'' (ISO weeks, from Monday) or ''month''.';
  end if;

  -- server-side callers (the secret key, or postgres in the Studio SQL editor) are not members
  if current_user not in ('service_role', 'postgres') then
    if not (
      analytics_window.tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin', 'manager']::public.staff_role[]))
      or (analytics_window.centre_id is not null
          and (analytics_window.tenant_id, analytics_window.centre_id) in (
            select k.tenant_id, k.centre_id
            from private.centre_keys_with_role(array['centre_manager']::public.staff_role[]) as k))
    ) then
      raise exception using errcode = 'PT403',
        message = 'you may not see the analytics of this tenant or centre',
        hint = case
          when analytics_window.centre_id is null
               and analytics_window.tenant_id in (select k.tenant_id from private.centre_keys_with_role(array['centre_manager']::public.staff_role[]) as k)
            then 'Centre managers see the analytics of their own centres: pass centre_id.'
          else 'Analytics are for owners, admins and managers of the tenant, and for centre managers of the centre (with centre_id).'
        end;
    end if;
  end if;

  select t.timezone::text into v_timezone from public.tenants as t where t.id = analytics_window.tenant_id;
  if v_timezone is null then
    raise exception using errcode = 'PT404', message = 'tenant not found',
      hint = 'Pass the id of an existing tenant.';
  end if;
  if analytics_window.centre_id is not null and not exists (
    select 1 from public.centres as c where c.tenant_id = analytics_window.tenant_id and c.id = analytics_window.centre_id) then
    raise exception using errcode = 'PT404', message = 'centre not found',
      hint = 'Pass the id of a centre of this tenant, or leave centre_id null for the whole tenant.';
  end if;

  return query select
    v_timezone,
    (analytics_window.from_date::timestamp) at time zone v_timezone,
    ((analytics_window.to_date + 1)::timestamp) at time zone v_timezone;
end
$$;
comment on function private.analytics_window(uuid, date, date, uuid, text) is
  'Guard of the analytics RPCs: validates the arguments (22023 with a hint; at most 366 days; period day/week/month), checks that the caller is owner/admin/manager of the tenant or centre manager of the given centre, or service_role/postgres (PT403 with a hint), and returns the tenant''s time zone and the window [from_date, to_date + 1) in it.';
revoke execute on function private.analytics_window(uuid, date, date, uuid, text) from public, anon, authenticated, service_role;
grant execute on function private.analytics_window(uuid, date, date, uuid, text) to authenticated, service_role;

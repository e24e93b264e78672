-- The window of a report, written once: 1 to 366 local dates of the tenant, both inclusive
-- (private.assert_report_dates), read in the tenant's time zone as [from_date 00:00, to_date + 1
-- 00:00) (private.tenant_report_window). The analytics guard (private.analytics_window) and
-- public.notification_stats ask both, each with its own caller rule in between: the date
-- checks come before the caller check, the tenant lookup (PT404) after it, so that a caller who
-- may not read a tenant never learns whether it exists. notification_stats' caller rule is
-- private.may_read_analytics for the whole tenant (centre_id null): the server, owners, admins
-- and managers.

create function private.assert_report_dates(p_tenant_id uuid, p_from_date date, p_to_date date)
returns void
language plpgsql
stable
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * The window rule of the reports: a tenant and two local dates, from_date on or before to_date,
 * 1 to 366 days (both inclusive).
 *
 * Parameters: p_tenant_id  the tenant reported on; p_from_date, p_to_date  its local dates.
 * Returns: nothing.
 * Errors: 22023 with a hint for a missing tenant or date, to_date before from_date, or more than
 *   366 days.
 * Example: select private.assert_report_dates(:tenant, '2026-01-01', '2026-12-31');
 */
begin
  if p_tenant_id is null or p_from_date is null or p_to_date is null then
    raise exception using errcode = '22023',
      message = 'analytics need a tenant, a from date and a to date',
      hint = 'Pass tenant_id, from_date and to_date (dates in the tenant''s time zone, both inclusive), e.g. from_date => ''2026-01-01'', to_date => ''2026-01-31''.';
  end if;
  if p_to_date < p_from_date then
    raise exception using errcode = '22023',
      message = pg_catalog.format('to_date %s is before from_date %s', p_to_date, p_from_date),
      hint = 'Give from_date on or before to_date (both inclusive).';
  end if;
  if p_to_date - p_from_date + 1 > 366 then
    raise exception using errcode = '22023',
      message = pg_catalog.format('the window %s to %s is longer than 366 days', p_from_date, p_to_date),
      hint = 'Ask for at most 366 days at a time (e.g. one year) and combine the results.';
  end if;
end
$$;
comment on function private.assert_report_dates(uuid, date, date) is
  'The window rule of the reports (analytics and notification statistics): a tenant and local dates from_date..to_date, both inclusive, 1 to 366 days; 22023 with a hint otherwise.';
revoke execute on function private.assert_report_dates(uuid, date, date) from public, anon, authenticated, service_role;
grant execute on function private.assert_report_dates(uuid, date, date) to authenticated, service_role;

create function private.tenant_report_window(p_tenant_id uuid, p_from_date date, p_to_date date)
returns table (timezone text, window_start timestamptz, window_end timestamptz)
language plpgsql
stable
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * The instants of a report's local dates: [from_date 00:00, to_date + 1 00:00) in the tenant's
 * time zone. Ask it after the caller check (it tells whether the tenant exists).
 *
 * Parameters: p_tenant_id; p_from_date, p_to_date  checked by private.assert_report_dates.
 * Returns: one row: the tenant's time zone, window_start, window_end.
 * Errors: PT404 when the tenant does not exist (or the caller cannot read it).
 * Example: select * from private.tenant_report_window(:tenant, '2026-01-01', '2026-01-31');
 */
declare
  v_timezone text;
begin
  select t.timezone::text into v_timezone from public.tenants as t where t.id = p_tenant_id;
  if v_timezone is null then
    raise exception using errcode = 'PT404', message = 'tenant not found',
      hint = 'Pass the id of an existing tenant.';
  end if;
  return query select
    v_timezone,
    (p_from_date::timestamp) at time zone v_timezone,
    ((p_to_date + 1)::timestamp) at time zone v_timezone;
end
$$;
comment on function private.tenant_report_window(uuid, date, date) is
  'The instants of a report''s local dates: [from_date 00:00, to_date + 1 00:00) in the tenant''s time zone, with the zone; PT404 for an unknown tenant. Asked after the caller check.';
revoke execute on function private.tenant_report_window(uuid, date, date) from public, anon, authenticated, service_role;
grant execute on function private.tenant_report_window(uuid, date, date) to authenticated, service_role;

create or replace function private.analytics_window(
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
set timezone to 'UTC'
as $$
/**
 * Checks a call of an analytics RPC and returns its window: the one decision of every analytics
 * RPC on its arguments and its caller.
 *
 * Parameters:
 *   tenant_id  the tenant reported on;
 *   from_date, to_date  local dates (tenant time zone), both inclusive, at most 366 days;
 *   centre_id  optional centre (required for centre managers);
 *   period  for the per-period reports: 'day', 'week' (ISO, from Monday) or 'month'; null when
 *           the report has no periods.
 * Returns: one row: the tenant's time zone and [from_date 00:00, to_date + 1 00:00) in it.
 * Errors: 22023 (with a hint) for a missing tenant or date, to_date before from_date, a window
 *   longer than 366 days (private.assert_report_dates) or an unknown period; PT403 when the
 *   caller may not see the analytics of this tenant (or centre) (private.may_read_analytics);
 *   PT404 when the tenant or the centre does not exist (only reachable by service_role, others
 *   get PT403 first).
 * Example: select * from private.analytics_window(:tenant, '2026-01-01', '2026-01-31');
 */
#variable_conflict use_column
declare
  v_window record;
begin
  perform private.assert_report_dates(analytics_window.tenant_id, analytics_window.from_date, analytics_window.to_date);
  if analytics_window.period is not null and analytics_window.period not in ('day', 'week', 'month') then
    raise exception using errcode = '22023',
      message = pg_catalog.format('unknown period %L', analytics_window.period),
      hint = 'Use period => ''day'', ''week'' (ISO weeks, from Monday) or ''month''.';
  end if;

  if not private.may_read_analytics(analytics_window.tenant_id, analytics_window.centre_id) then
    raise exception using errcode = 'PT403',
      message = 'you may not see the analytics of this tenant or centre',
      hint = case
        when analytics_window.centre_id is null
             and analytics_window.tenant_id in (
               select k.tenant_id from private.centre_keys_with_role(private.centre_manager_roles()) as k)
          then 'Centre managers see the analytics of their own centres: pass centre_id.'
        else 'Analytics are for owners, admins and managers of the tenant, and for centre managers of the centre (with centre_id).'
      end;
  end if;

  select w.timezone, w.window_start, w.window_end into v_window
  from private.tenant_report_window(analytics_window.tenant_id, analytics_window.from_date, analytics_window.to_date) as w;
  if analytics_window.centre_id is not null and not exists (
    select 1 from public.centres as c where c.tenant_id = analytics_window.tenant_id and c.id = analytics_window.centre_id) then
    raise exception using errcode = 'PT404', message = 'centre not found',
      hint = 'Pass the id of a centre of this tenant, or leave centre_id null for the whole tenant.';
  end if;

  return query select v_window.timezone, v_window.window_start, v_window.window_end;
end
$$;
comment on function private.analytics_window(uuid, date, date, uuid, text) is
  'Guard of the analytics RPCs, the one decision on their arguments and caller: the window rule (private.assert_report_dates: 22023 with a hint; at most 366 days), period day/week/month, the caller (private.may_read_analytics: PT403 with a hint), then the tenant''s time zone and the window [from_date, to_date + 1) in it (private.tenant_report_window; PT404 for an unknown tenant or centre).';

create or replace function public.notification_stats(tenant_id uuid, from_date date, to_date date)
returns table (channel public.contact_channel, kind public.notification_kind, status public.notification_status, count bigint)
language plpgsql
stable
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * Notifications of a tenant created between from_date 00:00 and to_date 24:00 in the tenant's
 * time zone, counted per channel (null = no address), kind and current status.
 *
 * Parameters: tenant_id; from_date, to_date (tenant-local dates, inclusive, at most 366 days).
 * Returns:    (channel, kind, status, count) ordered by channel, kind, status; groups without
 *             messages are left out.
 * Errors:     22023 missing or inverted dates, more than 366 days (private.assert_report_dates);
 *             PT403 not an owner, admin or manager of the tenant (or service_role:
 *             private.may_read_analytics for the whole tenant); PT404 unknown tenant (service_role).
 * Example:    select * from public.notification_stats(:tenant, '2026-11-01', '2026-11-30');
 */
#variable_conflict use_column
declare
  v_tenant uuid := tenant_id;
  v_window record;
begin
  perform private.assert_report_dates(v_tenant, from_date, to_date);
  if not private.may_read_analytics(v_tenant, null) then
    raise exception using errcode = 'PT403', message = 'you may not see the notification statistics of this tenant',
      hint = 'Notification statistics are for owners, admins and managers of the tenant.';
  end if;
  select w.window_start, w.window_end into v_window
  from private.tenant_report_window(v_tenant, from_date, to_date) as w;

  return query
  select n.channel, n.kind, n.status, pg_catalog.count(*)
  from public.notifications as n
  where n.tenant_id = v_tenant
    and n.created_at >= v_window.window_start
    and n.created_at < v_window.window_end
  group by n.channel, n.kind, n.status
  order by n.channel, n.kind, n.status;
end
$$;
comment on function public.notification_stats(uuid, date, date) is
  'Notification counts of a tenant per channel, kind and status for messages created in from_date..to_date (tenant time zone, inclusive, <= 366 days: private.assert_report_dates). Owners, admins, managers, service_role (private.may_read_analytics for the whole tenant); PT403 otherwise; 22023 bad dates.';

-- public.notification_stats: how many messages a tenant queued in a date window, per channel,
-- kind and status (issue 5, notifications) - for the clinic's dashboard. Owners, admins and
-- managers of the tenant, and service_role; others PT403 (anon: no EXECUTE). Security invoker:
-- the caller's row-level security applies to the rows counted.

create function public.notification_stats(tenant_id uuid, from_date date, to_date date)
returns table (channel public.contact_channel, kind public.notification_kind, status public.notification_status, count bigint)
language plpgsql
stable
set search_path = ''
as $$
/**
 * Notifications of a tenant created between from_date 00:00 and to_date 24:00 in the tenant's
 * time zone, counted per channel (null = no address), kind and current status.
 *
 * Parameters: tenant_id; from_date, to_date (tenant-local dates, inclusive, at most 366 days).
 * Returns:    (channel, kind, status, count) ordered by channel, kind, status; groups without
 *             messages are left out.
 * Errors:     22023 missing or inverted dates, more than 366 days; PT403 not an owner, admin or
 *             manager of the tenant (or service_role); PT404 unknown tenant (service_role).
 * Example:    select * from public.notification_stats(:tenant, '2026-11-01', '2026-11-30');
 */
#variable_conflict use_column
declare
  v_tenant uuid := tenant_id;
  v_timezone text;
begin
  if v_tenant is null or from_date is null or to_date is null then
    raise exception using errcode = '22023', message = 'tenant_id, from_date and to_date are required',
      hint = 'Pass dates in the tenant''s time zone, both inclusive, e.g. from_date => ''2026-11-01'', to_date => ''2026-11-30''.';
  end if;
  if to_date < from_date or to_date - from_date + 1 > 366 then
    raise exception using errcode = '22023',
      message = pg_catalog.format('%s to %s is not a window of 1 to 366 days', from_date, to_date),
      hint = 'Give from_date on or before to_date, at most 366 days apart.';
  end if;
  if current_user not in ('service_role', 'postgres')
     and not (v_tenant in (select private.tenant_ids_with_role(array['owner', 'admin', 'manager']::public.staff_role[]))) then
    raise exception using errcode = 'PT403', message = 'you may not see the notification statistics of this tenant',
      hint = 'Notification statistics are for owners, admins and managers of the tenant.';
  end if;
  select t.timezone::text into v_timezone from public.tenants as t where t.id = v_tenant;
  if v_timezone is null then
    raise exception using errcode = 'PT404', message = 'tenant not found', hint = 'Pass the id of an existing tenant.';
  end if;

  return query
  select n.channel, n.kind, n.status, pg_catalog.count(*)
  from public.notifications as n
  where n.tenant_id = v_tenant
    and n.created_at >= (from_date::timestamp) at time zone v_timezone
    and n.created_at < ((to_date + 1)::timestamp) at time zone v_timezone
  group by n.channel, n.kind, n.status
  order by n.channel, n.kind, n.status;
end
$$;
comment on function public.notification_stats(uuid, date, date) is
  'Notification counts of a tenant per channel, kind and status for messages created in from_date..to_date (tenant time zone, inclusive, <= 366 days). Owners, admins, managers, service_role; PT403 otherwise; 22023 bad dates.';
revoke execute on function public.notification_stats(uuid, date, date) from public, anon, authenticated, service_role;
grant execute on function public.notification_stats(uuid, date, date) to authenticated, service_role;

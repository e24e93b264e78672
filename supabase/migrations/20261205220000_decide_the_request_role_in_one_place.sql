-- Who the caller is, decided once. A request through the Data API, Realtime or Storage acts as
-- the role its JWT names (anon, authenticated or service_role), set as the `role` setting, which
-- a security definer function does not change; a direct database session that set no role
-- (migrations, pg_cron, the SQL editor, Auth's own connection) acts as its session user.
-- private.request_role() answers "which role", private.is_server_role() "is that the server";
-- is_server_caller, the analytics (private.may_read_analytics) and notification-statistics checks and the audit and
-- appointment-history triggers all ask them instead of reading current_user or the setting.

create function private.request_role()
returns text
language sql
stable
set search_path = ''
set timezone to 'UTC'
as $$
  /**
   * The role the request acts as: the `role` setting (PostgREST, Realtime and Storage set it
   * from the JWT; security definer functions leave it unchanged), or the session user when no
   * role was set (postgres in migrations and pg_cron, supabase_auth_admin for Auth).
   * Example: select private.request_role();  -- 'authenticated'
   */
  select coalesce(nullif(nullif(pg_catalog.current_setting('role', true), 'none'), ''), session_user::text)
$$;
comment on function private.request_role() is
  'The role the request acts as: the role setting (anon, authenticated or service_role for API requests; unchanged inside security definer functions), else the session user (postgres for migrations and pg_cron, supabase_auth_admin for Auth). Recorded as actor_role in the audit log and the appointment history.';
revoke execute on function private.request_role() from public, anon, authenticated, service_role;
grant execute on function private.request_role() to authenticated, service_role;

create function private.is_server_role()
returns boolean
language sql
stable
set search_path = ''
set timezone to 'UTC'
as $$
  /**
   * True when the request acts as the server: any role but the two a user's JWT can name (anon,
   * authenticated), that is service_role (the secret key) or a database session (postgres in
   * migrations, pg_cron and the SQL editor; platform services).
   * Example: select private.is_server_role();
   */
  select private.request_role() not in ('anon', 'authenticated')
$$;
comment on function private.is_server_role() is
  'True when the request role (private.request_role) is not anon or authenticated: service_role, or a database session such as postgres in migrations, pg_cron and the SQL editor.';
revoke execute on function private.is_server_role() from public, anon, authenticated, service_role;
grant execute on function private.is_server_role() to authenticated, service_role;

create or replace function private.is_server_caller()
returns boolean
language sql
stable
set search_path = ''
set timezone to 'UTC'
as $$
  /**
   * True when the request comes from the server: no signed-in user and a server role
   * (private.is_server_role: service_role, or postgres in migrations, pg_cron, the SQL editor).
   * Example: select private.is_server_caller();
   */
  select (select auth.uid()) is null and private.is_server_role()
$$;

create function private.may_read_analytics(
  p_tenant_id uuid,
  p_centre_id uuid
)
returns boolean
language sql
stable
set search_path = ''
set timezone to 'UTC'
as $$
  /**
   * Who may read analytics: a server role (private.is_server_role), owners, admins and managers
   * of the tenant, or centre managers of the given centre. Evaluated from the request role and
   * claims, so it holds inside security definer functions too.
   *
   * Parameters: p_tenant_id  the tenant; p_centre_id  the centre asked for, or null (whole tenant).
   * Returns: boolean (false for a null tenant).
   * Example: select private.may_read_analytics(:tenant, null);
   */
  select p_tenant_id is not null and (
    private.is_server_role()
    or p_tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles()))
    or (p_centre_id is not null
        and (p_tenant_id, p_centre_id) in (
          select k.tenant_id, k.centre_id
          from private.centre_keys_with_role(private.centre_manager_roles()) as k))
  )
$$;
comment on function private.may_read_analytics(uuid, uuid) is
  'Who may read analytics: a server role (service_role, postgres without a request role), owners/admins/managers of the tenant, or centre managers of the given centre. Reads the request role and the JWT claims, not current_user, so it holds inside security definer functions. Asked by private.analytics_window (as the caller) and, through private.analytics_caller_may_read, by the private implementations of the analytics RPCs.';
revoke execute on function private.may_read_analytics(uuid, uuid) from public, anon, authenticated, service_role;
grant execute on function private.may_read_analytics(uuid, uuid) to authenticated, service_role;

create or replace function private.analytics_caller_may_read(
  p_tenant_id uuid,
  p_centre_id uuid
)
returns boolean
language sql
stable
set search_path = ''
set timezone to 'UTC'
as $$
  /**
   * The caller check of the security definer analytics implementations: private.may_read_analytics.
   * Example: select private.analytics_caller_may_read(:tenant, null);
   */
  select private.may_read_analytics(p_tenant_id, p_centre_id)
$$;
comment on function private.analytics_caller_may_read(uuid, uuid) is
  'The caller check of the security definer analytics implementations (run as their owner; no API role executes it): private.may_read_analytics.';

-- The analytics window and notification_stats run as the caller (also as service_role): the
-- role sets they name need EXECUTE for service_role too.
grant execute on function private.practice_manager_roles() to service_role;
grant execute on function private.centre_manager_roles() to service_role;

create or replace function private.analytics_window(tenant_id uuid, from_date date, to_date date, centre_id uuid default null, period text default null)
returns table (timezone text, window_start timestamp with time zone, window_end timestamp with time zone)
language plpgsql
stable
set search_path = ''
set timezone to 'UTC'
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
  if not private.is_server_role()
     and v_tenant not in (select private.tenant_ids_with_role(private.practice_manager_roles())) then
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

create or replace function private.record_audit_event()
returns trigger
language plpgsql
security definer
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * AFTER INSERT OR UPDATE OR DELETE row trigger: appends one entry to public.audit_log.
 *
 * Trigger arguments:
 *   TG_ARGV[0]     the column holding the tenant id ('id' on public.tenants, else 'tenant_id');
 *   TG_ARGV[1..]   the personal and clinical columns: they read "[redacted]" in
 *                  old_row/new_row, and their values go to public.audit_log_values, which a
 *                  reader sees only while they can read the row itself.
 * The primary key is read from the catalog, so the entry follows the table's real key.
 * Actor: auth.uid() of the request (null outside the Data API). Role: private.request_role()
 * (postgres for migrations, supabase_auth_admin for Auth).
 *
 * Returns: null (AFTER trigger).
 * Example: create trigger audit_changes after insert or update or delete on public.patients
 *            for each row execute function private.record_audit_event('tenant_id', 'full_name', 'phone');
 */
declare
  v_old jsonb := case when tg_op in ('UPDATE', 'DELETE') then pg_catalog.to_jsonb(old) end;
  v_new jsonb := case when tg_op in ('INSERT', 'UPDATE') then pg_catalog.to_jsonb(new) end;
  v_row jsonb := coalesce(v_new, v_old);
  v_tenant_column text := tg_argv[0];
  v_old_values jsonb := '{}';
  v_new_values jsonb := '{}';
  v_pk jsonb;
  v_index integer;
  v_audit_id bigint;
begin
  if tg_op = 'UPDATE' and v_old = v_new then
    return null;  -- nothing changed: nothing to audit
  end if;

  for v_index in 1 .. tg_nargs - 1 loop
    if v_old ? tg_argv[v_index] then
      v_old_values := v_old_values || pg_catalog.jsonb_build_object(tg_argv[v_index], v_old -> tg_argv[v_index]);
      v_old := v_old || pg_catalog.jsonb_build_object(tg_argv[v_index], '[redacted]');
    end if;
    if v_new ? tg_argv[v_index] then
      v_new_values := v_new_values || pg_catalog.jsonb_build_object(tg_argv[v_index], v_new -> tg_argv[v_index]);
      v_new := v_new || pg_catalog.jsonb_build_object(tg_argv[v_index], '[redacted]');
    end if;
  end loop;

  select coalesce(pg_catalog.jsonb_object_agg(a.attname, v_row -> a.attname::text), '{}'::jsonb)
    into v_pk
  from pg_catalog.pg_index as i
  join pg_catalog.pg_attribute as a on a.attrelid = i.indrelid and a.attnum = any (i.indkey)
  where i.indrelid = tg_relid
    and i.indisprimary;

  insert into public.audit_log (tenant_id, actor_user_id, actor_role, table_name, row_pk, action, old_row, new_row)
  values (
    (v_row ->> v_tenant_column)::uuid,
    auth.uid(),
    private.request_role(),
    pg_catalog.format('%I.%I', tg_table_schema, tg_table_name),
    v_pk,
    pg_catalog.lower(tg_op),
    v_old,
    v_new
  )
  returning id into v_audit_id;

  if v_old_values <> '{}' or v_new_values <> '{}' then
    insert into public.audit_log_values (audit_id, tenant_id, table_name, row_pk, old_values, new_values)
    values (
      v_audit_id,
      (v_row ->> v_tenant_column)::uuid,
      pg_catalog.format('%I.%I', tg_table_schema, tg_table_name),
      v_pk,
      nullif(v_old_values, '{}'),
      nullif(v_new_values, '{}')
    );
  end if;
  return null;
end
$$;

create or replace function private.record_appointment_history()
returns trigger
language plpgsql
security definer
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * AFTER INSERT OR UPDATE row trigger on public.appointments: appends a history entry on insert,
 * on a status change and on a change of starts_at/ends_at. security definer: no API role may
 * insert into the history.
 *
 * Returns: null.
 */
declare
  v_uid uuid := (select auth.uid());
  v_actor_role text;
  v_reason text := nullif(pg_catalog.current_setting('slotbase.appointment_change_reason', true), '');
begin
  if tg_op = 'UPDATE'
     and new.status = old.status
     and (new.starts_at, new.ends_at) = (old.starts_at, old.ends_at) then
    return null;
  end if;

  if tg_op = 'UPDATE' and old.status = 'pending' and new.status = 'cancelled'
     and new.cancellation_reason = 'hold_expired' then
    -- an expired hold is released by the system, even when another user's booking triggered it
    v_uid := null;
    v_actor_role := 'system';
  elsif v_uid is not null then
    v_actor_role := case
      when exists (select 1 from public.members as m
                   where m.tenant_id = new.tenant_id and m.user_id = v_uid and m.is_active) then 'staff'
      else 'patient'
    end;
  else
    v_actor_role := private.request_role();
  end if;

  if v_reason is null then
    v_reason := case
      when tg_op = 'INSERT' and new.staff_override then new.override_reason
      when new.status = 'cancelled' and (tg_op = 'INSERT' or old.status <> 'cancelled') then new.cancellation_reason
    end;
  end if;

  insert into public.appointment_status_history (
    tenant_id, appointment_id, from_status, to_status, starts_at_before, ends_at_before,
    starts_at_after, ends_at_after, actor_user_id, actor_role, reason)
  values (
    new.tenant_id, new.id,
    case when tg_op = 'UPDATE' then old.status end, new.status,
    case when tg_op = 'UPDATE' then old.starts_at end, case when tg_op = 'UPDATE' then old.ends_at end,
    new.starts_at, new.ends_at, v_uid, v_actor_role, v_reason);
  return null;
end
$$;

comment on function private.analytics_window(uuid, date, date, uuid, text) is
  'Guard of the analytics RPCs: validates the arguments (22023 with a hint; at most 366 days; period day/week/month), checks the caller with private.may_read_analytics (PT403 with a hint), and returns the tenant''s time zone and the window [from_date, to_date + 1) in it.';

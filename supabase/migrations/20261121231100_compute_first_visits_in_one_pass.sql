-- new_vs_returning_patients without a row-level-security check per patient (issue 6, "Admin and
-- analytics", performance).
--
-- Measured (docs/benchmarks.md, Analytics): 110 ms for a year of one large tenant as its owner
-- against 27 ms as service_role: the "first kept visit ever" subquery ran once per patient and
-- re-checked the appointments policy each time. Now:
--   * public.new_vs_returning_patients (security invoker, same signature, results and doc
--     comment) still validates and checks the caller with private.analytics_window, then calls
--   * private.new_vs_returning_patients (security DEFINER): checks the caller again with
--     private.analytics_caller_may_read (so a direct call cannot skip the guard), and computes
--     the periods and first visits in one statement without row-level security.
-- Same results: every caller the guard lets through (owners, admins, managers, centre managers,
-- service_role, postgres) sees every appointment of the tenant through row-level security
-- anyway (appointments_select_authenticated: any staff member of the tenant), so reading them
-- without it changes no row.

create function private.new_vs_returning_patients(
  p_tenant_id uuid,
  p_from_date date,
  p_to_date date,
  p_centre_id uuid,
  p_period text
)
returns table (period_start date, new_patients bigint, returning_patients bigint)
language plpgsql
stable
security definer
set search_path = ''
-- the window's size decides the plan (a year or a day of a large tenant): plan every call with
-- its values; a generic plan cached after five calls was 100x slower (870 ms instead of 7 ms)
set plan_cache_mode = force_custom_plan
as $$
/**
 * Implementation of public.new_vs_returning_patients (see there for the definitions): patients
 * with a kept appointment (booked, arrived, checked_in, fulfilled) per period, new when their
 * first kept appointment ever at the tenant (any centre) is in that period, returning otherwise.
 *
 * Security definer so that the first visits are read in one pass without a row-level-security
 * check per row; the caller is checked first (private.analytics_window for the arguments,
 * private.analytics_caller_may_read for who is asking, both PT403 when not allowed).
 *
 * Parameters: p_tenant_id; p_from_date, p_to_date (tenant-local, inclusive, <= 366 days);
 *   p_centre_id (null: whole tenant); p_period 'day' | 'week' | 'month'.
 * Returns: (period_start, new_patients, returning_patients) ordered by period_start.
 * Errors: 22023 bad arguments, PT403 not allowed, PT404 unknown tenant or centre.
 * Example: select * from private.new_vs_returning_patients(:tenant, '2026-01-01', '2026-06-30', null, 'month');
 */
#variable_conflict use_column
declare
  v_tz text;
  v_start timestamptz;
  v_end timestamptz;
begin
  select w.timezone, w.window_start, w.window_end into v_tz, v_start, v_end
  from private.analytics_window(p_tenant_id, p_from_date, p_to_date, p_centre_id, coalesce(p_period, '')) as w;
  if not private.analytics_caller_may_read(p_tenant_id, p_centre_id) then
    raise exception using errcode = 'PT403',
      message = 'you may not see the analytics of this tenant or centre',
      hint = 'Analytics are for owners, admins and managers of the tenant, and for centre managers of the centre (with centre_id).';
  end if;

  return query
  with seen as materialized (
    select distinct (pg_catalog.date_trunc(p_period, a.starts_at at time zone v_tz))::date as period_start, a.patient_id
    from public.appointments as a
    where a.tenant_id = p_tenant_id
      and a.starts_at >= v_start
      and a.starts_at < v_end
      and (p_centre_id is null or a.centre_id = p_centre_id)
      and a.status in ('booked', 'arrived', 'checked_in', 'fulfilled')
  ),
  firsts as (
    -- one pass: the earliest kept appointment of each patient seen, tenant-wide
    select f.patient_id,
           (pg_catalog.date_trunc(p_period, pg_catalog.min(f.starts_at) at time zone v_tz))::date as first_period
    from public.appointments as f
    where f.tenant_id = p_tenant_id
      and f.patient_id in (select s.patient_id from seen as s)
      and f.starts_at < v_end
      and f.status in ('booked', 'arrived', 'checked_in', 'fulfilled')
    group by f.patient_id
  )
  select s.period_start,
         pg_catalog.count(*) filter (where f.first_period >= s.period_start),
         pg_catalog.count(*) filter (where f.first_period < s.period_start)
  from seen as s
  join firsts as f on f.patient_id = s.patient_id
  group by s.period_start
  order by s.period_start;
end
$$;
comment on function private.new_vs_returning_patients(uuid, date, date, uuid, text) is
  'Implementation of public.new_vs_returning_patients (security definer: first kept visits in one pass without a row-level-security check per row). Checks the arguments (private.analytics_window) and the caller (private.analytics_caller_may_read; PT403) itself. Executed by the public wrapper as authenticated or service_role.';
revoke execute on function private.new_vs_returning_patients(uuid, date, date, uuid, text) from public, anon, authenticated, service_role;
grant execute on function private.new_vs_returning_patients(uuid, date, date, uuid, text) to authenticated, service_role;

create or replace function public.new_vs_returning_patients(
  tenant_id uuid,
  from_date date,
  to_date date,
  centre_id uuid default null,
  period text default 'month'
)
returns table (period_start date, new_patients bigint, returning_patients bigint)
language plpgsql
stable
set search_path = ''
as $$
/**
 * Patients with a kept appointment (booked, arrived, checked_in, fulfilled) per period, split
 * into new (their first kept appointment ever at this tenant, at any centre, falls in this
 * period) and returning (they had a kept appointment before the period). A patient counts once
 * per period.
 *
 * Parameters: tenant_id; from_date, to_date (tenant-local, inclusive, <= 366 days); centre_id
 *   (limits which visits are counted; "first ever" is still tenant-wide); period 'day' | 'week' |
 *   'month'.
 * Returns: (period_start, new_patients, returning_patients), ordered by period_start; periods
 *   without kept appointments are absent.
 * Errors: 22023 bad arguments, PT403 not allowed.
 * Example: select * from public.new_vs_returning_patients(:tenant, '2026-01-01', '2026-06-30', period => 'month');
 *
 * Since 20261121231100: the caller is checked here (private.analytics_window, as the caller),
 * then private.new_vs_returning_patients (security definer) computes the rows in one pass.
 */
#variable_conflict use_column
declare
  v_tenant uuid := tenant_id;
  v_centre uuid := centre_id;
  v_period text := period;
begin
  perform from private.analytics_window(v_tenant, from_date, to_date, v_centre, coalesce(v_period, ''));

  return query
  select r.period_start, r.new_patients, r.returning_patients
  from private.new_vs_returning_patients(v_tenant, from_date, to_date, v_centre, v_period) as r
  order by r.period_start;
end
$$;
comment on function public.new_vs_returning_patients(uuid, date, date, uuid, text) is
  'Analytics: per period (tenant time zone), patients with a kept appointment (booked, arrived, checked_in, fulfilled) who are new (first kept appointment ever at the tenant in that period) or returning (an earlier one), for from_date..to_date (inclusive, <= 366 days). Owners, admins, managers; centre managers with their centre_id; PT403 otherwise; 22023 for bad input.';

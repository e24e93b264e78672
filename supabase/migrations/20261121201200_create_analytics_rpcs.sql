-- Analytics RPCs for dashboards (issue 6, "Admin and analytics"). All are in public, security
-- INVOKER (the caller's row-level security applies to every row read), stable, set-based, and
-- share one guard, private.analytics_window (20261121201100): validation (22023 with a hint,
-- windows of at most 366 days), who may call (owners/admins/managers of the tenant, centre
-- managers for their centre with centre_id, service_role; others PT403; anon no EXECUTE) and the
-- window [from_date 00:00, to_date + 1 00:00) in the TENANT's time zone. Periods (day, ISO week
-- from Monday, month) are also computed in the tenant's time zone.
--
-- Common rules: an appointment belongs to the window by its starts_at; entered_in_error
-- appointments never count; "kept" appointments are booked, arrived, checked_in and fulfilled;
-- "held" appointments (that took diary time) are kept ones plus noshow.
-- Not here: "lead source" (patients.lead_source is free text with no reporting vocabulary yet)
-- and real revenue (payments do not exist yet: revenue_by_period is EXPECTED revenue from prices).
--
-- Output columns naming a centre are called `centre` (a uuid), because `centre_id` is the
-- argument.
--
-- Index use: appointments by (tenant_id, starts_at) (20261121201100) or (tenant_id, centre_id,
-- starts_at); first visits by (tenant_id, patient_id, starts_at); open time through
-- private.clinician_open_windows per (clinician, centre) assignment.
-- See docs/analytics.md.

create function public.appointments_by_status_and_period(
  tenant_id uuid,
  from_date date,
  to_date date,
  centre_id uuid default null,
  period text default 'week'
)
returns table (period_start date, status public.appointment_status, appointments bigint)
language plpgsql
stable
set search_path = ''
as $$
/**
 * Appointments per period and status (entered_in_error left out).
 *
 * Parameters: tenant_id; from_date, to_date (local dates of the tenant, inclusive, <= 366 days);
 *   centre_id (optional; required for centre managers); period 'day' | 'week' | 'month'.
 * Returns: (period_start, status, appointments): period_start is the first local date of the
 *   period (the Monday of an ISO week, the 1st of a month; it may lie before from_date when the
 *   window starts mid-period), ordered by period_start, status.
 * Errors: 22023 bad arguments, PT403 not allowed (see private.analytics_window).
 * Example: select * from public.appointments_by_status_and_period(:tenant, '2026-01-01', '2026-03-31', period => 'month');
 */
#variable_conflict use_column
declare
  v_tenant uuid := tenant_id;
  v_centre uuid := centre_id;
  v_period text := period;
  v_tz text;
  v_start timestamptz;
  v_end timestamptz;
begin
  select w.timezone, w.window_start, w.window_end into v_tz, v_start, v_end
  from private.analytics_window(v_tenant, from_date, to_date, v_centre, coalesce(v_period, '')) as w;

  return query
  select (pg_catalog.date_trunc(v_period, a.starts_at at time zone v_tz))::date as period_start,
         a.status,
         pg_catalog.count(*) as appointments
  from public.appointments as a
  where a.tenant_id = v_tenant
    and a.starts_at >= v_start
    and a.starts_at < v_end
    and (v_centre is null or a.centre_id = v_centre)
    and a.status <> 'entered_in_error'
  group by 1, 2
  order by 1, 2;
end
$$;
comment on function public.appointments_by_status_and_period(uuid, date, date, uuid, text) is
  'Analytics: number of appointments per period (day, ISO week or month, in the tenant''s time zone) and status, for a tenant (or one centre) over from_date..to_date (inclusive, <= 366 days). entered_in_error is left out. Owners, admins, managers; centre managers with their centre_id; PT403 otherwise; 22023 for bad input.';

create function public.utilisation(
  tenant_id uuid,
  from_date date,
  to_date date,
  centre_id uuid default null
)
returns table (centre uuid, clinician_id uuid, clinician_name text, open_minutes numeric, booked_minutes numeric, utilisation numeric)
language plpgsql
stable
set search_path = ''
as $$
/**
 * Utilisation per clinician and centre: booked minutes / open minutes.
 *
 * Open minutes: the clinician's open time at the centre in the window
 * (private.clinician_open_windows: working hours + extra hours - time off - holidays).
 * Booked minutes: length (ends_at - starts_at, without buffers) of the held appointments
 * (booked, arrived, checked_in, fulfilled, noshow) starting in the window.
 * Rows: every (clinician, centre) assignment of the tenant (or of the centre), plus any pair
 * with held appointments in the window.
 *
 * Parameters: tenant_id; from_date, to_date (tenant-local, inclusive, <= 366 days); centre_id.
 * Returns: (centre, clinician_id, clinician_name, open_minutes, booked_minutes, utilisation);
 *   utilisation = booked / open rounded to 4 places, null when there was no open time; ordered
 *   by centre, clinician_id.
 * Errors: 22023 bad arguments, PT403 not allowed.
 * Example: select * from public.utilisation(:tenant, '2026-01-01', '2026-01-31');
 */
#variable_conflict use_column
declare
  v_tenant uuid := tenant_id;
  v_centre uuid := centre_id;
  v_start timestamptz;
  v_end timestamptz;
begin
  select w.window_start, w.window_end into v_start, v_end
  from private.analytics_window(v_tenant, from_date, to_date, v_centre) as w;

  return query
  with booked as (
    select a.clinician_id, a.centre_id,
           pg_catalog.sum(extract(epoch from a.ends_at - a.starts_at)) / 60 as minutes
    from public.appointments as a
    where a.tenant_id = v_tenant
      and a.starts_at >= v_start
      and a.starts_at < v_end
      and (v_centre is null or a.centre_id = v_centre)
      and a.status in ('booked', 'arrived', 'checked_in', 'fulfilled', 'noshow')
    group by a.clinician_id, a.centre_id
  ),
  pairs as (
    select cc.clinician_id, cc.centre_id
    from public.clinician_centres as cc
    where cc.tenant_id = v_tenant
      and (v_centre is null or cc.centre_id = v_centre)
    union
    select b.clinician_id, b.centre_id from booked as b
  ),
  open as (
    select p.clinician_id, p.centre_id,
           coalesce(pg_catalog.sum(extract(epoch from pg_catalog.upper(o.open_window) - pg_catalog.lower(o.open_window))), 0) / 60 as minutes
    from pairs as p
    left join lateral private.clinician_open_windows(v_tenant, p.clinician_id, p.centre_id,
                                                      pg_catalog.tstzrange(v_start, v_end, '[)')) as o(open_window) on true
    group by p.clinician_id, p.centre_id
  )
  select o.centre_id,
         o.clinician_id,
         c.display_name::text,
         pg_catalog.round(o.minutes, 2),
         pg_catalog.round(coalesce(b.minutes, 0), 2),
         case when o.minutes > 0 then pg_catalog.round(coalesce(b.minutes, 0) / o.minutes, 4) end
  from open as o
  left join booked as b on b.clinician_id = o.clinician_id and b.centre_id = o.centre_id
  left join public.clinicians as c on c.tenant_id = v_tenant and c.id = o.clinician_id
  order by o.centre_id, o.clinician_id;
end
$$;
comment on function public.utilisation(uuid, date, date, uuid) is
  'Analytics: per clinician and centre, open minutes (working hours minus time off and holidays), booked minutes (booked, arrived, checked_in, fulfilled, noshow appointments, without buffers) and utilisation = booked / open, for from_date..to_date (tenant-local, inclusive, <= 366 days). Owners, admins, managers; centre managers with their centre_id; PT403 otherwise; 22023 for bad input.';

create function public.no_show_and_cancellation_rates(
  tenant_id uuid,
  from_date date,
  to_date date,
  centre_id uuid default null
)
returns table (centre uuid, appointments bigint, fulfilled bigint, cancelled bigint, late_cancellations bigint, no_shows bigint,
               cancellation_rate numeric, no_show_rate numeric)
language plpgsql
stable
set search_path = ''
as $$
/**
 * No-show and cancellation rates per centre, plus a total row (centre null).
 *
 * Counted: appointments starting in the window that were confirmed at some point, i.e. every
 * status but pending (an open hold) and entered_in_error.
 * cancellation_rate = cancelled / appointments; no_show_rate = no_shows / (appointments -
 * cancelled), i.e. among the visits that were due; both rounded to 4 places, null when the
 * denominator is 0. late_cancellations: cancelled inside the service's cancellation window
 * (cancellation_outcome.late).
 *
 * Parameters: tenant_id; from_date, to_date (tenant-local, inclusive, <= 366 days); centre_id.
 * Returns: one row per centre with appointments, ordered by centre, then the total row
 *   (always present, zeros when there is nothing).
 * Errors: 22023 bad arguments, PT403 not allowed.
 * Example: select * from public.no_show_and_cancellation_rates(:tenant, '2026-01-01', '2026-01-31') where centre is null;
 */
#variable_conflict use_column
declare
  v_tenant uuid := tenant_id;
  v_centre uuid := centre_id;
  v_start timestamptz;
  v_end timestamptz;
begin
  select w.window_start, w.window_end into v_start, v_end
  from private.analytics_window(v_tenant, from_date, to_date, v_centre) as w;

  return query
  select r.centre_id, r.appointments, r.fulfilled, r.cancelled, r.late_cancellations, r.no_shows,
         pg_catalog.round(r.cancelled::numeric / nullif(r.appointments, 0), 4),
         pg_catalog.round(r.no_shows::numeric / nullif(r.appointments - r.cancelled, 0), 4)
  from (
    select a.centre_id,
           grouping(a.centre_id) as is_total,
           pg_catalog.count(*) as appointments,
           pg_catalog.count(*) filter (where a.status = 'fulfilled') as fulfilled,
           pg_catalog.count(*) filter (where a.status = 'cancelled') as cancelled,
           pg_catalog.count(*) filter (where a.status = 'cancelled'
                                       and coalesce((a.cancellation_outcome ->> 'late')::boolean, false)) as late_cancellations,
           pg_catalog.count(*) filter (where a.status = 'noshow') as no_shows
    from public.appointments as a
    where a.tenant_id = v_tenant
      and a.starts_at >= v_start
      and a.starts_at < v_end
      and (v_centre is null or a.centre_id = v_centre)
      and a.status not in ('pending', 'entered_in_error')
    group by grouping sets ((a.centre_id), ())
  ) as r
  order by r.is_total, r.centre_id;
end
$$;
comment on function public.no_show_and_cancellation_rates(uuid, date, date, uuid) is
  'Analytics: per centre and in total (centre null), appointments (all but pending and entered_in_error), fulfilled, cancelled, late cancellations, no-shows, cancellation_rate = cancelled / appointments and no_show_rate = no_shows / (appointments - cancelled), for from_date..to_date (tenant-local, inclusive, <= 366 days). Owners, admins, managers; centre managers with their centre_id; PT403 otherwise; 22023 for bad input.';

create function public.lead_time(
  tenant_id uuid,
  from_date date,
  to_date date,
  centre_id uuid default null
)
returns table (centre uuid, appointments bigint, median_hours numeric, average_hours numeric)
language plpgsql
stable
set search_path = ''
as $$
/**
 * Booking lead time: hours between booking (created_at) and the visit (starts_at), per centre
 * and in total (centre null), over the held appointments (booked, arrived, checked_in,
 * fulfilled, noshow) starting in the window.
 *
 * Parameters: tenant_id; from_date, to_date (tenant-local, inclusive, <= 366 days); centre_id.
 * Returns: (centre, appointments, median_hours, average_hours), hours rounded to 2 places
 *   (null without appointments); per-centre rows ordered by centre_id, then the total row.
 * Errors: 22023 bad arguments, PT403 not allowed.
 * Example: select * from public.lead_time(:tenant, '2026-01-01', '2026-01-31');
 */
#variable_conflict use_column
declare
  v_tenant uuid := tenant_id;
  v_centre uuid := centre_id;
  v_start timestamptz;
  v_end timestamptz;
begin
  select w.window_start, w.window_end into v_start, v_end
  from private.analytics_window(v_tenant, from_date, to_date, v_centre) as w;

  return query
  select r.centre_id, r.appointments,
         pg_catalog.round(r.median_hours::numeric, 2),
         pg_catalog.round(r.average_hours, 2)
  from (
    select a.centre_id,
           grouping(a.centre_id) as is_total,
           pg_catalog.count(*) as appointments,
           pg_catalog.percentile_cont(0.5) within group (order by (extract(epoch from a.starts_at - a.created_at) / 3600)::double precision) as median_hours,
           pg_catalog.avg(extract(epoch from a.starts_at - a.created_at) / 3600) as average_hours
    from public.appointments as a
    where a.tenant_id = v_tenant
      and a.starts_at >= v_start
      and a.starts_at < v_end
      and (v_centre is null or a.centre_id = v_centre)
      and a.status in ('booked', 'arrived', 'checked_in', 'fulfilled', 'noshow')
    group by grouping sets ((a.centre_id), ())
  ) as r
  order by r.is_total, r.centre_id;
end
$$;
comment on function public.lead_time(uuid, date, date, uuid) is
  'Analytics: median and average hours between booking (created_at) and visit (starts_at) of the held appointments (booked, arrived, checked_in, fulfilled, noshow), per centre and in total (centre null), for from_date..to_date (tenant-local, inclusive, <= 366 days). Owners, admins, managers; centre managers with their centre_id; PT403 otherwise; 22023 for bad input.';

create function public.revenue_by_period(
  tenant_id uuid,
  from_date date,
  to_date date,
  centre_id uuid default null,
  period text default 'month'
)
returns table (period_start date, centre uuid, clinician_id uuid, currency text, fulfilled_appointments bigint, expected_revenue numeric)
language plpgsql
stable
set search_path = ''
as $$
/**
 * EXPECTED revenue per period, centre and clinician: the list price of the fulfilled
 * appointments (clinician_services.price_override when set, else services.price), in the
 * service's currency. Not money received: payments come in a later issue.
 *
 * Parameters: tenant_id; from_date, to_date (tenant-local, inclusive, <= 366 days); centre_id;
 *   period 'day' | 'week' | 'month'.
 * Returns: (period_start, centre, clinician_id, currency, fulfilled_appointments,
 *   expected_revenue), ordered by period_start, centre, clinician_id, currency. Sum over
 *   clinicians or centres for per-centre or per-period totals.
 * Errors: 22023 bad arguments, PT403 not allowed.
 * Example: select * from public.revenue_by_period(:tenant, '2026-01-01', '2026-12-31', period => 'month');
 */
#variable_conflict use_column
declare
  v_tenant uuid := tenant_id;
  v_centre uuid := centre_id;
  v_period text := period;
  v_tz text;
  v_start timestamptz;
  v_end timestamptz;
begin
  select w.timezone, w.window_start, w.window_end into v_tz, v_start, v_end
  from private.analytics_window(v_tenant, from_date, to_date, v_centre, coalesce(v_period, '')) as w;

  return query
  select (pg_catalog.date_trunc(v_period, a.starts_at at time zone v_tz))::date,
         a.centre_id,
         a.clinician_id,
         s.currency::text,
         pg_catalog.count(*),
         pg_catalog.sum(coalesce(cs.price_override, s.price))
  from public.appointments as a
  join public.services as s on s.tenant_id = a.tenant_id and s.id = a.service_id
  left join public.clinician_services as cs
    on cs.tenant_id = a.tenant_id and cs.clinician_id = a.clinician_id and cs.service_id = a.service_id
  where a.tenant_id = v_tenant
    and a.starts_at >= v_start
    and a.starts_at < v_end
    and (v_centre is null or a.centre_id = v_centre)
    and a.status = 'fulfilled'
  group by 1, 2, 3, 4
  order by 1, 2, 3, 4;
end
$$;
comment on function public.revenue_by_period(uuid, date, date, uuid, text) is
  'Analytics: EXPECTED revenue (list price of fulfilled appointments: clinician_services.price_override or services.price; not payments, which come later) per period (tenant time zone), centre, clinician and currency, for from_date..to_date (inclusive, <= 366 days). Owners, admins, managers; centre managers with their centre_id; PT403 otherwise; 22023 for bad input.';

create function public.top_clinicians(
  tenant_id uuid,
  from_date date,
  to_date date,
  centre_id uuid default null,
  limit_count integer default 10
)
returns table (rank bigint, clinician_id uuid, clinician_name text, fulfilled_appointments bigint, fulfilled_minutes numeric, no_shows bigint)
language plpgsql
stable
set search_path = ''
as $$
/**
 * The clinicians with the most fulfilled appointments starting in the window.
 *
 * Parameters: tenant_id; from_date, to_date (tenant-local, inclusive, <= 366 days); centre_id;
 *   limit_count 1..100 (default 10).
 * Returns: (rank, clinician_id, clinician_name, fulfilled_appointments, fulfilled_minutes,
 *   no_shows), rank 1 first; ties broken by fulfilled minutes, then fewer no-shows, then id.
 *   Clinicians without a fulfilled appointment are not listed.
 * Errors: 22023 bad arguments (incl. limit_count), PT403 not allowed.
 * Example: select * from public.top_clinicians(:tenant, '2026-01-01', '2026-01-31', limit_count => 5);
 */
#variable_conflict use_column
declare
  v_tenant uuid := tenant_id;
  v_centre uuid := centre_id;
  v_limit integer := limit_count;
  v_start timestamptz;
  v_end timestamptz;
begin
  select w.window_start, w.window_end into v_start, v_end
  from private.analytics_window(v_tenant, from_date, to_date, v_centre) as w;
  if v_limit is null or v_limit < 1 or v_limit > 100 then
    raise exception using errcode = '22023',
      message = pg_catalog.format('limit_count %s is out of range', coalesce(v_limit::text, 'null')),
      hint = 'Ask for 1 to 100 clinicians (limit_count, default 10).';
  end if;

  return query
  select pg_catalog.row_number() over (order by r.fulfilled desc, r.minutes desc, r.no_shows, r.clinician_id),
         r.clinician_id,
         c.display_name::text,
         r.fulfilled,
         pg_catalog.round(r.minutes, 2),
         r.no_shows
  from (
    select a.clinician_id,
           pg_catalog.count(*) filter (where a.status = 'fulfilled') as fulfilled,
           coalesce(pg_catalog.sum(extract(epoch from a.ends_at - a.starts_at)) filter (where a.status = 'fulfilled'), 0) / 60 as minutes,
           pg_catalog.count(*) filter (where a.status = 'noshow') as no_shows
    from public.appointments as a
    where a.tenant_id = v_tenant
      and a.starts_at >= v_start
      and a.starts_at < v_end
      and (v_centre is null or a.centre_id = v_centre)
      and a.status in ('fulfilled', 'noshow')
    group by a.clinician_id
  ) as r
  left join public.clinicians as c on c.tenant_id = v_tenant and c.id = r.clinician_id
  where r.fulfilled > 0
  order by 1
  limit v_limit;
end
$$;
comment on function public.top_clinicians(uuid, date, date, uuid, integer) is
  'Analytics: the limit_count (1..100, default 10) clinicians with the most fulfilled appointments in from_date..to_date (tenant-local, inclusive, <= 366 days), with fulfilled minutes and no-shows; ties by minutes, fewer no-shows, id. Owners, admins, managers; centre managers with their centre_id; PT403 otherwise; 22023 for bad input.';

create function public.new_vs_returning_patients(
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
 */
#variable_conflict use_column
declare
  v_tenant uuid := tenant_id;
  v_centre uuid := centre_id;
  v_period text := period;
  v_tz text;
  v_start timestamptz;
  v_end timestamptz;
begin
  select w.timezone, w.window_start, w.window_end into v_tz, v_start, v_end
  from private.analytics_window(v_tenant, from_date, to_date, v_centre, coalesce(v_period, '')) as w;

  return query
  with seen as (
    select distinct (pg_catalog.date_trunc(v_period, a.starts_at at time zone v_tz))::date as period_start, a.patient_id
    from public.appointments as a
    where a.tenant_id = v_tenant
      and a.starts_at >= v_start
      and a.starts_at < v_end
      and (v_centre is null or a.centre_id = v_centre)
      and a.status in ('booked', 'arrived', 'checked_in', 'fulfilled')
  ),
  firsts as (
    select p.patient_id,
           (pg_catalog.date_trunc(v_period, (
              select pg_catalog.min(f.starts_at)
              from public.appointments as f
              where f.tenant_id = v_tenant
                and f.patient_id = p.patient_id
                and f.status in ('booked', 'arrived', 'checked_in', 'fulfilled')
            ) at time zone v_tz))::date as first_period
    from (select distinct s.patient_id from seen as s) as p
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
comment on function public.new_vs_returning_patients(uuid, date, date, uuid, text) is
  'Analytics: per period (tenant time zone), patients with a kept appointment (booked, arrived, checked_in, fulfilled) who are new (first kept appointment ever at the tenant in that period) or returning (an earlier one), for from_date..to_date (inclusive, <= 366 days). Owners, admins, managers; centre managers with their centre_id; PT403 otherwise; 22023 for bad input.';

revoke execute on function public.appointments_by_status_and_period(uuid, date, date, uuid, text) from public, anon, authenticated, service_role;
revoke execute on function public.utilisation(uuid, date, date, uuid) from public, anon, authenticated, service_role;
revoke execute on function public.no_show_and_cancellation_rates(uuid, date, date, uuid) from public, anon, authenticated, service_role;
revoke execute on function public.lead_time(uuid, date, date, uuid) from public, anon, authenticated, service_role;
revoke execute on function public.revenue_by_period(uuid, date, date, uuid, text) from public, anon, authenticated, service_role;
revoke execute on function public.top_clinicians(uuid, date, date, uuid, integer) from public, anon, authenticated, service_role;
revoke execute on function public.new_vs_returning_patients(uuid, date, date, uuid, text) from public, anon, authenticated, service_role;
grant execute on function public.appointments_by_status_and_period(uuid, date, date, uuid, text) to authenticated, service_role;
grant execute on function public.utilisation(uuid, date, date, uuid) to authenticated, service_role;
grant execute on function public.no_show_and_cancellation_rates(uuid, date, date, uuid) to authenticated, service_role;
grant execute on function public.lead_time(uuid, date, date, uuid) to authenticated, service_role;
grant execute on function public.revenue_by_period(uuid, date, date, uuid, text) to authenticated, service_role;
grant execute on function public.top_clinicians(uuid, date, date, uuid, integer) to authenticated, service_role;
grant execute on function public.new_vs_returning_patients(uuid, date, date, uuid, text) to authenticated, service_role;

-- Analytics answers longer than one Data API request are refused, never cut.
--
-- PostgREST returns at most max_rows (1000) rows and answers 200 with the first 1,000 of a longer
-- result: a dashboard by day over a year, or per clinician of a large clinic group, would show
-- partial numbers as if they were whole. Each report that can grow past it (periods x statuses,
-- centres, clinicians or currencies) now counts its rows after RETURN QUERY and, above
-- private.api_max_rows(), raises 22023 with reason too_many_rows and a hint to narrow the request
-- (private.refuse_too_many_rows; the rows produced are discarded). Same signatures and results
-- otherwise. Bounded by design and unchanged: top_clinicians (limit_count <= 100),
-- new_vs_returning_patients (one row per period, at most 366), notification_stats (channel x kind
-- x status).

create or replace function public.appointments_by_status_and_period(
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
set timezone to 'UTC'
as $$
/**
 * Appointments per period and status (entered_in_error left out).
 *
 * Parameters: tenant_id; from_date, to_date (local dates of the tenant, inclusive, <= 366 days);
 *   centre_id (optional; required for centre managers); period 'day' | 'week' | 'month'.
 * Returns: (period_start, status, appointments): period_start is the first local date of the
 *   period (the Monday of an ISO week, the 1st of a month; it may lie before from_date when the
 *   window starts mid-period), ordered by period_start, status.
 * Errors: 22023 bad arguments, or too_many_rows when the answer has more than 1,000 rows; PT403 not allowed (see private.analytics_window).
 * Example: select * from public.appointments_by_status_and_period(:tenant, '2026-01-01', '2026-03-31', period => 'month');
 */
#variable_conflict use_column
declare
  v_rows bigint;
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
  get diagnostics v_rows = row_count;
  perform private.refuse_too_many_rows(v_rows, 'Ask for longer periods (week or month), a shorter window or one centre (centre_id): a day per row over a year is more than one request returns.');
end
$$;

create or replace function public.utilisation(
  tenant_id uuid,
  from_date date,
  to_date date,
  centre_id uuid default null
)
returns table (centre uuid, clinician_id uuid, clinician_name text, open_minutes numeric, booked_minutes numeric, utilisation numeric)
language plpgsql
stable
set search_path = ''
set timezone to 'UTC'
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
 * Errors: 22023 bad arguments, or too_many_rows when the answer has more than 1,000 rows; PT403 not allowed.
 * Example: select * from public.utilisation(:tenant, '2026-01-01', '2026-01-31');
 *
 * Since 20261121231200: the caller is checked here (private.analytics_window, as the caller),
 * then private.utilisation (security definer) computes every pair's open time in one statement
 * (same rules as private.clinician_open_windows).
 */
#variable_conflict use_column
declare
  v_rows bigint;
  v_tenant uuid := tenant_id;
  v_centre uuid := centre_id;
begin
  perform from private.analytics_window(v_tenant, from_date, to_date, v_centre);

  return query
  select u.centre, u.clinician_id, u.clinician_name, u.open_minutes, u.booked_minutes, u.utilisation
  from private.utilisation(v_tenant, from_date, to_date, v_centre) as u
  order by u.centre, u.clinician_id;
  get diagnostics v_rows = row_count;
  perform private.refuse_too_many_rows(v_rows, 'Ask for one centre at a time (centre_id).');
end
$$;

create or replace function public.no_show_and_cancellation_rates(
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
set timezone to 'UTC'
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
 * Errors: 22023 bad arguments, or too_many_rows when the answer has more than 1,000 rows; PT403 not allowed.
 * Example: select * from public.no_show_and_cancellation_rates(:tenant, '2026-01-01', '2026-01-31') where centre is null;
 */
#variable_conflict use_column
declare
  v_rows bigint;
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
  get diagnostics v_rows = row_count;
  perform private.refuse_too_many_rows(v_rows, 'Ask for one centre at a time (centre_id).');
end
$$;

create or replace function public.lead_time(
  tenant_id uuid,
  from_date date,
  to_date date,
  centre_id uuid default null
)
returns table (centre uuid, appointments bigint, median_hours numeric, average_hours numeric)
language plpgsql
stable
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * Booking lead time: hours between booking (created_at) and the visit (starts_at), per centre
 * and in total (centre null), over the held appointments (booked, arrived, checked_in,
 * fulfilled, noshow) starting in the window.
 *
 * Parameters: tenant_id; from_date, to_date (tenant-local, inclusive, <= 366 days); centre_id.
 * Returns: (centre, appointments, median_hours, average_hours), hours rounded to 2 places
 *   (null without appointments); per-centre rows ordered by centre_id, then the total row.
 * Errors: 22023 bad arguments, or too_many_rows when the answer has more than 1,000 rows; PT403 not allowed.
 * Example: select * from public.lead_time(:tenant, '2026-01-01', '2026-01-31');
 */
#variable_conflict use_column
declare
  v_rows bigint;
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
  get diagnostics v_rows = row_count;
  perform private.refuse_too_many_rows(v_rows, 'Ask for one centre at a time (centre_id).');
end
$$;

create or replace function public.revenue_by_period(
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
set timezone to 'UTC'
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
 * Errors: 22023 bad arguments, or too_many_rows when the answer has more than 1,000 rows; PT403 not allowed.
 * Example: select * from public.revenue_by_period(:tenant, '2026-01-01', '2026-12-31', period => 'month');
 */
#variable_conflict use_column
declare
  v_rows bigint;
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
  get diagnostics v_rows = row_count;
  perform private.refuse_too_many_rows(v_rows, 'Ask for longer periods (month), a shorter window or one centre (centre_id).');
end
$$;

create or replace function public.patients_by_lead_source(
  tenant_id uuid,
  from_date date,
  to_date date,
  centre_id uuid default null
)
returns table (lead_source text, currency text, new_patients bigint, appointments bigint, fulfilled_appointments bigint,
               expected_revenue numeric)
language plpgsql
stable
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * Lead source report: the tenant's NEW patients of the window per lead source
 * (patients.lead_source; null reported as 'unknown'), with their appointments in the window,
 * the fulfilled ones and the expected revenue of those.
 *
 * New patient: their first kept appointment (booked, arrived, checked_in, fulfilled) ever at the
 * tenant, at any centre, starts in the window (the "new" of new_vs_returning_patients). With
 * centre_id, only patients with a kept appointment at that centre in the window count, and only
 * that centre's appointments are counted. appointments: every status but entered_in_error;
 * expected_revenue: clinician_services.price_override or services.price of the fulfilled ones
 * (not money received: see collected_revenue), in the services' currency.
 *
 * Parameters: tenant_id; from_date, to_date (tenant-local, inclusive, <= 366 days); centre_id
 *   (optional; required for centre managers).
 * Returns: (lead_source, currency, new_patients, appointments, fulfilled_appointments,
 *   expected_revenue), one row per lead source and currency (one per lead source when the
 *   tenant uses one currency), ordered by lead_source, currency; lead sources without new
 *   patients are absent. expected_revenue is 0 when nothing was fulfilled.
 * Errors: 22023 bad arguments, or too_many_rows when the answer has more than 1,000 rows; PT403 not allowed, PT404 unknown tenant or centre.
 * Example: select * from public.patients_by_lead_source(:tenant, '2026-01-01', '2026-03-31');
 */
#variable_conflict use_column
declare
  v_rows bigint;
  v_tenant uuid := tenant_id;
  v_centre uuid := centre_id;
begin
  perform from private.analytics_window(v_tenant, from_date, to_date, v_centre);

  return query
  select r.lead_source, r.currency, r.new_patients, r.appointments, r.fulfilled_appointments, r.expected_revenue
  from private.patients_by_lead_source(v_tenant, from_date, to_date, v_centre) as r
  order by r.lead_source, r.currency;
  get diagnostics v_rows = row_count;
  perform private.refuse_too_many_rows(v_rows, 'Ask for a shorter window or one centre (centre_id).');
end
$$;

create or replace function public.collected_revenue(
  tenant_id uuid,
  from_date date,
  to_date date,
  period text default 'month',
  centre_id uuid default null
)
returns table (period_start date, centre uuid, clinician_id uuid, currency text, payments bigint, collected numeric,
               refunds bigint, refunded numeric, net numeric)
language plpgsql
stable
set search_path = ''
set timezone to 'UTC'
-- plan every call with its window (as the private analytics implementations since 20261121231100)
set plan_cache_mode = force_custom_plan
as $$
/**
 * Money collected per period (day, ISO week or month in the tenant's time zone), centre,
 * clinician and currency: payments that succeeded in the period, refunds that succeeded in the
 * period, and the difference.
 *
 * payments / collected: number and sum of amount of the payments with status succeeded whose
 * succeeded_at is in the period; refunds / refunded: number and sum of amount of the refunds
 * with status succeeded that succeeded (succeeded_at) in the period; net = collected -
 * refunded (negative when a period gives back more than it takes). Centre and clinician are the
 * paid appointment's. A refund counts in its own period, not in the period of its payment.
 *
 * Parameters: tenant_id; from_date, to_date (tenant-local, inclusive, <= 366 days); period
 *   'day' | 'week' | 'month' (default month); centre_id (optional; required for centre managers).
 * Returns: (period_start, centre, clinician_id, currency, payments, collected, refunds,
 *   refunded, net), ordered by period_start, centre, clinician_id, currency; rows only where
 *   money moved.
 * Errors: 22023 bad arguments, or too_many_rows when the answer has more than 1,000 rows; PT403 not allowed, PT404 unknown tenant or centre.
 * Example: select * from public.collected_revenue(:tenant, '2026-01-01', '2026-12-31', 'month');
 */
#variable_conflict use_column
declare
  v_rows bigint;
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
  with money as (
    select p.succeeded_at as moved_at, p.appointment_id, p.currency, true as is_payment, p.amount
    from public.payments as p
    where p.tenant_id = v_tenant
      and p.status = 'succeeded'
      and p.succeeded_at >= v_start
      and p.succeeded_at < v_end
    union all
    select r.succeeded_at, r.appointment_id, r.currency, false, r.amount
    from public.refunds as r
    where r.tenant_id = v_tenant
      and r.status = 'succeeded'
      and r.succeeded_at >= v_start
      and r.succeeded_at < v_end
  )
  select (pg_catalog.date_trunc(v_period, m.moved_at at time zone v_tz))::date,
         a.centre_id,
         a.clinician_id,
         m.currency::text,
         pg_catalog.count(*) filter (where m.is_payment),
         coalesce(pg_catalog.sum(m.amount) filter (where m.is_payment), 0),
         pg_catalog.count(*) filter (where not m.is_payment),
         coalesce(pg_catalog.sum(m.amount) filter (where not m.is_payment), 0),
         coalesce(pg_catalog.sum(m.amount) filter (where m.is_payment), 0)
           - coalesce(pg_catalog.sum(m.amount) filter (where not m.is_payment), 0)
  from money as m
  join public.appointments as a on a.tenant_id = v_tenant and a.id = m.appointment_id
  where v_centre is null or a.centre_id = v_centre
  group by 1, 2, 3, 4
  order by 1, 2, 3, 4;
  get diagnostics v_rows = row_count;
  perform private.refuse_too_many_rows(v_rows, 'Ask for longer periods (month), a shorter window or one centre (centre_id).');
end
$$;

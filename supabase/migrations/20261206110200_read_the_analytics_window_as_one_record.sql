-- The analytics functions that read as their caller (row-level security) state their one
-- decision in their first statement: v_window, the row of private.analytics_window (arguments
-- and caller checked; the tenant's time zone, window_start, window_end). They read
-- their own arguments by name (function.argument) instead of copying them into variables.
-- Rows and results are unchanged.

create or replace function public.appointments_by_status_and_period(tenant_id uuid, from_date date, to_date date, centre_id uuid default null, period text default 'week')
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
  v_window record;
  v_rows bigint;
begin
  select * into v_window from private.analytics_window(appointments_by_status_and_period.tenant_id, from_date, to_date, appointments_by_status_and_period.centre_id, coalesce(appointments_by_status_and_period.period, ''));
  return query
  select (pg_catalog.date_trunc(appointments_by_status_and_period.period, a.starts_at at time zone v_window.timezone))::date as period_start,
         a.status,
         pg_catalog.count(*) as appointments
  from public.appointments as a
  where a.tenant_id = appointments_by_status_and_period.tenant_id
    and a.starts_at >= v_window.window_start
    and a.starts_at < v_window.window_end
    and (appointments_by_status_and_period.centre_id is null or a.centre_id = appointments_by_status_and_period.centre_id)
    and a.status <> 'entered_in_error'
  group by 1, 2
  order by 1, 2;
  get diagnostics v_rows = row_count;
  perform private.refuse_too_many_rows(v_rows, 'Ask for longer periods (week or month), a shorter window or one centre (centre_id): a day per row over a year is more than one request returns.');
end
$$;

create or replace function public.collected_revenue(tenant_id uuid, from_date date, to_date date, period text default 'month', centre_id uuid default null)
returns table (period_start date, centre uuid, clinician_id uuid, currency text, payments bigint, collected numeric, refunds bigint, refunded numeric, net numeric)
language plpgsql
stable
set search_path = ''
set timezone to 'UTC'
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
  v_window record;
  v_rows bigint;
begin
  select * into v_window from private.analytics_window(collected_revenue.tenant_id, from_date, to_date, collected_revenue.centre_id, coalesce(collected_revenue.period, ''));
  return query
  with money as (
    select p.succeeded_at as moved_at, p.appointment_id, p.currency, true as is_payment, p.amount
    from public.payments as p
    where p.tenant_id = collected_revenue.tenant_id
      and p.status = 'succeeded'
      and p.succeeded_at >= v_window.window_start
      and p.succeeded_at < v_window.window_end
    union all
    select r.succeeded_at, r.appointment_id, r.currency, false, r.amount
    from public.refunds as r
    where r.tenant_id = collected_revenue.tenant_id
      and r.status = 'succeeded'
      and r.succeeded_at >= v_window.window_start
      and r.succeeded_at < v_window.window_end
  )
  select (pg_catalog.date_trunc(collected_revenue.period, m.moved_at at time zone v_window.timezone))::date,
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
  join public.appointments as a on a.tenant_id = collected_revenue.tenant_id and a.id = m.appointment_id
  where collected_revenue.centre_id is null or a.centre_id = collected_revenue.centre_id
  group by 1, 2, 3, 4
  order by 1, 2, 3, 4;
  get diagnostics v_rows = row_count;
  perform private.refuse_too_many_rows(v_rows, 'Ask for longer periods (month), a shorter window or one centre (centre_id).');
end
$$;

create or replace function public.revenue_by_period(tenant_id uuid, from_date date, to_date date, centre_id uuid default null, period text default 'month')
returns table (period_start date, centre uuid, clinician_id uuid, currency text, fulfilled_appointments bigint, expected_revenue numeric)
language plpgsql
stable
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * EXPECTED revenue per period, centre and clinician: the list price of the fulfilled
 * appointments (clinician_services.price_override when set, else services.price), in the
 * service's currency. Not money received: that is collected_revenue.
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
  v_window record;
  v_rows bigint;
begin
  select * into v_window from private.analytics_window(revenue_by_period.tenant_id, from_date, to_date, revenue_by_period.centre_id, coalesce(revenue_by_period.period, ''));
  return query
  select (pg_catalog.date_trunc(revenue_by_period.period, a.starts_at at time zone v_window.timezone))::date,
         a.centre_id,
         a.clinician_id,
         s.currency::text,
         pg_catalog.count(*),
         pg_catalog.sum(coalesce(cs.price_override, s.price))
  from public.appointments as a
  join public.services as s on s.tenant_id = a.tenant_id and s.id = a.service_id
  left join public.clinician_services as cs
    on cs.tenant_id = a.tenant_id and cs.clinician_id = a.clinician_id and cs.service_id = a.service_id
  where a.tenant_id = revenue_by_period.tenant_id
    and a.starts_at >= v_window.window_start
    and a.starts_at < v_window.window_end
    and (revenue_by_period.centre_id is null or a.centre_id = revenue_by_period.centre_id)
    and a.status = 'fulfilled'
  group by 1, 2, 3, 4
  order by 1, 2, 3, 4;
  get diagnostics v_rows = row_count;
  perform private.refuse_too_many_rows(v_rows, 'Ask for longer periods (month), a shorter window or one centre (centre_id).');
end
$$;

create or replace function public.lead_time(tenant_id uuid, from_date date, to_date date, centre_id uuid default null)
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
  v_window record;
  v_rows bigint;
begin
  select * into v_window from private.analytics_window(lead_time.tenant_id, from_date, to_date, lead_time.centre_id);
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
    where a.tenant_id = lead_time.tenant_id
      and a.starts_at >= v_window.window_start
      and a.starts_at < v_window.window_end
      and (lead_time.centre_id is null or a.centre_id = lead_time.centre_id)
      and a.status in ('booked', 'arrived', 'checked_in', 'fulfilled', 'noshow')
    group by grouping sets ((a.centre_id), ())
  ) as r
  order by r.is_total, r.centre_id;
  get diagnostics v_rows = row_count;
  perform private.refuse_too_many_rows(v_rows, 'Ask for one centre at a time (centre_id).');
end
$$;

create or replace function public.no_show_and_cancellation_rates(tenant_id uuid, from_date date, to_date date, centre_id uuid default null)
returns table (centre uuid, appointments bigint, fulfilled bigint, cancelled bigint, late_cancellations bigint, no_shows bigint, cancellation_rate numeric, no_show_rate numeric)
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
  v_window record;
  v_rows bigint;
begin
  select * into v_window from private.analytics_window(no_show_and_cancellation_rates.tenant_id, from_date, to_date, no_show_and_cancellation_rates.centre_id);
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
    where a.tenant_id = no_show_and_cancellation_rates.tenant_id
      and a.starts_at >= v_window.window_start
      and a.starts_at < v_window.window_end
      and (no_show_and_cancellation_rates.centre_id is null or a.centre_id = no_show_and_cancellation_rates.centre_id)
      and a.status not in ('pending', 'entered_in_error')
    group by grouping sets ((a.centre_id), ())
  ) as r
  order by r.is_total, r.centre_id;
  get diagnostics v_rows = row_count;
  perform private.refuse_too_many_rows(v_rows, 'Ask for one centre at a time (centre_id).');
end
$$;

create or replace function public.top_clinicians(tenant_id uuid, from_date date, to_date date, centre_id uuid default null, limit_count integer default 10)
returns table (rank bigint, clinician_id uuid, clinician_name text, fulfilled_appointments bigint, fulfilled_minutes numeric, no_shows bigint)
language plpgsql
stable
set search_path = ''
set timezone to 'UTC'
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
  v_window record;
begin
  select * into v_window from private.analytics_window(top_clinicians.tenant_id, from_date, to_date, top_clinicians.centre_id);
  if top_clinicians.limit_count is null or top_clinicians.limit_count < 1 or top_clinicians.limit_count > 100 then
    raise exception using errcode = '22023',
      message = pg_catalog.format('limit_count %s is out of range', coalesce(top_clinicians.limit_count::text, 'null')),
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
    where a.tenant_id = top_clinicians.tenant_id
      and a.starts_at >= v_window.window_start
      and a.starts_at < v_window.window_end
      and (top_clinicians.centre_id is null or a.centre_id = top_clinicians.centre_id)
      and a.status in ('fulfilled', 'noshow')
    group by a.clinician_id
  ) as r
  left join public.clinicians as c on c.tenant_id = top_clinicians.tenant_id and c.id = r.clinician_id
  where r.fulfilled > 0
  order by 1
  limit top_clinicians.limit_count;
end
$$;

comment on function public.revenue_by_period(uuid, date, date, uuid, text) is
  'Analytics: EXPECTED revenue (list price of fulfilled appointments: clinician_services.price_override or services.price; not money received, which is collected_revenue) per period (tenant time zone), centre, clinician and currency, for from_date..to_date (inclusive, <= 366 days). Owners, admins, managers; centre managers with their centre_id; PT403 otherwise; 22023 for bad input.';

-- Collected revenue (issue 6, "Admin and analytics", now that payments exist, issue 5): money
-- actually received and given back, per period (tenant time zone), centre, clinician and
-- currency. revenue_by_period stays the EXPECTED revenue (list prices of fulfilled visits).
--
-- Cash basis: a payment counts in the period it succeeded (payments.succeeded_at, status
-- succeeded), a refund in the period it succeeded (refunds.succeeded_at, 20261121231350).
-- Centre and clinician
-- are those of the paid appointment (any status: money received for a cancelled or
-- entered_in_error appointment was still received).
--
-- Security invoker like the other analytics RPCs: the guard private.analytics_window (22023 /
-- PT403 / PT404), then payments and refunds read through row-level security (every staff
-- member of the tenant sees them, so every caller the guard lets through sees all of them).
-- Two partial indexes serve the window scans.

create index payments_tenant_id_succeeded_at_idx on public.payments (tenant_id, succeeded_at) where status = 'succeeded';
comment on index public.payments_tenant_id_succeeded_at_idx is
  'Collected revenue (public.collected_revenue): a tenant''s succeeded payments by the time they succeeded.';
create index refunds_tenant_id_succeeded_at_idx on public.refunds (tenant_id, succeeded_at) where status = 'succeeded';
comment on index public.refunds_tenant_id_succeeded_at_idx is
  'Collected revenue (public.collected_revenue): a tenant''s succeeded refunds by the time they succeeded.';

create function public.collected_revenue(
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
 * Errors: 22023 bad arguments, PT403 not allowed, PT404 unknown tenant or centre.
 * Example: select * from public.collected_revenue(:tenant, '2026-01-01', '2026-12-31', 'month');
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
end
$$;
comment on function public.collected_revenue(uuid, date, date, text, uuid) is
  'Analytics: money collected per period (tenant time zone), centre, clinician and currency: succeeded payments (by succeeded_at), succeeded refunds (by when they succeeded) and net = collected - refunded, for from_date..to_date (inclusive, <= 366 days). Owners, admins, managers; centre managers with their centre_id; PT403 otherwise; 22023 for bad input.';
revoke execute on function public.collected_revenue(uuid, date, date, text, uuid) from public, anon, authenticated, service_role;
grant execute on function public.collected_revenue(uuid, date, date, text, uuid) to authenticated, service_role;

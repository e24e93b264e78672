-- Each analytics answer decided once. The private implementations behind utilisation,
-- patients_by_lead_source and new_vs_returning_patients ask private.analytics_window (arguments
-- and caller) and nothing else: its caller check, private.may_read_analytics, reads the request
-- role and claims, so it decides the same inside these security definer functions as in their
-- caller; a second caller check (private.analytics_caller_may_read) would only repeat it and is
-- dropped. Their public functions only name them (language sql), and the row limit of the
-- answer (private.refuse_too_many_rows) sits with the rows, in the implementation.

create or replace function private.utilisation(p_tenant_id uuid, p_from_date date, p_to_date date, p_centre_id uuid)
returns table (centre uuid, clinician_id uuid, clinician_name text, open_minutes numeric, booked_minutes numeric, utilisation numeric)
language plpgsql
stable
security definer
set search_path = ''
set plan_cache_mode = force_custom_plan
set timezone to 'UTC'
as $$
/**
 * Implementation of public.utilisation (see there for the definitions): per clinician x centre
 * assignment of the tenant (or of the centre), plus pairs with held appointments, the open
 * minutes in the window (working hours + extra hours - time off - holidays, exactly as
 * private.clinicians_open_windows), the booked minutes of held appointments and their ratio.
 *
 * Security definer: reads the availability tables and private.rrule_occurrences /
 * private.local_to_utc (not executable by API roles) for all pairs in one statement. The
 * arguments and the caller are decided first, once, by private.analytics_window (its caller
 * check reads the request role and claims, so it holds here as in the caller).
 *
 * Parameters: p_tenant_id; p_from_date, p_to_date (tenant-local, inclusive, <= 366 days);
 *   p_centre_id (null: whole tenant).
 * Returns: (centre, clinician_id, clinician_name, open_minutes, booked_minutes, utilisation),
 *   ordered by centre, clinician_id.
 * Errors: 22023 bad arguments, or too_many_rows when the answer has more than 1,000 rows; PT403
 *   not allowed, PT404 unknown tenant or centre.
 * Example: select * from private.utilisation(:tenant, '2026-01-01', '2026-01-31', null);
 */
#variable_conflict use_column
declare
  v_rows bigint;
  v_start timestamptz;
  v_end timestamptz;
  v_window tstzrange;
  v_expand_from timestamptz;
begin
  select w.window_start, w.window_end into v_start, v_end
  from private.analytics_window(p_tenant_id, p_from_date, p_to_date, p_centre_id) as w;
  v_window := pg_catalog.tstzrange(v_start, v_end, '[)');
  -- private.clinicians_open_windows expands rules from 2 days before the window, so hours that
  -- start before it and end inside it are seen
  v_expand_from := v_start - interval '2 days';

  return query
  with booked as (
    select a.clinician_id, a.centre_id,
           pg_catalog.sum(extract(epoch from a.ends_at - a.starts_at)) / 60 as minutes
    from public.appointments as a
    where a.tenant_id = p_tenant_id
      and a.starts_at >= v_start
      and a.starts_at < v_end
      and (p_centre_id is null or a.centre_id = p_centre_id)
      and a.status in ('booked', 'arrived', 'checked_in', 'fulfilled', 'noshow')
    group by a.clinician_id, a.centre_id
  ),
  pairs as materialized (
    select cc.clinician_id, cc.centre_id
    from public.clinician_centres as cc
    where cc.tenant_id = p_tenant_id
      and (p_centre_id is null or cc.centre_id = p_centre_id)
    union
    select b.clinician_id, b.centre_id from booked as b
  ),
  centre as materialized (
    -- active centres of an active tenant, with the local dates of the window in their zone
    -- (one day of margin either side, as private.clinicians_open_windows)
    select c.id as centre_id,
           c.timezone::text as zone,
           (v_start at time zone c.timezone::text)::date - 1 as local_from,
           (v_end at time zone c.timezone::text)::date + 1 as local_to
    from public.centres as c
    join public.tenants as t on t.id = c.tenant_id
    where c.tenant_id = p_tenant_id
      and c.is_active
      and t.is_active
      and c.id in (select p.centre_id from pairs as p)
  ),
  candidate as materialized (
    -- the pairs that can have open time: active clinicians assigned to an active centre
    select p.clinician_id, p.centre_id, ce.zone, ce.local_from, ce.local_to
    from pairs as p
    join centre as ce on ce.centre_id = p.centre_id
    join public.clinicians as cl on cl.tenant_id = p_tenant_id and cl.id = p.clinician_id and cl.is_active
    join public.clinician_centres as cc
      on cc.tenant_id = p_tenant_id and cc.clinician_id = p.clinician_id and cc.centre_id = p.centre_id
  ),
  rule_row as materialized (
    select r.clinician_id, r.centre_id, r.rrule, r.valid_from, r.valid_until, r.local_start, r.local_end,
           r.timezone::text as tz
    from candidate as k
    join public.availability_rules as r
      on r.tenant_id = p_tenant_id and r.clinician_id = k.clinician_id and r.centre_id = k.centre_id
    where r.valid_from <= k.local_to + 1
      and (r.valid_until is null or r.valid_until >= k.local_from - 2)
  ),
  parsed as materialized (
    -- each distinct rule text parsed once (most clinicians share a handful of rules)
    select t.rrule, private.parse_rrule(t.rrule) as p
    from (select distinct rr.rrule from rule_row as rr) as t
  ),
  rule as materialized (
    select x.clinician_id, x.centre_id, x.valid_from, x.valid_until, x.local_start, x.local_end, x.tz, pr.p,
           (pr.p).freq = 'WEEKLY'
             and (pr.p)."count" is null
             and pg_catalog.cardinality((pr.p).by_set_pos) = 0
             and pg_catalog.cardinality((pr.p).by_month_day) = 0
             and not exists (select 1 from pg_catalog.unnest((pr.p).by_day) as b where b.ordinal is not null) as simple_weekly,
           case when pg_catalog.cardinality((pr.p).by_day) = 0
                then array[extract(isodow from x.valid_from)::integer]
                else array(select b.weekday from pg_catalog.unnest((pr.p).by_day) as b)
           end as weekdays,
           -- the first day of DTSTART's week (weeks start on WKST)
           x.valid_from - (extract(isodow from x.valid_from)::integer - (pr.p).wkst + 7) % 7 as week0
    from rule_row as x
    join parsed as pr on pr.rrule = x.rrule
  ),
  calendar as materialized (
    -- every date that is a local date of the expanded window in some zone (offsets are within
    -- a day of UTC), with its ISO weekday
    select s.d::date as d, extract(isodow from s.d)::integer as dow
    from pg_catalog.generate_series((v_expand_from at time zone 'UTC')::date - 2,
                                    (v_end at time zone 'UTC')::date + 2, interval '1 day') as s (d)
  ),
  zone_day as materialized (
    -- per zone of a rule and calendar date: the zone's UTC offset, and whether it is the same at
    -- every UTC midnight from 3 days before to 4 days after (no DST transition near that date:
    -- every instant a local time of that date, or of its end, is read at, and the day before and
    -- after it that private.local_to_utc looks at, lie in that stretch)
    select z.tz, cal.d,
           (select pg_catalog.count(distinct (m.at at time zone z.tz) - (m.at at time zone 'UTC')) = 1
            from (select pg_catalog.timezone('UTC', (cal.d + k)::timestamp) as at
                  from pg_catalog.generate_series(-3, 4) as k) as m) as stable,
           pg_catalog.timezone('UTC', cal.d::timestamp) at time zone z.tz - cal.d::timestamp as utc_offset
    from (select distinct r.tz from rule as r where r.simple_weekly) as z
    cross join calendar as cal
  ),
  simple_date as materialized (
    -- simple weekly rules: the calendar dates they match (weekday in BYDAY, week a multiple of
    -- INTERVAL from DTSTART's, on or after DTSTART)
    select r.clinician_id, r.centre_id, r.tz, r.local_start, r.local_end, r.valid_until, r.p, cal.d
    from rule as r
    join calendar as cal
      on cal.d >= r.valid_from
     and cal.dow = any (r.weekdays)
    where r.simple_weekly
      and ((cal.d - (cal.dow - (r.p).wkst + 7) % 7) - r.week0) / 7 % (r.p)."interval" = 0
  ),
  simple_hit as (
    select sd.*, zd.stable, zd.utc_offset
    from simple_date as sd
    join zone_day as zd on zd.tz = sd.tz and zd.d = sd.d
  ),
  simple_stable_windows as (
    -- away from DST transitions: local time - offset, which is what private.local_to_utc returns
    -- there; the occurrence's local date is the calendar date
    select h.clinician_id, h.centre_id, h.starts_at, pg_catalog.timezone('UTC', h.d + h.local_end - h.utc_offset) as ends_at
    from (
      select s.*, pg_catalog.timezone('UTC', s.d + s.local_start - s.utc_offset) as starts_at
      from simple_hit as s
      where s.stable
      offset 0
    ) as h
    where h.starts_at >= v_expand_from
      and h.starts_at < v_end
      and ((h.p)."until" is null or h.starts_at <= (h.p)."until")
      and h.starts_at <> all ((h.p).exdates)
      and (h.valid_until is null or h.d <= h.valid_until)
  ),
  general_occurrence as materialized (
    -- near a DST transition (simple weekly rules) and every other rule: private.local_to_utc and
    -- private.rrule_occurrences, as private.clinicians_open_windows
    select o.clinician_id, o.centre_id, o.tz, o.local_start, o.local_end, o.valid_until, o.starts_at
    from (
      select s.*, private.local_to_utc(s.d + s.local_start, s.tz) as starts_at
      from simple_hit as s
      where not s.stable
      offset 0
    ) as o
    where o.starts_at >= v_expand_from
      and o.starts_at < v_end
      and ((o.p)."until" is null or o.starts_at <= (o.p)."until")
      and o.starts_at <> all ((o.p).exdates)
    union all
    select r.clinician_id, r.centre_id, r.tz, r.local_start, r.local_end, r.valid_until, o.starts_at
    from rule as r
    cross join lateral private.rrule_occurrences(r.p, r.valid_from + r.local_start, r.tz, v_expand_from, v_end) as o (starts_at)
    where not r.simple_weekly
  ),
  general_windows as (
    -- the occurrence's local date is read back from its instant (minus the local start, which
    -- also handles starts shifted forward by a DST gap), as private.clinicians_open_windows
    select o.clinician_id, o.centre_id, o.starts_at, private.local_to_utc(d.local_date + o.local_end, o.tz) as ends_at
    from general_occurrence as o
    cross join lateral (
      select ((o.starts_at at time zone o.tz) - o.local_start::interval)::date as local_date offset 0
    ) as d
    where o.valid_until is null or d.local_date <= o.valid_until
  ),
  rule_windows as (
    select * from simple_stable_windows
    union all
    select * from general_windows
  ),
  override_windows as (
    select ov.clinician_id, ov.centre_id,
           private.local_to_utc(ov.local_date + ov.local_start, ov.timezone) as starts_at,
           private.local_to_utc(ov.local_date + ov.local_end, ov.timezone) as ends_at
    from candidate as k
    join public.availability_overrides as ov
      on ov.tenant_id = p_tenant_id and ov.clinician_id = k.clinician_id and ov.centre_id = k.centre_id
    where ov.local_date between k.local_from - 1 and k.local_to + 1
  ),
  open_windows as (
    select w.clinician_id, w.centre_id, pg_catalog.range_agg(pg_catalog.tstzrange(w.starts_at, w.ends_at, '[)')) as open
    from (select * from rule_windows union all select * from override_windows) as w
    where w.ends_at > w.starts_at
    group by w.clinician_id, w.centre_id
  ),
  time_off as (
    -- time off is per clinician (every centre)
    select tof.clinician_id, pg_catalog.range_agg(tof.during) as closed
    from public.time_off as tof
    where tof.tenant_id = p_tenant_id
      and tof.clinician_id in (select k.clinician_id from candidate as k)
      and tof.during operator(pg_catalog.&&) v_window
    group by tof.clinician_id
  ),
  holiday as (
    -- per centre: tenant-wide holidays and the centre's own, whole local dates of its zone
    select ce.centre_id,
           coalesce(pg_catalog.range_agg(pg_catalog.tstzrange(
             private.local_to_utc(h.local_date::timestamp, ce.zone),
             private.local_to_utc((h.local_date + 1)::timestamp, ce.zone),
             '[)')) filter (where h.local_date is not null), '{}'::pg_catalog.tstzmultirange) as closed
    from centre as ce
    left join public.holidays as h
      on h.tenant_id = p_tenant_id
     and (h.centre_id is null or h.centre_id = ce.centre_id)
     and h.local_date between ce.local_from and ce.local_to
    group by ce.centre_id
  ),
  open as (
    select ow.clinician_id, ow.centre_id,
           pg_catalog.sum(extract(epoch from pg_catalog.upper(u.w) - pg_catalog.lower(u.w))) as seconds
    from open_windows as ow
    join holiday as h on h.centre_id = ow.centre_id
    left join time_off as tof on tof.clinician_id = ow.clinician_id
    cross join lateral pg_catalog.unnest(
      (ow.open operator(pg_catalog.-) (coalesce(tof.closed, '{}'::pg_catalog.tstzmultirange) operator(pg_catalog.+) h.closed))
      operator(pg_catalog.*) pg_catalog.tstzmultirange(v_window)
    ) as u (w)
    group by ow.clinician_id, ow.centre_id
  ),
  per_pair as (
    select p.clinician_id, p.centre_id, coalesce(o.seconds, 0) / 60 as minutes
    from pairs as p
    left join open as o on o.clinician_id = p.clinician_id and o.centre_id = p.centre_id
  )
  select pp.centre_id,
         pp.clinician_id,
         c.display_name::text,
         pg_catalog.round(pp.minutes, 2),
         pg_catalog.round(coalesce(b.minutes, 0), 2),
         case when pp.minutes > 0 then pg_catalog.round(coalesce(b.minutes, 0) / pp.minutes, 4) end
  from per_pair as pp
  left join booked as b on b.clinician_id = pp.clinician_id and b.centre_id = pp.centre_id
  left join public.clinicians as c on c.tenant_id = p_tenant_id and c.id = pp.clinician_id
  order by pp.centre_id, pp.clinician_id;
  get diagnostics v_rows = row_count;
  perform private.refuse_too_many_rows(v_rows, 'Ask for one centre at a time (centre_id).');
end
$$;
comment on function private.utilisation(uuid, date, date, uuid) is
  'Implementation of public.utilisation (security definer): open minutes of every clinician x centre pair in one statement (the rules of private.clinicians_open_windows, simple weekly rules matched against one calendar, other rules through private.rrule_occurrences), booked minutes and their ratio; too_many_rows beyond max_rows. Arguments and caller decided once by private.analytics_window (PT403). Executed by the public function as authenticated or service_role.';

create or replace function private.patients_by_lead_source(p_tenant_id uuid, p_from_date date, p_to_date date, p_centre_id uuid)
returns table (lead_source text, currency text, new_patients bigint, appointments bigint, fulfilled_appointments bigint, expected_revenue numeric)
language plpgsql
stable
security definer
set search_path = ''
set plan_cache_mode = force_custom_plan
set timezone to 'UTC'
as $$
/**
 * Implementation of public.patients_by_lead_source (see there): new patients of the window per
 * lead source and currency, their appointments in the window, fulfilled ones and the expected
 * revenue of those.
 *
 * Security definer so that first visits are found in one pass without a row-level-security
 * check per row. The arguments and the caller are decided first, once, by
 * private.analytics_window (its caller check reads the request role and claims, so it holds
 * here as in the caller).
 *
 * Parameters: p_tenant_id; p_from_date, p_to_date (tenant-local, inclusive, <= 366 days);
 *   p_centre_id (null: whole tenant).
 * Returns: (lead_source, currency, new_patients, appointments, fulfilled_appointments,
 *   expected_revenue) ordered by lead_source, currency.
 * Errors: 22023 bad arguments, or too_many_rows when the answer has more than 1,000 rows; PT403
 *   not allowed, PT404 unknown tenant or centre.
 * Example: select * from private.patients_by_lead_source(:tenant, '2026-01-01', '2026-03-31', null);
 */
#variable_conflict use_column
declare
  v_rows bigint;
  v_start timestamptz;
  v_end timestamptz;
begin
  select w.window_start, w.window_end into v_start, v_end
  from private.analytics_window(p_tenant_id, p_from_date, p_to_date, p_centre_id) as w;

  return query
  with in_window as materialized (
    select a.patient_id, a.status, a.service_id, a.clinician_id
    from public.appointments as a
    where a.tenant_id = p_tenant_id
      and a.starts_at >= v_start
      and a.starts_at < v_end
      and (p_centre_id is null or a.centre_id = p_centre_id)
      and a.status <> 'entered_in_error'
  ),
  newcomer as materialized (
    -- patients with a kept appointment in the window whose first kept appointment ever (any
    -- centre) is in the window, found in one pass over their appointments, with their lead source
    select n.patient_id, coalesce(p.lead_source, 'unknown') as lead_source
    from (
      select f.patient_id
      from public.appointments as f
      where f.tenant_id = p_tenant_id
        and f.patient_id in (select w.patient_id from in_window as w
                             where w.status in ('booked', 'arrived', 'checked_in', 'fulfilled'))
        and f.starts_at < v_end
        and f.status in ('booked', 'arrived', 'checked_in', 'fulfilled')
      group by f.patient_id
      having pg_catalog.min(f.starts_at) >= v_start
    ) as n
    join public.patients as p on p.tenant_id = p_tenant_id and p.id = n.patient_id
  ),
  service as materialized (
    select s.id as service_id, s.currency::text as currency, s.price
    from public.services as s
    where s.tenant_id = p_tenant_id
  ),
  price_override as materialized (
    select cs.service_id, cs.clinician_id, cs.price_override
    from public.clinician_services as cs
    where cs.tenant_id = p_tenant_id
      and cs.price_override is not null
  )
  select n.lead_source,
         s.currency,
         pg_catalog.count(distinct w.patient_id),
         pg_catalog.count(*),
         pg_catalog.count(*) filter (where w.status = 'fulfilled'),
         coalesce(pg_catalog.sum(coalesce(o.price_override, s.price)) filter (where w.status = 'fulfilled'), 0)
  from in_window as w
  join newcomer as n on n.patient_id = w.patient_id
  join service as s on s.service_id = w.service_id
  left join price_override as o on o.service_id = w.service_id and o.clinician_id = w.clinician_id
  group by 1, 2
  order by 1, 2;
  get diagnostics v_rows = row_count;
  perform private.refuse_too_many_rows(v_rows, 'Ask for a shorter window or one centre (centre_id).');
end
$$;
comment on function private.patients_by_lead_source(uuid, date, date, uuid) is
  'Implementation of public.patients_by_lead_source (security definer: first visits in one pass without a row-level-security check per row); too_many_rows beyond max_rows. Arguments and caller decided once by private.analytics_window (PT403). Executed by the public function as authenticated or service_role.';

create or replace function private.new_vs_returning_patients(p_tenant_id uuid, p_from_date date, p_to_date date, p_centre_id uuid, p_period text)
returns table (period_start date, new_patients bigint, returning_patients bigint)
language plpgsql
stable
security definer
set search_path = ''
set plan_cache_mode = force_custom_plan
set timezone to 'UTC'
as $$
/**
 * Implementation of public.new_vs_returning_patients (see there for the definitions): patients
 * with a kept appointment (booked, arrived, checked_in, fulfilled) per period, new when their
 * first kept appointment ever at the tenant (any centre) is in that period, returning otherwise.
 *
 * Security definer so that the first visits are read in one pass without a row-level-security
 * check per row. The arguments and the caller are decided first, once, by
 * private.analytics_window (its caller check reads the request role and claims, so it holds
 * here as in the caller).
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
  'Implementation of public.new_vs_returning_patients (security definer: first kept visits in one pass without a row-level-security check per row). Arguments and caller decided once by private.analytics_window (PT403). Executed by the public function as authenticated or service_role.';

create or replace function public.utilisation(tenant_id uuid, from_date date, to_date date, centre_id uuid default null)
returns table (centre uuid, clinician_id uuid, clinician_name text, open_minutes numeric, booked_minutes numeric, utilisation numeric)
language sql
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
   * The rows, the caller check (private.analytics_window, once) and the row limit are
   * private.utilisation's; this is its API name.
   */
  select u.centre, u.clinician_id, u.clinician_name, u.open_minutes, u.booked_minutes, u.utilisation
  from private.utilisation(tenant_id, from_date, to_date, centre_id) as u
$$;
comment on function public.utilisation(uuid, date, date, uuid) is
  'Analytics: per clinician and centre, open minutes (working hours minus time off and holidays), booked minutes (booked, arrived, checked_in, fulfilled, noshow appointments, without buffers) and utilisation = booked / open, for from_date..to_date (tenant-local, inclusive, <= 366 days). Owners, admins, managers; centre managers with their centre_id; PT403 otherwise; 22023 for bad input. Computed by private.utilisation.';

create or replace function public.patients_by_lead_source(tenant_id uuid, from_date date, to_date date, centre_id uuid default null)
returns table (lead_source text, currency text, new_patients bigint, appointments bigint, fulfilled_appointments bigint, expected_revenue numeric)
language sql
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
   *
   * The rows, the caller check (private.analytics_window, once) and the row limit are
   * private.patients_by_lead_source's; this is its API name.
   */
  select r.lead_source, r.currency, r.new_patients, r.appointments, r.fulfilled_appointments, r.expected_revenue
  from private.patients_by_lead_source(tenant_id, from_date, to_date, centre_id) as r
$$;
comment on function public.patients_by_lead_source(uuid, date, date, uuid) is
  'Analytics: per lead source (patients.lead_source, null as ''unknown'') and currency, the patients whose first kept appointment ever at the tenant falls in from_date..to_date (tenant-local, inclusive, <= 366 days), their appointments in the window (all but entered_in_error), fulfilled ones and the expected revenue (list price) of those. Owners, admins, managers; centre managers with their centre_id; PT403 otherwise; 22023 for bad input. Computed by private.patients_by_lead_source.';

create or replace function public.new_vs_returning_patients(tenant_id uuid, from_date date, to_date date, centre_id uuid default null, period text default 'month')
returns table (period_start date, new_patients bigint, returning_patients bigint)
language sql
stable
set search_path = ''
set timezone to 'UTC'
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
   * The rows and the caller check (private.analytics_window, once) are
   * private.new_vs_returning_patients'; this is its API name (one row per period: no row limit
   * to check).
   */
  select r.period_start, r.new_patients, r.returning_patients
  from private.new_vs_returning_patients(tenant_id, from_date, to_date, centre_id, period) as r
$$;
comment on function public.new_vs_returning_patients(uuid, date, date, uuid, text) is
  'Analytics: per period (tenant time zone), patients with a kept appointment (booked, arrived, checked_in, fulfilled) who are new (first kept appointment ever at the tenant in that period) or returning (an earlier one), for from_date..to_date (inclusive, <= 366 days). Owners, admins, managers; centre managers with their centre_id; PT403 otherwise; 22023 for bad input. Computed by private.new_vs_returning_patients.';

drop function private.analytics_caller_may_read(uuid, uuid);

comment on function private.may_read_analytics(uuid, uuid) is
  'Who may read analytics: a server role (service_role, postgres without a request role), owners/admins/managers of the tenant, or centre managers of the given centre. Reads the request role and the JWT claims, not current_user, so it holds inside security definer functions. Asked by private.analytics_window (the one decision of every analytics RPC, also inside the security definer implementations) and, for the whole tenant, by public.notification_stats.';

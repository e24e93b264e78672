-- utilisation in one set-based statement (issue 6, "Admin and analytics", performance).
--
-- Measured (docs/benchmarks.md, Analytics): 94 ms for 30 days and 544 ms for 365 days on one
-- large tenant (60 clinicians). The time went into private.clinician_open_windows, called once
-- per clinician x centre, which expands every availability rule with private.rrule_occurrences
-- (a PL/pgSQL call per rule walking every day of the window) and converts every occurrence
-- with private.local_to_utc (a PL/pgSQL call per instant). Calling the set-based
-- private.clinicians_open_windows once per centre instead saves the per-call set-up but not
-- that expansion (measured: a few per cent on the small dataset). Now:
--   * public.utilisation (security invoker, same signature, results and doc comment) validates
--     and checks the caller with private.analytics_window, then calls
--   * private.utilisation (security DEFINER): checks the caller again
--     (private.analytics_caller_may_read) and computes the open time of EVERY clinician x
--     centre pair in one statement, with the rules of private.clinicians_open_windows
--     (20261121193250) written set-based:
--       - each distinct rule text is parsed once;
--       - weekly rules without BYSETPOS, BYMONTHDAY or COUNT (the usual working hours) are
--         matched against one shared calendar of the window by a join (weekday in BYDAY, week
--         number a multiple of INTERVAL, on or after DTSTART, before UNTIL, not an EXDATE),
--         instead of one private.rrule_occurrences call per rule; every other rule still goes
--         through private.rrule_occurrences;
--       - on a date whose zone keeps the same UTC offset from 3 days before to 4 days after it
--         (no DST transition near), a local time converts as local time - offset, which is what
--         private.local_to_utc returns there (its three candidates coincide); on the few dates
--         near a transition private.local_to_utc itself is called (gap: shifted forward; fold:
--         the earlier instant);
--       - extra hours, time off (per clinician, every centre), holidays (whole local dates of
--         the centre's zone), merging, clipping: as in private.clinicians_open_windows.
-- Same results: the pgTAP test "utilisation open minutes equal the open windows of every
-- assignment" compares them with private.clinician_open_windows over rules of every shape,
-- DST transitions, holidays, time off, extra hours and inactive clinicians. Booked
-- minutes are read without row-level security: every caller the guard lets through sees every
-- appointment of the tenant anyway.

create function private.utilisation(
  p_tenant_id uuid,
  p_from_date date,
  p_to_date date,
  p_centre_id uuid
)
returns table (centre uuid, clinician_id uuid, clinician_name text, open_minutes numeric, booked_minutes numeric, utilisation numeric)
language plpgsql
stable
security definer
set search_path = ''
-- the window's size decides the plan (a year or a day of a large tenant): plan every call with
-- its values; a generic plan cached after five calls was 100x slower (870 ms instead of 7 ms)
set plan_cache_mode = force_custom_plan
as $$
/**
 * Implementation of public.utilisation (see there for the definitions): per clinician x centre
 * assignment of the tenant (or of the centre), plus pairs with held appointments, the open
 * minutes in the window (working hours + extra hours - time off - holidays, exactly as
 * private.clinicians_open_windows), the booked minutes of held appointments and their ratio.
 *
 * Security definer: reads the availability tables and private.rrule_occurrences /
 * private.local_to_utc (not executable by API roles) for all pairs in one statement; the caller
 * is checked first (private.analytics_window for the arguments, private.analytics_caller_may_read
 * for who is asking, PT403 when not allowed).
 *
 * Parameters: p_tenant_id; p_from_date, p_to_date (tenant-local, inclusive, <= 366 days);
 *   p_centre_id (null: whole tenant).
 * Returns: (centre, clinician_id, clinician_name, open_minutes, booked_minutes, utilisation),
 *   ordered by centre, clinician_id.
 * Errors: 22023 bad arguments, PT403 not allowed, PT404 unknown tenant or centre.
 * Example: select * from private.utilisation(:tenant, '2026-01-01', '2026-01-31', null);
 */
#variable_conflict use_column
declare
  v_start timestamptz;
  v_end timestamptz;
  v_window tstzrange;
  v_expand_from timestamptz;
begin
  select w.window_start, w.window_end into v_start, v_end
  from private.analytics_window(p_tenant_id, p_from_date, p_to_date, p_centre_id) as w;
  if not private.analytics_caller_may_read(p_tenant_id, p_centre_id) then
    raise exception using errcode = 'PT403',
      message = 'you may not see the analytics of this tenant or centre',
      hint = 'Analytics are for owners, admins and managers of the tenant, and for centre managers of the centre (with centre_id).';
  end if;
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
end
$$;
comment on function private.utilisation(uuid, date, date, uuid) is
  'Implementation of public.utilisation (security definer): open minutes of every clinician x centre pair in one statement (the rules of private.clinicians_open_windows, simple weekly rules matched against one calendar, other rules through private.rrule_occurrences), booked minutes and their ratio. Checks the arguments (private.analytics_window) and the caller (private.analytics_caller_may_read; PT403) itself. Executed by the public wrapper as authenticated or service_role.';
revoke execute on function private.utilisation(uuid, date, date, uuid) from public, anon, authenticated, service_role;
grant execute on function private.utilisation(uuid, date, date, uuid) to authenticated, service_role;

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
 *
 * Since 20261121231200: the caller is checked here (private.analytics_window, as the caller),
 * then private.utilisation (security definer) computes every pair's open time in one statement
 * (same rules as private.clinician_open_windows).
 */
#variable_conflict use_column
declare
  v_tenant uuid := tenant_id;
  v_centre uuid := centre_id;
begin
  perform from private.analytics_window(v_tenant, from_date, to_date, v_centre);

  return query
  select u.centre, u.clinician_id, u.clinician_name, u.open_minutes, u.booked_minutes, u.utilisation
  from private.utilisation(v_tenant, from_date, to_date, v_centre) as u
  order by u.centre, u.clinician_id;
end
$$;
comment on function public.utilisation(uuid, date, date, uuid) is
  'Analytics: per clinician and centre, open minutes (working hours minus time off and holidays), booked minutes (booked, arrived, checked_in, fulfilled, noshow appointments, without buffers) and utilisation = booked / open, for from_date..to_date (tenant-local, inclusive, <= 366 days). Owners, admins, managers; centre managers with their centre_id; PT403 otherwise; 22023 for bad input.';

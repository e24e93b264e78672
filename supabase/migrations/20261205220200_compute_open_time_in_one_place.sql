-- Open time computed once. Slot search and booking (private.clinicians_open_windows) and the
-- utilisation report (private.utilisation) both read it from private.open_windows, the set-based
-- computation utilisation introduced (simple weekly rules matched against a calendar away from DST
-- transitions, private.rrule_occurrences for everything else), instead of one row-by-row and one
-- set-based copy kept equal by a test.

create function private.open_windows(
  p_tenant_id uuid,
  p_clinician_ids uuid[],
  p_centre_ids uuid[],
  p_window tstzrange
)
returns table (clinician_id uuid, centre_id uuid, open_window tstzrange)
language plpgsql
stable
security definer
set search_path = ''
set plan_cache_mode = force_custom_plan
set timezone to 'UTC'
as $$
/**
 * Open time, computed in one place: the working hours (availability rules and extra hours) minus
 * time off and holidays of every given clinician at every given centre they are assigned to,
 * within p_window, as disjoint, non-adjacent [start, end) ranges clipped to it. Set-based: simple
 * weekly rules away from DST transitions are matched against a calendar (local time minus the
 * zone's offset); every other rule and every date near a transition is expanded by
 * private.rrule_occurrences and private.local_to_utc. Called by private.clinicians_open_windows
 * (slot search, booking) and private.utilisation (analytics); the callers check their arguments.
 *
 * Parameters:
 *   p_tenant_id  the tenant;
 *   p_clinician_ids, p_centre_ids  the clinicians and centres; a pair counts when the clinician
 *     is active and assigned to the centre, and the centre and the tenant are active (nulls and
 *     duplicates are ignored);
 *   p_window  a bounded, non-empty tstzrange (the callers allow at most 366 days).
 * Returns: (clinician_id, centre_id, open_window), in no particular order.
 * Example:
 *   select * from private.open_windows(:tenant, array[:clinician]::uuid[], array[:centre]::uuid[],
 *     tstzrange('2026-03-23 00:00Z', '2026-03-30 00:00Z'));
 */
#variable_conflict use_column
declare
  v_start timestamptz := pg_catalog.lower(p_window);
  v_end timestamptz := pg_catalog.upper(p_window);
  v_window tstzrange := p_window;
  -- rules are expanded from 2 days before the window, so hours that start before it and end
  -- inside it are seen
  v_expand_from timestamptz := pg_catalog.lower(p_window) - interval '2 days';
begin
  return query
  with centre as materialized (
    -- active centres of an active tenant, with the local dates of the window in their zone
    -- (one day of margin either side: rules and overrides may use another zone; instants are
    -- compared exactly further down)
    select c.id as centre_id,
           c.timezone::text as zone,
           (v_start at time zone c.timezone::text)::date - 1 as local_from,
           (v_end at time zone c.timezone::text)::date + 1 as local_to
    from public.centres as c
    join public.tenants as t on t.id = c.tenant_id
    where c.tenant_id = p_tenant_id
      and c.id = any (p_centre_ids)
      and c.is_active
      and t.is_active
  ),
  candidate as materialized (
    -- the pairs that can have open time: active clinicians assigned to those centres, each once
    select cc.clinician_id, cc.centre_id, ce.zone, ce.local_from, ce.local_to
    from public.clinician_centres as cc
    join centre as ce on ce.centre_id = cc.centre_id
    join public.clinicians as cl on cl.tenant_id = cc.tenant_id and cl.id = cc.clinician_id and cl.is_active
    where cc.tenant_id = p_tenant_id
      and cc.clinician_id = any (p_clinician_ids)
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
    -- private.rrule_occurrences
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
    -- also handles starts shifted forward by a DST gap)
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
  )
  select ow.clinician_id, ow.centre_id, u.w
  from open_windows as ow
  join holiday as h on h.centre_id = ow.centre_id
  left join time_off as tof on tof.clinician_id = ow.clinician_id
  cross join lateral pg_catalog.unnest(
    (ow.open operator(pg_catalog.-) (coalesce(tof.closed, '{}'::pg_catalog.tstzmultirange) operator(pg_catalog.+) h.closed))
    operator(pg_catalog.*) pg_catalog.tstzmultirange(v_window)
  ) as u (w);
end
$$;
comment on function private.open_windows(uuid, uuid[], uuid[], tstzrange) is
  'Open time in one place: working hours + extra hours - time off - holidays of the given clinicians at the given centres (assigned, active pairs) within a window, as disjoint ranges per (clinician_id, centre_id). Set-based; called by private.clinicians_open_windows and private.utilisation, which check the arguments. No API role executes it.';
revoke execute on function private.open_windows(uuid, uuid[], uuid[], tstzrange) from public, anon, authenticated, service_role;

create or replace function private.clinicians_open_windows(p_tenant_id uuid, p_clinician_ids uuid[], p_centre_id uuid, p_window tstzrange)
returns table (clinician_id uuid, open_window tstzrange)
language plpgsql
stable
security definer
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * The open (working, not off, not holiday) time of each of the clinicians at the centre within
 * p_window: per clinician, disjoint, non-adjacent [start, end) ranges clipped to p_window. The
 * form of private.open_windows for one centre, with its arguments checked; private.clinician_open_windows
 * calls it with one clinician.
 *
 * Parameters:
 *   p_tenant_id, p_centre_id  the centre (and the tenant of the clinicians);
 *   p_clinician_ids  clinicians to consider; duplicates and nulls are ignored, and ids that are
 *                    inactive, of another tenant or not assigned to the centre give no rows;
 *   p_window  a bounded tstzrange of at most 366 days, e.g. '[2026-03-23 00:00Z,2026-03-30 00:00Z)'.
 * Returns: (clinician_id, open_window) ordered by clinician_id, open_window; none when the window
 *   is empty or the tenant or centre is unknown or inactive.
 * Errors: 22023 for a null argument, an unbounded window or a window longer than 366 days.
 * Example:
 *   select * from private.clinicians_open_windows(:tenant, array[:clinician_1, :clinician_2]::uuid[],
 *     :centre, tstzrange('2026-03-23 00:00Z', '2026-03-30 00:00Z'));
 */
begin
  if p_tenant_id is null or p_clinician_ids is null or p_centre_id is null or p_window is null then
    raise exception using
      errcode = '22023',
      message = 'clinicians_open_windows needs a tenant, clinicians, a centre and a window',
      hint = 'Pass all four arguments; the clinicians as a uuid[] and the window as a bounded tstzrange, e.g. tstzrange(''2026-03-23 00:00Z'', ''2026-03-30 00:00Z'').';
  end if;
  if pg_catalog.isempty(p_window) then
    return;
  end if;
  if pg_catalog.lower_inf(p_window) or pg_catalog.upper_inf(p_window) then
    raise exception using
      errcode = '22023',
      message = pg_catalog.format('the window %s is unbounded', p_window),
      hint = 'Give both a start and an end instant (at most 366 days apart).';
  end if;
  if pg_catalog.upper(p_window) - pg_catalog.lower(p_window) > interval '366 days' then
    raise exception using
      errcode = '22023',
      message = pg_catalog.format('the window %s is longer than 366 days', p_window),
      hint = 'Ask for availability in windows of at most 366 days (slot search asks for days or weeks).';
  end if;


  return query
  select o.clinician_id, o.open_window
  from private.open_windows(p_tenant_id, p_clinician_ids, array[p_centre_id], p_window) as o
  order by o.clinician_id, o.open_window;
end
$$;

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
 * minutes in the window (private.open_windows: working hours + extra hours - time off -
 * holidays, the same computation as slot search), the booked minutes of held appointments and
 * their ratio.
 *
 * Security definer: reads the appointments and private.open_windows (not executable by API
 * roles) for all pairs in one statement; the caller
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
begin
  select w.window_start, w.window_end into v_start, v_end
  from private.analytics_window(p_tenant_id, p_from_date, p_to_date, p_centre_id) as w;
  if not private.analytics_caller_may_read(p_tenant_id, p_centre_id) then
    raise exception using errcode = 'PT403',
      message = 'you may not see the analytics of this tenant or centre',
      hint = 'Analytics are for owners, admins and managers of the tenant, and for centre managers of the centre (with centre_id).';
  end if;
  v_window := pg_catalog.tstzrange(v_start, v_end, '[)');

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
  open as (
    select o.clinician_id, o.centre_id,
           pg_catalog.sum(extract(epoch from pg_catalog.upper(o.open_window) - pg_catalog.lower(o.open_window))) as seconds
    from private.open_windows(
      p_tenant_id,
      (select pg_catalog.array_agg(distinct p.clinician_id) from pairs as p),
      (select pg_catalog.array_agg(distinct p.centre_id) from pairs as p),
      v_window) as o
    group by o.clinician_id, o.centre_id
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

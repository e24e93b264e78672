-- private.clinician_open_windows: when a clinician is working at a centre, as instants, inside a
-- query window (issue 4, availability). Slot search and booking (public.book_appointment) call it.
--
--   open = ( recurring hours (public.availability_rules, expanded by private.rrule_occurrences)
--            ∪ extra hours (public.availability_overrides) )
--          − time off (public.time_off)
--          − holidays (public.holidays of the centre or tenant-wide, the whole local date in the
--            centre's zone)
--          merged (touching or overlapping windows become one) and clipped to the query window.
--
-- Each window's start and end are converted from local wall-clock time separately with
-- private.local_to_utc (start = the occurrence instant, end = local_to_utc(date + local_end)), so
-- 09:00-17:00 stays 09:00-17:00 local on DST days. Cost: O(days in the window) per rule (the
-- recurrence engine never walks from valid_from), plus index lookups for overrides, time off and
-- holidays; the window is capped at 366 days.
--
-- security definer: it reads rows the caller's RLS hides (patients and anon read no availability
-- table) but returns only time ranges, never reasons or ids. It returns nothing when the tenant,
-- centre or clinician is inactive or the clinician is not assigned to the centre.

create function private.clinician_open_windows(
  p_tenant_id uuid,
  p_clinician_id uuid,
  p_centre_id uuid,
  p_window tstzrange
)
returns setof tstzrange
language plpgsql
stable
security definer
set search_path = ''
as $$
/**
 * The clinician's open (working, not off, not holiday) time at the centre within p_window, as
 * disjoint, non-adjacent, ascending [start, end) ranges clipped to p_window.
 *
 * Parameters:
 *   p_tenant_id, p_clinician_id, p_centre_id  the clinician and centre (same tenant);
 *   p_window  a bounded tstzrange of at most 366 days, e.g. '[2026-03-23 00:00Z,2026-03-30 00:00Z)'.
 * Returns: setof tstzrange; none when the window is empty, the tenant, centre or clinician is
 *   unknown or inactive, or the clinician is not assigned to the centre.
 * Errors: 22023 for a null argument, an unbounded window or a window longer than 366 days.
 * Example:
 *   select * from private.clinician_open_windows(:tenant, :clinician, :centre,
 *     tstzrange('2026-03-23 00:00Z', '2026-03-30 00:00Z'));
 */
declare
  v_centre_zone text;
  v_from date;
  v_to date;
begin
  if p_tenant_id is null or p_clinician_id is null or p_centre_id is null or p_window is null then
    raise exception using
      errcode = '22023',
      message = 'clinician_open_windows needs a tenant, a clinician, a centre and a window',
      hint = 'Pass all four arguments; the window as a bounded tstzrange, e.g. tstzrange(''2026-03-23 00:00Z'', ''2026-03-30 00:00Z'').';
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

  select c.timezone into v_centre_zone
  from public.centres as c
  join public.tenants as t on t.id = c.tenant_id
  join public.clinicians as cl on cl.tenant_id = c.tenant_id and cl.id = p_clinician_id
  join public.clinician_centres as cc
    on cc.tenant_id = c.tenant_id and cc.clinician_id = cl.id and cc.centre_id = c.id
  where c.tenant_id = p_tenant_id
    and c.id = p_centre_id
    and c.is_active
    and t.is_active
    and cl.is_active;
  if v_centre_zone is null then
    return;
  end if;

  -- Local dates of the window in the centre's zone, one day of margin either side (rules and
  -- overrides may use another zone; instants are compared exactly further down).
  v_from := (pg_catalog.lower(p_window) at time zone v_centre_zone)::date - 1;
  v_to := (pg_catalog.upper(p_window) at time zone v_centre_zone)::date + 1;

  return query
  with rule_windows as (
    -- Occurrences from up to 2 days before the window, so hours that start before it and end
    -- inside it are seen; the occurrence's local date is read back from its instant (minus the
    -- local start, which also handles starts shifted forward by a DST gap).
    select o.starts_at,
           private.local_to_utc(d.local_date + r.local_end, r.timezone) as ends_at
    from public.availability_rules as r
    cross join lateral private.rrule_occurrences(
      r.rrule, r.valid_from + r.local_start, r.timezone,
      pg_catalog.lower(p_window) - interval '2 days', pg_catalog.upper(p_window)
    ) as o (starts_at)
    cross join lateral (
      select ((o.starts_at at time zone r.timezone) - r.local_start::interval)::date as local_date
    ) as d
    where r.tenant_id = p_tenant_id
      and r.clinician_id = p_clinician_id
      and r.centre_id = p_centre_id
      and r.valid_from <= v_to + 1
      and (r.valid_until is null or r.valid_until >= v_from - 2)
      and (r.valid_until is null or d.local_date <= r.valid_until)
  ),
  override_windows as (
    select private.local_to_utc(ov.local_date + ov.local_start, ov.timezone) as starts_at,
           private.local_to_utc(ov.local_date + ov.local_end, ov.timezone) as ends_at
    from public.availability_overrides as ov
    where ov.tenant_id = p_tenant_id
      and ov.clinician_id = p_clinician_id
      and ov.centre_id = p_centre_id
      and ov.local_date between v_from - 1 and v_to + 1
  ),
  open_windows as (
    select pg_catalog.tstzrange(w.starts_at, w.ends_at, '[)') as w
    from (select * from rule_windows union all select * from override_windows) as w
    where w.ends_at > w.starts_at
  ),
  closed_windows as (
    select tof.during as w
    from public.time_off as tof
    where tof.tenant_id = p_tenant_id
      and tof.clinician_id = p_clinician_id
      and tof.during operator(pg_catalog.&&) p_window
    union all
    select pg_catalog.tstzrange(
             private.local_to_utc(h.local_date::timestamp, v_centre_zone),
             private.local_to_utc((h.local_date + 1)::timestamp, v_centre_zone),
             '[)')
    from public.holidays as h
    where h.tenant_id = p_tenant_id
      and (h.centre_id is null or h.centre_id = p_centre_id)
      and h.local_date between v_from and v_to
  )
  select u.w
  from pg_catalog.unnest(
    (
      (select coalesce(pg_catalog.range_agg(ow.w), '{}'::pg_catalog.tstzmultirange) from open_windows as ow)
      operator(pg_catalog.-)
      (select coalesce(pg_catalog.range_agg(cw.w), '{}'::pg_catalog.tstzmultirange) from closed_windows as cw)
    )
    operator(pg_catalog.*) pg_catalog.tstzmultirange(p_window)
  ) as u (w);
end
$$;
comment on function private.clinician_open_windows(uuid, uuid, uuid, tstzrange) is
  'Open time of a clinician at a centre within a bounded window (<= 366 days): recurring hours and extra hours, minus time off and holidays (whole local dates in the centre''s zone), merged, clipped; ascending tstzranges. Empty for inactive or unassigned clinicians, centres, tenants. 22023 for bad arguments. Security definer: returns only time ranges.';
revoke execute on function private.clinician_open_windows(uuid, uuid, uuid, tstzrange) from public, anon, authenticated, service_role;
grant execute on function private.clinician_open_windows(uuid, uuid, uuid, tstzrange) to anon, authenticated, service_role;

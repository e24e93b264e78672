-- private.clinicians_open_windows: the open time of SEVERAL clinicians at a centre in one
-- set-based statement (issue 4, slot search performance).
--
-- Objects: private.clinicians_open_windows(uuid, uuid[], uuid, tstzrange) (new), and
-- private.clinician_open_windows(uuid, uuid, uuid, tstzrange) (20261121191500) replaced by a thin
-- wrapper over it, so booking, slot search and the one-clinician tests share ONE definition.
--
-- Why: "any clinician" slot search used to call private.clinician_open_windows once per candidate
-- (50 statements for a large centre), repeating the centre and holiday lookups and paying the
-- executor set-up of the whole query each time. This function does it once for all candidates:
-- the tenant, centre and zone are read once, holidays are read and converted once, and every
-- candidate's rules, extra hours and time off are read by the same statement.
--
-- Semantics are exactly those of 20261121191500, per clinician:
--   open = (recurring hours ∪ extra hours) − time off − holidays (whole local dates of the
--          centre's zone), merged and clipped to the window;
-- nothing for a clinician who is inactive, of another tenant or not assigned to the centre, and
-- nothing at all when the tenant or the centre is inactive. private.offered_slots
-- (20261121193300) calls it; PL/pgSQL binds it at run time, so the migration order is harmless.

create function private.clinicians_open_windows(
  p_tenant_id uuid,
  p_clinician_ids uuid[],
  p_centre_id uuid,
  p_window tstzrange
)
returns table (clinician_id uuid, open_window tstzrange)
language plpgsql
stable
security definer
set search_path = ''
as $$
/**
 * The open (working, not off, not holiday) time of each of the clinicians at the centre within
 * p_window: per clinician, disjoint, non-adjacent [start, end) ranges clipped to p_window. The
 * set-based form of private.clinician_open_windows (which calls it with one clinician).
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
declare
  v_centre_zone text;
  v_from date;
  v_to date;
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

  select c.timezone into v_centre_zone
  from public.centres as c
  join public.tenants as t on t.id = c.tenant_id
  where c.tenant_id = p_tenant_id
    and c.id = p_centre_id
    and c.is_active
    and t.is_active;
  if v_centre_zone is null then
    return;
  end if;

  -- Local dates of the window in the centre's zone, one day of margin either side (rules and
  -- overrides may use another zone; instants are compared exactly further down).
  v_from := (pg_catalog.lower(p_window) at time zone v_centre_zone)::date - 1;
  v_to := (pg_catalog.upper(p_window) at time zone v_centre_zone)::date + 1;

  return query
  with clinician as materialized (
    -- the candidates that are active and work at the centre, each once
    select distinct cl.id
    from pg_catalog.unnest(p_clinician_ids) as k (id)
    join public.clinicians as cl on cl.tenant_id = p_tenant_id and cl.id = k.id
    join public.clinician_centres as cc
      on cc.tenant_id = cl.tenant_id and cc.clinician_id = cl.id and cc.centre_id = p_centre_id
    where cl.is_active
  ),
  rule_windows as (
    -- Occurrences from up to 2 days before the window, so hours that start before it and end
    -- inside it are seen; the occurrence's local date is read back from its instant (minus the
    -- local start, which also handles starts shifted forward by a DST gap).
    select r.clinician_id,
           o.starts_at,
           private.local_to_utc(d.local_date + r.local_end, r.timezone) as ends_at
    from clinician as k
    join public.availability_rules as r
      on r.tenant_id = p_tenant_id and r.clinician_id = k.id and r.centre_id = p_centre_id
    cross join lateral private.rrule_occurrences(
      private.parse_rrule(r.rrule), r.valid_from + r.local_start, r.timezone,
      pg_catalog.lower(p_window) - interval '2 days', pg_catalog.upper(p_window)
    ) as o (starts_at)
    cross join lateral (
      select ((o.starts_at at time zone r.timezone) - r.local_start::interval)::date as local_date
    ) as d
    where r.valid_from <= v_to + 1
      and (r.valid_until is null or r.valid_until >= v_from - 2)
      and (r.valid_until is null or d.local_date <= r.valid_until)
  ),
  override_windows as (
    select ov.clinician_id,
           private.local_to_utc(ov.local_date + ov.local_start, ov.timezone) as starts_at,
           private.local_to_utc(ov.local_date + ov.local_end, ov.timezone) as ends_at
    from clinician as k
    join public.availability_overrides as ov
      on ov.tenant_id = p_tenant_id and ov.clinician_id = k.id and ov.centre_id = p_centre_id
    where ov.local_date between v_from - 1 and v_to + 1
  ),
  open_windows as (
    select w.clinician_id, pg_catalog.range_agg(pg_catalog.tstzrange(w.starts_at, w.ends_at, '[)')) as open
    from (select * from rule_windows union all select * from override_windows) as w
    where w.ends_at > w.starts_at
    group by w.clinician_id
  ),
  time_off as (
    -- time off is per clinician (every centre)
    select tof.clinician_id, pg_catalog.range_agg(tof.during) as closed
    from clinician as k
    join public.time_off as tof on tof.tenant_id = p_tenant_id and tof.clinician_id = k.id
    where tof.during operator(pg_catalog.&&) p_window
    group by tof.clinician_id
  ),
  holiday as (
    -- holidays are the same for every clinician at the centre: one row
    select coalesce(pg_catalog.range_agg(pg_catalog.tstzrange(
             private.local_to_utc(h.local_date::timestamp, v_centre_zone),
             private.local_to_utc((h.local_date + 1)::timestamp, v_centre_zone),
             '[)')), '{}'::pg_catalog.tstzmultirange) as closed
    from public.holidays as h
    where h.tenant_id = p_tenant_id
      and (h.centre_id is null or h.centre_id = p_centre_id)
      and h.local_date between v_from and v_to
  )
  select ow.clinician_id, u.w
  from open_windows as ow
  left join time_off as tof on tof.clinician_id = ow.clinician_id
  cross join holiday as h
  cross join lateral pg_catalog.unnest(
    (ow.open operator(pg_catalog.-) (coalesce(tof.closed, '{}'::pg_catalog.tstzmultirange) operator(pg_catalog.+) h.closed))
    operator(pg_catalog.*) pg_catalog.tstzmultirange(p_window)
  ) as u (w)
  order by ow.clinician_id, u.w;
end
$$;
comment on function private.clinicians_open_windows(uuid, uuid[], uuid, tstzrange) is
  'Open time of several clinicians at a centre within a bounded window (<= 366 days), in one statement: per clinician, recurring and extra hours minus time off and holidays (whole local dates in the centre''s zone), merged, clipped; (clinician_id, open_window) ordered. Nothing for inactive or unassigned clinicians or an inactive centre or tenant. 22023 for bad arguments. Security definer: returns only ids and time ranges; callers are definer functions (slot search), no API role.';
revoke execute on function private.clinicians_open_windows(uuid, uuid[], uuid, tstzrange) from public, anon, authenticated, service_role;

create or replace function private.clinician_open_windows(
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
 * disjoint, non-adjacent, ascending [start, end) ranges clipped to p_window. Since
 * 20261121193250 the one-clinician form of private.clinicians_open_windows (same rules).
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
begin
  if p_tenant_id is null or p_clinician_id is null or p_centre_id is null or p_window is null then
    raise exception using
      errcode = '22023',
      message = 'clinician_open_windows needs a tenant, a clinician, a centre and a window',
      hint = 'Pass all four arguments; the window as a bounded tstzrange, e.g. tstzrange(''2026-03-23 00:00Z'', ''2026-03-30 00:00Z'').';
  end if;
  return query
  select o.open_window
  from private.clinicians_open_windows(p_tenant_id, array[p_clinician_id]::uuid[], p_centre_id, p_window) as o
  order by o.open_window;
end
$$;
comment on function private.clinician_open_windows(uuid, uuid, uuid, tstzrange) is
  'Open time of a clinician at a centre within a bounded window (<= 366 days): recurring hours and extra hours, minus time off and holidays (whole local dates in the centre''s zone), merged, clipped; ascending tstzranges. Empty for inactive or unassigned clinicians, centres, tenants. 22023 for bad arguments. One-clinician form of private.clinicians_open_windows. Security definer: returns only time ranges.';
revoke execute on function private.clinician_open_windows(uuid, uuid, uuid, tstzrange) from public, anon, authenticated, service_role;
grant execute on function private.clinician_open_windows(uuid, uuid, uuid, tstzrange) to anon, authenticated, service_role;

-- The slot engine (issue 4, slot search): which start times a service can be booked at, for
-- some clinicians at one centre, in one statement. public.search_slots (20261121193400) lists
-- them; private.is_slot_offered answers for one start time (for RPCs that move or offer a slot:
-- series, waitlist, reschedule).
--
-- A start t is offered for clinician k exactly when public.book_appointment (without
-- staff_override) would accept it, minus who may book (the caller's checks live in
-- private.search_slots):
--   terms      the service is active; duration = clinician_services.duration_minutes_override,
--              else services.duration_minutes; k offers the service (clinician_services);
--   hours      [t, t + duration) lies inside one window of private.clinician_open_windows (empty
--              when the tenant, centre or clinician is inactive or k does not work there);
--   alignment  the wall clock of the centre's zone shows a multiple of slot_alignment_minutes
--              from local midnight at t (a repeated hour offers both instants; a skipped hour
--              offers none);
--   notice     t >= now + min_booking_notice and t <= now + max_booking_horizon (service value,
--              else the tenant's);
--   free       [t - buffer_before, t + duration + buffer_after) overlaps no appointment of k whose
--              status occupies time (private.status_occupies), pending holds that expired
--              (hold_expires_at <= now) excepted: booking releases them first;
--   resources  with services.required_resource_type, at least one active resource of that type
--              at the centre has no active allocation (appointment_resources) overlapping that
--              range, again ignoring allocations of expired holds.
-- These are the checks of private.assert_slot_offered, the no-overlap exclusion constraints and
-- the resource allocation of private.book_appointment (20261121192500); the oracle tests
-- (supabase/tests/search_slots/search_and_booking_agree_on_every_aligned_time.test.sql and
-- tests/scheduling/slot-search.test.ts) book every aligned time of a window to prove the two agree.
--
-- Cost: one private.clinicians_open_windows call for all clinicians (20261121193250; PL/pgSQL binds
-- it at run time, so the later migration is harmless); one index probe per clinician for
-- its appointments (gist index of appointments_clinician_no_overlap) and per resource, folded into
-- one tstzmultirange each, so every candidate start is tested in memory; the grid is generated
-- per open window (generate_series), never by testing every minute.

create function private.offered_slots(
  p_tenant_id uuid,
  p_service_id uuid,
  p_centre_id uuid,
  p_clinician_ids uuid[],
  p_starts tstzrange,
  p_now timestamptz
)
returns table (clinician_id uuid, starts_at timestamptz, ends_at timestamptz)
language plpgsql
stable
security definer
set search_path = ''
-- the planner cannot know how few rows the set-returning functions give (it assumes 1000 each)
-- and would JIT-compile a query that runs in a millisecond; its plan does not depend on the
-- values (nested loops over tiny sets, index probes), so it is planned once per session
set jit = off
set plan_cache_mode = force_generic_plan
as $$
/**
 * Every start time at which the service can be booked (without staff override) with one of the
 * clinicians at the centre, starting inside p_starts, as of p_now. No caller checks: callers
 * decide who may see what (private.search_slots).
 *
 * Parameters:
 *   p_tenant_id, p_service_id, p_centre_id  the service and centre (same tenant);
 *   p_clinician_ids  clinicians to consider (ids of other tenants, clinicians who do not offer
 *                    the service or do not work at the centre simply yield nothing);
 *   p_starts         bounded range of start instants (at most 366 days);
 *   p_now            the instant notice, horizon and hold expiry are measured from
 *                    (pg_catalog.now() for real searches; tests pin it).
 * Returns: (clinician_id, starts_at, ends_at) ordered by starts_at, clinician_id; ends_at =
 *   starts_at + that clinician's duration. Nothing for an inactive service.
 * Errors:  22023 for a null argument or an unbounded range; clinicians_open_windows' 22023 for
 *   ranges longer than 366 days.
 * Example:
 *   select * from private.offered_slots(:tenant, :service, :centre, array[:clinician]::uuid[],
 *     tstzrange('2026-12-01 00:00Z', '2026-12-02 00:00Z'), pg_catalog.now());
 */
declare
  v_service public.services;
  v_notice interval;
  v_horizon interval;
  v_zone text;
  v_step interval;
  v_day_last interval;
  v_before interval;
  v_after interval;
  v_first timestamptz;
  v_last timestamptz;
  v_longest interval;
begin
  if p_tenant_id is null or p_service_id is null or p_centre_id is null or p_clinician_ids is null
     or p_starts is null or p_now is null then
    raise exception using errcode = '22023', message = 'offered_slots needs a tenant, a service, a centre, clinicians, a range and an instant',
      hint = 'Pass every argument; the range as a bounded tstzrange of start instants.';
  end if;
  if pg_catalog.isempty(p_starts) then
    return;
  end if;
  if pg_catalog.lower_inf(p_starts) or pg_catalog.upper_inf(p_starts) then
    raise exception using errcode = '22023', message = pg_catalog.format('the range %s is unbounded', p_starts),
      hint = 'Give both a first and a last start instant.';
  end if;

  -- the service's terms, as private.assert_slot_offered reads them
  select s.*
    into v_service
  from public.services as s
  where s.tenant_id = p_tenant_id and s.id = p_service_id and s.is_active;
  if not found then
    return;
  end if;
  select coalesce(v_service.min_booking_notice, t.min_booking_notice),
         coalesce(v_service.max_booking_horizon, t.max_booking_horizon),
         coalesce(c.timezone::text, t.timezone::text)
    into v_notice, v_horizon, v_zone
  from public.tenants as t
  join public.centres as c on c.tenant_id = t.id and c.id = p_centre_id
  where t.id = p_tenant_id;
  if not found then
    return;
  end if;

  -- starts allowed by the range, the notice and the horizon: [v_first, v_last], both inclusive
  v_first := greatest(
    pg_catalog.lower(p_starts) + case when pg_catalog.lower_inc(p_starts) then interval '0' else interval '1 microsecond' end,
    p_now + v_notice);
  v_last := least(
    pg_catalog.upper(p_starts) - case when pg_catalog.upper_inc(p_starts) then interval '0' else interval '1 microsecond' end,
    p_now + v_horizon);
  if v_first > v_last then
    return;
  end if;

  v_step := pg_catalog.make_interval(mins => v_service.slot_alignment_minutes);
  -- the last grid point of a local day: the largest multiple of the alignment below 24:00
  v_day_last := pg_catalog.make_interval(mins => (1439 / v_service.slot_alignment_minutes) * v_service.slot_alignment_minutes);
  v_before := pg_catalog.make_interval(mins => v_service.buffer_before_minutes);
  v_after := pg_catalog.make_interval(mins => v_service.buffer_after_minutes);
  select pg_catalog.make_interval(mins => pg_catalog.max(coalesce(cs.duration_minutes_override, v_service.duration_minutes)))
    into v_longest
  from public.clinician_services as cs
  where cs.tenant_id = p_tenant_id and cs.service_id = p_service_id and cs.clinician_id = any (p_clinician_ids);
  if v_longest is null then
    return;
  end if;

  return query
  with clinician as materialized (
    -- who, for how long, and when they are already taken (one gist probe each)
    select cs.clinician_id,
           pg_catalog.make_interval(mins => coalesce(cs.duration_minutes_override, v_service.duration_minutes)) as duration,
           (select pg_catalog.range_agg(a.occupied)
              from public.appointments as a
             where a.tenant_id = p_tenant_id
               and a.clinician_id = cs.clinician_id
               and private.status_occupies(a.status)
               and a.occupied operator(pg_catalog.&&) pg_catalog.tstzrange(v_first - v_before, v_last + v_longest + v_after)
               and not (a.status = 'pending' and a.hold_expires_at <= p_now)) as taken
    from public.clinician_services as cs
    where cs.tenant_id = p_tenant_id
      and cs.service_id = p_service_id
      and cs.clinician_id = any (p_clinician_ids)
  ),
  resource as materialized (
    -- each usable resource and when it is already allocated
    select r.id,
           (select pg_catalog.range_agg(ar.occupied)
              from public.appointment_resources as ar
             where ar.tenant_id = p_tenant_id
               and ar.resource_id = r.id
               and ar.active
               and ar.occupied operator(pg_catalog.&&) pg_catalog.tstzrange(v_first - v_before, v_last + v_longest + v_after)
               and not exists (
                 select 1 from public.appointments as a
                 where a.tenant_id = ar.tenant_id and a.id = ar.appointment_id
                   and a.status = 'pending' and a.hold_expires_at <= p_now)) as taken
    from public.resources as r
    where v_service.required_resource_type is not null
      and r.tenant_id = p_tenant_id
      and r.centre_id = p_centre_id
      and r.resource_type = v_service.required_resource_type
      and r.is_active
  ),
  open_window as materialized (
    -- the open hours of every clinician in one statement (private.clinicians_open_windows),
    -- over the range the longest duration needs; b below clips them to each clinician's own
    -- [v_first, v_last + duration), so the result is that of one call per clinician
    select k.clinician_id, k.duration, k.taken, ow.open_window as w
    from private.clinicians_open_windows(
      p_tenant_id, array(select c.clinician_id from clinician as c), p_centre_id,
      pg_catalog.tstzrange(v_first, v_last + v_longest)) as ow
    join clinician as k on k.clinician_id = ow.clinician_id
  ),
  candidate as (
    select k.clinician_id, k.duration, k.taken, g.starts_at
    from open_window as k
    -- starts that keep [start, start + duration) inside the window, within [v_first, v_last]
    cross join lateral (
      select greatest(pg_catalog.lower(k.w), v_first) as s,
             least(pg_catalog.upper(k.w) - k.duration, v_last) as e
    ) as b
    -- pieces of at most one day: the UTC offset changes at most once in each
    cross join lateral pg_catalog.generate_series(b.s, b.e, interval '1 day') as piece (c0)
    cross join lateral (select least(piece.c0 + interval '1 day', b.e) as c1) as piece_end
    -- the offsets in force at the piece's ends (one value unless the clocks change inside it)
    cross join lateral (
      select (piece.c0 at time zone v_zone) - (piece.c0 at time zone 'UTC') as o1,
             (piece_end.c1 at time zone v_zone) - (piece_end.c1 at time zone 'UTC') as o2
    ) as po
    cross join lateral (
      select po.o1 as o
      union all
      select po.o2 where po.o2 <> po.o1
    ) as off
    -- the piece as wall-clock time with that offset, and the local dates it touches
    cross join lateral (
      select (piece.c0 at time zone 'UTC') + off.o as ls, (piece_end.c1 at time zone 'UTC') + off.o as le
    ) as lr
    cross join lateral pg_catalog.generate_series(lr.ls::date::timestamp, lr.le::date::timestamp, interval '1 day') as d (day)
    -- the local grid of that date within the piece: day + k * alignment, below 24:00
    cross join lateral pg_catalog.generate_series(
      case when lr.ls <= d.day then d.day
           else pg_catalog.date_bin(v_step, lr.ls - interval '1 microsecond', d.day) + v_step end,
      least(d.day + v_day_last, pg_catalog.date_bin(v_step, lr.le, d.day)),
      v_step) as grid (local_start)
    cross join lateral (select pg_catalog.timezone('UTC', grid.local_start - off.o) as starts_at) as g
    where g.starts_at >= piece.c0
      and g.starts_at < piece.c0 + interval '1 day'
      and g.starts_at <= b.e
      -- the instant really shows that wall-clock time (no local time in a skipped hour)
      and (g.starts_at at time zone v_zone) = grid.local_start
  )
  select c.clinician_id, c.starts_at, c.starts_at + c.duration
  from candidate as c
  where not coalesce(
          c.taken operator(pg_catalog.&&) pg_catalog.tstzrange(c.starts_at - v_before, c.starts_at + c.duration + v_after),
          false)
    and (v_service.required_resource_type is null
         or exists (
           select 1
           from resource as r
           where r.taken is null
              or not (r.taken operator(pg_catalog.&&) pg_catalog.tstzrange(c.starts_at - v_before, c.starts_at + c.duration + v_after))))
  order by 2, 1;
end
$$;
comment on function private.offered_slots(uuid, uuid, uuid, uuid[], tstzrange, timestamptz) is
  'The slot engine: every start in a range at which book_appointment (no override) would accept the service with one of the clinicians at the centre, as of an instant: open hours, local alignment grid, notice, horizon, no occupying appointment (buffers incl., expired holds ignored), a free resource of the required type. No caller checks (private.search_slots does them). Security definer: reads appointments and resources; returns ids and times only.';
revoke execute on function private.offered_slots(uuid, uuid, uuid, uuid[], tstzrange, timestamptz) from public, anon, authenticated, service_role;

create function private.is_slot_offered(
  p_tenant_id uuid,
  p_service_id uuid,
  p_clinician_id uuid,
  p_centre_id uuid,
  p_starts_at timestamptz,
  p_now timestamptz default pg_catalog.now()
)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  /**
   * True when slot search would offer this start for this clinician (the one-slot form of
   * private.offered_slots): bookable without override right now, free of other appointments
   * and with a free resource. For RPCs that place an appointment themselves (series, waitlist
   * offers, reschedules) so that they accept exactly what search shows.
   *
   * Parameters: tenant, service, clinician, centre, the start instant; p_now as for
   *             offered_slots (default now()).
   * Returns:    boolean; false for any unknown, inactive or unrelated id (or a null clinician);
   *             22023 for another null argument.
   * Example:    select private.is_slot_offered(:tenant, :service, :clinician, :centre, '2026-12-01 10:00Z');
   */
  select exists (
    select 1
    from private.offered_slots(p_tenant_id, p_service_id, p_centre_id, array[p_clinician_id]::uuid[],
                               pg_catalog.tstzrange(p_starts_at, p_starts_at, '[]'), p_now) as o
    where o.clinician_id = p_clinician_id and o.starts_at = p_starts_at
  )
$$;
comment on function private.is_slot_offered(uuid, uuid, uuid, uuid, timestamptz, timestamptz) is
  'True when slot search would offer this start for this clinician now (private.offered_slots for one instant): hours, alignment, notice, horizon, free of occupying appointments incl. buffers, a free resource. For RPCs that place appointments without going through book_appointment.';
revoke execute on function private.is_slot_offered(uuid, uuid, uuid, uuid, timestamptz, timestamptz) from public, anon, authenticated, service_role;

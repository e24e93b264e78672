-- Slot search: a window of 31 local days, pages of at most max_rows, and concurrent "any
-- clinician" searchers spread over the free clinicians.
--
--   public.search_slots(service_id, centre_id, window_start, window_end,
--                       clinician_id default null, after default null, seed default null)
--
-- * The window is limited to 31 days of the centre's wall clock (a calendar month with a
--   fall-back change lasts 745 hours and is accepted); instants more than 33 days apart are
--   refused before anything is read.
-- * At most private.api_max_rows() (1000, PostgREST's max_rows) rows per call, the earliest
--   starts first; `after` asks for the starts after an instant, so a client pages with
--   after => the last starts_at of a full page. PostgREST never cuts a search.
-- * Any clinician: each searcher has its own order of the candidates, a weighted shuffle drawn from
--   `seed` (else from the signed-in user's id) in which a clinician with fewer appointments in the
--   window is more likely to come first (Efraimidis-Spirakis, weight 1 / (1 + appointments)). So
--   patients searching at the same moment are offered different free clinicians for the same time
--   instead of all racing for one, and the work still goes to the less busy. Seed 0, and an
--   anonymous search without a seed, keep the plain fair order (load in the window, least recently
--   booked, id). A searcher's answer is the same on every call and page until something is booked.
--
-- The old five-argument functions are dropped (PostgREST calls by name: callers that pass the
-- first five arguments keep working).

drop function public.search_slots(uuid, uuid, timestamptz, timestamptz, uuid);
drop function private.search_slots(uuid, uuid, timestamptz, timestamptz, uuid);

create function private.search_slots(
  p_service_id uuid,
  p_centre_id uuid,
  p_window_start timestamptz,
  p_window_end timestamptz,
  p_clinician_id uuid,
  p_after timestamptz,
  p_seed integer
)
returns table (
  clinician_id uuid, starts_at timestamptz, ends_at timestamptz,
  local_starts_at timestamp, local_ends_at timestamp, timezone text)
language plpgsql
stable
security definer
set search_path = ''
set timezone to 'UTC'
set jit = off  -- see private.offered_slots: estimates of set-returning functions would trigger JIT
as $$
/**
 * Implementation of public.search_slots (see there for the contract): checks the arguments and
 * what the caller may see, picks the candidate clinicians, takes their slots from
 * private.offered_slots and, for "any clinician", assigns each start to one clinician: the first
 * free one in this searcher's order (a weighted shuffle of the candidates drawn from the seed, the
 * less busy more likely first; seed 0: the fair order).
 *
 * Returns: at most private.api_max_rows() rows, one per offered (clinician, start), or per start
 *          for "any clinician", starting after p_after (when given), ordered by starts_at,
 *          clinician_id.
 * Errors:  22023 bad arguments or a window of more than 31 local days, PT404 not found (or
 *          hidden), PT422 not taking bookings / the clinician does not offer the service there
 *          (staff; anon sees PT404 for hidden rows).
 */
declare
  v_server boolean := private.is_server_caller();
  v_service public.services;
  v_tenant public.tenants;
  v_centre public.centres;
  v_clinician public.clinicians;
  v_privileged boolean;
  v_zone text;
  v_candidates uuid[];
  v_starts tstzrange;
  v_turn integer;
  c_window_hint constant text :=
    'Search at most 31 days of the centre''s calendar at a time, e.g. one week or one calendar month from local midnight to local midnight.';
begin
  if p_service_id is null or p_centre_id is null or p_window_start is null or p_window_end is null then
    raise exception using errcode = '22023', message = 'service_id, centre_id, window_start and window_end are required',
      hint = 'Pass the service, the centre and a window of at most 31 days; leave clinician_id out for any clinician.';
  end if;
  if p_window_end <= p_window_start then
    raise exception using errcode = '22023', message = 'window_end must be after window_start',
      hint = 'Pass a window such as window_start 2026-12-01T00:00:00Z and window_end 2026-12-08T00:00:00Z.';
  end if;
  -- no zone turns more than 33 days of instants into 31 local days: refuse before reading anything
  if p_window_end - p_window_start > interval '792 hours' then
    raise exception using errcode = '22023', message = 'the search window is longer than 31 days', hint = c_window_hint;
  end if;

  -- the service decides the tenant (service ids are unique across tenants: services_id_key)
  select s.* into v_service
  from public.services as s
  join public.tenants as t on t.id = s.tenant_id
  where s.id = p_service_id
    and (v_server
         or s.tenant_id in (select private.member_tenant_ids())
         or (s.is_public and s.is_active and t.is_active));
  if not found then
    raise exception using errcode = 'PT404', message = 'service not found',
      hint = 'Pick a service from the clinic''s list.';
  end if;
  v_privileged := v_server or v_service.tenant_id in (select private.member_tenant_ids());
  select t.* into v_tenant from public.tenants as t where t.id = v_service.tenant_id;

  select c.* into v_centre
  from public.centres as c
  where c.tenant_id = v_service.tenant_id
    and c.id = p_centre_id
    and (v_privileged or (c.is_published and c.is_active));
  if not found then
    raise exception using errcode = 'PT404', message = 'centre not found',
      hint = 'Pick a centre of the same clinic as the service.';
  end if;
  v_zone := coalesce(v_centre.timezone::text, v_tenant.timezone::text);

  -- 31 days of the centre's wall clock: a month with a fall-back change (745 hours) fits
  if (p_window_end at time zone v_zone) - (p_window_start at time zone v_zone) > interval '31 days' then
    raise exception using errcode = '22023', message = 'the search window is longer than 31 days', hint = c_window_hint;
  end if;

  if p_clinician_id is not null then
    select c.* into v_clinician
    from public.clinicians as c
    where c.tenant_id = v_service.tenant_id
      and c.id = p_clinician_id
      and (v_privileged or (c.is_public and c.is_active));
    if not found then
      raise exception using errcode = 'PT404', message = 'clinician not found',
        hint = 'Pick a clinician of the same clinic as the service, or leave clinician_id out for any clinician.';
    end if;
  end if;

  -- the same refusals as booking, in the same order (only staff can meet the first one)
  if not (v_tenant.is_active and v_service.is_active and v_centre.is_active
          and (p_clinician_id is null or v_clinician.is_active)) then
    raise exception using errcode = 'PT422', message = 'this service, clinician or centre is not taking bookings',
      hint = 'Pick an active service, clinician and centre.';
  end if;

  -- the starts of this page: after p_after, inside the window
  if p_after is null or p_after < p_window_start then
    v_starts := pg_catalog.tstzrange(p_window_start, p_window_end, '[)');
  else
    v_starts := pg_catalog.tstzrange(p_after, p_window_end, '()');
  end if;

  if p_clinician_id is not null then
    if not exists (select 1 from public.clinician_centres as cc
                   where cc.tenant_id = v_service.tenant_id and cc.clinician_id = p_clinician_id and cc.centre_id = p_centre_id) then
      raise exception using errcode = 'PT422', message = 'the clinician does not work at this centre',
        hint = 'Pick a centre where the clinician works, or leave clinician_id out for any clinician.';
    end if;
    if not exists (select 1 from public.clinician_services as cs
                   where cs.tenant_id = v_service.tenant_id and cs.clinician_id = p_clinician_id and cs.service_id = p_service_id) then
      raise exception using errcode = 'PT422', message = 'the clinician does not offer this service',
        hint = 'Pick a clinician who offers the service, or leave clinician_id out for any clinician.';
    end if;

    return query
    select o.clinician_id, o.starts_at, o.ends_at,
           o.starts_at at time zone v_zone, o.ends_at at time zone v_zone, v_zone
    from private.offered_slots(v_service.tenant_id, p_service_id, p_centre_id, array[p_clinician_id]::uuid[],
                               v_starts, pg_catalog.now()) as o
    order by o.starts_at, o.clinician_id
    limit private.api_max_rows();
    return;
  end if;

  -- any clinician: active, offers the service, works at the centre; public unless staff ask
  select pg_catalog.array_agg(c.id order by c.id) into v_candidates
  from public.clinicians as c
  join public.clinician_services as cs
    on cs.tenant_id = c.tenant_id and cs.clinician_id = c.id and cs.service_id = p_service_id
  join public.clinician_centres as cc
    on cc.tenant_id = c.tenant_id and cc.clinician_id = c.id and cc.centre_id = p_centre_id
  where c.tenant_id = v_service.tenant_id
    and c.is_active
    and (v_privileged or c.is_public);
  if v_candidates is null then
    return;
  end if;

  -- this searcher's draw: the seed, else the signed-in user; 0 (the fair order) for anon
  v_turn := coalesce(p_seed, pg_catalog.hashtext((select auth.uid())::text), 0);

  return query
  with ranked as (
    select k.id, l.load,
           pg_catalog.row_number() over (order by l.load, l.last_booked asc nulls first, k.id) as place
    from pg_catalog.unnest(v_candidates) as k (id)
    cross join lateral (
      select (select pg_catalog.count(*)
                from public.appointments as a
               where a.tenant_id = v_service.tenant_id
                 and a.clinician_id = k.id
                 and a.starts_at >= p_window_start
                 and a.starts_at < p_window_end
                 -- implied by the start (occupied contains it); lets the gist index bound the scan
                 and a.occupied operator(pg_catalog.&&) pg_catalog.tstzrange(p_window_start, p_window_end, '[)')
                 and private.status_occupies(a.status)
                 and not (a.status = 'pending' and a.hold_expires_at <= pg_catalog.now())) as load,
             (select a.created_at
                from public.appointments as a
               where a.tenant_id = v_service.tenant_id
                 and a.clinician_id = k.id
                 and private.status_occupies(a.status)
                 and not (a.status = 'pending' and a.hold_expires_at <= pg_catalog.now())
               order by a.created_at desc
               limit 1) as last_booked
    ) as l
  ),
  turned as (
    -- this searcher's order: a weighted shuffle (Efraimidis-Spirakis) where a clinician with
    -- fewer appointments in the window is more likely to come first (weight 1 / (1 + load)), the
    -- searcher's own uniform number per clinician coming from its seed; seed 0: the fair order
    select r.id,
           case when v_turn = 0 then r.place::double precision
                else -pg_catalog.ln((pg_catalog.hashtext(v_turn::text || ':' || r.id::text)::bigint + 2147483649)::double precision
                                    / 4294967298) * (1 + r.load)
           end as place
    from ranked as r
  ),
  assigned as (
    select distinct on (o.starts_at) o.clinician_id, o.starts_at, o.ends_at
    from private.offered_slots(v_service.tenant_id, p_service_id, p_centre_id, v_candidates,
                               v_starts, pg_catalog.now()) as o
    join turned as r on r.id = o.clinician_id
    order by o.starts_at, r.place, r.id
  )
  select a.clinician_id, a.starts_at, a.ends_at,
         a.starts_at at time zone v_zone, a.ends_at at time zone v_zone, v_zone
  from assigned as a
  order by a.starts_at, a.clinician_id
  limit private.api_max_rows();
end
$$;
comment on function private.search_slots(uuid, uuid, timestamptz, timestamptz, uuid, timestamptz, integer) is
  'Implementation of public.search_slots (security definer: anon and patients read no availability or appointments). Checks arguments (31 local days) and visibility (PT404 for hidden rows), then lists private.offered_slots after p_after, at most private.api_max_rows() rows; for any clinician, one row per start assigned to the first free clinician in the searcher''s order: a weighted shuffle drawn from the seed or user id (fewer appointments in the window, more likely first), or with seed 0 the fair order (load, least recently booked, id). Returns clinician ids and times only.';
revoke execute on function private.search_slots(uuid, uuid, timestamptz, timestamptz, uuid, timestamptz, integer) from public, anon, authenticated, service_role;
grant execute on function private.search_slots(uuid, uuid, timestamptz, timestamptz, uuid, timestamptz, integer) to anon, authenticated, service_role;

create function public.search_slots(
  service_id uuid,
  centre_id uuid,
  window_start timestamptz,
  window_end timestamptz,
  clinician_id uuid default null,
  after timestamptz default null,
  seed integer default null
)
returns table (
  clinician_id uuid, starts_at timestamptz, ends_at timestamptz,
  local_starts_at timestamp, local_ends_at timestamp, timezone text)
language sql
stable
security invoker
set search_path = ''
set timezone to 'UTC'
as $$
  /**
   * Bookable times of a service at a centre, for one clinician or any clinician.
   *
   * Parameters:
   *   service_id, centre_id       what and where (the centre belongs to the service's clinic)
   *   window_start, window_end    slots that START in [window_start, window_end); at most 31 days
   *                               of the centre's calendar (local midnight to local midnight of a
   *                               31-day month is accepted, whatever its clock changes)
   *   clinician_id                one clinician, or null for any clinician (one row per start,
   *                               assigned to the first free clinician in this searcher's order,
   *                               see seed)
   *   after                       only starts after this instant: the next page (pass the last
   *                               starts_at of a page of 1,000 rows)
   *   seed                        any clinician: this searcher's draw (any integer, e.g. one random
   *                               number per app session): the candidates in a weighted shuffle,
   *                               fewer appointments in the window more likely first; default: the
   *                               signed-in user's id; 0 (and anon without a seed): the fair order,
   *                               fewest appointments, then least recently booked, then id
   * Returns: at most 1,000 rows (PostgREST's max_rows; a full page may have more after it):
   *          clinician_id, starts_at, ends_at (UTC instants), local_starts_at, local_ends_at
   *          (wall-clock time of the centre) and timezone (the centre's IANA zone), ordered by
   *          starts_at, clinician_id. Exactly the times book_appointment accepts right now.
   * Errors:  22023 missing argument, window_end <= window_start, window longer than 31 days;
   *          PT404 service, centre or clinician not found (or not listed for this caller);
   *          PT422 not taking bookings, or the clinician does not offer the service there.
   * Example: supabase.rpc('search_slots', { service_id, centre_id,
   *            window_start: '2026-12-01T00:00:00Z', window_end: '2026-12-08T00:00:00Z' })
   */
  select s.clinician_id, s.starts_at, s.ends_at, s.local_starts_at, s.local_ends_at, s.timezone
  from private.search_slots(search_slots.service_id, search_slots.centre_id, search_slots.window_start,
                            search_slots.window_end, search_slots.clinician_id, search_slots.after,
                            search_slots.seed) as s
$$;
comment on function public.search_slots(uuid, uuid, timestamptz, timestamptz, uuid, timestamptz, integer) is
  'Slot search: bookable start times of a service at a centre in a window of at most 31 local days, for one clinician or any clinician (one clinician per start: the first free one in the searcher''s weighted shuffle, drawn from seed or user; seed 0 the fair order). At most 1,000 rows per call; the next page with after = the last starts_at. UTC instants plus the centre''s wall-clock times and zone; no patient data. Open to anon for listed services. Errors: 22023, PT404, PT422. See docs/slot-search.md.';
revoke execute on function public.search_slots(uuid, uuid, timestamptz, timestamptz, uuid, timestamptz, integer) from public, anon, authenticated, service_role;
grant execute on function public.search_slots(uuid, uuid, timestamptz, timestamptz, uuid, timestamptz, integer) to anon, authenticated, service_role;

-- supabase/tests/_setup/search_slots_fixtures.sql — helpers for the slot search tests
-- (supabase/tests/search_slots/), in schema `tests`. Applied like the other _setup files (as
-- postgres, committed, creates no data). The tests build on tests.create_appointment_fixtures()
-- (appointments_fixtures.sql): centre_a1 (Europe/London) with clinician_a and
-- clinician_a_visiting working 09:00-17:00 every day, services appt_checkup (30 min, buffers
-- 5/10), appt_paid, appt_scan (needs an ultrasound; two at centre_a1), appt_video; notice 1 hour,
-- horizon 60 days, 15-minute grid.
--
--   tests.utc_text(instant)          '2026-03-29T08:00Z', for exact assertions
--   tests.slot_starts(service, centre, from, to, clinician)
--                                    public.search_slots as the current role, each start as
--                                    'HH:MI' local time (the centre's), ascending
--   tests.search_booking_oracle(service, clinician, centre, patient, from, to)
--                                    the oracle: every instant of [from, to) whose wall-clock time
--                                    at the centre is on the service's grid (found by reading the
--                                    clock every minute, not by the engine's own grid), plus every
--                                    start search returns, is booked with public.book_appointment
--                                    (no override, rolled back); one row per instant: offered by
--                                    search?, by private.is_slot_offered?, accepted by booking?,
--                                    booking's refusal
--   tests.dst_site(zone, site)       a centre in `zone` with one clinician working 09:00-17:00
--                                    daily from 2026-01-01 and a 30-minute service (30-minute grid,
--                                    no notice, horizon 730 days), all in tenant_a, ids
--                                    tests.tenancy_id(site || '_centre' | '_clinician' | '_service')
--   tests.dst_slots(site, from, to, now)
--                                    private.offered_slots for that site as of `now` (so the 2026
--                                    DST days can be tested forever), each as
--                                    'local HH:MI = yyyy-mm-ddThh:miZ'

create schema if not exists tests;
grant usage on schema tests to anon, authenticated, service_role;

create or replace function tests.utc_text(instant timestamptz)
returns text
language sql
immutable
set search_path = ''
as $$
  select pg_catalog.to_char(instant at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"')
$$;
comment on function tests.utc_text(timestamptz) is
  'pgTAP fixtures: an instant as yyyy-mm-ddThh:miZ (UTC), independent of the session time zone.';

create or replace function tests.slot_starts(service text, centre text, from_instant timestamptz, to_instant timestamptz,
                                             clinician text default null)
returns setof text
language plpgsql
stable
set search_path = ''
as $$
-- plpgsql: resolved at call time (this file may be applied before the fixtures it names).
begin
  return query
  select pg_catalog.to_char(s.local_starts_at, 'HH24:MI')
  from public.search_slots(tests.tenancy_id(service), tests.tenancy_id(centre), from_instant, to_instant,
                           case when clinician is not null then tests.tenancy_id(clinician) end) as s
  order by s.starts_at, s.clinician_id;
end
$$;
comment on function tests.slot_starts(text, text, timestamptz, timestamptz, text) is
  'pgTAP fixtures: public.search_slots for fixture names (as the current role), each start as HH:MI local time of the centre, ascending.';

create or replace function tests.search_booking_oracle(
  service text, clinician text, centre text, patient text, from_instant timestamptz, to_instant timestamptz,
  tenant text default 'tenant_a')
returns table (starts_at timestamptz, offered boolean, offered_one boolean, booked boolean, refusal text)
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_zone text;
  v_alignment integer;
  v_offered timestamptz[];
  v_candidates timestamptz[];
  v_at timestamptz;
  v_state text;
  v_message text;
  v_booked boolean;
begin
  select c.timezone, s.slot_alignment_minutes into v_zone, v_alignment
  from public.centres as c
  join public.services as s on s.tenant_id = c.tenant_id and s.id = tests.tenancy_id(service)
  where c.tenant_id = tests.tenancy_id(tenant) and c.id = tests.tenancy_id(centre);

  select coalesce(pg_catalog.array_agg(s.starts_at), '{}') into v_offered
  from public.search_slots(tests.tenancy_id(service), tests.tenancy_id(centre), from_instant, to_instant,
                           tests.tenancy_id(clinician)) as s;

  -- the clock read every minute: instants whose local time is on the grid, plus what search said
  select pg_catalog.array_agg(distinct m.at order by m.at) into v_candidates
  from (
    select g.at
    from pg_catalog.generate_series(pg_catalog.date_trunc('minute', from_instant), to_instant, interval '1 minute') as g (at)
    where g.at >= from_instant and g.at < to_instant
      and (pg_catalog.date_part('hour', g.at at time zone v_zone) * 60 + pg_catalog.date_part('minute', g.at at time zone v_zone))::integer
          % v_alignment = 0
    union
    select pg_catalog.unnest(v_offered)
  ) as m;

  foreach v_at in array coalesce(v_candidates, '{}') loop
    begin
      perform public.book_appointment(tests.tenancy_id(service), tests.tenancy_id(clinician), tests.tenancy_id(centre), v_at,
                                      tests.tenancy_id(patient));
      raise exception using errcode = 'P0001', message = 'slot search oracle: booked, rolling back';
    exception when others then
      get stacked diagnostics v_state = returned_sqlstate, v_message = message_text;
      v_booked := v_message = 'slot search oracle: booked, rolling back';
    end;
    starts_at := v_at;
    offered := v_at = any (v_offered);
    offered_one := private.is_slot_offered(tests.tenancy_id(tenant), tests.tenancy_id(service), tests.tenancy_id(clinician),
                                           tests.tenancy_id(centre), v_at);
    booked := v_booked;
    refusal := case when not v_booked then v_state || ' ' || v_message end;
    return next;
  end loop;
end
$$;
comment on function tests.search_booking_oracle(text, text, text, text, timestamptz, timestamptz, text) is
  'pgTAP fixtures (the slot search oracle): books (and rolls back) every instant of the window whose local time is on the service grid plus every start search offers; one row per instant with offered (by search), offered_one (private.is_slot_offered), booked (accepted by book_appointment) and the refusal. Run as postgres (server-side booking for `patient`).';

create or replace function tests.dst_site(zone text, site text)
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_tenant uuid := tests.tenancy_id('tenant_a');
begin
  insert into public.centres (tenant_id, id, name, slug, timezone, is_active, is_published)
  values (v_tenant, tests.tenancy_id(site || '_centre'), site, pg_catalog.replace(site, '_', '-'), zone, true, true);
  insert into public.clinicians (tenant_id, id, display_name, is_public, is_active)
  values (v_tenant, tests.tenancy_id(site || '_clinician'), 'Dr ' || site, true, true);
  insert into public.clinician_centres (tenant_id, clinician_id, centre_id)
  values (v_tenant, tests.tenancy_id(site || '_clinician'), tests.tenancy_id(site || '_centre'));
  insert into public.services (tenant_id, id, name, duration_minutes, min_booking_notice, max_booking_horizon,
                               slot_alignment_minutes, price, currency, is_public, is_active)
  values (v_tenant, tests.tenancy_id(site || '_service'), 'Visit ' || site, 30, '0', '730 days', 30, 10, 'GBP', true, true);
  insert into public.clinician_services (tenant_id, clinician_id, service_id)
  values (v_tenant, tests.tenancy_id(site || '_clinician'), tests.tenancy_id(site || '_service'));
  insert into public.availability_rules (tenant_id, clinician_id, centre_id, timezone, local_start, local_end, rrule, valid_from)
  values (v_tenant, tests.tenancy_id(site || '_clinician'), tests.tenancy_id(site || '_centre'), zone, '09:00', '17:00',
          'FREQ=DAILY', date '2026-01-01');
end
$$;
comment on function tests.dst_site(text, text) is
  'pgTAP fixtures: a centre in `zone` (tenant_a) with a clinician working 09:00-17:00 daily from 2026-01-01 and a 30-minute service on a 30-minute grid (no notice, 730-day horizon); ids tests.tenancy_id(site || ''_centre''/''_clinician''/''_service'').';

create or replace function tests.dst_slots(site text, from_instant timestamptz, to_instant timestamptz, as_of timestamptz)
returns setof text
language plpgsql
stable
set search_path = ''
as $$
declare
  v_zone text;
begin
  select c.timezone into v_zone from public.centres as c
  where c.tenant_id = tests.tenancy_id('tenant_a') and c.id = tests.tenancy_id(site || '_centre');
  return query
  select pg_catalog.to_char(o.starts_at at time zone v_zone, 'HH24:MI') || ' = ' || tests.utc_text(o.starts_at)
  from private.offered_slots(tests.tenancy_id('tenant_a'), tests.tenancy_id(site || '_service'), tests.tenancy_id(site || '_centre'),
                             array[tests.tenancy_id(site || '_clinician')], pg_catalog.tstzrange(from_instant, to_instant), as_of) as o
  order by o.starts_at;
end
$$;
comment on function tests.dst_slots(text, timestamptz, timestamptz, timestamptz) is
  'pgTAP fixtures: private.offered_slots of a tests.dst_site as of `as_of`, each start as ''HH:MI = yyyy-mm-ddThh:miZ'' (local time of the centre = UTC instant), ascending.';

revoke execute on function tests.utc_text(timestamptz) from public;
revoke execute on function tests.slot_starts(text, text, timestamptz, timestamptz, text) from public;
revoke execute on function tests.search_booking_oracle(text, text, text, text, timestamptz, timestamptz, text) from public;
revoke execute on function tests.dst_site(text, text) from public;
revoke execute on function tests.dst_slots(text, timestamptz, timestamptz, timestamptz) from public;
grant execute on function tests.utc_text(timestamptz) to anon, authenticated, service_role;
grant execute on function tests.slot_starts(text, text, timestamptz, timestamptz, text) to anon, authenticated, service_role;

create or replace function tests.search_slots_error(service uuid, centre uuid, clinician uuid default null)
returns text[]
language plpgsql
volatile
set search_path = ''
as $$
-- plpgsql: resolved at call time (this file may be applied before the fixtures it names).
begin
  return tests.error_of(pg_catalog.format('select * from public.search_slots(%L, %L, %L, %L, %L)', service, centre,
    tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '00:00'), clinician));
end
$$;
comment on function tests.search_slots_error(uuid, uuid, uuid) is
  'pgTAP fixtures: the error (sqlstate, message, hint) of public.search_slots over days 2 to 3 of the appointment fixtures, as the current role; null when it succeeds.';
grant execute on function tests.search_slots_error(uuid, uuid, uuid) to anon, authenticated, service_role;

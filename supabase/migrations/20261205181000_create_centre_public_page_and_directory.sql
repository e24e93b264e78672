-- What a clinic's website reads, anonymously (docs/profile.md):
--
--   public.centre_public_page(tenant_slug, centre_slug)   one call: a published centre's whole page
--   public.search_directory(query, language, ...)         clinicians at published centres, ranked
--
-- Both are read-only (stable: GET-able, replica-friendly) and answer the same for everyone: they
-- show what the public may see - active tenants, published and active centres, public and active
-- clinicians working there, public and active services, published departments, public
-- credentials, published reviews - the rules the select policies state, restated here because
-- the work is done by security definer implementations (visitors may read neither availability
-- nor appointments nor reviews' patient ids, and the page must be fast for a server render).
--
-- Next free slot per clinician: for the clinician's first public service offered at the centre
-- (shortest, then by name), the earliest start private.offered_slots (the engine of search_slots
-- and booking) offers within 31 days - looked up for all clinicians at once, a day first, then
-- the week, then the month for those still without one. null = nothing within 31 days. The engine
-- needs tens of milliseconds for a 50-clinician centre, too slow for every page view, so a pg_cron
-- job keeps the answers in private.next_free_slots_cache (each valid for at most 10 minutes and
-- never past the service's booking notice); the page computes live only what is missing or
-- expired. A slot booked or freed meanwhile shows for at most those 10 minutes: the page says
-- when its answer was computed, and booking re-checks (PT409 slot_taken).
--
-- Distance: great-circle (haversine) kilometres on a sphere of radius 6371.0088 km, in plain SQL
-- (within 0.5 % of the ellipsoid), with a latitude/longitude box on an index of published
-- centres first. Hosted Supabase also offers earthdistance/cube and PostGIS; neither is needed at
-- the scale of a clinic directory (docs/profile.md explains the choice).

-- ---------------------------------------------------------------------------------------------
-- helpers
-- ---------------------------------------------------------------------------------------------
create function private.distance_km(lat1 double precision, lon1 double precision, lat2 double precision, lon2 double precision)
returns double precision
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * Great-circle distance in kilometres between two WGS 84 points (haversine on a sphere of
   * the mean Earth radius, 6371.0088 km). Null when any coordinate is null.
   * Example: select private.distance_km(51.5390, -0.1426, 51.5560, -0.1780);  -- Camden to Hampstead, ~2.99
   */
  select 2 * 6371.0088 * pg_catalog.asin(pg_catalog.sqrt(
    pg_catalog.power(pg_catalog.sin(pg_catalog.radians(lat2 - lat1) / 2), 2)
    + pg_catalog.cos(pg_catalog.radians(lat1)) * pg_catalog.cos(pg_catalog.radians(lat2))
      * pg_catalog.power(pg_catalog.sin(pg_catalog.radians(lon2 - lon1) / 2), 2)))
$$;
comment on function private.distance_km(double precision, double precision, double precision, double precision) is
  'Great-circle distance in km between two WGS 84 points (haversine, mean Earth radius). Used by the directory search.';
revoke execute on function private.distance_km(double precision, double precision, double precision, double precision) from public, anon, authenticated, service_role;

create function private.clinician_search_text(display_name text, title text, specialisations text[])
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * The text of a clinician profile the directory matches a query against: name, title and
   * specialisations, lower-case, space separated.
   * Example: select private.clinician_search_text('Dr Priya Nair', 'General Practitioner', array['Women''s health']);
   */
  select pg_catalog.lower(pg_catalog.concat_ws(' ', display_name, title, pg_catalog.array_to_string(specialisations, ' ')))
$$;
comment on function private.clinician_search_text(text, text, text[]) is
  'Directory search: the lower-case text of a clinician profile (name, title, specialisations); indexed with trigrams.';
revoke execute on function private.clinician_search_text(text, text, text[]) from public, anon, authenticated, service_role;
grant execute on function private.clinician_search_text(text, text, text[]) to authenticated, service_role;

create index clinicians_search_text_trgm_idx on public.clinicians
  using gin (private.clinician_search_text(display_name, title, specialisations) extensions.gin_trgm_ops)
  where is_public and is_active;
comment on index public.clinicians_search_text_trgm_idx is 'Directory search: trigrams of public clinicians'' name, title and specialisations.';
create index services_name_trgm_idx on public.services using gin (pg_catalog.lower(name) extensions.gin_trgm_ops) where is_public and is_active;
comment on index public.services_name_trgm_idx is 'Directory search: trigrams of public service names.';
create index departments_name_trgm_idx on public.departments using gin (pg_catalog.lower(name) extensions.gin_trgm_ops) where is_published;
comment on index public.departments_name_trgm_idx is 'Directory search: trigrams of published department names.';
create index centres_coordinates_idx on public.centres (latitude, longitude) where is_published and is_active and latitude is not null;
comment on index public.centres_coordinates_idx is 'Directory search by distance: the latitude band of published centres.';

-- ---------------------------------------------------------------------------------------------
-- next free slot per clinician
-- ---------------------------------------------------------------------------------------------
create function private.next_free_slots(p_tenant_id uuid, p_centre_id uuid, p_clinician_ids uuid[], p_now timestamptz)
returns table (clinician_id uuid, service_id uuid, starts_at timestamptz, ends_at timestamptz)
language plpgsql
stable
security definer
set search_path = ''
set jit = off
as $$
/**
 * The next bookable start of each clinician at a centre, for the clinician's first public,
 * active service they offer (shortest duration, then name, then id): the earliest start
 * private.offered_slots offers as of p_now within 31 days (a day first, then 7, then 31 days,
 * each later window only for clinicians still without a start). One row per clinician that
 * has a public service; starts_at null when nothing is free within 31 days. No caller checks:
 * callers pass the clinicians the caller may see.
 *
 * Example: select * from private.next_free_slots(:tenant, :centre, array[:clinician], now());
 */
declare
  v_windows interval[] := array[interval '1 day', interval '7 days', interval '31 days'];
  v_from interval := interval '0';
  v_to interval;
  v_choice jsonb;  -- {clinician_id: service_id} for every clinician with a public service
  v_found jsonb := '{}'::jsonb;  -- {clinician_id: {"starts_at": ..., "ends_at": ...}}
  v_service record;
begin
  select coalesce(pg_catalog.jsonb_object_agg(c.clinician_id, c.service_id), '{}') into v_choice
  from (
    select distinct on (cs.clinician_id) cs.clinician_id, s.id as service_id
    from public.clinician_services as cs
    join public.services as s on s.tenant_id = cs.tenant_id and s.id = cs.service_id and s.is_public and s.is_active
    where cs.tenant_id = p_tenant_id and cs.clinician_id = any (p_clinician_ids)
    order by cs.clinician_id, coalesce(cs.duration_minutes_override, s.duration_minutes), s.name, s.id
  ) as c;

  foreach v_to in array v_windows loop
    for v_service in
      select (e.value #>> '{}')::uuid as service_id, pg_catalog.array_agg(e.key::uuid) as clinicians
      from pg_catalog.jsonb_each(v_choice) as e
      where not v_found ? e.key
      group by e.value
    loop
      select v_found || coalesce(pg_catalog.jsonb_object_agg(f.clinician_id,
               pg_catalog.jsonb_build_object('starts_at', f.starts_at, 'ends_at', f.ends_at)), '{}')
        into v_found
      from (
        select distinct on (o.clinician_id) o.clinician_id, o.starts_at, o.ends_at
        from private.offered_slots(p_tenant_id, v_service.service_id, p_centre_id, v_service.clinicians,
                                   pg_catalog.tstzrange(p_now + v_from, p_now + v_to, '[)'), p_now) as o
        order by o.clinician_id, o.starts_at
      ) as f;
    end loop;
    exit when not exists (select 1 from pg_catalog.jsonb_object_keys(v_choice) as k where not v_found ? k);
    v_from := v_to;
  end loop;

  return query
    select e.key::uuid, (e.value #>> '{}')::uuid, (v_found -> e.key ->> 'starts_at')::timestamptz, (v_found -> e.key ->> 'ends_at')::timestamptz
    from pg_catalog.jsonb_each(v_choice) as e;
end
$$;
comment on function private.next_free_slots(uuid, uuid, uuid[], timestamp with time zone) is
  'Next bookable start per clinician at a centre (their first public service: shortest, then name), within 31 days, from private.offered_slots; a day, then a week, then a month. Used by centre_public_page.';
revoke execute on function private.next_free_slots(uuid, uuid, uuid[], timestamp with time zone) from public, anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- next free slots, kept warm
-- ---------------------------------------------------------------------------------------------
create table private.next_free_slots_cache (
  tenant_id uuid not null,
  centre_id uuid not null,
  clinician_id uuid not null,
  service_id uuid not null,
  starts_at timestamptz null,
  ends_at timestamptz null,
  computed_at timestamptz not null,
  valid_until timestamptz not null,
  constraint next_free_slots_cache_pkey primary key (tenant_id, centre_id, clinician_id)
);
comment on table private.next_free_slots_cache is
  'The next free slot of each public clinician at each published centre, as private.next_free_slots found it at computed_at; used by centre_public_page until valid_until (at most 10 minutes, never past the booking notice). Kept by the pg_cron job refresh-next-free-slots; not exposed.';
comment on column private.next_free_slots_cache.tenant_id is 'Tenant of the centre.';
comment on column private.next_free_slots_cache.centre_id is 'The centre.';
comment on column private.next_free_slots_cache.clinician_id is 'The clinician.';
comment on column private.next_free_slots_cache.service_id is 'The service the slot is for (the clinician''s first public service).';
comment on column private.next_free_slots_cache.starts_at is 'Start of the next free slot; null when nothing was free within 31 days.';
comment on column private.next_free_slots_cache.ends_at is 'End of that slot.';
comment on column private.next_free_slots_cache.computed_at is 'When it was computed.';
comment on column private.next_free_slots_cache.valid_until is 'Until when the page may show it: computed_at + 10 minutes, or earlier when the booking notice would exclude the slot.';
comment on constraint next_free_slots_cache_pkey on private.next_free_slots_cache is 'One entry per clinician and centre.';
create index next_free_slots_cache_valid_until_idx on private.next_free_slots_cache (valid_until);
comment on index private.next_free_slots_cache_valid_until_idx is 'The refresh job finds the entries that expire first.';
revoke all on table private.next_free_slots_cache from public, anon, authenticated, service_role;

create function private.refresh_next_free_slots(p_max_centres integer, p_centre_id uuid default null)
returns integer
language plpgsql
volatile
security definer
set search_path = ''
set jit = off
as $$
/**
 * Recomputes the next free slots of up to p_max_centres published centres: those with a public
 * clinician and no entry first, then those whose entries expire first (within the next 2
 * minutes). Each centre in its own statement; entries of clinicians no longer listed there go.
 * With p_centre_id, that centre only, whatever its entries' age.
 * Run by pg_cron every minute (refresh-next-free-slots) as postgres.
 * Returns: the number of centres refreshed.
 * Example: select private.refresh_next_free_slots(100);
 */
declare
  v_centre record;
  v_count integer := 0;
begin
  for v_centre in
    select c.tenant_id, c.id,
           (select pg_catalog.array_agg(cl.id)
              from public.clinician_centres as cc
              join public.clinicians as cl on cl.tenant_id = cc.tenant_id and cl.id = cc.clinician_id and cl.is_public and cl.is_active
             where cc.tenant_id = c.tenant_id and cc.centre_id = c.id) as clinicians,
           (select pg_catalog.min(n.valid_until) from private.next_free_slots_cache as n
             where n.tenant_id = c.tenant_id and n.centre_id = c.id) as first_expiry
    from public.centres as c
    join public.tenants as t on t.id = c.tenant_id and t.is_active
    where c.is_published and c.is_active and (p_centre_id is null or c.id = p_centre_id)
    order by first_expiry nulls first, c.tenant_id, c.id
  loop
    exit when v_count >= p_max_centres;
    continue when v_centre.clinicians is null
      or (p_centre_id is null and v_centre.first_expiry > pg_catalog.now() + interval '2 minutes');
    delete from private.next_free_slots_cache as n where n.tenant_id = v_centre.tenant_id and n.centre_id = v_centre.id;
    insert into private.next_free_slots_cache (tenant_id, centre_id, clinician_id, service_id, starts_at, ends_at, computed_at, valid_until)
    select v_centre.tenant_id, v_centre.id, f.clinician_id, f.service_id, f.starts_at, f.ends_at, pg_catalog.now(),
           least(pg_catalog.now() + interval '10 minutes',
                 f.starts_at - coalesce(s.min_booking_notice, t.min_booking_notice))
    from private.next_free_slots(v_centre.tenant_id, v_centre.id, v_centre.clinicians, pg_catalog.now()) as f
    join public.services as s on s.tenant_id = v_centre.tenant_id and s.id = f.service_id
    join public.tenants as t on t.id = v_centre.tenant_id;
    v_count := v_count + 1;
  end loop;
  return v_count;
end
$$;
comment on function private.refresh_next_free_slots(integer, uuid) is
  'pg_cron job refresh-next-free-slots (every minute): recomputes private.next_free_slots_cache for up to N published centres, missing and soonest-expiring first.';
revoke execute on function private.refresh_next_free_slots(integer, uuid) from public, anon, authenticated, service_role;

create extension if not exists pg_cron with schema pg_catalog;
select cron.schedule('refresh-next-free-slots', '* * * * *', 'select private.refresh_next_free_slots(100)');

-- ---------------------------------------------------------------------------------------------
-- the centre's public page
-- ---------------------------------------------------------------------------------------------
create function private.centre_public_page(p_tenant_slug text, p_centre_slug text, p_now timestamptz)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
set jit = off
as $$
/**
 * Implementation of public.centre_public_page (see there for the shape). Applies the public
 * visibility rules itself (active tenant, published active centre, public active clinicians
 * working there, public active services, published departments, public credentials, published
 * reviews) and answers the same to every caller.
 * Errors: 22023 a missing slug; PT404 no such published centre.
 */
declare
  v_tenant public.tenants;
  v_centre public.centres;
  v_clinicians uuid[];
  v_page jsonb;
begin
  if p_tenant_slug is null or p_centre_slug is null then
    raise exception using errcode = '22023', message = 'tenant_slug and centre_slug are required',
      hint = 'Pass the clinic''s and the centre''s slugs, e.g. northside-health and camden.';
  end if;
  select t.* into v_tenant from public.tenants as t where t.slug = p_tenant_slug and t.is_active;
  if found then
    select c.* into v_centre from public.centres as c
    where c.tenant_id = v_tenant.id and c.slug = p_centre_slug and c.is_published and c.is_active;
  end if;
  if v_centre.id is null then
    raise exception using errcode = 'PT404', message = 'centre not found',
      hint = 'Check the slugs; only published centres of active clinics have a public page.';
  end if;

  select coalesce(pg_catalog.array_agg(c.id), '{}') into v_clinicians
  from public.clinician_centres as cc
  join public.clinicians as c on c.tenant_id = cc.tenant_id and c.id = cc.clinician_id and c.is_public and c.is_active
  where cc.tenant_id = v_tenant.id and cc.centre_id = v_centre.id;

  with offered as materialized (
    -- public services that a listed clinician of this centre offers, with that clinician's price
    select cs.clinician_id, s.id as service_id, coalesce(cs.price_override, s.price) as price,
           coalesce(cs.duration_minutes_override, s.duration_minutes) as duration_minutes
    from public.clinician_services as cs
    join public.services as s on s.tenant_id = cs.tenant_id and s.id = cs.service_id and s.is_public and s.is_active
    where cs.tenant_id = v_tenant.id and cs.clinician_id = any (v_clinicians)
  ),
  cached as materialized (
    select n.clinician_id, n.service_id, n.starts_at, n.ends_at, n.computed_at
    from private.next_free_slots_cache as n
    where n.tenant_id = v_tenant.id and n.centre_id = v_centre.id and n.clinician_id = any (v_clinicians)
      and n.valid_until > p_now and n.computed_at <= p_now
  ),
  next_slot as materialized (
    -- warm entries, and a live look-up for the clinicians without one
    select k.clinician_id, k.service_id, k.starts_at, k.ends_at, k.computed_at from cached as k
    union all
    select f.clinician_id, f.service_id, f.starts_at, f.ends_at, p_now
    from private.next_free_slots(v_tenant.id, v_centre.id,
           array(select x from pg_catalog.unnest(v_clinicians) as x where x not in (select k.clinician_id from cached as k)),
           p_now) as f
  ),
  rating as materialized (
    select r.clinician_id, pg_catalog.count(*) as review_count, pg_catalog.round(pg_catalog.avg(r.rating), 2) as average_rating
    from public.reviews as r
    where r.tenant_id = v_tenant.id and r.clinician_id = any (v_clinicians) and r.status = 'published'
    group by r.clinician_id
  )
  select pg_catalog.jsonb_build_object(
    'tenant', pg_catalog.jsonb_build_object(
      'id', v_tenant.id, 'name', v_tenant.name, 'slug', v_tenant.slug, 'logo_path', v_tenant.logo_path,
      'cover_image_path', v_tenant.cover_image_path, 'about', v_tenant.about, 'website_url', v_tenant.website_url,
      'social_links', v_tenant.social_links, 'currency', v_tenant.currency, 'locale', v_tenant.locale),
    'centre', pg_catalog.jsonb_build_object(
      'id', v_centre.id, 'name', v_centre.name, 'slug', v_centre.slug, 'timezone', v_centre.timezone,
      'address_line1', v_centre.address_line1, 'address_line2', v_centre.address_line2, 'city', v_centre.city,
      'region', v_centre.region, 'postal_code', v_centre.postal_code, 'country_code', v_centre.country_code,
      'phone', v_centre.phone, 'email', v_centre.email, 'opening_hours', v_centre.opening_hours,
      'logo_path', coalesce(v_centre.logo_path, v_tenant.logo_path), 'cover_image_path', v_centre.cover_image_path,
      'about', v_centre.about, 'website_url', v_centre.website_url, 'social_links', v_centre.social_links,
      'latitude', v_centre.latitude, 'longitude', v_centre.longitude,
      'accessibility_notes', v_centre.accessibility_notes, 'languages', v_centre.languages),
    'departments', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
               'id', d.id, 'name', d.name, 'slug', d.slug, 'description', d.description,
               'clinician_ids', coalesce((
                 select pg_catalog.jsonb_agg(dc.clinician_id order by dc.display_order, c.display_name, c.id)
                 from public.department_clinicians as dc
                 join public.clinicians as c on c.tenant_id = dc.tenant_id and c.id = dc.clinician_id
                 where dc.tenant_id = d.tenant_id and dc.department_id = d.id and dc.clinician_id = any (v_clinicians)), '[]'),
               'service_ids', coalesce((
                 select pg_catalog.jsonb_agg(ds.service_id order by ds.display_order, s.name, s.id)
                 from public.department_services as ds
                 join public.services as s on s.tenant_id = ds.tenant_id and s.id = ds.service_id and s.is_public and s.is_active
                 where ds.tenant_id = d.tenant_id and ds.department_id = d.id), '[]'))
             order by d.display_order, d.name, d.id)
      from public.departments as d
      where d.tenant_id = v_tenant.id and d.centre_id = v_centre.id and d.is_published), '[]'),
    'clinicians', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
               'id', c.id, 'display_name', c.display_name, 'title', c.title, 'specialisations', c.specialisations,
               'qualifications', c.qualifications, 'languages', c.languages, 'bio', c.bio, 'photo_path', c.photo_path,
               'consultation_fee', c.consultation_fee, 'fee_currency', c.fee_currency, 'practising_since', c.practising_since,
               'credentials', coalesce((
                 select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                          'kind', cr.kind, 'title', cr.title, 'issuer', cr.issuer, 'reference_number', cr.reference_number,
                          'awarded_on', cr.awarded_on, 'expires_on', cr.expires_on)
                        order by cr.display_order, cr.awarded_on, cr.id)
                 from public.clinician_credentials as cr
                 where cr.tenant_id = c.tenant_id and cr.clinician_id = c.id and cr.is_public), '[]'),
               'service_ids', coalesce((
                 select pg_catalog.jsonb_agg(o.service_id order by o.service_id)
                 from offered as o where o.clinician_id = c.id), '[]'),
               'review_count', coalesce(ra.review_count, 0),
               'average_rating', ra.average_rating,
               'next_free_slot', case when n.starts_at is null then null else pg_catalog.jsonb_build_object(
                 'service_id', n.service_id, 'starts_at', n.starts_at, 'ends_at', n.ends_at,
                 'local_starts_at', n.starts_at at time zone v_centre.timezone, 'as_of', n.computed_at) end)
             order by c.display_name, c.id)
      from public.clinicians as c
      left join rating as ra on ra.clinician_id = c.id
      left join next_slot as n on n.clinician_id = c.id
      where c.tenant_id = v_tenant.id and c.id = any (v_clinicians)), '[]'),
    'services', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
               'id', s.id, 'name', s.name, 'description', s.description, 'mode', s.mode,
               'duration_minutes', s.duration_minutes, 'price', s.price, 'currency', s.currency,
               'price_from', (select pg_catalog.min(o.price) from offered as o where o.service_id = s.id),
               'payment_required', s.payment_required)
             order by s.name, s.id)
      from public.services as s
      where s.tenant_id = v_tenant.id and s.id in (select o.service_id from offered as o)), '[]'),
    'generated_at', p_now
  ) into v_page;
  return v_page;
end
$$;
comment on function private.centre_public_page(text, text, timestamp with time zone) is
  'Implementation of public.centre_public_page (security definer: visitors read neither availability nor appointments nor reviews): the public rules applied explicitly, the same answer for every caller.';
revoke execute on function private.centre_public_page(text, text, timestamp with time zone) from public, anon, authenticated, service_role;
grant execute on function private.centre_public_page(text, text, timestamp with time zone) to anon, authenticated, service_role;

create function public.centre_public_page(tenant_slug text, centre_slug text)
returns jsonb
language sql
stable
set search_path = ''
as $$
  /**
   * A published centre's whole public page in one call, for a website's server render:
   *   tenant       name, slug, logo_path, cover_image_path, about, website_url, social_links, currency, locale
   *   centre       name, address, phone, email, timezone, opening_hours, logo_path (the tenant's when
   *                unset), cover_image_path, about, website_url, social_links, latitude, longitude,
   *                accessibility_notes, languages
   *   departments  published, in display order: name, slug, description, clinician_ids, service_ids
   *   clinicians   public profile fields, public credentials, service_ids, review_count,
   *                average_rating, next_free_slot {service_id, starts_at, ends_at, local_starts_at,
   *                as_of} (their first public service; null when nothing is free within 31 days;
   *                as_of: when it was computed, at most 10 minutes ago)
   *   services     public services offered here: name, description, mode, duration, price,
   *                currency, price_from (the lowest clinician price), payment_required
   *   generated_at when the answer was computed (cache it for a minute or two)
   * Paths are object names in the public Storage buckets (tenant-branding, clinician-photos):
   * supabase.storage.from(bucket).getPublicUrl(path).
   * Errors: 22023 a missing slug; PT404 no published centre with these slugs.
   * Example: supabase.rpc('centre_public_page', { tenant_slug: 'northside-health', centre_slug: 'camden' }, { get: true })
   */
  select private.centre_public_page(centre_public_page.tenant_slug, centre_public_page.centre_slug, pg_catalog.now())
$$;
comment on function public.centre_public_page(text, text) is
  'A published centre''s whole public page (profile, departments, clinicians with public fields, reviews and next free slot, services with prices, opening hours) in one read-only call, for anyone.';
revoke execute on function public.centre_public_page(text, text) from public, anon, authenticated, service_role;
grant execute on function public.centre_public_page(text, text) to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- directory search
-- ---------------------------------------------------------------------------------------------
create function private.search_directory(
  p_query text, p_language text, p_tenant_id uuid, p_centre_id uuid,
  p_latitude double precision, p_longitude double precision, p_within_km double precision, p_max_rows integer)
returns table (
  tenant_id uuid, tenant_name text, tenant_slug text, centre_id uuid, centre_name text, centre_slug text, city text,
  clinician_id uuid, display_name text, title text, specialisations text[], languages text[], photo_path text,
  departments text[], review_count bigint, average_rating numeric, distance_km double precision, score real)
language plpgsql
stable
security definer
set search_path = ''
set jit = off
as $$
/**
 * Implementation of public.search_directory (see there for the contract). Public rules applied
 * explicitly: active tenants, published active centres, public active clinicians working there,
 * public active services, published departments, published reviews.
 */
declare
  v_query text := pg_catalog.lower(pg_catalog.btrim(p_query));
  v_pattern text;
  v_dlat double precision;
  v_dlon double precision;
begin
  if v_query = '' then
    v_query := null;
  end if;
  if pg_catalog.char_length(v_query) > 100 then
    raise exception using errcode = '22023', message = 'the search text is longer than 100 characters',
      hint = 'Search for a name, specialisation, department or service.';
  end if;
  if p_language is not null and p_language !~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' then
    raise exception using errcode = '22023', message = 'language must be a BCP 47 tag such as en or pt-BR',
      hint = 'Pass a language tag, e.g. hi.';
  end if;
  if (p_latitude is null) <> (p_longitude is null) or p_latitude not between -90 and 90 or p_longitude not between -180 and 180 then
    raise exception using errcode = '22023', message = 'latitude and longitude go together, within -90..90 and -180..180',
      hint = 'Pass both coordinates of the point (WGS 84 degrees), or neither.';
  end if;
  if p_within_km is not null and (p_latitude is null or p_within_km <= 0 or p_within_km > 1000) then
    raise exception using errcode = '22023', message = 'within_km needs a point and must be above 0 and at most 1000',
      hint = 'Pass latitude and longitude with within_km.';
  end if;
  if p_max_rows is null or p_max_rows not between 1 and 100 then
    raise exception using errcode = '22023', message = 'max_rows must be between 1 and 100',
      hint = 'Ask for at most 100 results.';
  end if;

  v_pattern := '%' || pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(v_query, '\', '\\'), '%', '\%'), '_', '\_') || '%';
  if p_within_km is not null then
    v_dlat := p_within_km / 111.19;
    v_dlon := case when pg_catalog.abs(p_latitude) + v_dlat >= 89 then 180
                   else p_within_km / (111.19 * pg_catalog.cos(pg_catalog.radians(pg_catalog.abs(p_latitude) + v_dlat))) end;
  end if;

  return query
  with text_match as materialized (
    -- (tenant, clinician, centre or null for any, score): the profile, a department, a service
    select c.tenant_id, c.id as clinician_id, null::uuid as centre_id,
           extensions.word_similarity(v_query, private.clinician_search_text(c.display_name, c.title, c.specialisations)) as score
    from public.clinicians as c
    where v_query is not null and c.is_public and c.is_active
      and (private.clinician_search_text(c.display_name, c.title, c.specialisations) like v_pattern
           or v_query operator(extensions.<%) private.clinician_search_text(c.display_name, c.title, c.specialisations))
      and (p_tenant_id is null or c.tenant_id = p_tenant_id)
    union all
    select dc.tenant_id, dc.clinician_id, d.centre_id, extensions.word_similarity(v_query, pg_catalog.lower(d.name))
    from public.departments as d
    join public.department_clinicians as dc on dc.tenant_id = d.tenant_id and dc.department_id = d.id
    where v_query is not null and d.is_published
      and (pg_catalog.lower(d.name) like v_pattern or v_query operator(extensions.<%) pg_catalog.lower(d.name))
      and (p_tenant_id is null or d.tenant_id = p_tenant_id)
    union all
    select cs.tenant_id, cs.clinician_id, null::uuid, extensions.word_similarity(v_query, pg_catalog.lower(s.name))
    from public.services as s
    join public.clinician_services as cs on cs.tenant_id = s.tenant_id and cs.service_id = s.id
    where v_query is not null and s.is_public and s.is_active
      and (pg_catalog.lower(s.name) like v_pattern or v_query operator(extensions.<%) pg_catalog.lower(s.name))
      and (p_tenant_id is null or s.tenant_id = p_tenant_id)
  ),
  near as materialized (
    -- published centres inside the latitude/longitude box around the point (index on coordinates)
    select c.tenant_id, c.id
    from public.centres as c
    where p_within_km is not null and c.is_published and c.is_active and c.latitude is not null
      and c.latitude between p_latitude - v_dlat and p_latitude + v_dlat
      and (v_dlon >= 180 or c.longitude between p_longitude - v_dlon and p_longitude + v_dlon
           or c.longitude not between -180 + v_dlon and 180 - v_dlon)
  ),
  hit as (
    -- (tenant, clinician, centre) with the best text score there
    select cc.tenant_id, cc.clinician_id, cc.centre_id, pg_catalog.max(m.score) as score
    from text_match as m
    join public.clinician_centres as cc
      on cc.tenant_id = m.tenant_id and cc.clinician_id = m.clinician_id and (m.centre_id is null or m.centre_id = cc.centre_id)
    where v_query is not null
      and (p_centre_id is null or cc.centre_id = p_centre_id)
      and (p_within_km is null or (cc.tenant_id, cc.centre_id) in (select n.tenant_id, n.id from near as n))
    group by cc.tenant_id, cc.clinician_id, cc.centre_id
    union all
    select cc.tenant_id, cc.clinician_id, cc.centre_id, null
    from public.clinician_centres as cc
    where v_query is null
      and (p_tenant_id is null or cc.tenant_id = p_tenant_id)
      and (p_centre_id is null or cc.centre_id = p_centre_id)
      and (p_within_km is null or (cc.tenant_id, cc.centre_id) in (select n.tenant_id, n.id from near as n))
  )
  select t.id, t.name::text, t.slug::text, ce.id, ce.name::text, ce.slug::text, ce.city::text,
         c.id, c.display_name::text, c.title::text, c.specialisations::text[], c.languages::text[], c.photo_path,
         coalesce((select pg_catalog.array_agg(d.name::text order by d.display_order, d.name)
                   from public.department_clinicians as dc
                   join public.departments as d on d.tenant_id = dc.tenant_id and d.id = dc.department_id
                   where dc.tenant_id = c.tenant_id and dc.clinician_id = c.id and d.centre_id = ce.id and d.is_published), '{}'),
         coalesce(ra.review_count, 0), ra.average_rating,
         case when p_latitude is not null and ce.latitude is not null
              then private.distance_km(p_latitude, p_longitude, ce.latitude::double precision, ce.longitude::double precision) end as distance,
         coalesce(h.score, 0)::real
  from hit as h
  join public.clinicians as c on c.tenant_id = h.tenant_id and c.id = h.clinician_id and c.is_public and c.is_active
  join public.centres as ce on ce.tenant_id = h.tenant_id and ce.id = h.centre_id and ce.is_published and ce.is_active
  join public.tenants as t on t.id = h.tenant_id and t.is_active
  left join lateral (
    select pg_catalog.count(*) as review_count, pg_catalog.round(pg_catalog.avg(r.rating), 2) as average_rating
    from public.reviews as r
    where r.tenant_id = c.tenant_id and r.clinician_id = c.id and r.status = 'published'
  ) as ra on true
  where (p_language is null or exists (
          select 1 from pg_catalog.unnest(c.languages) as l(tag)
          where l.tag::text = p_language or l.tag::text like p_language || '-%'))
    and (p_within_km is null
         or private.distance_km(p_latitude, p_longitude, ce.latitude::double precision, ce.longitude::double precision) <= p_within_km)
  order by coalesce(h.score, 0) desc,
           case when p_latitude is not null then
             private.distance_km(p_latitude, p_longitude, ce.latitude::double precision, ce.longitude::double precision) end asc nulls last,
           ra.average_rating desc nulls last, c.display_name, c.id, ce.id
  limit p_max_rows;
end
$$;
comment on function private.search_directory(text, text, uuid, uuid, double precision, double precision, double precision, integer) is
  'Implementation of public.search_directory (security definer: reviews and the public rules are read for everyone alike).';
revoke execute on function private.search_directory(text, text, uuid, uuid, double precision, double precision, double precision, integer) from public, anon, authenticated, service_role;
grant execute on function private.search_directory(text, text, uuid, uuid, double precision, double precision, double precision, integer) to anon, authenticated, service_role;

create function public.search_directory(
  query text default null, language text default null, tenant_id uuid default null, centre_id uuid default null,
  latitude double precision default null, longitude double precision default null, within_km double precision default null,
  max_rows integer default 20)
returns table (
  tenant_id uuid, tenant_name text, tenant_slug text, centre_id uuid, centre_name text, centre_slug text, city text,
  clinician_id uuid, display_name text, title text, specialisations text[], languages text[], photo_path text,
  departments text[], review_count bigint, average_rating numeric, distance_km double precision, score real)
language sql
stable
set search_path = ''
as $$
  /**
   * The public directory: listed clinicians at published centres, one row per clinician and
   * centre, for anyone.
   *
   * Parameters (all optional):
   *   query      text matched against the clinician's name, title and specialisations, the names
   *              of the departments listing them at that centre and of the public services they
   *              offer - substring or close spelling (trigram word similarity); at most 100 chars
   *   language   BCP 47 tag the clinician speaks (en also finds en-GB)
   *   tenant_id  one clinic group; centre_id one centre
   *   latitude, longitude  a point: results carry distance_km and nearer ranks first among equals
   *   within_km  only centres within this distance of the point (0-1000)
   *   max_rows   1-100 (default 20)
   * Ranked by text score (1 = exact), then distance, then average rating, then name.
   * Errors: 22023 for a bad argument (see the hints).
   * Example: supabase.rpc('search_directory', { query: 'cardio', language: 'hi', latitude: 51.54,
   *            longitude: -0.14, within_km: 10 }, { get: true })
   */
  select * from private.search_directory(search_directory.query, search_directory.language, search_directory.tenant_id,
    search_directory.centre_id, search_directory.latitude, search_directory.longitude, search_directory.within_km,
    search_directory.max_rows)
$$;
comment on function public.search_directory(text, text, uuid, uuid, double precision, double precision, double precision, integer) is
  'Directory search for visitors: listed clinicians at published centres by text (name, specialisation, department, service), language, clinic, centre and distance from a point, ranked; with their rating.';
revoke execute on function public.search_directory(text, text, uuid, uuid, double precision, double precision, double precision, integer) from public, anon, authenticated, service_role;
grant execute on function public.search_directory(text, text, uuid, uuid, double precision, double precision, double precision, integer) to anon, authenticated, service_role;

-- How a search text becomes a LIKE pattern (the text anywhere, its %, _ and \ taken literally)
-- and how many results one page may ask for (1 to 100) are written once, private.contains_pattern
-- and private.assert_page_size, and used by the directory, product, patient and review searches.

create function private.contains_pattern(p_text text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * A LIKE / ILIKE pattern that matches the text anywhere, with the text's own %, _ and \ taken
   * literally (escaped with the default escape character \). Null for null.
   * Example: select private.contains_pattern('50%_off');  -- '%50\%\_off%'
   */
  select '%' || pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(p_text, '\', '\\'), '%', '\%'), '_', '\_') || '%'
$$;
comment on function private.contains_pattern(text) is
  'Search: a LIKE/ILIKE pattern matching the text anywhere, its %, _ and \ taken literally.';
revoke execute on function private.contains_pattern(text) from public, anon, authenticated, service_role;
grant execute on function private.contains_pattern(text) to authenticated, service_role;

create function private.assert_page_size(p_max_rows integer, p_hint text)
returns void
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
/**
 * A page of search results holds 1 to 100 rows: 22023 otherwise, with the caller's hint (how to
 * ask for more: narrow the search, or page on).
 * Example: perform private.assert_page_size(p_max_rows, 'Ask for at most 100 results.');
 */
begin
  if p_max_rows is null or p_max_rows not between 1 and 100 then
    raise exception using errcode = '22023', message = 'max_rows must be between 1 and 100', hint = p_hint;
  end if;
end
$$;
comment on function private.assert_page_size(integer, text) is
  'Search: refuses a page size outside 1..100 (22023, with the caller''s hint).';
revoke execute on function private.assert_page_size(integer, text) from public, anon, authenticated, service_role;
grant execute on function private.assert_page_size(integer, text) to authenticated, service_role;

create or replace function private.search_directory(
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
set timezone to 'UTC'
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
  perform private.assert_page_size(p_max_rows, 'Ask for at most 100 results.');

  v_pattern := private.contains_pattern(v_query);
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

create or replace function private.search_products(
  p_query text, p_tenant_id uuid, p_centre_id uuid, p_category text, p_requires_prescription boolean, p_max_rows integer)
returns table (
  tenant_id uuid, product_id uuid, name text, category text, description text, price numeric, currency text,
  requires_prescription boolean, image_paths text[], availability jsonb, score real)
language plpgsql
stable
security definer
set search_path = ''
set jit = off
set timezone to 'UTC'
as $$
/**
 * Implementation of public.search_products (see there). Published products of active tenants
 * offered at published, active centres; availability lists only such centres.
 */
declare
  v_query text := pg_catalog.lower(pg_catalog.btrim(p_query));
  v_pattern text;
begin
  if v_query = '' then
    v_query := null;
  end if;
  if pg_catalog.char_length(v_query) > 100 or pg_catalog.char_length(p_category) > 100 then
    raise exception using errcode = '22023', message = 'the search text and category are at most 100 characters',
      hint = 'Search for a product name or category.';
  end if;
  perform private.assert_page_size(p_max_rows, 'Ask for at most 100 results.');
  v_pattern := private.contains_pattern(v_query);

  return query
  select p.tenant_id, p.id, p.name::text, p.category::text, p.description, p.price, p.currency::text,
         p.requires_prescription, p.image_paths, av.availability,
         coalesce(extensions.word_similarity(v_query, private.product_search_text(p.name, p.category)), 0)::real as score
  from public.products as p
  join public.tenants as t on t.id = p.tenant_id and t.is_active
  cross join lateral (
    select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
             'centre_id', c.id, 'centre_name', c.name, 'centre_slug', c.slug, 'stock_status', pc.stock_status)
           order by c.name, c.id) as availability
    from public.product_centres as pc
    join public.centres as c on c.tenant_id = pc.tenant_id and c.id = pc.centre_id and c.is_published and c.is_active
    where pc.tenant_id = p.tenant_id and pc.product_id = p.id
      and (p_centre_id is null or pc.centre_id = p_centre_id)
  ) as av
  where p.is_published
    and av.availability is not null
    and (p_tenant_id is null or p.tenant_id = p_tenant_id)
    and (p_category is null or pg_catalog.lower(p.category) = pg_catalog.lower(pg_catalog.btrim(p_category)))
    and (p_requires_prescription is null or p.requires_prescription = p_requires_prescription)
    and (v_query is null
         or private.product_search_text(p.name, p.category) like v_pattern
         or v_query operator(extensions.<%) private.product_search_text(p.name, p.category))
  order by score desc, p.name, p.tenant_id, p.id
  limit p_max_rows;
end
$$;
comment on function private.search_products(text, uuid, uuid, text, boolean, integer) is
  'Implementation of public.search_products (security definer: the public catalogue rules applied alike for everyone).';
revoke execute on function private.search_products(text, uuid, uuid, text, boolean, integer) from public, anon, authenticated, service_role;
grant execute on function private.search_products(text, uuid, uuid, text, boolean, integer) to anon, authenticated, service_role;

create or replace function public.search_patients(tenant_id uuid, query text, max_rows integer default 20)
returns table (
  patient_id uuid, full_name text, phone text, email text, date_of_birth date,
  registered_centre_id uuid, user_id uuid, score real)
language plpgsql
stable
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * Front-desk search: the patients of a clinic whose name, phone or e-mail contains the query
 * (or is spelled close to it), best match first - among the patients the caller may read (the
 * patients policy decides: tenant-wide staff all, centre-scoped staff those of their centres, a
 * clinician those in their care, a patient their own record).
 *
 * Parameters:
 *   tenant_id  the clinic
 *   query      at least 3 characters: part of a name ("pat", "sam pa"; a close spelling when
 *              nothing contains it), of
 *              a phone number in any format ("07700 900", "+44 7700" - only its digits count, a
 *              leading 0 is dropped, matched exactly) or of an e-mail ("@example.test"); at most
 *              100 characters
 *   max_rows   1-100 (default 20)
 * Returns: patient_id, full_name, phone, email, date_of_birth, registered_centre_id, user_id,
 *   score (trigram word similarity, 1 = exact): the records containing the query, by score, then
 *   name; when none does, the records spelled close to it.
 * Errors: 22023 missing tenant, a query shorter than 3 or longer than 100 characters, max_rows
 *   outside 1-100.
 * Example: supabase.rpc('search_patients', { tenant_id, query: '7700 900' }, { get: true })
 */
declare
  v_query text := pg_catalog.lower(pg_catalog.btrim(query));
  v_pattern text;
  v_digits_only boolean := false;
  v_found integer;
begin
  if search_patients.tenant_id is null then
    raise exception using errcode = '22023', message = 'tenant_id is required', hint = 'Pass the clinic''s id.';
  end if;
  if v_query is null or pg_catalog.char_length(v_query) < 3 or pg_catalog.char_length(v_query) > 100 then
    raise exception using errcode = '22023', message = 'the search needs 3 to 100 characters',
      hint = 'Type at least three letters of the name, digits of the phone number or characters of the e-mail.';
  end if;
  perform private.assert_page_size(max_rows, 'Ask for at most 100 patients.');
  if v_query ~ '^[+0-9 ()./-]+$' and v_query ~ '[0-9]{3}' then
    -- a phone number: its digits, without a national trunk prefix, matched exactly (numbers
    -- that merely look alike are other people's)
    v_query := pg_catalog.ltrim(pg_catalog.regexp_replace(v_query, '[^0-9]', '', 'g'), '0');
    v_digits_only := true;
    if pg_catalog.char_length(v_query) < 3 then
      raise exception using errcode = '22023', message = 'the search needs 3 to 100 characters',
        hint = 'Type at least three digits of the phone number.';
    end if;
  end if;
  v_pattern := private.contains_pattern(v_query);

  -- what the front desk typed, as a substring; close spellings only when nothing contains it
  return query
  with hit as (
    select p.id, p.full_name::text as full_name, p.phone::text as phone, p.email::text as email, p.date_of_birth,
           p.registered_centre_id, p.user_id,
           pg_catalog.lower((p.full_name)::text || ' ' || coalesce(pg_catalog.ltrim((p.phone)::text, '+'), '') || ' ' || coalesce((p.email)::text, '')) as text
    from public.patients as p
    where p.tenant_id = search_patients.tenant_id
      and pg_catalog.lower((p.full_name)::text || ' ' || coalesce(pg_catalog.ltrim((p.phone)::text, '+'), '') || ' ' || coalesce((p.email)::text, '')) like v_pattern
  )
  select h.id, h.full_name, h.phone, h.email, h.date_of_birth, h.registered_centre_id, h.user_id,
         extensions.word_similarity(v_query, h.text)::real
  from hit as h
  order by 8 desc, 2, 1
  limit max_rows;
  get diagnostics v_found = row_count;
  if v_found = 0 and not v_digits_only then
    return query
    select p.id, p.full_name::text, p.phone::text, p.email::text, p.date_of_birth, p.registered_centre_id, p.user_id,
           extensions.word_similarity(v_query,
             pg_catalog.lower((p.full_name)::text || ' ' || coalesce(pg_catalog.ltrim((p.phone)::text, '+'), '') || ' ' || coalesce((p.email)::text, '')))::real
    from public.patients as p
    where p.tenant_id = search_patients.tenant_id
      and v_query operator(extensions.<%)
          pg_catalog.lower((p.full_name)::text || ' ' || coalesce(pg_catalog.ltrim((p.phone)::text, '+'), '') || ' ' || coalesce((p.email)::text, ''))
    order by 8 desc, 2, 1
    limit max_rows;
  end if;
end
$$;
comment on function public.search_patients(uuid, text, integer) is
  'Front-desk search: patients of a clinic by part of the name, phone (any format) or e-mail, best match first, among the patients the caller may read (security invoker: the patients policy decides).';
revoke execute on function public.search_patients(uuid, text, integer) from public, anon, authenticated, service_role;
grant execute on function public.search_patients(uuid, text, integer) to authenticated, service_role;

create or replace function private.clinician_reviews(p_clinician_id uuid, p_max_rows integer, p_before timestamptz)
returns table (review_id uuid, rating smallint, body text, created_at timestamptz, edited_at timestamptz)
language plpgsql
stable
security definer
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * Published reviews of a clinician the caller may see (public and active for the public; any
 * of their own clinic for staff), newest first, without anything that identifies the patient.
 * Errors: 22023 max_rows outside 1-100; PT404 clinician not found or not listed.
 */
declare
  v_tenant_id uuid;
begin
  perform private.assert_page_size(p_max_rows, 'Page with before = the created_at of the last review shown.');
  select c.tenant_id into v_tenant_id
  from public.clinicians as c
  join public.tenants as t on t.id = c.tenant_id
  where c.id = p_clinician_id
    and ((c.is_public and c.is_active and t.is_active) or c.tenant_id in (select private.member_tenant_ids()));
  if not found then
    raise exception using errcode = 'PT404', message = 'clinician not found',
      hint = 'Check the clinician id; only listed clinicians have public reviews.';
  end if;
  return query
    select r.id, r.rating, r.body, r.created_at, r.edited_at
    from public.reviews as r
    where r.tenant_id = v_tenant_id and r.clinician_id = p_clinician_id and r.status = 'published'
      and (p_before is null or r.created_at < p_before)
    order by r.created_at desc, r.id
    limit p_max_rows;
end
$$;
comment on function private.clinician_reviews(uuid, integer, timestamptz) is
  'Implementation of public.clinician_reviews (security definer: visitors do not read the reviews table, which holds patient ids).';
revoke execute on function private.clinician_reviews(uuid, integer, timestamptz) from public, anon, authenticated, service_role;
grant execute on function private.clinician_reviews(uuid, integer, timestamptz) to anon, authenticated, service_role;

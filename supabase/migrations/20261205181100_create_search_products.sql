-- Product search for visitors (docs/profile.md#products): the published catalogue of published
-- centres, by text (name and category, substring or close spelling), clinic, centre, category
-- and prescription flag, ranked like the directory. Read-only (GET-able); the same answer for
-- every caller: the public rules of the products and product_centres policies
-- (private.public_product_keys) applied explicitly.

create function private.product_search_text(name text, category text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * The text of a product the catalogue search matches a query against: name and category,
   * lower-case.
   * Example: select private.product_search_text('Paracetamol 500 mg tablets', 'Pain relief');
   */
  select pg_catalog.lower(pg_catalog.concat_ws(' ', name, category))
$$;
comment on function private.product_search_text(text, text) is
  'Product search: the lower-case text of a product (name, category); indexed with trigrams.';
revoke execute on function private.product_search_text(text, text) from public, anon, authenticated, service_role;
grant execute on function private.product_search_text(text, text) to authenticated, service_role;

create index products_search_text_trgm_idx on public.products
  using gin (tenant_id, private.product_search_text(name, category) extensions.gin_trgm_ops)
  where is_published;
comment on index public.products_search_text_trgm_idx is 'Product search: trigrams of published products'' name and category, per tenant.';

create function private.search_products(
  p_query text, p_tenant_id uuid, p_centre_id uuid, p_category text, p_requires_prescription boolean, p_max_rows integer)
returns table (
  tenant_id uuid, product_id uuid, name text, category text, description text, price numeric, currency text,
  requires_prescription boolean, image_paths text[], availability jsonb, score real)
language plpgsql
stable
security definer
set search_path = ''
set jit = off
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
  if p_max_rows is null or p_max_rows not between 1 and 100 then
    raise exception using errcode = '22023', message = 'max_rows must be between 1 and 100',
      hint = 'Ask for at most 100 results.';
  end if;
  v_pattern := '%' || pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(v_query, '\', '\\'), '%', '\%'), '_', '\_') || '%';

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

create function public.search_products(
  query text default null, tenant_id uuid default null, centre_id uuid default null, category text default null,
  requires_prescription boolean default null, max_rows integer default 20)
returns table (
  tenant_id uuid, product_id uuid, name text, category text, description text, price numeric, currency text,
  requires_prescription boolean, image_paths text[], availability jsonb, score real)
language sql
stable
set search_path = ''
as $$
  /**
   * The public product / pharmacy catalogue: published products offered at published centres.
   * Parameters (all optional): query (name or category, substring or close spelling; at most
   * 100 characters), tenant_id, centre_id, category (exact, case-insensitive),
   * requires_prescription, max_rows (1-100, default 20).
   * Each row: the product, its price and currency, image_paths (tenant-branding objects) and
   * availability [{centre_id, centre_name, centre_slug, stock_status}]. Ranked by text score,
   * then name.
   * Errors: 22023 for a bad argument.
   * Example: supabase.rpc('search_products', { query: 'paracetamol', tenant_id }, { get: true })
   */
  select * from private.search_products(search_products.query, search_products.tenant_id, search_products.centre_id,
    search_products.category, search_products.requires_prescription, search_products.max_rows)
$$;
comment on function public.search_products(text, uuid, uuid, text, boolean, integer) is
  'Product search for visitors: published products of published centres by text, clinic, centre, category and prescription flag, ranked, with their availability per centre.';
revoke execute on function public.search_products(text, uuid, uuid, text, boolean, integer) from public, anon, authenticated, service_role;
grant execute on function public.search_products(text, uuid, uuid, text, boolean, integer) to anon, authenticated, service_role;

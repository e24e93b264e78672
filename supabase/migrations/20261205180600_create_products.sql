-- The product / pharmacy catalogue (docs/profile.md#products): what a clinic sells (medicines,
-- supplies, packages), per tenant, and where each product is available with its stock status.
--
--   public.products          tenant_id, id, name, category, description, price, currency,
--                            requires_prescription, image_paths (Storage), sku, is_published
--   public.product_centres   a product offered at a centre, with its stock_status
--
-- Visitors see a product when it is published, its tenant active and it is offered at a published,
-- active centre; they see its availability at such centres only (private.public_product_keys).
-- Practice managers write products; those who manage a centre (practice managers, its centre
-- manager) write what it offers and the stock status. Orders are not part of the schema yet: an
-- order line will reference products (tenant_id, id), which is why products are retired with
-- is_published = false rather than deleted once sold, and why the price is copied to the order.

create type public.product_stock_status as enum ('in_stock', 'low_stock', 'out_of_stock', 'on_order');
comment on type public.product_stock_status is
  'Stock of a product at a centre: in_stock, low_stock, out_of_stock or on_order (expected back).';

create function private.are_valid_product_images(paths text[], tenant_id uuid, product_id uuid)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * True when every entry of `paths` is an object name in this product's folder of
   * tenant-branding (private.storage_path_belongs_to), there are at most 10 and none is null.
   * Example: select private.are_valid_product_images(array['<tenant>/products/<product>/front.jpg'], :tenant, :product);
   */
  select pg_catalog.cardinality(paths) <= 10
    and pg_catalog.array_position(paths, null) is null
    and not exists (
      select 1 from pg_catalog.unnest(paths) as p(path)
      where not private.storage_path_belongs_to('tenant-branding', p.path, tenant_id, 'products', product_id))
$$;
comment on function private.are_valid_product_images(text[], uuid, uuid) is
  'True when product image paths are at most 10 object names in the product''s folder of tenant-branding. Used by products_image_paths_in_own_folder.';
revoke execute on function private.are_valid_product_images(text[], uuid, uuid) from public, anon, authenticated, service_role;
grant execute on function private.are_valid_product_images(text[], uuid, uuid) to authenticated, service_role;

create table public.products (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  name public.non_empty_text not null,
  category public.non_empty_text not null,
  description text null,
  price numeric(12, 2) not null,
  currency public.currency_code not null,
  requires_prescription boolean not null default false,
  image_paths text[] not null default '{}',
  sku text null,
  is_published boolean not null default false,
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint products_pkey primary key (tenant_id, id),
  constraint products_tenant_id_sku_key unique (tenant_id, sku),
  constraint products_tenant_id_fkey foreign key (tenant_id) references public.tenants (id) on delete restrict,
  constraint products_name_length check (pg_catalog.char_length(name) <= 200),
  constraint products_category_length check (pg_catalog.char_length(category) <= 100),
  constraint products_description_length check (pg_catalog.char_length(description) <= 4000),
  constraint products_price_non_negative check (price >= 0),
  constraint products_sku_format check (sku ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
  constraint products_image_paths_in_own_folder check (private.are_valid_product_images(image_paths, tenant_id, id))
);
alter table public.products enable row level security;
comment on table public.products is
  'A product a clinic or its pharmacy sells (medicine, supply, package). Public when published and offered at a published centre of an active tenant; written by practice managers. Retire sold products with is_published = false (order lines will reference them).';
comment on column public.products.tenant_id is 'Tenant selling it.';
comment on column public.products.id is 'Product id (unique within the tenant); what an order line will reference.';
comment on column public.products.name is 'Display name, e.g. Paracetamol 500 mg tablets (at most 200 characters).';
comment on column public.products.category is 'Category for browsing, e.g. Pain relief, Skin care (at most 100 characters).';
comment on column public.products.description is 'Description for the website (at most 4000 characters).';
comment on column public.products.price is 'Price of one unit, >= 0, in currency.';
comment on column public.products.currency is 'ISO 4217 currency of the price.';
comment on column public.products.requires_prescription is 'True when it is sold only against a prescription (the website shows it, no online checkout).';
comment on column public.products.image_paths is 'Product photos: object names in the public bucket tenant-branding, <tenant_id>/products/<product_id>/<file> (at most 10; the first is the main image).';
comment on column public.products.sku is 'Stock keeping unit, unique within the tenant (optional; 1-64 letters, digits, . _ -).';
comment on column public.products.is_published is 'True when visitors may see it (at centres that offer it and are published).';
comment on column public.products.created_at is 'When the product was created.';
comment on column public.products.updated_at is 'When the product was last changed (maintained by trigger).';
comment on constraint products_tenant_id_sku_key on public.products is 'A SKU is unique within its tenant.';
comment on constraint products_tenant_id_fkey on public.products is 'A product belongs to a tenant.';
comment on constraint products_name_length on public.products is 'Product names are at most 200 characters.';
comment on constraint products_category_length on public.products is 'Categories are at most 100 characters.';
comment on constraint products_description_length on public.products is 'Descriptions are at most 4000 characters.';
comment on constraint products_price_non_negative on public.products is 'Prices are zero or positive.';
comment on constraint products_sku_format on public.products is 'SKUs are 1-64 letters, digits, dots, underscores or hyphens.';
comment on constraint products_image_paths_in_own_folder on public.products is 'Product photos lie in this product''s folder of tenant-branding (at most 10).';

create trigger set_updated_at before update on public.products
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.products is 'Keeps updated_at current.';
create trigger refuse_key_change before update of tenant_id, id on public.products
  for each row execute function private.refuse_key_change('tenant_id', 'id');
comment on trigger refuse_key_change on public.products is 'Keys never change (PT422); upserts may send them unchanged.';

create table public.product_centres (
  tenant_id uuid not null,
  product_id uuid not null,
  centre_id uuid not null,
  stock_status public.product_stock_status not null default 'in_stock',
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint product_centres_pkey primary key (tenant_id, product_id, centre_id),
  constraint product_centres_tenant_id_product_id_fkey foreign key (tenant_id, product_id) references public.products (tenant_id, id) on delete cascade,
  constraint product_centres_tenant_id_centre_id_fkey foreign key (tenant_id, centre_id) references public.centres (tenant_id, id) on delete cascade
);
alter table public.product_centres enable row level security;
comment on table public.product_centres is
  'A product offered at a centre, with its stock status. Visitors see it for published products at published, active centres; written by practice managers and the centre''s centre manager.';
comment on column public.product_centres.tenant_id is 'Tenant of the product and the centre.';
comment on column public.product_centres.product_id is 'The product.';
comment on column public.product_centres.centre_id is 'Where it is offered.';
comment on column public.product_centres.stock_status is 'in_stock, low_stock, out_of_stock or on_order.';
comment on column public.product_centres.created_at is 'When the centre started offering it.';
comment on column public.product_centres.updated_at is 'When the stock status last changed (maintained by trigger).';
comment on constraint product_centres_tenant_id_product_id_fkey on public.product_centres is 'Same-tenant product; deleting it removes its availability.';
comment on constraint product_centres_tenant_id_centre_id_fkey on public.product_centres is 'Same-tenant centre; deleting the centre removes what it offered.';
create index product_centres_tenant_id_centre_id_idx on public.product_centres (tenant_id, centre_id);
comment on index public.product_centres_tenant_id_centre_id_idx is 'What a centre offers (product search by centre; the centre foreign key).';
create trigger set_updated_at before update on public.product_centres
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.product_centres is 'Keeps updated_at current.';
create trigger refuse_key_change before update of tenant_id, product_id, centre_id on public.product_centres
  for each row execute function private.refuse_key_change('tenant_id', 'product_id', 'centre_id');
comment on trigger refuse_key_change on public.product_centres is 'Keys never change (PT422); upserts may send them unchanged.';

create function private.public_product_keys()
returns table (tenant_id uuid, product_id uuid)
language sql
stable
security definer
set search_path = ''
as $$
  /**
   * RLS helper (security definer: the products and product_centres policies refer to each
   * other's rule without recursing through each other's policies; returns keys only): the
   * published products of active tenants that are offered at a published, active centre.
   * Example: select * from private.public_product_keys();
   */
  select distinct p.tenant_id, p.id
  from public.products as p
  join public.tenants as t on t.id = p.tenant_id and t.is_active
  join public.product_centres as pc on pc.tenant_id = p.tenant_id and pc.product_id = p.id
  join public.centres as c on c.tenant_id = pc.tenant_id and c.id = pc.centre_id and c.is_published and c.is_active
  where p.is_published
$$;
comment on function private.public_product_keys() is
  'RLS helper (security definer, returns keys): published products of active tenants offered at a published, active centre - what visitors may see of the catalogue.';
revoke execute on function private.public_product_keys() from public, anon, authenticated, service_role;
grant execute on function private.public_product_keys() to anon, authenticated;

create policy products_select_anon on public.products for select to anon
  using ((tenant_id, id) in (select k.tenant_id, k.product_id from private.public_product_keys() as k));
comment on policy products_select_anon on public.products is
  'Visitors see published products of active tenants offered at a published, active centre.';
create policy products_select_authenticated on public.products for select to authenticated
  using (
    (tenant_id, id) in (select k.tenant_id, k.product_id from private.public_product_keys() as k)
    or tenant_id in (select private.member_tenant_ids())
  );
comment on policy products_select_authenticated on public.products is
  'Signed-in users see what visitors see; staff see every product of their tenant.';
create policy products_insert_authenticated on public.products for insert to authenticated
  with check (tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles())));
comment on policy products_insert_authenticated on public.products is
  'Practice managers (owners, admins, managers) add products to their tenant''s catalogue.';
create policy products_update_authenticated on public.products for update to authenticated
  using (tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles())))
  with check (tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles())));
comment on policy products_update_authenticated on public.products is
  'Practice managers edit, publish and retire their tenant''s products.';
create policy products_delete_authenticated on public.products for delete to authenticated
  using (tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles())));
comment on policy products_delete_authenticated on public.products is
  'Practice managers delete products (prefer is_published = false once a product was sold).';

create policy product_centres_select_anon on public.product_centres for select to anon
  using (
    (tenant_id, product_id) in (select k.tenant_id, k.product_id from private.public_product_keys() as k)
    and (tenant_id, centre_id) in (select c.tenant_id, c.id from public.centres as c where c.is_published and c.is_active)
  );
comment on policy product_centres_select_anon on public.product_centres is
  'Visitors see where published products are offered, at published, active centres only.';
create policy product_centres_select_authenticated on public.product_centres for select to authenticated
  using (
    ((tenant_id, product_id) in (select k.tenant_id, k.product_id from private.public_product_keys() as k)
     and (tenant_id, centre_id) in (select c.tenant_id, c.id from public.centres as c where c.is_published and c.is_active))
    or tenant_id in (select private.member_tenant_ids())
  );
comment on policy product_centres_select_authenticated on public.product_centres is
  'Signed-in users see what visitors see; staff see every centre''s offer of their tenant.';
create policy product_centres_insert_authenticated on public.product_centres for insert to authenticated
  with check ((tenant_id, centre_id) in (
    select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k));
comment on policy product_centres_insert_authenticated on public.product_centres is
  'Practice managers offer products at any centre of their tenant; a centre manager at their centre.';
create policy product_centres_update_authenticated on public.product_centres for update to authenticated
  using ((tenant_id, centre_id) in (
    select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k))
  with check ((tenant_id, centre_id) in (
    select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k));
comment on policy product_centres_update_authenticated on public.product_centres is
  'Practice managers update stock at any centre of their tenant; a centre manager at their centre.';
create policy product_centres_delete_authenticated on public.product_centres for delete to authenticated
  using ((tenant_id, centre_id) in (
    select k.tenant_id, k.centre_id from private.centre_keys_with_role(private.centre_manager_roles()) as k));
comment on policy product_centres_delete_authenticated on public.product_centres is
  'Practice managers stop offering products at any centre of their tenant; a centre manager at their centre.';

revoke all on table public.products, public.product_centres from anon, authenticated, service_role;
grant select on table public.products, public.product_centres to anon, authenticated;
grant insert (tenant_id, id, name, category, description, price, currency, requires_prescription, image_paths, sku, is_published),
      update (tenant_id, id, name, category, description, price, currency, requires_prescription, image_paths, sku, is_published)
  on table public.products to authenticated;
grant insert (tenant_id, product_id, centre_id, stock_status), update (tenant_id, product_id, centre_id, stock_status)
  on table public.product_centres to authenticated;
grant delete on table public.products, public.product_centres to authenticated;
grant select, insert, update, delete on table public.products, public.product_centres to service_role;

create trigger audit_changes after insert or update or delete on public.products
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.products is 'Every change is recorded in the audit log (who, when, before/after).';
create trigger audit_changes after insert or update or delete on public.product_centres
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.product_centres is 'Every change is recorded in the audit log (who, when, before/after).';

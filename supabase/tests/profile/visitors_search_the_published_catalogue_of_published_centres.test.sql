-- public.search_products: published products of active tenants offered at published, active
-- centres, by text (name, category; close spelling too), clinic, centre, category and
-- prescription flag, with their availability at published centres only; staff manage the
-- catalogue in the tables (access matrix).
begin;
select plan(8);

-- SETUP
select tests.create_tenancy_fixtures();
insert into public.products (tenant_id, id, name, category, price, currency, requires_prescription, is_published) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('prod_para'), 'Paracetamol 500 mg', 'Pain relief', 1.20, 'GBP', false, true),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('prod_ibu'), 'Ibuprofen 200 mg', 'Pain relief', 2.10, 'GBP', false, true),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('prod_pill'), 'Contraceptive pill', 'Contraception', 9.90, 'GBP', true, true),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('prod_draft'), 'Paracetamol syrup', 'Pain relief', 3.00, 'GBP', false, false),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('prod_back'), 'Paracetamol 1 g', 'Pain relief', 4.00, 'GBP', false, true),
  (tests.tenancy_id('tenant_c'), tests.tenancy_id('prod_gamma'), 'Paracetamol Gamma', 'Pain relief', 1.00, 'EUR', false, true);
insert into public.product_centres (tenant_id, product_id, centre_id, stock_status) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('prod_para'), tests.tenancy_id('centre_a1'), 'in_stock'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('prod_para'), tests.tenancy_id('centre_a_unpublished'), 'in_stock'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('prod_ibu'), tests.tenancy_id('centre_a2'), 'low_stock'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('prod_pill'), tests.tenancy_id('centre_a1'), 'on_order'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('prod_draft'), tests.tenancy_id('centre_a1'), 'in_stock'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('prod_back'), tests.tenancy_id('centre_a_unpublished'), 'in_stock'),
  (tests.tenancy_id('tenant_c'), tests.tenancy_id('prod_gamma'), tests.tenancy_id('centre_c1'), 'in_stock');
select tests.clear_authentication();

-- TEST
select results_eq(
  $$ select name from public.search_products('paracetamol') where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values ('Paracetamol 500 mg') $$,
  'published products offered at a published centre of an active tenant (not the draft, not one offered only at an unpublished centre, not an inactive tenant''s)');
select results_eq(
  $$ select a ->> 'centre_slug', a ->> 'stock_status' from public.search_products('paracetamol', tenant_id => tests.tenancy_id('tenant_a')) as p,
       jsonb_array_elements(p.availability) as a $$,
  $$ values ('central', 'in_stock') $$, 'availability lists published centres only');
select results_eq($$ select name from public.search_products('paracetmol', tenant_id => tests.tenancy_id('tenant_a')) $$,
  $$ values ('Paracetamol 500 mg') $$, 'a misspelling still finds it');
select results_eq($$ select name from public.search_products(category => 'pain RELIEF', tenant_id => tests.tenancy_id('tenant_a')) $$,
  $$ values ('Ibuprofen 200 mg'), ('Paracetamol 500 mg') $$, 'by category, case-insensitive');
select results_eq($$ select name from public.search_products(tenant_id => tests.tenancy_id('tenant_a'), centre_id => tests.tenancy_id('centre_a2')) $$,
  $$ values ('Ibuprofen 200 mg') $$, 'by centre');
select results_eq($$ select name, price::text from public.search_products(tenant_id => tests.tenancy_id('tenant_a'), requires_prescription => true) $$,
  $$ values ('Contraceptive pill', '9.90') $$, 'prescription-only products, with their price');
select results_eq($$ select name::text from public.products where tenant_id = tests.tenancy_id('tenant_a') order by name $$,
  $$ values ('Contraceptive pill'), ('Ibuprofen 200 mg'), ('Paracetamol 500 mg') $$, 'the table shows visitors the same products');
select throws_ok($$ select * from public.search_products(max_rows => 0) $$, '22023', 'max_rows must be between 1 and 100', 'bounded');

select * from finish();
rollback;

-- The clinic-presence columns follow the bound classes of every other column a client sets
-- (every_value_a_client_sets_is_bounded.test.sql): object names follow the storage layout (file
-- names of at most 200 characters), websites
-- at most 300 characters, social links name known networks, coordinates and product prices are
-- numbers; each refusal is 23514 and changes nothing.
begin;
select plan(9);

-- SETUP: the storage fixtures of tenant_a and one of its products
select tests.create_storage_fixtures();
insert into public.products (tenant_id, id, name, category, price, currency) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('bounded_product'), 'Paracetamol 500 mg', 'Pain relief', 1.20, 'GBP');

-- TEST: object names
select lives_ok(pg_catalog.format($$ update public.clinicians set photo_path = %L where id = %L $$,
  tests.storage_name('{tenant_a}/{clinician_a}/') || pg_catalog.repeat('p', 200), tests.tenancy_id('clinician_a')),
  'a file name of exactly 200 characters is accepted');
select throws_ok(pg_catalog.format($$ update public.clinicians set photo_path = %L where id = %L $$,
  tests.storage_name('{tenant_a}/{clinician_a}/') || pg_catalog.repeat('p', 201), tests.tenancy_id('clinician_a')),
  '23514', 'new row for relation "clinicians" violates check constraint "clinicians_photo_path_in_own_folder"',
  'a file name of 201 characters in its own folder is refused');
select throws_ok(pg_catalog.format($$ update public.products set image_paths = array[%L] where id = %L $$,
  tests.storage_name('{tenant_a}/products/{bounded_product}/') || pg_catalog.repeat('x', 100000), tests.tenancy_id('bounded_product')),
  '23514', 'new row for relation "products" violates check constraint "products_image_paths_in_own_folder"',
  'a 100,000-character product image name is refused');

-- TEST: websites and social links
select throws_ok(pg_catalog.format($$ update public.centres set website_url = %L where id = %L $$,
  'https://example.org/' || pg_catalog.repeat('a', 281), tests.tenancy_id('centre_a1')),
  '23514', 'new row for relation "centres" violates check constraint "centres_website_url_valid"',
  'a website of 301 characters is refused');
select throws_ok(pg_catalog.format($$ update public.tenants set social_links = %L where id = %L $$,
  pg_catalog.jsonb_build_object('myspace', 'https://myspace.com/x'), tests.tenancy_id('tenant_a')),
  '23514', 'new row for relation "tenants" violates check constraint "tenants_social_links_valid"',
  'a social link to an unknown network is refused');

-- TEST: numbers
select throws_ok($$ update public.centres set latitude = 'NaN', longitude = 0 where id = tests.tenancy_id('centre_a1') $$,
  '23514', null, 'a NaN latitude is refused');
select throws_ok($$ update public.products set price = 'NaN' where id = tests.tenancy_id('bounded_product') $$,
  '23514', 'new row for relation "products" violates check constraint "products_price_fits_currency"',
  'a NaN product price is refused (it passed price >= 0)');
select throws_ok($$ update public.products set currency = 'JPY', price = 10.50 where id = tests.tenancy_id('bounded_product') $$,
  '23514', 'new row for relation "products" violates check constraint "products_price_fits_currency"',
  'a product price in yen has no decimals');

-- TEST: nothing changed
select is((select price::text || ' ' || currency || ' ' || pg_catalog.cardinality(image_paths)
           from public.products where id = tests.tenancy_id('bounded_product')),
  '1.20 GBP 0', 'the refused updates changed nothing');

select * from finish();
rollback;

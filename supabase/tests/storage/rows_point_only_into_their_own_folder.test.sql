-- Rows that point at Storage objects can only point into their own tenant's and their own row's
-- folder (the *_path checks call private.storage_path_belongs_to); together with the object
-- policies, no row of one tenant can reference a file of another.
begin;
select plan(14);

-- TEST: every column that holds an object name is checked
select is_empty(
  $$ select c.relname, a.attname
     from pg_catalog.pg_attribute as a
     join pg_catalog.pg_class as c on c.oid = a.attrelid
     join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
       and a.attname ~ '_paths?$'
       and not exists (
         select 1 from pg_catalog.pg_constraint as k
         where k.conrelid = c.oid and k.contype = 'c' and a.attnum = any (k.conkey)
           and pg_catalog.pg_get_constraintdef(k.oid) ~ 'private\.(storage_path_belongs_to|are_valid_product_images)\(') $$,
  'every *_path / *_paths column of public has a check with private.storage_path_belongs_to');

-- SETUP
select tests.create_storage_fixtures();

-- TEST: own folders are accepted
select lives_ok(pg_catalog.format($$ update public.clinicians set photo_path = %L where id = %L $$,
  tests.storage_name('{tenant_a}/{clinician_a}/portrait.jpg'), tests.tenancy_id('clinician_a')), 'a clinician points at a photo in their folder');
select lives_ok(pg_catalog.format($$ update public.tenants set logo_path = %L where id = %L $$,
  tests.storage_name('{tenant_a}/logo.png'), tests.tenancy_id('tenant_a')), 'a tenant points at its logo');
select lives_ok(pg_catalog.format($$ update public.centres set cover_image_path = %L where id = %L $$,
  tests.storage_name('{tenant_a}/centres/{centre_a1}/cover.jpg'), tests.tenancy_id('centre_a1')), 'a centre points at its cover');

-- TEST: other folders are refused
select throws_ok(pg_catalog.format($$ update public.clinicians set photo_path = %L where id = %L $$,
  tests.storage_name('{tenant_b}/{clinician_b}/portrait.jpg'), tests.tenancy_id('clinician_a')), '23514', null,
  'a clinician cannot point at another tenant''s photo');
select throws_ok(pg_catalog.format($$ update public.clinicians set photo_path = %L where id = %L $$,
  tests.storage_name('{tenant_a}/{clinician_a_2}/me.jpg'), tests.tenancy_id('clinician_a')), '23514', null,
  'nor at a colleague''s photo');
select throws_ok(pg_catalog.format($$ update public.clinicians set photo_path = %L where id = %L $$,
  tests.storage_name('{tenant_a}/{clinician_a}/../{clinician_a_2}/me.jpg'), tests.tenancy_id('clinician_a')), '23514', null,
  'nor through a traversal name');
select throws_ok(pg_catalog.format($$ update public.tenants set logo_path = %L where id = %L $$,
  tests.storage_name('{tenant_b}/logo.png'), tests.tenancy_id('tenant_a')), '23514', null,
  'a tenant cannot point at another tenant''s logo');
select throws_ok(pg_catalog.format($$ update public.tenants set cover_image_path = %L where id = %L $$,
  tests.storage_name('{tenant_a}/centres/{centre_a1}/cover.jpg'), tests.tenancy_id('tenant_a')), '23514', null,
  'nor at a centre''s image as its own cover');
select throws_ok(pg_catalog.format($$ update public.centres set logo_path = %L where id = %L $$,
  tests.storage_name('{tenant_a}/centres/{centre_a2}/cover.jpg'), tests.tenancy_id('centre_a1')), '23514', null,
  'a centre cannot point into another centre''s folder');
select throws_ok(pg_catalog.format($$ insert into public.clinician_credentials (tenant_id, clinician_id, kind, title, certificate_path) values (%L, %L, 'certificate', 'BLS', %L) $$,
  tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.storage_name('{tenant_a}/{clinician_a}/registration.pdf')), '23514', null,
  'a credential cannot point at another clinician''s certificate');
select throws_ok(pg_catalog.format($$ insert into public.patient_documents (tenant_id, patient_id, object_path, title) values (%L, %L, %L, 'Letter') $$,
  tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a_2'), tests.storage_name('{tenant_a}/{patient_a}/referral.pdf')), '23514', null,
  'a patient document cannot point at another patient''s file');
select throws_ok(pg_catalog.format($$ update public.products set image_paths = array[%L] where id = %L $$,
  tests.storage_name('{tenant_a}/logo.png'), tests.tenancy_id('prod_a')), '23514', null,
  'a product cannot use the tenant''s logo folder');
select lives_ok(pg_catalog.format($$ update public.products set image_paths = array[%L] where id = %L $$,
  tests.storage_name('{tenant_a}/products/{prod_a}/front.jpg'), tests.tenancy_id('prod_a')), 'a product points at its photo');

select * from finish();
rollback;

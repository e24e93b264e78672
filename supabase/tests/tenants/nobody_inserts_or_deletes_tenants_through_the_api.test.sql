-- tenants x insert/delete, every role: no API role except service_role may insert or delete a
-- tenant (no grant: 42501); tenants are created with public.create_tenant() and retired with
-- is_active = false.
begin;
select plan(22);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: insert
select tests.clear_authentication();
select throws_ok($$ insert into public.tenants (name, slug, timezone, currency, locale) values ('X', 'x-anon', 'UTC', 'GBP', 'en') $$,
  '42501', 'permission denied for table tenants', 'anon cannot insert a tenant');
reset role;
select tests.authenticate_as('patient');
select throws_ok($$ insert into public.tenants (name, slug, timezone, currency, locale) values ('X', 'x-patient', 'UTC', 'GBP', 'en') $$,
  '42501', 'permission denied for table tenants', 'a patient cannot insert a tenant');
reset role;
select tests.authenticate_as('a_owner');
select throws_ok($$ insert into public.tenants (name, slug, timezone, currency, locale) values ('X', 'x-owner', 'UTC', 'GBP', 'en') $$,
  '42501', 'permission denied for table tenants', 'an owner cannot insert a tenant directly');
reset role;
select tests.authenticate_as('a_admin');
select throws_ok($$ insert into public.tenants (name, slug, timezone, currency, locale) values ('X', 'x-admin', 'UTC', 'GBP', 'en') $$,
  '42501', 'permission denied for table tenants', 'an admin cannot insert a tenant');
reset role;
select tests.authenticate_as('a_manager');
select throws_ok($$ insert into public.tenants (name, slug, timezone, currency, locale) values ('X', 'x-m', 'UTC', 'GBP', 'en') $$,
  '42501', 'permission denied for table tenants', 'a manager cannot insert a tenant');
reset role;
select tests.authenticate_as('a_centre_manager');
select throws_ok($$ insert into public.tenants (name, slug, timezone, currency, locale) values ('X', 'x-cm', 'UTC', 'GBP', 'en') $$,
  '42501', 'permission denied for table tenants', 'a centre manager cannot insert a tenant');
reset role;
select tests.authenticate_as('a_clinician');
select throws_ok($$ insert into public.tenants (name, slug, timezone, currency, locale) values ('X', 'x-c', 'UTC', 'GBP', 'en') $$,
  '42501', 'permission denied for table tenants', 'a clinician cannot insert a tenant');
reset role;
select tests.authenticate_as('a_care_coordinator');
select throws_ok($$ insert into public.tenants (name, slug, timezone, currency, locale) values ('X', 'x-cc', 'UTC', 'GBP', 'en') $$,
  '42501', 'permission denied for table tenants', 'a care coordinator cannot insert a tenant');
reset role;
select tests.authenticate_as('a_front_desk');
select throws_ok($$ insert into public.tenants (name, slug, timezone, currency, locale) values ('X', 'x-fd', 'UTC', 'GBP', 'en') $$,
  '42501', 'permission denied for table tenants', 'front desk cannot insert a tenant');
reset role;
select tests.authenticate_as('b_owner');
select throws_ok($$ insert into public.tenants (name, slug, timezone, currency, locale) values ('X', 'x-b', 'UTC', 'GBP', 'en') $$,
  '42501', 'permission denied for table tenants', 'staff of another tenant cannot insert a tenant');
reset role;
select tests.authenticate_as_service_role();
select lives_ok($$ insert into public.tenants (name, slug, timezone, currency, locale) values ('Ops Clinic', 'x-service', 'UTC', 'GBP', 'en') $$,
  'service_role inserts a tenant (platform operations)');
reset role;

-- TEST: delete
select tests.clear_authentication();
select throws_ok($$ delete from public.tenants where id = tests.tenancy_id('tenant_a') $$, '42501', 'permission denied for table tenants', 'anon cannot delete a tenant');
reset role;
select tests.authenticate_as('patient');
select throws_ok($$ delete from public.tenants where id = tests.tenancy_id('tenant_a') $$, '42501', 'permission denied for table tenants', 'a patient cannot delete a tenant');
reset role;
select tests.authenticate_as('a_owner');
select throws_ok($$ delete from public.tenants where id = tests.tenancy_id('tenant_a') $$, '42501', 'permission denied for table tenants', 'an owner cannot delete their tenant');
reset role;
select tests.authenticate_as('a_admin');
select throws_ok($$ delete from public.tenants where id = tests.tenancy_id('tenant_a') $$, '42501', 'permission denied for table tenants', 'an admin cannot delete their tenant');
reset role;
select tests.authenticate_as('a_manager');
select throws_ok($$ delete from public.tenants where id = tests.tenancy_id('tenant_a') $$, '42501', 'permission denied for table tenants', 'a manager cannot delete a tenant');
reset role;
select tests.authenticate_as('a_centre_manager');
select throws_ok($$ delete from public.tenants where id = tests.tenancy_id('tenant_a') $$, '42501', 'permission denied for table tenants', 'a centre manager cannot delete a tenant');
reset role;
select tests.authenticate_as('a_clinician');
select throws_ok($$ delete from public.tenants where id = tests.tenancy_id('tenant_a') $$, '42501', 'permission denied for table tenants', 'a clinician cannot delete a tenant');
reset role;
select tests.authenticate_as('a_care_coordinator');
select throws_ok($$ delete from public.tenants where id = tests.tenancy_id('tenant_a') $$, '42501', 'permission denied for table tenants', 'a care coordinator cannot delete a tenant');
reset role;
select tests.authenticate_as('a_front_desk');
select throws_ok($$ delete from public.tenants where id = tests.tenancy_id('tenant_a') $$, '42501', 'permission denied for table tenants', 'front desk cannot delete a tenant');
reset role;
select tests.authenticate_as('b_owner');
select throws_ok($$ delete from public.tenants where id = tests.tenancy_id('tenant_a') $$, '42501', 'permission denied for table tenants', 'staff of another tenant cannot delete a tenant');
reset role;
select tests.authenticate_as_service_role();
select results_eq($$ delete from public.tenants where slug = 'x-service' returning slug::text $$, $$ values ('x-service') $$,
  'service_role deletes a tenant that has no data');
reset role;

select * from finish();
rollback;

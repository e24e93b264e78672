-- Owners, admins and managers create services in their tenant.
begin;
select plan(5);

-- SETUP
select tests.create_catalogue_fixtures();

-- TEST
select tests.authenticate_as('a_owner');
select lives_ok($$ insert into public.services (tenant_id, name, duration_minutes, price) values (tests.tenancy_id('tenant_a'), 'By a_owner', 30, 50) $$, 'the owner of tenant A creates a service');
select tests.authenticate_as('a_admin');
select lives_ok($$ insert into public.services (tenant_id, name, duration_minutes, price) values (tests.tenancy_id('tenant_a'), 'By a_admin', 30, 50) $$, 'an admin of tenant A creates a service');
select tests.authenticate_as('a_manager');
select lives_ok($$ insert into public.services (tenant_id, name, duration_minutes, price) values (tests.tenancy_id('tenant_a'), 'By a_manager', 30, 50) $$, 'a manager of tenant A creates a service');
reset role;
select is((select count(*)::integer from public.services where name like 'By a\_%'), 3, 'the three services exist');
select is((select currency::text from public.services where name = 'By a_owner'), 'GBP', 'a service created without a currency takes its tenant''s');

select * from finish();
rollback;

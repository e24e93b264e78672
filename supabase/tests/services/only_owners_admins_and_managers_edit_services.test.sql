-- Owners, admins and managers edit the services of their tenant; everyone else signed in changes
-- zero rows (RLS), also staff of a suspended tenant. tenant_id and id are not updatable.
begin;
select plan(14);

-- SETUP
select tests.create_catalogue_fixtures();

-- TEST: allowed
select tests.authenticate_as('a_owner');
select isnt_empty($$ update public.services set price = 99 where id = tests.tenancy_id('service_a_consult') returning 1 $$, 'the owner of tenant A edits a service of tenant A');
select tests.authenticate_as('a_admin');
select isnt_empty($$ update public.services set price = 99 where id = tests.tenancy_id('service_a_consult') returning 1 $$, 'an admin of tenant A edits a service of tenant A');
select tests.authenticate_as('a_manager');
select isnt_empty($$ update public.services set price = 99 where id = tests.tenancy_id('service_a_consult') returning 1 $$, 'a manager of tenant A edits a service of tenant A');

-- TEST: refused (zero rows)
select tests.authenticate_as('a_centre_manager');
select is_empty($$ update public.services set price = 1 where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'a centre manager of tenant A (centre A1) changes no service of tenant A');
select tests.authenticate_as('a_clinician');
select is_empty($$ update public.services set price = 1 where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'a clinician of tenant A changes no service of tenant A');
select tests.authenticate_as('a_care_coordinator');
select is_empty($$ update public.services set price = 1 where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'a care coordinator of tenant A changes no service of tenant A');
select tests.authenticate_as('a_front_desk');
select is_empty($$ update public.services set price = 1 where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'the front desk of tenant A changes no service of tenant A');
select tests.authenticate_as('patient');
select is_empty($$ update public.services set price = 1 where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'a patient (of tenants A and B) changes no service of tenant A');
select tests.authenticate_as('b_owner');
select is_empty($$ update public.services set price = 1 where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'the owner of tenant B changes no service of tenant A');
select tests.authenticate_as('c_owner');
select is_empty($$ update public.services set price = 1 where tenant_id = tests.tenancy_id('tenant_c') returning 1 $$, 'the owner of the inactive tenant C changes no service of C');
select tests.authenticate_as('a_owner');
select throws_ok($$ update public.services set tenant_id = tests.tenancy_id('tenant_b') where id = tests.tenancy_id('service_a_consult') $$,
  'PT422', 'services.tenant_id cannot be changed', 'nobody moves a service to another tenant (keys never change)');
reset role;
select is((select array_agg(distinct price::text) from public.services where tenant_id = tests.tenancy_id('tenant_a') and id <> tests.tenancy_id('service_a_consult')), (select array_agg(distinct price::text) from (values ('0.00'), ('40.00'), ('60.00'), ('150.00')) as v (price)), 'the other services of tenant A are unchanged');
select is((select price from public.services where id = tests.tenancy_id('service_a_consult')), 99.00, 'the edited price is stored');
select is((select price from public.services where id = tests.tenancy_id('service_c_consult')), 70.00, 'the service of the inactive tenant is unchanged');

select * from finish();
rollback;

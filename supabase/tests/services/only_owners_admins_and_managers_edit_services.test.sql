-- Owners, admins and managers edit the services of their tenant; everyone else signed in changes
-- zero rows (RLS), also staff of a suspended tenant. tenant_id and id are not updatable.
begin;
select plan(14);

-- SETUP
select tests.create_catalogue_fixtures();

-- TEST: allowed
select is(
  tests.attempt_as(m.who, $$ update public.services set price = 99 where id = tests.tenancy_id('service_a_consult') returning 1 $$),
  '1 row',
  m.description)
from (values
  ('a_owner', 'the owner of tenant A edits a service of tenant A'),
  ('a_admin', 'an admin of tenant A edits a service of tenant A'),
  ('a_manager', 'a manager of tenant A edits a service of tenant A')
) as m(who, description);

-- TEST: refused (zero rows)
select is(
  tests.attempt_as(m.who, format($$ update public.services set price = 1 where tenant_id = tests.tenancy_id(%L) returning 1 $$, m.tenant)),
  '0 rows',
  m.description)
from (values
  ('a_centre_manager', 'tenant_a', 'a centre manager of tenant A (centre A1) changes no service of tenant A'),
  ('a_clinician', 'tenant_a', 'a clinician of tenant A changes no service of tenant A'),
  ('a_care_coordinator', 'tenant_a', 'a care coordinator of tenant A changes no service of tenant A'),
  ('a_front_desk', 'tenant_a', 'the front desk of tenant A changes no service of tenant A'),
  ('patient', 'tenant_a', 'a patient (of tenants A and B) changes no service of tenant A'),
  ('b_owner', 'tenant_a', 'the owner of tenant B changes no service of tenant A'),
  ('c_owner', 'tenant_c', 'the owner of the inactive tenant C changes no service of C')
) as m(who, tenant, description);

select tests.authenticate_as('a_owner');
select throws_ok($$ update public.services set tenant_id = tests.tenancy_id('tenant_b') where id = tests.tenancy_id('service_a_consult') $$,
  'PT422', 'services.tenant_id cannot be changed', 'nobody moves a service to another tenant (keys never change)');
reset role;
select is((select array_agg(distinct price::text) from public.services where tenant_id = tests.tenancy_id('tenant_a') and id <> tests.tenancy_id('service_a_consult')), (select array_agg(distinct price::text) from (values ('0.00'), ('40.00'), ('60.00'), ('150.00')) as v (price)), 'the other services of tenant A are unchanged');
select is((select price from public.services where id = tests.tenancy_id('service_a_consult')), 99.00, 'the edited price is stored');
select is((select price from public.services where id = tests.tenancy_id('service_c_consult')), 70.00, 'the service of the inactive tenant is unchanged');

select * from finish();
rollback;

-- Owners, admins and managers delete services of their tenant (their clinician_services go with
-- them); everyone else signed in deletes zero rows, also staff of a suspended tenant.
begin;
select plan(12);

-- SETUP
select tests.create_catalogue_fixtures();

-- TEST: refused (zero rows)
select is(
  tests.attempt_as(m.who, format($$ delete from public.services where tenant_id = tests.tenancy_id(%L) returning 1 $$, m.tenant)),
  '0 rows',
  m.description)
from (values
  ('a_centre_manager', 'tenant_a', 'a centre manager of tenant A (centre A1) deletes no service of tenant A'),
  ('a_clinician', 'tenant_a', 'a clinician of tenant A deletes no service of tenant A'),
  ('a_care_coordinator', 'tenant_a', 'a care coordinator of tenant A deletes no service of tenant A'),
  ('a_front_desk', 'tenant_a', 'the front desk of tenant A deletes no service of tenant A'),
  ('patient', 'tenant_a', 'a patient (of tenants A and B) deletes no service of tenant A'),
  ('b_owner', 'tenant_a', 'the owner of tenant B deletes no service of tenant A'),
  ('c_owner', 'tenant_c', 'the owner of the inactive tenant C deletes no service of C')
) as m(who, tenant, description);

-- TEST: allowed
select is(
  tests.attempt_as(m.who, format($$ delete from public.services where id = tests.tenancy_id(%L) returning 1 $$, m.service)),
  '1 row',
  m.description)
from (values
  ('a_owner', 'service_a_retired', 'the owner of tenant A deletes a service of tenant A'),
  ('a_admin', 'service_a_internal', 'an admin of tenant A deletes a service of tenant A'),
  ('a_manager', 'service_a_video', 'a manager of tenant A deletes a service of tenant A')
) as m(who, service, description);

select set_eq(
  $$ select id from public.services where tenant_id = any (tests.tenancy_tenant_ids()) and tenant_id = tests.tenancy_id('tenant_a') $$,
  $$ values (tests.tenancy_id('service_a_consult')), (tests.tenancy_id('service_a_scan')) $$,
  'exactly the three deleted services are gone');
select is((select count(*)::integer from public.clinician_services where service_id = tests.tenancy_id('service_a_internal')), 0, 'deleting a service removes who offered it');

select * from finish();
rollback;

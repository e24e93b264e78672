-- Centre managers, clinicians (also for themselves), care coordinators, front desk, patients and
-- staff of another or a suspended tenant cannot change clinician_services: inserts fail the policy
-- (42501), updates and deletes change zero rows.
begin;
select plan(23);

-- SETUP
select tests.create_catalogue_fixtures();

-- TEST: insert refused (42501)
select is(
  tests.attempt_as(m.who, format(
    $$ insert into public.clinician_services (tenant_id, clinician_id, service_id) values (tests.tenancy_id(%L), tests.tenancy_id(%L), tests.tenancy_id(%L)) $$,
    m.tenant, m.clinician, m.service)),
  m.expected,
  m.description)
from (values
  ('a_centre_manager', 'tenant_a', 'clinician_a', 'service_a_video', '42501: new row violates row-level security policy for table "clinician_services"', 'a centre manager of tenant A (centre A1) cannot make a clinician of tenant A offer a service'),
  ('a_clinician', 'tenant_a', 'clinician_a', 'service_a_video', '42501: new row violates row-level security policy for table "clinician_services"', 'a clinician of tenant A cannot make a clinician of tenant A offer a service'),
  ('a_care_coordinator', 'tenant_a', 'clinician_a', 'service_a_video', '42501: new row violates row-level security policy for table "clinician_services"', 'a care coordinator of tenant A cannot make a clinician of tenant A offer a service'),
  ('a_front_desk', 'tenant_a', 'clinician_a', 'service_a_video', '42501: new row violates row-level security policy for table "clinician_services"', 'the front desk of tenant A cannot make a clinician of tenant A offer a service'),
  ('patient', 'tenant_a', 'clinician_a', 'service_a_video', '42501: new row violates row-level security policy for table "clinician_services"', 'a patient (of tenants A and B) cannot make a clinician of tenant A offer a service'),
  ('b_owner', 'tenant_a', 'clinician_a', 'service_a_video', '42501: new row violates row-level security policy for table "clinician_services"', 'the owner of tenant B cannot make a clinician of tenant A offer a service'),
  ('c_owner', 'tenant_c', 'clinician_c', 'service_c_consult_2', '42501: new row violates row-level security policy for table "clinician_services"', 'the owner of the inactive tenant C cannot make a clinician of C offer a service')
) as m(who, tenant, clinician, service, expected, description);

-- TEST: update and delete change zero rows
with statements(command, statement) as (values
  ('update', $$ update public.clinician_services set price_override = 1 where tenant_id = tests.tenancy_id(%L) returning 1 $$),
  ('delete', $$ delete from public.clinician_services where tenant_id = tests.tenancy_id(%L) returning 1 $$))
select is(
  tests.attempt_as(m.who, format((select s.statement from statements as s where s.command = m.command), m.tenant)),
  '0 rows',
  m.description)
from (values
  ('a_centre_manager', 'update', 'tenant_a', 'a centre manager of tenant A (centre A1) changes no override in tenant A'),
  ('a_centre_manager', 'delete', 'tenant_a', 'a centre manager of tenant A (centre A1) removes no pairing of tenant A'),
  ('a_clinician', 'update', 'tenant_a', 'a clinician of tenant A changes no override in tenant A'),
  ('a_clinician', 'delete', 'tenant_a', 'a clinician of tenant A removes no pairing of tenant A'),
  ('a_care_coordinator', 'update', 'tenant_a', 'a care coordinator of tenant A changes no override in tenant A'),
  ('a_care_coordinator', 'delete', 'tenant_a', 'a care coordinator of tenant A removes no pairing of tenant A'),
  ('a_front_desk', 'update', 'tenant_a', 'the front desk of tenant A changes no override in tenant A'),
  ('a_front_desk', 'delete', 'tenant_a', 'the front desk of tenant A removes no pairing of tenant A'),
  ('patient', 'update', 'tenant_a', 'a patient (of tenants A and B) changes no override in tenant A'),
  ('patient', 'delete', 'tenant_a', 'a patient (of tenants A and B) removes no pairing of tenant A'),
  ('b_owner', 'update', 'tenant_a', 'the owner of tenant B changes no override in tenant A'),
  ('b_owner', 'delete', 'tenant_a', 'the owner of tenant B removes no pairing of tenant A'),
  ('c_owner', 'update', 'tenant_c', 'the owner of the inactive tenant C changes no override of C'),
  ('c_owner', 'delete', 'tenant_c', 'the owner of the inactive tenant C removes no pairing of C')
) as m(who, command, tenant, description);

select set_eq(
  $$ select clinician_id, service_id from public.clinician_services where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('clinician_a'), tests.tenancy_id('service_a_consult')), (tests.tenancy_id('clinician_a'), tests.tenancy_id('service_a_internal')), (tests.tenancy_id('clinician_a_2'), tests.tenancy_id('service_a_consult')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('service_a_scan')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('service_a_retired')), (tests.tenancy_id('clinician_a_retired'), tests.tenancy_id('service_a_consult')), (tests.tenancy_id('clinician_b'), tests.tenancy_id('service_b_consult')), (tests.tenancy_id('clinician_c'), tests.tenancy_id('service_c_consult')) $$,
  'every pairing is still there');
select is((select count(*)::integer from public.clinician_services where price_override = 1), 0, 'no override was changed');

select * from finish();
rollback;

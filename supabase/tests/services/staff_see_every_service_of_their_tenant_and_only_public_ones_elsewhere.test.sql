-- Staff of a tenant (any active member, any role or scope) see every service of their tenant,
-- unlisted and retired ones too; of other tenants only the public ones. Staff of a suspended tenant
-- keep read access.
begin;
select plan(10);

-- SETUP
select tests.create_catalogue_fixtures();

-- TEST: every role of tenant A
select tests.authenticate_as('a_owner');
select set_eq(
  $$ select id from public.services where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('service_a_consult')), (tests.tenancy_id('service_a_scan')), (tests.tenancy_id('service_a_video')), (tests.tenancy_id('service_a_internal')), (tests.tenancy_id('service_a_retired')), (tests.tenancy_id('service_b_consult')) $$,
  'the owner of tenant A sees every service of A (unlisted and retired too) and B''s public ones');
select tests.authenticate_as('a_admin');
select set_eq(
  $$ select id from public.services where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('service_a_consult')), (tests.tenancy_id('service_a_scan')), (tests.tenancy_id('service_a_video')), (tests.tenancy_id('service_a_internal')), (tests.tenancy_id('service_a_retired')), (tests.tenancy_id('service_b_consult')) $$,
  'an admin of tenant A sees every service of A (unlisted and retired too) and B''s public ones');
select tests.authenticate_as('a_manager');
select set_eq(
  $$ select id from public.services where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('service_a_consult')), (tests.tenancy_id('service_a_scan')), (tests.tenancy_id('service_a_video')), (tests.tenancy_id('service_a_internal')), (tests.tenancy_id('service_a_retired')), (tests.tenancy_id('service_b_consult')) $$,
  'a manager of tenant A sees every service of A (unlisted and retired too) and B''s public ones');
select tests.authenticate_as('a_centre_manager');
select set_eq(
  $$ select id from public.services where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('service_a_consult')), (tests.tenancy_id('service_a_scan')), (tests.tenancy_id('service_a_video')), (tests.tenancy_id('service_a_internal')), (tests.tenancy_id('service_a_retired')), (tests.tenancy_id('service_b_consult')) $$,
  'a centre manager of tenant A (centre A1) sees every service of A (unlisted and retired too) and B''s public ones');
select tests.authenticate_as('a_clinician');
select set_eq(
  $$ select id from public.services where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('service_a_consult')), (tests.tenancy_id('service_a_scan')), (tests.tenancy_id('service_a_video')), (tests.tenancy_id('service_a_internal')), (tests.tenancy_id('service_a_retired')), (tests.tenancy_id('service_b_consult')) $$,
  'a clinician of tenant A sees every service of A (unlisted and retired too) and B''s public ones');
select tests.authenticate_as('a_clinician_2');
select set_eq(
  $$ select id from public.services where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('service_a_consult')), (tests.tenancy_id('service_a_scan')), (tests.tenancy_id('service_a_video')), (tests.tenancy_id('service_a_internal')), (tests.tenancy_id('service_a_retired')), (tests.tenancy_id('service_b_consult')) $$,
  'a centre-scoped clinician of tenant A sees every service of A (unlisted and retired too) and B''s public ones');
select tests.authenticate_as('a_care_coordinator');
select set_eq(
  $$ select id from public.services where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('service_a_consult')), (tests.tenancy_id('service_a_scan')), (tests.tenancy_id('service_a_video')), (tests.tenancy_id('service_a_internal')), (tests.tenancy_id('service_a_retired')), (tests.tenancy_id('service_b_consult')) $$,
  'a care coordinator of tenant A sees every service of A (unlisted and retired too) and B''s public ones');
select tests.authenticate_as('a_front_desk');
select set_eq(
  $$ select id from public.services where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('service_a_consult')), (tests.tenancy_id('service_a_scan')), (tests.tenancy_id('service_a_video')), (tests.tenancy_id('service_a_internal')), (tests.tenancy_id('service_a_retired')), (tests.tenancy_id('service_b_consult')) $$,
  'the front desk of tenant A sees every service of A (unlisted and retired too) and B''s public ones');

-- TEST: other tenants
select tests.authenticate_as('b_owner');
select set_eq(
  $$ select id from public.services where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('service_a_consult')), (tests.tenancy_id('service_a_scan')), (tests.tenancy_id('service_a_video')), (tests.tenancy_id('service_b_consult')) $$,
  'the owner of tenant B sees B''s services and only the public ones of tenant A');
select tests.authenticate_as('c_owner');
select set_eq(
  $$ select id from public.services where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('service_a_consult')), (tests.tenancy_id('service_a_scan')), (tests.tenancy_id('service_a_video')), (tests.tenancy_id('service_b_consult')), (tests.tenancy_id('service_c_consult')) $$,
  'the owner of the inactive tenant C still reads C''s services');
reset role;

select * from finish();
rollback;

-- Staff of a tenant - any active member, any role, any centre scope - read every patient record
-- of that tenant; staff of another tenant read none of them, even for a person who is a patient
-- of both tenants.
begin;
select plan(10);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: every role of tenant A
select tests.authenticate_as('a_owner');
select results_eq(
  $$ select id from public.patients where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ select id from (values (tests.tenancy_id('patient_a')), (tests.tenancy_id('patient_a_2')), (tests.tenancy_id('patient_a_walk_in'))) as v (id) order by 1 $$,
  'the owner of tenant A sees every patient of A (with or without an account) and none of B');
select tests.authenticate_as('a_admin');
select results_eq(
  $$ select id from public.patients where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ select id from (values (tests.tenancy_id('patient_a')), (tests.tenancy_id('patient_a_2')), (tests.tenancy_id('patient_a_walk_in'))) as v (id) order by 1 $$,
  'an admin of tenant A sees every patient of A (with or without an account) and none of B');
select tests.authenticate_as('a_manager');
select results_eq(
  $$ select id from public.patients where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ select id from (values (tests.tenancy_id('patient_a')), (tests.tenancy_id('patient_a_2')), (tests.tenancy_id('patient_a_walk_in'))) as v (id) order by 1 $$,
  'a manager of tenant A sees every patient of A (with or without an account) and none of B');
select tests.authenticate_as('a_centre_manager');
select results_eq(
  $$ select id from public.patients where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ select id from (values (tests.tenancy_id('patient_a')), (tests.tenancy_id('patient_a_2')), (tests.tenancy_id('patient_a_walk_in'))) as v (id) order by 1 $$,
  'a centre manager (scoped to one centre) of tenant A sees every patient of A (with or without an account) and none of B');
select tests.authenticate_as('a_clinician');
select results_eq(
  $$ select id from public.patients where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ select id from (values (tests.tenancy_id('patient_a')), (tests.tenancy_id('patient_a_2')), (tests.tenancy_id('patient_a_walk_in'))) as v (id) order by 1 $$,
  'a clinician of tenant A sees every patient of A (with or without an account) and none of B');
select tests.authenticate_as('a_clinician_2');
select results_eq(
  $$ select id from public.patients where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ select id from (values (tests.tenancy_id('patient_a')), (tests.tenancy_id('patient_a_2')), (tests.tenancy_id('patient_a_walk_in'))) as v (id) order by 1 $$,
  'a centre-scoped clinician of tenant A sees every patient of A (with or without an account) and none of B');
select tests.authenticate_as('a_care_coordinator');
select results_eq(
  $$ select id from public.patients where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ select id from (values (tests.tenancy_id('patient_a')), (tests.tenancy_id('patient_a_2')), (tests.tenancy_id('patient_a_walk_in'))) as v (id) order by 1 $$,
  'a care coordinator of tenant A sees every patient of A (with or without an account) and none of B');
select tests.authenticate_as('a_front_desk');
select results_eq(
  $$ select id from public.patients where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ select id from (values (tests.tenancy_id('patient_a')), (tests.tenancy_id('patient_a_2')), (tests.tenancy_id('patient_a_walk_in'))) as v (id) order by 1 $$,
  'the front desk of tenant A sees every patient of A (with or without an account) and none of B');

-- TEST: staff of tenant B
select tests.authenticate_as('b_owner');
select results_eq(
  $$ select id from public.patients where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ select id from (values (tests.tenancy_id('patient_b'))) as v (id) order by 1 $$,
  'the owner of tenant B sees only B''s patient, not the same person''s record in tenant A');
select tests.authenticate_as('b_clinician');
select results_eq(
  $$ select id from public.patients where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ select id from (values (tests.tenancy_id('patient_b'))) as v (id) order by 1 $$,
  'a clinician of tenant B sees only B''s patient');

select * from finish();
rollback;

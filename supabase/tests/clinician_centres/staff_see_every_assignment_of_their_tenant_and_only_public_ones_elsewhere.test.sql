-- Staff of a tenant (any active member, any role or scope) see every clinician-to-centre
-- assignment of their tenant; of other tenants only the public ones.
begin;
select plan(9);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: every role of tenant A
select tests.authenticate_as('a_owner');
select results_eq(
  $$ select clinician_id, centre_id from public.clinician_centres where tenant_id = any (tests.tenancy_tenant_ids()) order by 1, 2 $$,
  $$ select clinician_id, centre_id from (values (tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1')), (tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a_unpublished')), (tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2')), (tests.tenancy_id('clinician_a_retired'), tests.tenancy_id('centre_a1')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a2')), (tests.tenancy_id('clinician_b'), tests.tenancy_id('centre_b1'))) as v (clinician_id, centre_id) order by 1, 2 $$,
  'the owner of tenant A sees every assignment of A (unpublished centre, unlisted and inactive clinicians too) and B''s public ones');
select tests.authenticate_as('a_admin');
select results_eq(
  $$ select clinician_id, centre_id from public.clinician_centres where tenant_id = any (tests.tenancy_tenant_ids()) order by 1, 2 $$,
  $$ select clinician_id, centre_id from (values (tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1')), (tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a_unpublished')), (tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2')), (tests.tenancy_id('clinician_a_retired'), tests.tenancy_id('centre_a1')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a2')), (tests.tenancy_id('clinician_b'), tests.tenancy_id('centre_b1'))) as v (clinician_id, centre_id) order by 1, 2 $$,
  'an admin of tenant A sees every assignment of A (unpublished centre, unlisted and inactive clinicians too) and B''s public ones');
select tests.authenticate_as('a_manager');
select results_eq(
  $$ select clinician_id, centre_id from public.clinician_centres where tenant_id = any (tests.tenancy_tenant_ids()) order by 1, 2 $$,
  $$ select clinician_id, centre_id from (values (tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1')), (tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a_unpublished')), (tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2')), (tests.tenancy_id('clinician_a_retired'), tests.tenancy_id('centre_a1')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a2')), (tests.tenancy_id('clinician_b'), tests.tenancy_id('centre_b1'))) as v (clinician_id, centre_id) order by 1, 2 $$,
  'a manager of tenant A sees every assignment of A (unpublished centre, unlisted and inactive clinicians too) and B''s public ones');
select tests.authenticate_as('a_centre_manager');
select results_eq(
  $$ select clinician_id, centre_id from public.clinician_centres where tenant_id = any (tests.tenancy_tenant_ids()) order by 1, 2 $$,
  $$ select clinician_id, centre_id from (values (tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1')), (tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a_unpublished')), (tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2')), (tests.tenancy_id('clinician_a_retired'), tests.tenancy_id('centre_a1')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a2')), (tests.tenancy_id('clinician_b'), tests.tenancy_id('centre_b1'))) as v (clinician_id, centre_id) order by 1, 2 $$,
  'a centre manager (scoped to one centre) of tenant A sees every assignment of A (unpublished centre, unlisted and inactive clinicians too) and B''s public ones');
select tests.authenticate_as('a_clinician');
select results_eq(
  $$ select clinician_id, centre_id from public.clinician_centres where tenant_id = any (tests.tenancy_tenant_ids()) order by 1, 2 $$,
  $$ select clinician_id, centre_id from (values (tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1')), (tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a_unpublished')), (tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2')), (tests.tenancy_id('clinician_a_retired'), tests.tenancy_id('centre_a1')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a2')), (tests.tenancy_id('clinician_b'), tests.tenancy_id('centre_b1'))) as v (clinician_id, centre_id) order by 1, 2 $$,
  'a clinician of tenant A sees every assignment of A (unpublished centre, unlisted and inactive clinicians too) and B''s public ones');
select tests.authenticate_as('a_clinician_2');
select results_eq(
  $$ select clinician_id, centre_id from public.clinician_centres where tenant_id = any (tests.tenancy_tenant_ids()) order by 1, 2 $$,
  $$ select clinician_id, centre_id from (values (tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1')), (tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a_unpublished')), (tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2')), (tests.tenancy_id('clinician_a_retired'), tests.tenancy_id('centre_a1')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a2')), (tests.tenancy_id('clinician_b'), tests.tenancy_id('centre_b1'))) as v (clinician_id, centre_id) order by 1, 2 $$,
  'a centre-scoped clinician of tenant A sees every assignment of A (unpublished centre, unlisted and inactive clinicians too) and B''s public ones');
select tests.authenticate_as('a_care_coordinator');
select results_eq(
  $$ select clinician_id, centre_id from public.clinician_centres where tenant_id = any (tests.tenancy_tenant_ids()) order by 1, 2 $$,
  $$ select clinician_id, centre_id from (values (tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1')), (tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a_unpublished')), (tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2')), (tests.tenancy_id('clinician_a_retired'), tests.tenancy_id('centre_a1')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a2')), (tests.tenancy_id('clinician_b'), tests.tenancy_id('centre_b1'))) as v (clinician_id, centre_id) order by 1, 2 $$,
  'a care coordinator of tenant A sees every assignment of A (unpublished centre, unlisted and inactive clinicians too) and B''s public ones');
select tests.authenticate_as('a_front_desk');
select results_eq(
  $$ select clinician_id, centre_id from public.clinician_centres where tenant_id = any (tests.tenancy_tenant_ids()) order by 1, 2 $$,
  $$ select clinician_id, centre_id from (values (tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1')), (tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a_unpublished')), (tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2')), (tests.tenancy_id('clinician_a_retired'), tests.tenancy_id('centre_a1')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a2')), (tests.tenancy_id('clinician_b'), tests.tenancy_id('centre_b1'))) as v (clinician_id, centre_id) order by 1, 2 $$,
  'the front desk of tenant A sees every assignment of A (unpublished centre, unlisted and inactive clinicians too) and B''s public ones');

-- TEST: staff of tenant B
select tests.authenticate_as('b_owner');
select results_eq(
  $$ select clinician_id, centre_id from public.clinician_centres where tenant_id = any (tests.tenancy_tenant_ids()) order by 1, 2 $$,
  $$ select clinician_id, centre_id from (values (tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a2')), (tests.tenancy_id('clinician_b'), tests.tenancy_id('centre_b1'))) as v (clinician_id, centre_id) order by 1, 2 $$,
  'the owner of tenant B sees B''s assignments and only the public ones of tenant A');

select * from finish();
rollback;

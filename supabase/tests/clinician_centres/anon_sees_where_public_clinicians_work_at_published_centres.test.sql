-- The public directory of where clinicians work: a visitor sees an assignment only when the
-- clinician is public and active, the centre published and active, and the tenant active.
begin;
select plan(5);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.clear_authentication();
select results_eq(
  $$ select clinician_id, centre_id from public.clinician_centres where tenant_id = any (tests.tenancy_tenant_ids()) order by 1, 2 $$,
  $$ select clinician_id, centre_id from (values (tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a2')), (tests.tenancy_id('clinician_b'), tests.tenancy_id('centre_b1'))) as v (clinician_id, centre_id) order by 1, 2 $$,
  'anon sees exactly the assignments of public, active clinicians to published centres of active tenants');
select results_eq(
  $$ select c.display_name::text, ce.name::text from public.clinician_centres as cc
     join public.clinicians as c on c.tenant_id = cc.tenant_id and c.id = cc.clinician_id
     join public.centres as ce on ce.tenant_id = cc.tenant_id and ce.id = cc.centre_id
     where cc.tenant_id = any (tests.tenancy_tenant_ids()) order by 1, 2 $$,
  $$ values ('Dr Ada Alpha', 'Alpha Central'), ('Dr Bea Beta', 'Beta Harbor'), ('Dr Vi Siting', 'Alpha North') $$,
  'the same rows, joined to the directory as a booking site would');
select is_empty(
  $$ select 1 from public.clinician_centres where centre_id = tests.tenancy_id('centre_a_unpublished') $$,
  'anon does not see that a public clinician also works at an unpublished centre');
select is_empty(
  $$ select 1 from public.clinician_centres
     where clinician_id in (tests.tenancy_id('clinician_a_2'), tests.tenancy_id('clinician_a_retired')) $$,
  'anon does not see where unlisted or inactive clinicians work');
select is_empty(
  $$ select 1 from public.clinician_centres where tenant_id = tests.tenancy_id('tenant_c') $$,
  'anon sees nothing of an inactive tenant');

select * from finish();
rollback;

-- A signed-in person who is not staff of a tenant - a patient of two tenants, or a user with no
-- record anywhere - sees exactly what a visitor sees: public, active clinicians of active
-- tenants. Being a patient of tenant A does not reveal A's unlisted or inactive clinicians.
begin;
select plan(4);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: a patient of tenant A and tenant B
select tests.authenticate_as('patient');
select results_eq(
  $$ select display_name::text from public.clinicians where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ values ('Dr Ada Alpha'), ('Dr Bea Beta'), ('Dr Vi Siting') $$,
  'a patient sees only the public directory');
select is_empty(
  $$ select 1 from public.clinicians where id in (tests.tenancy_id('clinician_a_2'), tests.tenancy_id('clinician_a_retired')) $$,
  'a patient of tenant A does not see its unlisted or inactive clinicians');

-- TEST: a user with no patient record and no membership
select tests.authenticate_as('outsider');
select results_eq(
  $$ select display_name::text from public.clinicians where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ values ('Dr Ada Alpha'), ('Dr Bea Beta'), ('Dr Vi Siting') $$,
  'a signed-in user without any tie to a tenant sees only the public directory');
select is_empty(
  $$ select 1 from public.clinicians where id = tests.tenancy_id('clinician_c') $$,
  'nobody outside tenant C sees its clinicians while the tenant is inactive');

select * from finish();
rollback;

-- Staff of a tenant - any active member, whatever their role or centre scope - see every
-- clinician profile of their tenant (unlisted and inactive ones too), plus the public directory
-- of other tenants. Staff of another tenant see only tenant A's public profiles.
begin;
select plan(11);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: every role of tenant A
select tests.authenticate_as('a_owner');
select results_eq(
  $$ select display_name::text from public.clinicians where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ values ('Dr Ada Alpha'), ('Dr Bea Beta'), ('Dr Ret Ired'), ('Dr Una Listed'), ('Dr Vi Siting') $$,
  'the owner of tenant A sees all of A''s clinicians (unlisted and inactive too) and B''s public ones');
select tests.authenticate_as('a_admin');
select results_eq(
  $$ select display_name::text from public.clinicians where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ values ('Dr Ada Alpha'), ('Dr Bea Beta'), ('Dr Ret Ired'), ('Dr Una Listed'), ('Dr Vi Siting') $$,
  'an admin of tenant A sees all of A''s clinicians (unlisted and inactive too) and B''s public ones');
select tests.authenticate_as('a_manager');
select results_eq(
  $$ select display_name::text from public.clinicians where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ values ('Dr Ada Alpha'), ('Dr Bea Beta'), ('Dr Ret Ired'), ('Dr Una Listed'), ('Dr Vi Siting') $$,
  'a manager of tenant A sees all of A''s clinicians (unlisted and inactive too) and B''s public ones');
select tests.authenticate_as('a_centre_manager');
select results_eq(
  $$ select display_name::text from public.clinicians where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ values ('Dr Ada Alpha'), ('Dr Bea Beta'), ('Dr Ret Ired'), ('Dr Una Listed'), ('Dr Vi Siting') $$,
  'a centre manager (scoped to one centre) of tenant A sees all of A''s clinicians (unlisted and inactive too) and B''s public ones');
select tests.authenticate_as('a_clinician');
select results_eq(
  $$ select display_name::text from public.clinicians where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ values ('Dr Ada Alpha'), ('Dr Bea Beta'), ('Dr Ret Ired'), ('Dr Una Listed'), ('Dr Vi Siting') $$,
  'a clinician of tenant A sees all of A''s clinicians (unlisted and inactive too) and B''s public ones');
select tests.authenticate_as('a_clinician_2');
select results_eq(
  $$ select display_name::text from public.clinicians where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ values ('Dr Ada Alpha'), ('Dr Bea Beta'), ('Dr Ret Ired'), ('Dr Una Listed'), ('Dr Vi Siting') $$,
  'a centre-scoped clinician of tenant A sees all of A''s clinicians (unlisted and inactive too) and B''s public ones');
select tests.authenticate_as('a_care_coordinator');
select results_eq(
  $$ select display_name::text from public.clinicians where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ values ('Dr Ada Alpha'), ('Dr Bea Beta'), ('Dr Ret Ired'), ('Dr Una Listed'), ('Dr Vi Siting') $$,
  'a care coordinator of tenant A sees all of A''s clinicians (unlisted and inactive too) and B''s public ones');
select tests.authenticate_as('a_front_desk');
select results_eq(
  $$ select display_name::text from public.clinicians where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ values ('Dr Ada Alpha'), ('Dr Bea Beta'), ('Dr Ret Ired'), ('Dr Una Listed'), ('Dr Vi Siting') $$,
  'the front desk of tenant A sees all of A''s clinicians (unlisted and inactive too) and B''s public ones');

-- TEST: staff of tenant B
select tests.authenticate_as('b_owner');
select results_eq(
  $$ select display_name::text from public.clinicians where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ values ('Dr Ada Alpha'), ('Dr Bea Beta'), ('Dr Vi Siting') $$,
  'the owner of tenant B sees B''s clinicians and only the public ones of tenant A');
select tests.authenticate_as('b_clinician');
select results_eq(
  $$ select display_name::text from public.clinicians where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ values ('Dr Ada Alpha'), ('Dr Bea Beta'), ('Dr Vi Siting') $$,
  'a clinician of tenant B sees B''s clinicians and only the public ones of tenant A');
select is_empty(
  $$ select 1 from public.clinicians where id in (tests.tenancy_id('clinician_a_2'), tests.tenancy_id('clinician_a_retired')) $$,
  'staff of tenant B do not see tenant A''s unlisted or inactive clinicians');

select * from finish();
rollback;

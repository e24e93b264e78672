-- The public directory: a visitor (anon key) sees the clinician profiles that are public AND
-- active, of ACTIVE tenants only, with `select *` (what app developers write first): every
-- column of public.clinicians is public. Which staff account a profile belongs to is not in the
-- table (public.clinician_members), and anon has no grant on that.
begin;
select plan(6);

-- SETUP: the standard cast (supabase/tests/_setup/tenancy_fixtures.sql)
select tests.create_tenancy_fixtures();

-- TEST: which profiles a visitor sees
select tests.clear_authentication();
select results_eq(
  $$ select display_name::text from public.clinicians where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ values ('Dr Ada Alpha'), ('Dr Bea Beta'), ('Dr Vi Siting') $$,
  'anon sees the public, active clinicians of active tenants (not the unlisted, the inactive, nor those of an inactive tenant)');
select is_empty(
  $$ select 1 from public.clinicians where id = tests.tenancy_id('clinician_a_2') $$,
  'anon does not see a clinician whose profile is not public');
select is_empty(
  $$ select 1 from public.clinicians where id = tests.tenancy_id('clinician_c') $$,
  'anon does not see a public clinician of an inactive tenant');

-- TEST: which columns a visitor may read
select results_eq(
  $$ select display_name::text from (select * from public.clinicians) as c
      where c.tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ values ('Dr Ada Alpha'), ('Dr Bea Beta'), ('Dr Vi Siting') $$,
  'anon reads the directory with select *');
select hasnt_column('public', 'clinicians', 'member_id',
  'no column of the directory names a staff account');
select throws_ok(
  $$ select * from public.clinician_members $$,
  '42501', 'permission denied for table clinician_members',
  'anon cannot read which profiles belong to staff accounts');

select * from finish();
rollback;

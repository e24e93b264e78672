-- The public directory: a visitor (anon key) sees the clinician profiles that are public AND
-- active, of ACTIVE tenants only, and only the public columns: member_id (who has a staff
-- account) is left out of anon's column grant, so asking for it is refused with 42501.
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
select lives_ok(
  $$ select tenant_id, id, display_name, title, specialisations, qualifications, languages, consultation_fee,
            fee_currency, bio, photo_path, default_consultation_minutes, is_public, is_active, created_at, updated_at
     from public.clinicians $$,
  'anon may read every public column of the directory');
select throws_ok(
  $$ select member_id from public.clinicians $$,
  '42501', 'permission denied for table clinicians',
  'anon selecting member_id is refused (column grant)');
select throws_ok(
  $$ select * from public.clinicians $$,
  '42501', 'permission denied for table clinicians',
  'anon selecting * is refused, because * includes member_id');

select * from finish();
rollback;

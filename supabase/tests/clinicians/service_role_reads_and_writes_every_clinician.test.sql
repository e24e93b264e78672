-- service_role (the secret key: Edge Functions, back office) bypasses RLS and holds every
-- privilege on public.clinicians: it reads, creates, edits and deletes profiles of any tenant.
begin;
select plan(4);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.authenticate_as_service_role();

-- TEST
select results_eq(
  $$ select c.display_name::text, cm.member_id
     from public.clinicians as c
     left join public.clinician_members as cm on cm.tenant_id = c.tenant_id and cm.clinician_id = c.id
     where c.tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ values ('Dr Ada Alpha', tests.tenancy_id('a_clinician.member')), ('Dr Bea Beta', tests.tenancy_id('b_clinician.member')),
            ('Dr Gus Gamma', null), ('Dr Ret Ired', null), ('Dr Una Listed', tests.tenancy_id('a_clinician_2.member')),
            ('Dr Vi Siting', null) $$,
  'service_role reads every profile of every tenant and which account it belongs to');
select lives_ok(
  $$ insert into public.clinicians (tenant_id, id, display_name) values (tests.tenancy_id('tenant_c'), tests.tenancy_id('clinician_by_service'), 'Dr Service') $$,
  'service_role creates a profile, even in an inactive tenant');
select results_eq(
  $$ update public.clinicians set is_public = false, consultation_fee = 1 where id = tests.tenancy_id('clinician_a') returning is_public $$,
  $$ values (false) $$,
  'service_role edits any profile, practice-controlled fields included');
select results_eq(
  $$ delete from public.clinicians where id = tests.tenancy_id('clinician_b') returning id $$,
  $$ values (tests.tenancy_id('clinician_b')) $$,
  'service_role deletes any profile');

select * from finish();
rollback;

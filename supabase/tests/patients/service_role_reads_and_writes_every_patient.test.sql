-- service_role (the secret key) bypasses RLS and holds every privilege on public.patients.
begin;
select plan(4);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.authenticate_as_service_role();

-- TEST
select results_eq(
  $$ select id from public.patients where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ select id from (values (tests.tenancy_id('patient_a')), (tests.tenancy_id('patient_b')), (tests.tenancy_id('patient_a_2')), (tests.tenancy_id('patient_a_walk_in'))) as v (id) order by 1 $$,
  'service_role reads every patient of every tenant');
select lives_ok(
  $$ insert into public.patients (tenant_id, id, user_id, full_name)
     values (tests.tenancy_id('tenant_c'), tests.tenancy_id('patient_by_service'), tests.get_supabase_uid('outsider'), 'Linked By Service') $$,
  'service_role creates a record linked to an account, even in an inactive tenant');
select results_eq(
  $$ update public.patients set user_id = tests.get_supabase_uid('outsider') where id = tests.tenancy_id('patient_a_walk_in') returning full_name::text $$,
  $$ values ('Walk In') $$,
  'service_role may relink records (it holds every column privilege)');
select results_eq(
  $$ delete from public.patients where id = tests.tenancy_id('patient_by_service') returning id $$,
  $$ values (tests.tenancy_id('patient_by_service')) $$,
  'service_role deletes any record');

select * from finish();
rollback;

-- The keys of a patient record are not the patient's to change: user_id, tenant_id and
-- created_by are outside the UPDATE column grant (42501), so a patient can neither move,
-- unlink or hand over their own record nor attach themself to someone else's.
begin;
select plan(7);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.authenticate_as('patient');
select throws_ok(
  $$ update public.patients set user_id = tests.get_supabase_uid('outsider') where id = tests.tenancy_id('patient_a') $$,
  '42501', 'permission denied for table patients',
  'a patient cannot hand their record to another user (user_id is not in the UPDATE grant)');
select throws_ok(
  $$ update public.patients set user_id = null where id = tests.tenancy_id('patient_a') $$,
  '42501', 'permission denied for table patients',
  'a patient cannot unlink their own record');
select throws_ok(
  $$ update public.patients set tenant_id = tests.tenancy_id('tenant_b') where id = tests.tenancy_id('patient_a') $$,
  '42501', 'permission denied for table patients',
  'a patient cannot move their record to another tenant (tenant_id is not in the UPDATE grant)');
select throws_ok(
  $$ update public.patients set created_by = auth.uid() where id = tests.tenancy_id('patient_a') $$,
  '42501', 'permission denied for table patients',
  'a patient cannot rewrite who created the record');
select throws_ok(
  $$ update public.patients set user_id = auth.uid() where id = tests.tenancy_id('patient_a_walk_in') $$,
  '42501', 'permission denied for table patients',
  'a patient cannot attach themself to an unlinked record');
select throws_ok(
  $$ update public.patients set user_id = auth.uid() where id = tests.tenancy_id('patient_a_2') $$,
  '42501', 'permission denied for table patients',
  'a patient cannot take over another patient''s record');
reset role;
select results_eq(
  $$ select id, tenant_id, user_id from public.patients where id in (tests.tenancy_id('patient_a'), tests.tenancy_id('patient_a_2'), tests.tenancy_id('patient_a_walk_in')) order by full_name $$,
  $$ values (tests.tenancy_id('patient_a'), tests.tenancy_id('tenant_a'), tests.get_supabase_uid('patient')),
            (tests.tenancy_id('patient_a_2'), tests.tenancy_id('tenant_a'), tests.get_supabase_uid('a_patient_2')),
            (tests.tenancy_id('patient_a_walk_in'), tests.tenancy_id('tenant_a'), null::uuid) $$,
  'every record keeps its tenant and its account link');

select * from finish();
rollback;

-- The keys of a patient record are not the patient's to change: the tenant and id never change
-- (PT422), the account link is never changed by a signed-in user (PT403; an upsert may send it
-- unchanged), created_by is outside the UPDATE grant (42501), and other people's records are
-- hidden (zero rows). So a patient can neither move, unlink or hand over their own record nor
-- attach themself to someone else's.
begin;
select plan(7);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.authenticate_as('patient');
select throws_ok(
  $$ update public.patients set user_id = tests.get_supabase_uid('outsider') where id = tests.tenancy_id('patient_a') $$,
  'PT403', 'the account of a patient record cannot be changed',
  'a patient cannot hand their record to another user');
select throws_ok(
  $$ update public.patients set user_id = null where id = tests.tenancy_id('patient_a') $$,
  'PT403', 'the account of a patient record cannot be changed',
  'a patient cannot unlink their own record');
select throws_ok(
  $$ update public.patients set tenant_id = tests.tenancy_id('tenant_b') where id = tests.tenancy_id('patient_a') $$,
  'PT422', 'patients.tenant_id cannot be changed',
  'a patient cannot move their record to another tenant');
select throws_ok(
  $$ update public.patients set created_by = auth.uid() where id = tests.tenancy_id('patient_a') $$,
  '42501', 'permission denied for table patients',
  'a patient cannot rewrite who created the record');
select is_empty(
  $$ update public.patients set user_id = auth.uid() where id = tests.tenancy_id('patient_a_walk_in') returning 1 $$,
  'a patient cannot attach themself to an unlinked record (hidden: zero rows)');
select is_empty(
  $$ update public.patients set user_id = auth.uid() where id = tests.tenancy_id('patient_a_2') returning 1 $$,
  'a patient cannot take over another patient''s record (hidden: zero rows)');
reset role;
select results_eq(
  $$ select id, tenant_id, user_id from public.patients where id in (tests.tenancy_id('patient_a'), tests.tenancy_id('patient_a_2'), tests.tenancy_id('patient_a_walk_in')) order by full_name $$,
  $$ values (tests.tenancy_id('patient_a'), tests.tenancy_id('tenant_a'), tests.get_supabase_uid('patient')),
            (tests.tenancy_id('patient_a_2'), tests.tenancy_id('tenant_a'), tests.get_supabase_uid('a_patient_2')),
            (tests.tenancy_id('patient_a_walk_in'), tests.tenancy_id('tenant_a'), null::uuid) $$,
  'every record keeps its tenant and its account link');

select * from finish();
rollback;

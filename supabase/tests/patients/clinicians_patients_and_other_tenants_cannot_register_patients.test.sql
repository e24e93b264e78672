-- Clinicians (tenant-wide or centre-scoped), patients, staff of another tenant and staff of an
-- inactive tenant cannot register patient records in it: 42501.
begin;
select plan(6);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.authenticate_as('a_clinician');
select throws_ok(
  $$ insert into public.patients (tenant_id, full_name) values (tests.tenancy_id('tenant_a'), 'New Patient') $$,
  '42501', 'new row violates row-level security policy for table "patients"',
  'a clinician of tenant A cannot register patients');
select tests.authenticate_as('a_clinician_2');
select throws_ok(
  $$ insert into public.patients (tenant_id, full_name) values (tests.tenancy_id('tenant_a'), 'New Patient') $$,
  '42501', 'new row violates row-level security policy for table "patients"',
  'a centre-scoped clinician of tenant A cannot register patients');
select tests.authenticate_as('patient');
select throws_ok(
  $$ insert into public.patients (tenant_id, full_name) values (tests.tenancy_id('tenant_a'), 'New Patient') $$,
  '42501', 'new row violates row-level security policy for table "patients"',
  'a patient cannot register other (unlinked) patients');
select tests.authenticate_as('b_owner');
select throws_ok(
  $$ insert into public.patients (tenant_id, full_name) values (tests.tenancy_id('tenant_a'), 'New Patient') $$,
  '42501', 'new row violates row-level security policy for table "patients"',
  'the owner of tenant B cannot register patients in tenant A');
select tests.authenticate_as('c_owner');
select throws_ok(
  $$ insert into public.patients (tenant_id, full_name) values (tests.tenancy_id('tenant_c'), 'New Patient') $$,
  '42501', 'new row violates row-level security policy for table "patients"',
  'the owner of an inactive tenant cannot register patients there');
reset role;
select is((select count(*)::integer from public.patients where full_name = 'New Patient'), 0, 'no record was created');

select * from finish();
rollback;

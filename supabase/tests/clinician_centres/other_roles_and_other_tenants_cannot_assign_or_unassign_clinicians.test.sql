-- Only owners, admins and managers change where clinicians work: centre managers (even at their
-- own centre), clinicians, care coordinators, the front desk, patients and staff of another tenant
-- get 42501 on insert and change zero rows on delete.
begin;
select plan(13);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: staff of tenant A below manager
select tests.authenticate_as('a_centre_manager');
select throws_ok(
  $$ insert into public.clinician_centres (tenant_id, clinician_id, centre_id)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a1')) $$,
  '42501', 'new row violates row-level security policy for table "clinician_centres"',
  'a centre manager, even at their own centre of tenant A cannot assign a clinician');
select is_empty(
  $$ delete from public.clinician_centres where centre_id = tests.tenancy_id('centre_a1') returning 1 $$,
  'a centre manager, even at their own centre of tenant A cannot remove assignments: zero rows');
select tests.authenticate_as('a_clinician');
select throws_ok(
  $$ insert into public.clinician_centres (tenant_id, clinician_id, centre_id)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1')) $$,
  '42501', 'new row violates row-level security policy for table "clinician_centres"',
  'a clinician, even for their own profile of tenant A cannot assign a clinician');
select is_empty(
  $$ delete from public.clinician_centres where centre_id = tests.tenancy_id('centre_a1') returning 1 $$,
  'a clinician, even for their own profile of tenant A cannot remove assignments: zero rows');
select tests.authenticate_as('a_care_coordinator');
select throws_ok(
  $$ insert into public.clinician_centres (tenant_id, clinician_id, centre_id)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a1')) $$,
  '42501', 'new row violates row-level security policy for table "clinician_centres"',
  'a care coordinator of tenant A cannot assign a clinician');
select is_empty(
  $$ delete from public.clinician_centres where centre_id = tests.tenancy_id('centre_a1') returning 1 $$,
  'a care coordinator of tenant A cannot remove assignments: zero rows');
select tests.authenticate_as('a_front_desk');
select throws_ok(
  $$ insert into public.clinician_centres (tenant_id, clinician_id, centre_id)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a1')) $$,
  '42501', 'new row violates row-level security policy for table "clinician_centres"',
  'the front desk of tenant A cannot assign a clinician');
select is_empty(
  $$ delete from public.clinician_centres where centre_id = tests.tenancy_id('centre_a1') returning 1 $$,
  'the front desk of tenant A cannot remove assignments: zero rows');

-- TEST: not staff of tenant A
select tests.authenticate_as('patient');
select throws_ok(
  $$ insert into public.clinician_centres (tenant_id, clinician_id, centre_id)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a1')) $$,
  '42501', 'new row violates row-level security policy for table "clinician_centres"',
  'a patient cannot assign a clinician');
select is_empty(
  $$ delete from public.clinician_centres where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'a patient cannot remove assignments: zero rows');
select tests.authenticate_as('b_owner');
select throws_ok(
  $$ insert into public.clinician_centres (tenant_id, clinician_id, centre_id)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a1')) $$,
  '42501', 'new row violates row-level security policy for table "clinician_centres"',
  'the owner of tenant B cannot assign tenant A''s clinicians');
select is_empty(
  $$ delete from public.clinician_centres where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'the owner of tenant B cannot remove tenant A''s assignments, not even the public ones it sees: zero rows');
reset role;
select is((select count(*)::integer from public.clinician_centres where tenant_id = tests.tenancy_id('tenant_a')), 5,
  'tenant A still has its five assignments');

select * from finish();
rollback;

-- Only owners and admins delete patient records: managers, centre managers, clinicians, care
-- coordinators, the front desk, the patient themself and staff of another tenant change zero
-- rows.
begin;
select plan(8);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: staff of tenant A below admin
select tests.authenticate_as('a_manager');
select is_empty(
  $$ delete from public.patients where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'a manager of tenant A cannot delete patient records: zero rows');
select tests.authenticate_as('a_centre_manager');
select is_empty(
  $$ delete from public.patients where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'a centre manager of tenant A cannot delete patient records: zero rows');
select tests.authenticate_as('a_clinician');
select is_empty(
  $$ delete from public.patients where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'a clinician of tenant A cannot delete patient records: zero rows');
select tests.authenticate_as('a_care_coordinator');
select is_empty(
  $$ delete from public.patients where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'a care coordinator of tenant A cannot delete patient records: zero rows');
select tests.authenticate_as('a_front_desk');
select is_empty(
  $$ delete from public.patients where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'the front desk of tenant A cannot delete patient records: zero rows');

-- TEST: the patient and another tenant
select tests.authenticate_as('patient');
select is_empty(
  $$ delete from public.patients where id = tests.tenancy_id('patient_a_2') or user_id = auth.uid() returning 1 $$,
  'a patient cannot delete their own record or anyone else''s: zero rows');
select tests.authenticate_as('b_owner');
select is_empty(
  $$ delete from public.patients where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'the owner of tenant B cannot delete tenant A''s patients: zero rows');
reset role;
select is((select count(*)::integer from public.patients where tenant_id = any (tests.tenancy_tenant_ids())), 4,
  'all four fixture records are still there');

select * from finish();
rollback;

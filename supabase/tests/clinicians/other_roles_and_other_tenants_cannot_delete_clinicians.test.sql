-- Centre managers, clinicians (even their own profile), care coordinators, the front desk,
-- patients and staff of another tenant delete no clinician profile (zero rows).
begin;
select plan(7);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: staff of tenant A without a practice-manager role
select tests.authenticate_as('a_centre_manager');
select is_empty(
  $$ delete from public.clinicians where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'a centre manager of tenant A cannot delete clinician profiles: zero rows');
select tests.authenticate_as('a_care_coordinator');
select is_empty(
  $$ delete from public.clinicians where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'a care coordinator of tenant A cannot delete clinician profiles: zero rows');
select tests.authenticate_as('a_front_desk');
select is_empty(
  $$ delete from public.clinicians where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'the front desk of tenant A cannot delete clinician profiles: zero rows');
select tests.authenticate_as('a_clinician');
select is_empty(
  $$ delete from public.clinicians where id = tests.tenancy_id('clinician_a') returning 1 $$,
  'a clinician cannot delete their own profile: zero rows');

-- TEST: not staff of tenant A
select tests.authenticate_as('patient');
select is_empty(
  $$ delete from public.clinicians where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'a patient cannot delete clinician profiles: zero rows');
select tests.authenticate_as('b_owner');
select is_empty(
  $$ delete from public.clinicians where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'the owner of tenant B cannot delete tenant A''s clinicians: zero rows');
reset role;
select is((select count(*)::integer from public.clinicians where tenant_id = tests.tenancy_id('tenant_a')), 4,
  'tenant A still has its four profiles');

select * from finish();
rollback;

-- Centre managers, care coordinators, the front desk, patients and staff of another tenant edit
-- no clinician profile: the update policy filters every row (zero rows, no error).
begin;
select plan(6);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: staff of tenant A without a practice-manager role
select tests.authenticate_as('a_centre_manager');
select is_empty(
  $$ update public.clinicians set bio = 'Edited' where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'a centre manager of tenant A cannot edit any clinician profile: zero rows');
select tests.authenticate_as('a_care_coordinator');
select is_empty(
  $$ update public.clinicians set bio = 'Edited' where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'a care coordinator of tenant A cannot edit any clinician profile: zero rows');
select tests.authenticate_as('a_front_desk');
select is_empty(
  $$ update public.clinicians set bio = 'Edited' where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'the front desk of tenant A cannot edit any clinician profile: zero rows');

-- TEST: not staff of tenant A
select tests.authenticate_as('patient');
select is_empty(
  $$ update public.clinicians set bio = 'Edited' where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'a patient of tenant A cannot edit a clinician profile: zero rows');
select tests.authenticate_as('b_owner');
select is_empty(
  $$ update public.clinicians set bio = 'Edited' where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'the owner of tenant B cannot edit tenant A''s clinicians, not even the public ones it sees: zero rows');
reset role;
select is((select count(*)::integer from public.clinicians where bio = 'Edited'), 0, 'no profile changed');

select * from finish();
rollback;

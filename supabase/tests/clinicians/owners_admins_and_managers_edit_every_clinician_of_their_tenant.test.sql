-- Owners, admins and managers edit any clinician profile of their tenant, including what only
-- the practice controls (visibility, status, fee); never one of another tenant, and nobody moves
-- a profile to another tenant.
begin;
select plan(6);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.authenticate_as('a_owner');
select results_eq(
  $$ update public.clinicians set bio = 'Edited by a_owner', consultation_fee = 85, is_public = not is_public
     where id = tests.tenancy_id('clinician_a') returning bio, consultation_fee $$,
  $$ values ('Edited by a_owner'::text, 85.00::numeric(12, 2)) $$,
  'the owner of tenant A edits clinician_a, including the practice-controlled fee and visibility');
select tests.authenticate_as('a_admin');
select results_eq(
  $$ update public.clinicians set bio = 'Edited by a_admin', consultation_fee = 95, is_public = not is_public
     where id = tests.tenancy_id('clinician_a_2') returning bio, consultation_fee $$,
  $$ values ('Edited by a_admin'::text, 95.00::numeric(12, 2)) $$,
  'an admin of tenant A edits clinician_a_2, including the practice-controlled fee and visibility');
select tests.authenticate_as('a_manager');
select results_eq(
  $$ update public.clinicians set bio = 'Edited by a_manager', consultation_fee = 65, is_public = not is_public
     where id = tests.tenancy_id('clinician_a_visiting') returning bio, consultation_fee $$,
  $$ values ('Edited by a_manager'::text, 65.00::numeric(12, 2)) $$,
  'a manager of tenant A edits clinician_a_visiting, including the practice-controlled fee and visibility');
select tests.authenticate_as('a_manager');
select results_eq(
  $$ update public.clinicians set is_active = true where id = tests.tenancy_id('clinician_a_retired') returning is_active $$,
  $$ values (true) $$,
  'a manager reactivates an inactive clinician');
select throws_ok(
  $$ update public.clinicians set tenant_id = tests.tenancy_id('tenant_b') where id = tests.tenancy_id('clinician_a') $$,
  'PT422', 'clinicians.tenant_id cannot be changed',
  'nobody moves a clinician to another tenant (keys never change)');
select is_empty(
  $$ update public.clinicians set bio = 'Cross-tenant edit' where id = tests.tenancy_id('clinician_b') returning 1 $$,
  'a manager of tenant A cannot edit a (public) clinician of tenant B: zero rows');

select * from finish();
rollback;

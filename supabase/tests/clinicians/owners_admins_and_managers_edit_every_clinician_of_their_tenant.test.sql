-- Owners, admins and managers edit any clinician profile of their tenant, including what only
-- the practice controls (visibility, status, fee); never one of another tenant, and nobody moves
-- a profile to another tenant.
begin;
select plan(6);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: each practice-manager role edits one profile, including the fee and visibility
select is(
  tests.rows_as(m.who, format(
    $$ update public.clinicians set bio = %L, consultation_fee = %s, is_public = not is_public
       where id = tests.tenancy_id(%L) returning bio, consultation_fee $$,
    'Edited by ' || m.who, m.fee, m.clinician)),
  tests.rows_of(format($$ values (%L::text, %s::numeric(12, 2)) $$, 'Edited by ' || m.who, m.fee)),
  m.description)
from (values
  ('a_owner', 'clinician_a', 85, 'the owner of tenant A edits clinician_a, including the practice-controlled fee and visibility'),
  ('a_admin', 'clinician_a_2', 95, 'an admin of tenant A edits clinician_a_2, including the practice-controlled fee and visibility'),
  ('a_manager', 'clinician_a_visiting', 65, 'a manager of tenant A edits clinician_a_visiting, including the practice-controlled fee and visibility')
) as m(who, clinician, fee, description);

-- TEST: a manager reactivates a profile, keys never change, and another tenant stays out of reach
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

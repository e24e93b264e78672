-- Owners, admins and managers delete clinician profiles of their tenant (assignments to
-- centres cascade), never one of another tenant.
begin;
select plan(6);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: each practice-manager role deletes one profile (kept: the cascade is checked below)
select is(
  tests.attempt_as(m.who, format($$ delete from public.clinicians where id = tests.tenancy_id(%L) returning id $$, m.clinician)),
  '1 row',
  m.description)
from (values
  ('a_owner', 'clinician_a_retired', 'the owner of tenant A deletes clinician_a_retired'),
  ('a_admin', 'clinician_a_visiting', 'an admin of tenant A deletes clinician_a_visiting'),
  ('a_manager', 'clinician_a_2', 'a manager of tenant A deletes clinician_a_2')
) as m(who, clinician, description);

-- TEST: never one of another tenant
select tests.authenticate_as('a_manager');
select is_empty(
  $$ delete from public.clinicians where id = tests.tenancy_id('clinician_b') returning 1 $$,
  'a manager of tenant A cannot delete a clinician of tenant B: zero rows');
reset role;
select is((select count(*)::integer from public.clinician_centres
           where clinician_id in (tests.tenancy_id('clinician_a_retired'), tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('clinician_a_2'))),
  0, 'their centre assignments went with them (on delete cascade)');
select ok(exists (select 1 from public.clinicians where id = tests.tenancy_id('clinician_b')), 'tenant B''s clinician is still there');

select * from finish();
rollback;

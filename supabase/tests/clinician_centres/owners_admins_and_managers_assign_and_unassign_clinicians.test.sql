-- Owners, admins and managers assign clinicians to centres of their tenant and remove them;
-- never across tenants.
begin;
select plan(9);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: each practice-manager role assigns one clinician and removes one assignment; the changes are kept
with commands(command, statement) as (values
  ('assign', $$ insert into public.clinician_centres (tenant_id, clinician_id, centre_id)
                values (tests.tenancy_id('tenant_a'), tests.tenancy_id(%L), tests.tenancy_id(%L)) $$),
  ('remove', $$ delete from public.clinician_centres where clinician_id = tests.tenancy_id(%L) and centre_id = tests.tenancy_id(%L) returning 1 $$))
select is(
  tests.attempt_as(m.who, format((select c.statement from commands as c where c.command = m.command), m.clinician, m.centre)),
  '1 row',
  m.description)
from (values
  ('a_owner', 'assign', 'clinician_a_visiting', 'centre_a1', 'the owner of tenant A assigns clinician_a_visiting to centre_a1'),
  ('a_admin', 'assign', 'clinician_a_2', 'centre_a1', 'an admin of tenant A assigns clinician_a_2 to centre_a1'),
  ('a_manager', 'assign', 'clinician_a', 'centre_a2', 'a manager of tenant A assigns clinician_a to centre_a2'),
  ('a_owner', 'remove', 'clinician_a', 'centre_a_unpublished', 'the owner of tenant A removes clinician_a from centre_a_unpublished'),
  ('a_admin', 'remove', 'clinician_a_retired', 'centre_a1', 'an admin of tenant A removes clinician_a_retired from centre_a1'),
  ('a_manager', 'remove', 'clinician_a_visiting', 'centre_a2', 'a manager of tenant A removes clinician_a_visiting from centre_a2')
) as m(who, command, clinician, centre, description);

-- TEST: never across tenants
select tests.authenticate_as('a_manager');
select throws_ok(
  $$ insert into public.clinician_centres (tenant_id, clinician_id, centre_id)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_b1')) $$,
  '23503', null,
  'a clinician of A cannot be assigned to a centre of B (same-tenant foreign key)');
select is_empty(
  $$ delete from public.clinician_centres where tenant_id = tests.tenancy_id('tenant_b') returning 1 $$,
  'a manager of tenant A cannot remove tenant B''s assignments: zero rows');
reset role;
select results_eq(
  $$ select clinician_id, centre_id from public.clinician_centres where tenant_id = tests.tenancy_id('tenant_a') order by 1, 2 $$,
  $$ select clinician_id, centre_id from (values (tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1')), (tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a2')), (tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a1')), (tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a1'))) as v (clinician_id, centre_id) order by 1, 2 $$,
  'tenant A''s assignments are exactly the result of those changes');

select * from finish();
rollback;

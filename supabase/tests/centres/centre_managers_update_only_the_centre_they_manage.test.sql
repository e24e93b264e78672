-- centres x update, every role: owners, admins and managers update any centre of their tenant; a
-- centre manager only theirs; everyone else changes zero rows; anon has no grant (42501).
begin;
select plan(13);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: anon (no grant)
select tests.clear_authentication();
select throws_ok($$ update public.centres set phone = '+442079460999' where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('centre_a2') returning slug::text $$, '42501', 'permission denied for table centres', 'anon cannot update centres');
reset role;

-- TEST: each caller updates one centre of tenant A (updates: the slugs returned, rolled back after each row)
select is(
  tests.rows_as(m.who, format($$ update public.centres set phone = '+442079460999' where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id(%L) returning slug::text $$, m.centre)),
  m.updates::text[],
  m.description)
from (values
  ('patient', 'centre_a2', '{}', 'a patient updates no centre'),
  ('a_owner', 'centre_a2', '{(north)}', 'an owner updates any centre of their tenant'),
  ('a_admin', 'centre_a2', '{(north)}', 'an admin updates any centre of their tenant'),
  ('a_manager', 'centre_a2', '{(north)}', 'a manager updates any centre of their tenant'),
  ('a_centre_manager', 'centre_a1', '{(central)}', 'a centre manager updates the centre they manage'),
  ('a_centre_manager', 'centre_a2', '{}', 'a centre manager updates no other centre'),
  ('a_clinician', 'centre_a2', '{}', 'a clinician updates no centre of tenant_a'),
  ('a_care_coordinator', 'centre_a2', '{}', 'a care coordinator updates no centre of tenant_a'),
  ('a_front_desk', 'centre_a2', '{}', 'front desk updates no centre of tenant_a'),
  ('b_owner', 'centre_a2', '{}', 'the owner of another tenant updates no centre of tenant_a'),
  ('service_role', 'centre_a2', '{(north)}', 'service_role updates any centre')
) as m(who, centre, updates, description);

-- TEST: keys never change
select tests.authenticate_as('a_owner');
select throws_ok($$ update public.centres set tenant_id = tests.tenancy_id('tenant_b') where id = tests.tenancy_id('centre_a2') $$, 'PT422', 'centres.tenant_id cannot be changed', 'nobody moves a centre to another tenant (keys never change)');
reset role;

select * from finish();
rollback;

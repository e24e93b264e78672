-- centres x delete, every role: owners and admins delete centres of their tenant; managers,
-- centre managers and everyone else delete zero rows; anon has no grant (42501).
begin;
select plan(11);

-- SETUP
select tests.create_tenancy_fixtures();
insert into public.centres (tenant_id, id, name, slug) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('spare_1'), 'Spare 1', 'spare-1'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('spare_2'), 'Spare 2', 'spare-2'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('spare_3'), 'Spare 3', 'spare-3');

-- TEST: anon (no grant)
select tests.clear_authentication();
select throws_ok($$ delete from public.centres where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('spare_1') returning slug::text $$, '42501', 'permission denied for table centres', 'anon cannot delete centres');
reset role;

-- TEST: each caller deletes one centre of tenant A (deletes: the slugs returned, rolled back after each row)
select is(
  tests.rows_as(m.who, format($$ delete from public.centres where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id(%L) returning slug::text $$, m.centre)),
  m.deletes::text[],
  m.description)
from (values
  ('patient', 'spare_1', '{}', 'a patient deletes no centre'),
  ('a_owner', 'spare_1', '{(spare-1)}', 'an owner deletes a centre of their tenant'),
  ('a_admin', 'spare_2', '{(spare-2)}', 'an admin deletes a centre of their tenant'),
  ('a_centre_manager', 'centre_a1', '{}', 'a centre manager cannot delete even the centre they manage'),
  ('a_manager', 'spare_3', '{}', 'a manager deletes no centre'),
  ('a_clinician', 'spare_3', '{}', 'a clinician deletes no centre'),
  ('a_care_coordinator', 'spare_3', '{}', 'a care coordinator deletes no centre'),
  ('a_front_desk', 'spare_3', '{}', 'front desk deletes no centre'),
  ('b_owner', 'spare_3', '{}', 'the owner of another tenant deletes no centre'),
  ('service_role', 'spare_3', '{(spare-3)}', 'service_role deletes a centre')
) as m(who, centre, deletes, description);

select * from finish();
rollback;

-- members x select, every role: staff (any role) see the members of their own tenant; patients and
-- staff of another tenant see none; anon has no grant (42501); service_role sees all.
begin;
select plan(12);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: anon (no grant)
select tests.clear_authentication();
select throws_ok($$ select * from public.members $$, '42501', 'permission denied for table members', 'anon cannot read members');
reset role;

-- TEST: how many rows of one tenant each caller sees
select is(
  tests.rows_as(m.who, format($$ select count(*) from public.members where tenant_id = tests.tenancy_id(%L) $$, m.tenant)),
  tests.rows_of(format($$ values (%s::bigint) $$, m.sees)),
  m.description)
from (values
  ('patient', 'tenant_a', 0, 'a patient sees no staff memberships'),
  ('a_owner', 'tenant_a', 8, 'an owner sees all 8 members of their tenant'),
  ('a_admin', 'tenant_a', 8, 'an admin sees all 8 members of their tenant'),
  ('a_manager', 'tenant_a', 8, 'a manager sees all 8 members of their tenant'),
  ('a_centre_manager', 'tenant_a', 8, 'a centre manager sees all 8 members of their tenant'),
  ('a_clinician', 'tenant_a', 8, 'a clinician sees all 8 members of their tenant'),
  ('a_care_coordinator', 'tenant_a', 8, 'a care coordinator sees all 8 members of their tenant'),
  ('a_front_desk', 'tenant_a', 8, 'front desk sees all 8 members of their tenant'),
  ('a_front_desk', 'tenant_b', 0, 'front desk sees no member of another tenant'),
  ('b_owner', 'tenant_a', 0, 'the owner of another tenant sees no member of tenant_a'),
  ('service_role', 'tenant_a', 8, 'service_role sees every member')
) as m(who, tenant, sees, description);

select * from finish();
rollback;

-- member_roles x select, every role: staff see who holds which role in their tenant; patients and
-- other tenants see none; anon has no grant (42501).
begin;
select plan(11);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: anon (no grant)
select tests.clear_authentication();
select throws_ok($$ select * from public.member_roles $$, '42501', 'permission denied for table member_roles', 'anon cannot read roles');
reset role;

-- TEST: how many rows of one tenant each caller sees
select is(
  tests.rows_as(m.who, format($$ select count(*) from public.member_roles where tenant_id = tests.tenancy_id(%L) $$, m.tenant)),
  tests.rows_of(format($$ values (%s::bigint) $$, m.sees)),
  m.description)
from (values
  ('patient', 'tenant_a', 0, 'a patient sees no roles'),
  ('a_owner', 'tenant_a', 8, 'an owner sees the 8 role grants of their tenant'),
  ('a_admin', 'tenant_a', 8, 'an admin sees the 8 role grants of their tenant'),
  ('a_manager', 'tenant_a', 8, 'a manager sees the 8 role grants of their tenant'),
  ('a_centre_manager', 'tenant_a', 8, 'a centre manager sees the 8 role grants of their tenant'),
  ('a_clinician', 'tenant_a', 8, 'a clinician sees the 8 role grants of their tenant'),
  ('a_care_coordinator', 'tenant_a', 8, 'a care coordinator sees the 8 role grants of their tenant'),
  ('a_front_desk', 'tenant_a', 8, 'front desk sees the 8 role grants of their tenant'),
  ('b_owner', 'tenant_a', 0, 'the owner of another tenant sees no role of tenant_a'),
  ('service_role', 'tenant_a', 8, 'service_role sees every role')
) as m(who, tenant, sees, description);

select * from finish();
rollback;

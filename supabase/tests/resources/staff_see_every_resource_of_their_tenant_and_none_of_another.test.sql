-- Staff of a tenant (any role or scope) see every resource of their tenant; never another tenants.
begin;
select plan(10);

-- SETUP
select tests.create_catalogue_fixtures();

-- TEST: every role of tenant A, and the owner of tenant B (sees: what staff of that tenant see; sets, compared in order)
with expected(sees, statement) as (values
  ('tenant A staff', $$ select * from (values (tests.tenancy_id('resource_a1_room')), (tests.tenancy_id('resource_a1_ultrasound')), (tests.tenancy_id('resource_a2_room'))) as v order by 1 $$),
  ('tenant B staff', $$ select * from (values (tests.tenancy_id('resource_b1_room'))) as v order by 1 $$))
select is(
  tests.rows_as(m.who, $$ select id from public.resources where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$),
  tests.rows_of(e.statement),
  m.description)
from (values
  (1, 'a_owner', 'tenant A staff', 'the owner of tenant A sees every room and piece of equipment of A, at every centre'),
  (2, 'a_admin', 'tenant A staff', 'an admin of tenant A sees every room and piece of equipment of A, at every centre'),
  (3, 'a_manager', 'tenant A staff', 'a manager of tenant A sees every room and piece of equipment of A, at every centre'),
  (4, 'a_centre_manager', 'tenant A staff', 'a centre manager of tenant A (centre A1) sees every room and piece of equipment of A, at every centre'),
  (5, 'a_clinician', 'tenant A staff', 'a clinician of tenant A sees every room and piece of equipment of A, at every centre'),
  (6, 'a_clinician_2', 'tenant A staff', 'a centre-scoped clinician of tenant A sees every room and piece of equipment of A, at every centre'),
  (7, 'a_care_coordinator', 'tenant A staff', 'a care coordinator of tenant A sees every room and piece of equipment of A, at every centre'),
  (8, 'a_front_desk', 'tenant A staff', 'the front desk of tenant A sees every room and piece of equipment of A, at every centre'),
  (9, 'b_owner', 'tenant B staff', 'the owner of tenant B sees only B''s resources')
) as m(n, who, sees, description)
join expected as e using (sees)
order by m.n;

-- TEST: the owner of the inactive tenant C
select tests.authenticate_as('c_owner');
select is_empty(
  $$ select id from public.resources where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  'the owner of the inactive tenant C sees no resource of A or B');
reset role;

select * from finish();
rollback;

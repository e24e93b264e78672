-- Clinicians, care coordinators, front desk and staff of another tenant (or of a suspended one)
-- cannot add (42501), edit or delete (zero rows) resources.
begin;
select plan(19);

-- SETUP
select tests.create_catalogue_fixtures();

-- TEST: every caller tries each command on tenant A's resources
with commands(n, statement, expected, what) as (values
  (1, $$ insert into public.resources (tenant_id, centre_id, kind, resource_type, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), 'room', 'treatment_room', 'Sneaky') $$,
      '42501: new row violates row-level security policy for table "resources"', 'cannot add a resource in tenant A'),
  (2, $$ update public.resources set is_active = false where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, '0 rows', 'changes no resource of tenant A'),
  (3, $$ delete from public.resources where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, '0 rows', 'deletes no resource of tenant A'))
select is(tests.attempt_as(m.who, c.statement), c.expected, m.caller || ' ' || c.what)
from (values
  (1, 'a_clinician', 'a clinician of tenant A'),
  (2, 'a_clinician_2', 'a centre-scoped clinician of tenant A'),
  (3, 'a_care_coordinator', 'a care coordinator of tenant A'),
  (4, 'a_front_desk', 'the front desk of tenant A'),
  (5, 'b_owner', 'the owner of tenant B'),
  (6, 'c_owner', 'the owner of the inactive tenant C')
) as m(n, who, caller)
cross join commands as c
order by m.n, c.n;

select is((select count(*)::integer from public.resources where tenant_id = any (tests.tenancy_tenant_ids()) and is_active), 4, 'every resource is still there and active');

select * from finish();
rollback;

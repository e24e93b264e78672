-- Rooms and equipment are internal: visitors have no grant (42501); signed-in users who are not
-- staff see none and change none.
begin;
select plan(13);

-- SETUP
select tests.create_catalogue_fixtures();

-- TEST: anon has no grant
select tests.clear_authentication();
select throws_ok($$ select id from public.resources where tenant_id = any (tests.tenancy_tenant_ids()) $$, '42501', 'permission denied for table resources', 'a visitor cannot read resources');
select throws_ok($$ insert into public.resources (tenant_id, centre_id, kind, resource_type, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), 'room', 'treatment_room', 'Sneaky') $$, '42501', 'permission denied for table resources', 'a visitor cannot add a resource');
select throws_ok($$ update public.resources set is_active = false $$, '42501', 'permission denied for table resources', 'a visitor cannot edit resources');
select throws_ok($$ delete from public.resources $$, '42501', 'permission denied for table resources', 'a visitor cannot delete resources');
reset role;

-- TEST: signed in without a staff role: nothing visible, nothing changes
with commands(n, statement, expected, what) as (values
  (1, $$ select id from public.resources where tenant_id = any (tests.tenancy_tenant_ids()) $$, '0 rows', 'sees no resource'),
  (2, $$ insert into public.resources (tenant_id, centre_id, kind, resource_type, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), 'room', 'treatment_room', 'Sneaky') $$,
      '42501: new row violates row-level security policy for table "resources"', 'cannot add a resource'),
  (3, $$ update public.resources set is_active = false returning 1 $$, '0 rows', 'changes no resource'),
  (4, $$ delete from public.resources returning 1 $$, '0 rows', 'deletes no resource'))
select is(tests.attempt_as(m.who, c.statement), c.expected, m.caller || ' ' || c.what)
from (values
  (1, 'patient', 'a patient (of tenants A and B)'),
  (2, 'outsider', 'a signed-in user with no record anywhere')
) as m(n, who, caller)
cross join commands as c
order by m.n, c.n;

select is((select count(*)::integer from public.resources where tenant_id = any (tests.tenancy_tenant_ids()) and is_active), 4, 'every resource is unchanged');

select * from finish();
rollback;

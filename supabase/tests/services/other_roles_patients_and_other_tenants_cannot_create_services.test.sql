-- Centre managers, clinicians, care coordinators, front desk, patients and staff of another (or of
-- a suspended) tenant cannot create services: the insert policys WITH CHECK fails (42501).
begin;
select plan(9);

-- SETUP
select tests.create_catalogue_fixtures();

-- TEST: roles of tenant A below manager, a patient, another and a suspended tenant's owner
select is(
  tests.attempt_as(m.who, $$ insert into public.services (tenant_id, name, duration_minutes, price) values (tests.tenancy_id('tenant_a'), 'Sneaky', 30, 50) $$),
  '42501: new row violates row-level security policy for table "services"',
  m.description)
from (values
  ('a_centre_manager', 'a centre manager of tenant A (centre A1) cannot create a service in tenant A'),
  ('a_clinician', 'a clinician of tenant A cannot create a service in tenant A'),
  ('a_care_coordinator', 'a care coordinator of tenant A cannot create a service in tenant A'),
  ('a_front_desk', 'the front desk of tenant A cannot create a service in tenant A'),
  ('patient', 'a patient (of tenants A and B) cannot create a service in tenant A'),
  ('b_owner', 'the owner of tenant B cannot create a service in tenant A'),
  ('c_owner', 'the owner of the inactive tenant C cannot create a service in tenant A')
) as m(who, description);

-- TEST: the suspended tenant's owner in their own tenant
select tests.authenticate_as('c_owner');
select throws_ok($$ insert into public.services (tenant_id, name, duration_minutes) values (tests.tenancy_id('tenant_c'), 'Sneaky', 30) $$,
  '42501', 'new row violates row-level security policy for table "services"', 'the owner of the inactive tenant C cannot create a service in C');
reset role;
select is((select count(*)::integer from public.services where name = 'Sneaky'), 0, 'no service was created');

select * from finish();
rollback;

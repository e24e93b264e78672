-- Centre managers, clinicians, care coordinators, front desk, patients and staff of another (or of
-- a suspended) tenant cannot create services: the insert policys WITH CHECK fails (42501).
begin;
select plan(9);

-- SETUP
select tests.create_catalogue_fixtures();

-- TEST: roles of tenant A below manager
select tests.authenticate_as('a_centre_manager');
select throws_ok($$ insert into public.services (tenant_id, name, duration_minutes, price) values (tests.tenancy_id('tenant_a'), 'Sneaky', 30, 50) $$,
  '42501', 'new row violates row-level security policy for table "services"', 'a centre manager of tenant A (centre A1) cannot create a service in tenant A');
select tests.authenticate_as('a_clinician');
select throws_ok($$ insert into public.services (tenant_id, name, duration_minutes, price) values (tests.tenancy_id('tenant_a'), 'Sneaky', 30, 50) $$,
  '42501', 'new row violates row-level security policy for table "services"', 'a clinician of tenant A cannot create a service in tenant A');
select tests.authenticate_as('a_care_coordinator');
select throws_ok($$ insert into public.services (tenant_id, name, duration_minutes, price) values (tests.tenancy_id('tenant_a'), 'Sneaky', 30, 50) $$,
  '42501', 'new row violates row-level security policy for table "services"', 'a care coordinator of tenant A cannot create a service in tenant A');
select tests.authenticate_as('a_front_desk');
select throws_ok($$ insert into public.services (tenant_id, name, duration_minutes, price) values (tests.tenancy_id('tenant_a'), 'Sneaky', 30, 50) $$,
  '42501', 'new row violates row-level security policy for table "services"', 'the front desk of tenant A cannot create a service in tenant A');
select tests.authenticate_as('patient');
select throws_ok($$ insert into public.services (tenant_id, name, duration_minutes, price) values (tests.tenancy_id('tenant_a'), 'Sneaky', 30, 50) $$,
  '42501', 'new row violates row-level security policy for table "services"', 'a patient (of tenants A and B) cannot create a service in tenant A');
select tests.authenticate_as('b_owner');
select throws_ok($$ insert into public.services (tenant_id, name, duration_minutes, price) values (tests.tenancy_id('tenant_a'), 'Sneaky', 30, 50) $$,
  '42501', 'new row violates row-level security policy for table "services"', 'the owner of tenant B cannot create a service in tenant A');
select tests.authenticate_as('c_owner');
select throws_ok($$ insert into public.services (tenant_id, name, duration_minutes, price) values (tests.tenancy_id('tenant_a'), 'Sneaky', 30, 50) $$,
  '42501', 'new row violates row-level security policy for table "services"', 'the owner of the inactive tenant C cannot create a service in tenant A');
select tests.authenticate_as('c_owner');
select throws_ok($$ insert into public.services (tenant_id, name, duration_minutes) values (tests.tenancy_id('tenant_c'), 'Sneaky', 30) $$,
  '42501', 'new row violates row-level security policy for table "services"', 'the owner of the inactive tenant C cannot create a service in C');
reset role;
select is((select count(*)::integer from public.services where name = 'Sneaky'), 0, 'no service was created');

select * from finish();
rollback;

-- Owners, admins, managers, centre managers, care coordinators and the front desk register
-- patients (without linking an account: user_id stays null until the person signs in with a
-- verified matching phone or e-mail); created_by is the registering user. Centre-scoped front
-- office staff (the centre manager of centre_a1) register at one of their centres
-- (registered_centre_id), never at another centre or without one.
begin;
select plan(10);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.authenticate_as('a_owner');
select lives_ok(
  $$ insert into public.patients (tenant_id, id, full_name, phone, lead_source)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('registered_by_a_owner'), 'Registered 1', '+447700900200', 'walk_in') $$,
  'the owner of tenant A registers a patient without an account');
select tests.authenticate_as('a_admin');
select lives_ok(
  $$ insert into public.patients (tenant_id, id, full_name, phone, lead_source)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('registered_by_a_admin'), 'Registered 2', '+447700900201', 'walk_in') $$,
  'an admin of tenant A registers a patient without an account');
select tests.authenticate_as('a_manager');
select lives_ok(
  $$ insert into public.patients (tenant_id, id, full_name, phone, lead_source)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('registered_by_a_manager'), 'Registered 3', '+447700900202', 'walk_in') $$,
  'a manager of tenant A registers a patient without an account');
select tests.authenticate_as('a_centre_manager');
select lives_ok(
  $$ insert into public.patients (tenant_id, id, registered_centre_id, full_name, phone, lead_source)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('registered_by_a_centre_manager'), tests.tenancy_id('centre_a1'), 'Registered 4', '+447700900203', 'walk_in') $$,
  'a centre manager (scoped to centre_a1) registers a patient without an account at centre_a1');
select throws_ok(
  $$ insert into public.patients (tenant_id, registered_centre_id, full_name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a2'), 'Elsewhere') $$,
  '42501', 'new row violates row-level security policy for table "patients"',
  'a centre manager cannot register a patient at another centre');
select throws_ok(
  $$ insert into public.patients (tenant_id, full_name) values (tests.tenancy_id('tenant_a'), 'Nowhere') $$,
  '42501', 'new row violates row-level security policy for table "patients"',
  'a centre manager cannot register a patient without naming their centre');
select tests.authenticate_as('a_care_coordinator');
select lives_ok(
  $$ insert into public.patients (tenant_id, id, full_name, phone, lead_source)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('registered_by_a_care_coordinator'), 'Registered 5', '+447700900204', 'walk_in') $$,
  'a care coordinator of tenant A registers a patient without an account');
select tests.authenticate_as('a_front_desk');
select lives_ok(
  $$ insert into public.patients (tenant_id, id, full_name, phone, lead_source)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('registered_by_a_front_desk'), 'Registered 6', '+447700900205', 'walk_in') $$,
  'the front desk of tenant A registers a patient without an account');
select throws_ok(
  $$ insert into public.patients (tenant_id, user_id, full_name)
     values (tests.tenancy_id('tenant_a'), tests.get_supabase_uid('outsider'), 'Linked By Staff') $$,
  '42501', 'new row violates row-level security policy for table "patients"',
  'staff cannot create a record linked to an account (only the person or the linking trigger link)');
reset role;
select results_eq(
  $$ select created_by from public.patients where full_name like 'Registered %' order by full_name $$,
  $$ values (tests.get_supabase_uid('a_owner')), (tests.get_supabase_uid('a_admin')), (tests.get_supabase_uid('a_manager')),
            (tests.get_supabase_uid('a_centre_manager')), (tests.get_supabase_uid('a_care_coordinator')), (tests.get_supabase_uid('a_front_desk')) $$,
  'each record is stamped with the staff member who created it');

select * from finish();
rollback;

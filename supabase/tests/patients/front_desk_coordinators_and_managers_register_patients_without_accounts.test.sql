-- Owners, admins, managers, centre managers, care coordinators and the front desk register
-- patients (without linking an account: user_id stays null until the person signs in with a
-- verified matching phone or e-mail); created_by is the registering user. Centre-scoped front
-- office staff (the centre manager of centre_a1) register at one of their centres
-- (registered_centre_id), never at another centre or without one.
begin;
select plan(10);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: each front-office role registers a patient without an account (kept: created_by is checked below)
select is(
  tests.attempt_as(m.who, format(
    $$ insert into public.patients (tenant_id, id, registered_centre_id, full_name, phone, lead_source)
       values (tests.tenancy_id('tenant_a'), tests.tenancy_id(%L), tests.tenancy_id(%L), %L, %L, 'walk_in') $$,
    'registered_by_' || m.who, m.centre, m.full_name, m.phone)),
  '1 row',
  m.description)
from (values
  ('a_owner', null, 'Registered 1', '+447700900200', 'the owner of tenant A registers a patient without an account'),
  ('a_admin', null, 'Registered 2', '+447700900201', 'an admin of tenant A registers a patient without an account'),
  ('a_manager', null, 'Registered 3', '+447700900202', 'a manager of tenant A registers a patient without an account'),
  ('a_centre_manager', 'centre_a1', 'Registered 4', '+447700900203', 'a centre manager (scoped to centre_a1) registers a patient without an account at centre_a1'),
  ('a_care_coordinator', null, 'Registered 5', '+447700900204', 'a care coordinator of tenant A registers a patient without an account'),
  ('a_front_desk', null, 'Registered 6', '+447700900205', 'the front desk of tenant A registers a patient without an account')
) as m(who, centre, full_name, phone, description);

-- TEST: a centre-scoped registrar names one of their centres
select tests.authenticate_as('a_centre_manager');
select throws_ok(
  $$ insert into public.patients (tenant_id, registered_centre_id, full_name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a2'), 'Elsewhere') $$,
  '42501', 'new row violates row-level security policy for table "patients"',
  'a centre manager cannot register a patient at another centre');
select throws_ok(
  $$ insert into public.patients (tenant_id, full_name) values (tests.tenancy_id('tenant_a'), 'Nowhere') $$,
  '42501', 'new row violates row-level security policy for table "patients"',
  'a centre manager cannot register a patient without naming their centre');

-- TEST: nobody on the staff creates a record linked to an account
select tests.authenticate_as('a_front_desk');
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

-- Owners, admins, managers, centre managers, care coordinators and the front desk edit the
-- patient records of their tenant (linked or not), centre-scoped ones those of their centres
-- (the centre manager of centre_a1: patient_a_walk_in, registered there, but not patient_a_2),
-- but never the account link.
begin;
select plan(8);

-- SETUP
select tests.create_tenancy_fixtures();
update public.patients set registered_centre_id = tests.tenancy_id('centre_a1') where id = tests.tenancy_id('patient_a_walk_in');

-- TEST
select tests.authenticate_as('a_owner');
select results_eq(
  $$ update public.patients set lead_source = 'edited_by_a_owner' where id = tests.tenancy_id('patient_a_walk_in') returning lead_source $$,
  $$ values ('edited_by_a_owner') $$,
  'the owner of tenant A edits patient_a_walk_in');
select tests.authenticate_as('a_admin');
select results_eq(
  $$ update public.patients set lead_source = 'edited_by_a_admin' where id = tests.tenancy_id('patient_a') returning lead_source $$,
  $$ values ('edited_by_a_admin') $$,
  'an admin of tenant A edits patient_a');
select tests.authenticate_as('a_manager');
select results_eq(
  $$ update public.patients set lead_source = 'edited_by_a_manager' where id = tests.tenancy_id('patient_a_2') returning lead_source $$,
  $$ values ('edited_by_a_manager') $$,
  'a manager of tenant A edits patient_a_2');
select tests.authenticate_as('a_centre_manager');
select results_eq(
  $$ update public.patients set lead_source = 'edited_by_a_centre_manager' where id = tests.tenancy_id('patient_a_walk_in') returning lead_source $$,
  $$ values ('edited_by_a_centre_manager') $$,
  'a centre manager (scoped to centre_a1) edits patient_a_walk_in, registered at centre_a1');
select is_empty(
  $$ update public.patients set lead_source = 'edited_elsewhere' where id = tests.tenancy_id('patient_a_2') returning 1 $$,
  'but not patient_a_2, who does not belong to centre_a1 (zero rows)');
select tests.authenticate_as('a_care_coordinator');
select results_eq(
  $$ update public.patients set lead_source = 'edited_by_a_care_coordinator' where id = tests.tenancy_id('patient_a') returning lead_source $$,
  $$ values ('edited_by_a_care_coordinator') $$,
  'a care coordinator of tenant A edits patient_a');
select tests.authenticate_as('a_front_desk');
select results_eq(
  $$ update public.patients set lead_source = 'edited_by_a_front_desk' where id = tests.tenancy_id('patient_a_2') returning lead_source $$,
  $$ values ('edited_by_a_front_desk') $$,
  'the front desk of tenant A edits patient_a_2');
select throws_ok(
  $$ update public.patients set user_id = tests.get_supabase_uid('outsider') where id = tests.tenancy_id('patient_a_walk_in') $$,
  'PT403', 'the account of a patient record cannot be changed',
  'staff cannot link a record to an account');

select * from finish();
rollback;

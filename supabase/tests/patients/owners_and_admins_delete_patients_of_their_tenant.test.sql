-- Owners and admins delete patient records of their tenant, except records that have medical
-- notes (23503), and never records of another tenant.
begin;
select plan(4);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.authenticate_as('a_owner');
select results_eq(
  $$ delete from public.patients where id = tests.tenancy_id('patient_a_walk_in') returning id $$,
  $$ values (tests.tenancy_id('patient_a_walk_in')) $$,
  'the owner of tenant A deletes a patient record');
select tests.authenticate_as('a_admin');
select results_eq(
  $$ delete from public.patients where id = tests.tenancy_id('patient_a_2') returning id $$,
  $$ values (tests.tenancy_id('patient_a_2')) $$,
  'an admin of tenant A deletes a patient record (with an account)');
select throws_ok(
  $$ delete from public.patients where id = tests.tenancy_id('patient_a') $$,
  '23503', null,
  'a record with medical notes cannot be deleted (foreign key restrict)');
select is_empty(
  $$ delete from public.patients where id = tests.tenancy_id('patient_b') returning 1 $$,
  'an admin of tenant A cannot delete a patient of tenant B: zero rows');

select * from finish();
rollback;

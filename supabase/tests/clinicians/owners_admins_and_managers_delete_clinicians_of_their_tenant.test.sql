-- Owners, admins and managers delete clinician profiles of their tenant (assignments to
-- centres cascade), never one of another tenant.
begin;
select plan(6);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.authenticate_as('a_owner');
select results_eq(
  $$ delete from public.clinicians where id = tests.tenancy_id('clinician_a_retired') returning id $$,
  $$ values (tests.tenancy_id('clinician_a_retired')) $$,
  'the owner of tenant A deletes clinician_a_retired');
select tests.authenticate_as('a_admin');
select results_eq(
  $$ delete from public.clinicians where id = tests.tenancy_id('clinician_a_visiting') returning id $$,
  $$ values (tests.tenancy_id('clinician_a_visiting')) $$,
  'an admin of tenant A deletes clinician_a_visiting');
select tests.authenticate_as('a_manager');
select results_eq(
  $$ delete from public.clinicians where id = tests.tenancy_id('clinician_a_2') returning id $$,
  $$ values (tests.tenancy_id('clinician_a_2')) $$,
  'a manager of tenant A deletes clinician_a_2');
select is_empty(
  $$ delete from public.clinicians where id = tests.tenancy_id('clinician_b') returning 1 $$,
  'a manager of tenant A cannot delete a clinician of tenant B: zero rows');
reset role;
select is((select count(*)::integer from public.clinician_centres
           where clinician_id in (tests.tenancy_id('clinician_a_retired'), tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('clinician_a_2'))),
  0, 'their centre assignments went with them (on delete cascade)');
select ok(exists (select 1 from public.clinicians where id = tests.tenancy_id('clinician_b')), 'tenant B''s clinician is still there');

select * from finish();
rollback;

-- Staff access to patient records is decided from the membership tables on every statement,
-- never from the access token: a deactivated member, or one whose last role was removed, loses
-- it on their very next statement.
begin;
select plan(7);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: deactivating the front desk member
select tests.authenticate_as('a_front_desk');
select results_eq(
  $$ select id from public.patients where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ select id from (values (tests.tenancy_id('patient_a')), (tests.tenancy_id('patient_a_2')), (tests.tenancy_id('patient_a_walk_in'))) as v (id) order by 1 $$,
  'before: the front desk sees tenant A''s patients');
select tests.authenticate_as('a_admin');
select results_eq(
  $$ update public.members set is_active = false where id = tests.tenancy_id('a_front_desk.member') returning is_active $$,
  $$ values (false) $$,
  'an admin deactivates the front desk member');
select tests.authenticate_as('a_front_desk');
select is_empty(
  $$ select id from public.patients where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  'after: the deactivated member sees no patient on their next statement');
select is_empty(
  $$ update public.patients set full_name = 'Edited' where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'after: the deactivated member edits no patient');
select throws_ok(
  $$ insert into public.patients (tenant_id, full_name) values (tests.tenancy_id('tenant_a'), 'After Deactivation') $$,
  '42501', 'new row violates row-level security policy for table "patients"',
  'after: the deactivated member registers no patient');

-- TEST: removing the care coordinator's only role
select tests.authenticate_as('a_admin');
select results_eq(
  $$ delete from public.member_roles where member_id = tests.tenancy_id('a_care_coordinator.member') returning role::text $$,
  $$ values ('care_coordinator') $$,
  'an admin removes the care coordinator''s only role');
select tests.authenticate_as('a_care_coordinator');
select is_empty(
  $$ select id from public.patients where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  'after: a member without any role sees no patient');

select * from finish();
rollback;

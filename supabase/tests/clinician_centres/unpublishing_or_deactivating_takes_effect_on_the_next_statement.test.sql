-- Visibility and rights are decided on every statement: unpublishing a centre hides its
-- assignments from the very next visitor request, and a deactivated manager can no longer
-- change or see internal assignments on their next statement, with the same token.
begin;
select plan(8);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: unpublishing a centre hides its assignments from the next visitor request
select tests.clear_authentication();
select ok(exists (select 1 from public.clinician_centres where centre_id = tests.tenancy_id('centre_a2')),
  'before: visitors see who works at Alpha North');
select tests.authenticate_as('a_manager');
select results_eq(
  $$ update public.centres set is_published = false where id = tests.tenancy_id('centre_a2') returning is_published $$,
  $$ values (false) $$,
  'a manager unpublishes Alpha North');
reset role;
select tests.clear_authentication();
select is_empty(
  $$ select 1 from public.clinician_centres where centre_id = tests.tenancy_id('centre_a2') $$,
  'after: visitors no longer see assignments to the unpublished centre');

-- TEST: a deactivated manager cannot assign on their next statement
select tests.authenticate_as('a_manager');
select lives_ok(
  $$ insert into public.clinician_centres (tenant_id, clinician_id, centre_id)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a1')) $$,
  'before: the manager assigns a clinician');
select tests.authenticate_as('a_owner');
select results_eq(
  $$ update public.members set is_active = false where id = tests.tenancy_id('a_manager.member') returning is_active $$,
  $$ values (false) $$,
  'the owner deactivates the manager');
select tests.authenticate_as('a_manager');
select throws_ok(
  $$ insert into public.clinician_centres (tenant_id, clinician_id, centre_id)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a1')) $$,
  '42501', 'new row violates row-level security policy for table "clinician_centres"',
  'after: the deactivated manager cannot assign');
select is_empty(
  $$ delete from public.clinician_centres where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'after: the deactivated manager cannot remove assignments');
select is_empty(
  $$ select 1 from public.clinician_centres where centre_id = tests.tenancy_id('centre_a_unpublished') $$,
  'after: the deactivated manager no longer sees assignments to the unpublished centre');

select * from finish();
rollback;

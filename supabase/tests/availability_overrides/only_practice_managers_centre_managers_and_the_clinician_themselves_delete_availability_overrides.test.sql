-- public.availability_overrides: who may delete rows (owners, admins and managers (any centre), the centre manager (their centre) and the clinician themselves, and service_role);
-- others delete zero rows, anon has no grant (42501). Each permitted delete removes its own row.
begin;
select plan(17);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_availability_fixtures();
-- one row per permitted deleter
insert into public.availability_overrides (tenant_id, id, clinician_id, centre_id, local_date, local_start, local_end) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('override_del_a_owner'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), date '2026-09-05', '07:00', '08:00');
insert into public.availability_overrides (tenant_id, id, clinician_id, centre_id, local_date, local_start, local_end) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('override_del_a_admin'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2'), date '2026-09-05', '07:00', '08:00');
insert into public.availability_overrides (tenant_id, id, clinician_id, centre_id, local_date, local_start, local_end) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('override_del_a_manager'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a_unpublished'), date '2026-09-05', '07:00', '08:00');
insert into public.availability_overrides (tenant_id, id, clinician_id, centre_id, local_date, local_start, local_end) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('override_del_a_centre_manager'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), date '2026-09-05', '07:00', '08:00');
insert into public.availability_overrides (tenant_id, id, clinician_id, centre_id, local_date, local_start, local_end) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('override_del_a_clinician'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), date '2026-09-05', '07:00', '08:00');
insert into public.availability_overrides (tenant_id, id, clinician_id, centre_id, local_date, local_start, local_end) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('override_del_a_clinician_2'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2'), date '2026-09-05', '07:00', '08:00');
insert into public.availability_overrides (tenant_id, id, clinician_id, centre_id, local_date, local_start, local_end) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('override_del_service_role'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2'), date '2026-09-05', '07:00', '08:00');

-- TEST: anon has no delete grant
select tests.clear_authentication();
select throws_ok(
  $$ delete from public.availability_overrides where tenant_id = tests.tenancy_id('tenant_a') $$,
  '42501', 'permission denied for table availability_overrides',
  'anon cannot delete extra hours: 42501');
select tests.authenticate_as('a_owner');
select isnt_empty(
  $$ delete from public.availability_overrides where id = tests.tenancy_id('override_del_a_owner') returning 1 $$,
  'the owner deletes hours of clinician_a at centre_a1');
select tests.authenticate_as('a_admin');
select isnt_empty(
  $$ delete from public.availability_overrides where id = tests.tenancy_id('override_del_a_admin') returning 1 $$,
  'an admin deletes hours of clinician_a_2 at centre_a2');
select tests.authenticate_as('a_manager');
select isnt_empty(
  $$ delete from public.availability_overrides where id = tests.tenancy_id('override_del_a_manager') returning 1 $$,
  'a manager deletes hours of clinician_a at centre_a_unpublished');
select tests.authenticate_as('a_centre_manager');
select isnt_empty(
  $$ delete from public.availability_overrides where id = tests.tenancy_id('override_del_a_centre_manager') returning 1 $$,
  'the centre manager of centre_a1 deletes hours of clinician_a at centre_a1');
select tests.authenticate_as('a_centre_manager');
select is_empty(
  $$ delete from public.availability_overrides where id = tests.tenancy_id('override_a_2') returning 1 $$,
  'the centre manager of centre_a1 cannot delete override_a_2: zero rows');
select tests.authenticate_as('a_clinician');
select isnt_empty(
  $$ delete from public.availability_overrides where id = tests.tenancy_id('override_del_a_clinician') returning 1 $$,
  'clinician_a (a_clinician) deletes hours of clinician_a at centre_a1');
select tests.authenticate_as('a_clinician');
select is_empty(
  $$ delete from public.availability_overrides where id = tests.tenancy_id('override_a_2') returning 1 $$,
  'clinician_a (a_clinician) cannot delete override_a_2: zero rows');
select tests.authenticate_as('a_clinician_2');
select isnt_empty(
  $$ delete from public.availability_overrides where id = tests.tenancy_id('override_del_a_clinician_2') returning 1 $$,
  'clinician_a_2 (a_clinician_2) deletes hours of clinician_a_2 at centre_a2');
select tests.authenticate_as('a_clinician_2');
select is_empty(
  $$ delete from public.availability_overrides where id = tests.tenancy_id('override_a') returning 1 $$,
  'clinician_a_2 (a_clinician_2) cannot delete override_a: zero rows');
select tests.authenticate_as('a_care_coordinator');
select is_empty(
  $$ delete from public.availability_overrides where id = tests.tenancy_id('override_a') returning 1 $$,
  'a care coordinator cannot delete override_a: zero rows');
select tests.authenticate_as('a_front_desk');
select is_empty(
  $$ delete from public.availability_overrides where id = tests.tenancy_id('override_a') returning 1 $$,
  'the front desk cannot delete override_a: zero rows');
select tests.authenticate_as('patient');
select is_empty(
  $$ delete from public.availability_overrides where id = tests.tenancy_id('override_a') returning 1 $$,
  'a patient of tenant A cannot delete override_a: zero rows');
select tests.authenticate_as('outsider');
select is_empty(
  $$ delete from public.availability_overrides where id = tests.tenancy_id('override_a') returning 1 $$,
  'a signed-in user with no role cannot delete override_a: zero rows');
select tests.authenticate_as('b_owner');
select is_empty(
  $$ delete from public.availability_overrides where id = tests.tenancy_id('override_a') returning 1 $$,
  'the owner of tenant B cannot delete override_a: zero rows');
select tests.authenticate_as_service_role();
select isnt_empty(
  $$ delete from public.availability_overrides where id = tests.tenancy_id('override_del_service_role') returning 1 $$,
  'service_role deletes hours of clinician_a_2 at centre_a2');
reset role;
select is((select count(*)::integer from public.availability_overrides where id in (select tests.tenancy_id(n) from unnest(array['override_a', 'override_a_2']) as n)), 2,
  'the rows others tried to delete are all still there');

select * from finish();
rollback;

-- public.holidays: who may delete rows (owners, admins and managers (tenant-wide or a centre) and the centre manager (their centre only), and service_role);
-- others delete zero rows, anon has no grant (42501). Each permitted delete removes its own row.
begin;
select plan(16);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_availability_fixtures();
-- one row per permitted deleter
insert into public.holidays (tenant_id, id, centre_id, local_date, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('holiday_del_a_owner'), null, date '2026-09-07', 'Closed');
insert into public.holidays (tenant_id, id, centre_id, local_date, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('holiday_del_a_admin'), tests.tenancy_id('centre_a2'), date '2026-09-07', 'Closed');
insert into public.holidays (tenant_id, id, centre_id, local_date, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('holiday_del_a_manager'), tests.tenancy_id('centre_a1'), date '2026-09-07', 'Closed');
insert into public.holidays (tenant_id, id, centre_id, local_date, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('holiday_del_a_centre_manager'), tests.tenancy_id('centre_a1'), date '2026-09-07', 'Closed');
insert into public.holidays (tenant_id, id, centre_id, local_date, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('holiday_del_service_role'), null, date '2026-09-07', 'Closed');

-- TEST: anon has no delete grant
select tests.clear_authentication();
select throws_ok(
  $$ delete from public.holidays where tenant_id = tests.tenancy_id('tenant_a') $$,
  '42501', 'permission denied for table holidays',
  'anon cannot delete holidays: 42501');
select tests.authenticate_as('a_owner');
select isnt_empty(
  $$ delete from public.holidays where id = tests.tenancy_id('holiday_del_a_owner') returning 1 $$,
  'the owner deletes a tenant-wide holiday');
select tests.authenticate_as('a_admin');
select isnt_empty(
  $$ delete from public.holidays where id = tests.tenancy_id('holiday_del_a_admin') returning 1 $$,
  'an admin deletes a holiday of centre_a2');
select tests.authenticate_as('a_manager');
select isnt_empty(
  $$ delete from public.holidays where id = tests.tenancy_id('holiday_del_a_manager') returning 1 $$,
  'a manager deletes a holiday of centre_a1');
select tests.authenticate_as('a_centre_manager');
select isnt_empty(
  $$ delete from public.holidays where id = tests.tenancy_id('holiday_del_a_centre_manager') returning 1 $$,
  'the centre manager of centre_a1 deletes a holiday of centre_a1');
select tests.authenticate_as('a_centre_manager');
select is_empty(
  $$ delete from public.holidays where id = tests.tenancy_id('holiday_a2') returning 1 $$,
  'the centre manager of centre_a1 cannot delete holiday_a2: zero rows');
select tests.authenticate_as('a_centre_manager');
select is_empty(
  $$ delete from public.holidays where id = tests.tenancy_id('holiday_a') returning 1 $$,
  'the centre manager of centre_a1 cannot delete holiday_a: zero rows');
select tests.authenticate_as('a_clinician');
select is_empty(
  $$ delete from public.holidays where id = tests.tenancy_id('holiday_a1') returning 1 $$,
  'clinician_a (a_clinician) cannot delete holiday_a1: zero rows');
select tests.authenticate_as('a_clinician_2');
select is_empty(
  $$ delete from public.holidays where id = tests.tenancy_id('holiday_a2') returning 1 $$,
  'clinician_a_2 (a_clinician_2) cannot delete holiday_a2: zero rows');
select tests.authenticate_as('a_care_coordinator');
select is_empty(
  $$ delete from public.holidays where id = tests.tenancy_id('holiday_a1') returning 1 $$,
  'a care coordinator cannot delete holiday_a1: zero rows');
select tests.authenticate_as('a_front_desk');
select is_empty(
  $$ delete from public.holidays where id = tests.tenancy_id('holiday_a1') returning 1 $$,
  'the front desk cannot delete holiday_a1: zero rows');
select tests.authenticate_as('patient');
select is_empty(
  $$ delete from public.holidays where id = tests.tenancy_id('holiday_a1') returning 1 $$,
  'a patient of tenant A cannot delete holiday_a1: zero rows');
select tests.authenticate_as('outsider');
select is_empty(
  $$ delete from public.holidays where id = tests.tenancy_id('holiday_a') returning 1 $$,
  'a signed-in user with no role cannot delete holiday_a: zero rows');
select tests.authenticate_as('b_owner');
select is_empty(
  $$ delete from public.holidays where id = tests.tenancy_id('holiday_a') returning 1 $$,
  'the owner of tenant B cannot delete holiday_a: zero rows');
select tests.authenticate_as_service_role();
select isnt_empty(
  $$ delete from public.holidays where id = tests.tenancy_id('holiday_del_service_role') returning 1 $$,
  'service_role deletes a tenant-wide holiday');
reset role;
select is((select count(*)::integer from public.holidays where id in (select tests.tenancy_id(n) from unnest(array['holiday_a', 'holiday_a1', 'holiday_a2']) as n)), 3,
  'the rows others tried to delete are all still there');

select * from finish();
rollback;

-- A holiday's centre must belong to the same tenant (23503); its name must not be blank (23514);
-- null centre_id means every centre of the tenant.
begin;
select plan(3);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select throws_ok(
  $$ insert into public.holidays (tenant_id, centre_id, local_date, name)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_b1'), date '2026-12-25', 'Christmas Day') $$,
  '23503', null,
  'a centre of another tenant: 23503');
select throws_ok(
  $$ insert into public.holidays (tenant_id, centre_id, local_date, name)
     values (tests.tenancy_id('tenant_a'), null, date '2026-12-25', '  ') $$,
  '23514', 'value for domain non_empty_text violates check constraint "non_empty_text_not_blank"',
  'a blank name: 23514');
select lives_ok(
  $$ insert into public.holidays (tenant_id, centre_id, local_date, name)
     values (tests.tenancy_id('tenant_a'), null, date '2026-12-26', 'Boxing Day') $$,
  'a tenant-wide holiday has no centre');

select * from finish();
rollback;

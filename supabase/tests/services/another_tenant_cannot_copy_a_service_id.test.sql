-- Booking and slot search find a service (and so the tenant) by its id alone, so a service id
-- names one service across all tenants: another tenant's owner cannot create a service with a
-- copied id (23505), and booking still finds the original.
begin;
select plan(3);

-- SETUP
select tests.create_catalogue_fixtures();

-- TEST: the copy is refused
select tests.authenticate_as('b_owner');
select throws_ok(
  $$ insert into public.services (tenant_id, id, name, duration_minutes, price, currency, payment_required, mode, is_public, is_active)
     values (tests.tenancy_id('tenant_b'), tests.tenancy_id('service_a_consult'), 'Copied', 30, 1, 'USD', false, 'in_person', true, true) $$,
  '23505', 'duplicate key value violates unique constraint "services_id_key"',
  'another tenant''s owner cannot create a service with a copied id');

-- TEST: also not through service_role (the constraint holds for every writer)
select tests.authenticate_as_service_role();
select throws_ok(
  $$ insert into public.services (tenant_id, id, name, duration_minutes, price, currency, payment_required, mode, is_public, is_active)
     values (tests.tenancy_id('tenant_c'), tests.tenancy_id('service_b_consult'), 'Copied', 30, 1, 'EUR', false, 'in_person', true, true) $$,
  '23505', null, 'service_role cannot either');

-- TEST: the original is untouched
reset role;
select results_eq(
  $$ select tenant_id, name::text from public.services where id = tests.tenancy_id('service_a_consult') $$,
  $$ values (tests.tenancy_id('tenant_a'), 'Consultation') $$,
  'the id still names only the original tenant''s service');

select * from finish();
rollback;

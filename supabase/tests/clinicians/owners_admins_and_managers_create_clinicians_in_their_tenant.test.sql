-- Owners, admins and managers of a tenant create clinician profiles in it (policy
-- clinicians_insert_authenticated: tenant-wide owner/admin/manager of an active tenant).
begin;
select plan(4);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.authenticate_as('a_owner');
select lives_ok(
  $$ insert into public.clinicians (tenant_id, id, display_name, specialisations, consultation_fee, fee_currency, is_public)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('new_by_a_owner'), 'Dr New 1', '{general_practice}', 50, 'GBP', true) $$,
  'the owner of tenant A creates a clinician profile in tenant A');
select tests.authenticate_as('a_admin');
select lives_ok(
  $$ insert into public.clinicians (tenant_id, id, display_name, specialisations, consultation_fee, fee_currency, is_public)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('new_by_a_admin'), 'Dr New 2', '{general_practice}', 50, 'GBP', true) $$,
  'an admin of tenant A creates a clinician profile in tenant A');
select tests.authenticate_as('a_manager');
select lives_ok(
  $$ insert into public.clinicians (tenant_id, id, display_name, specialisations, consultation_fee, fee_currency, is_public)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('new_by_a_manager'), 'Dr New 3', '{general_practice}', 50, 'GBP', true) $$,
  'a manager of tenant A creates a clinician profile in tenant A');
reset role;
select results_eq(
  $$ select display_name::text from public.clinicians
     where id in (tests.tenancy_id('new_by_a_owner'), tests.tenancy_id('new_by_a_admin'), tests.tenancy_id('new_by_a_manager'))
     order by 1 $$,
  $$ values ('Dr New 1'), ('Dr New 2'), ('Dr New 3') $$,
  'the three profiles exist');

select * from finish();
rollback;

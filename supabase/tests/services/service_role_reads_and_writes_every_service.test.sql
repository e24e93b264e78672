-- service_role (server-side code) bypasses RLS: it reads, creates, edits and deletes any service.
begin;
select plan(6);

-- SETUP
select tests.create_catalogue_fixtures();

select tests.authenticate_as_service_role();
select set_eq(
  $$ select id from public.services where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('service_a_consult')), (tests.tenancy_id('service_a_scan')), (tests.tenancy_id('service_a_video')), (tests.tenancy_id('service_a_internal')), (tests.tenancy_id('service_a_retired')), (tests.tenancy_id('service_b_consult')), (tests.tenancy_id('service_c_consult')) $$,
  'service_role reads every service of every tenant');
select lives_ok($$ insert into public.services (tenant_id, id, name, duration_minutes) values (tests.tenancy_id('tenant_b'), tests.tenancy_id('service_b_new'), 'Server made', 30) $$, 'service_role creates a service');
select isnt_empty($$ update public.services set is_public = true where id = tests.tenancy_id('service_a_internal') returning 1 $$, 'service_role edits a service');
select is((select currency::text from public.services where id = tests.tenancy_id('service_b_new')), 'USD', 'a service created without a currency takes its tenant''s (B: USD)');
select isnt_empty($$ delete from public.services where id = tests.tenancy_id('service_b_new') returning 1 $$, 'service_role deletes a service');
reset role;
select is((select count(*)::integer from public.services where id = tests.tenancy_id('service_b_new')), 0, 'the deleted service is gone');

select * from finish();
rollback;

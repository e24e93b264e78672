-- service_role bypasses RLS: it reads, adds, edits and deletes any resource.
begin;
select plan(4);

-- SETUP
select tests.create_catalogue_fixtures();

select tests.authenticate_as_service_role();
select set_eq(
  $$ select id from public.resources where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('resource_a1_room')), (tests.tenancy_id('resource_a1_ultrasound')), (tests.tenancy_id('resource_a2_room')), (tests.tenancy_id('resource_b1_room')) $$,
  'service_role reads every resource of every tenant');
select lives_ok($$ insert into public.resources (tenant_id, centre_id, kind, resource_type, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), 'room', 'treatment_room', 'Server room') $$, 'service_role adds a resource');
select isnt_empty($$ update public.resources set is_active = false where name = 'Server room' returning 1 $$, 'service_role edits a resource');
select isnt_empty($$ delete from public.resources where name = 'Server room' returning 1 $$, 'service_role deletes a resource');
reset role;

select * from finish();
rollback;

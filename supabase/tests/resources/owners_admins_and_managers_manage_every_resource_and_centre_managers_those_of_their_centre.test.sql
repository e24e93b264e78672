-- Owners, admins and managers add, edit and delete rooms and equipment at any centre of their
-- tenant; a centre manager only at the centre they manage (elsewhere: 42501 on insert, zero rows on
-- update and delete). centre_id is fixed once created.
begin;
select plan(18);

-- SETUP
select tests.create_catalogue_fixtures();

-- TEST: tenant-wide roles at any centre
select tests.authenticate_as('a_owner');
select lives_ok($$ insert into public.resources (tenant_id, centre_id, kind, resource_type, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a2'), 'room', 'treatment_room', 'Room by a_owner') $$, 'the owner of tenant A adds a resource at any centre');
select isnt_empty($$ update public.resources set name = 'Room A (a_owner)' where id = tests.tenancy_id('resource_a2_room') returning 1 $$, 'the owner of tenant A edits a resource at any centre');
select isnt_empty($$ delete from public.resources where name = 'Room by a_owner' returning 1 $$, 'the owner of tenant A deletes a resource at any centre');
select tests.authenticate_as('a_admin');
select lives_ok($$ insert into public.resources (tenant_id, centre_id, kind, resource_type, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a2'), 'room', 'treatment_room', 'Room by a_admin') $$, 'an admin of tenant A adds a resource at any centre');
select isnt_empty($$ update public.resources set name = 'Room A (a_admin)' where id = tests.tenancy_id('resource_a2_room') returning 1 $$, 'an admin of tenant A edits a resource at any centre');
select isnt_empty($$ delete from public.resources where name = 'Room by a_admin' returning 1 $$, 'an admin of tenant A deletes a resource at any centre');
select tests.authenticate_as('a_manager');
select lives_ok($$ insert into public.resources (tenant_id, centre_id, kind, resource_type, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a2'), 'room', 'treatment_room', 'Room by a_manager') $$, 'a manager of tenant A adds a resource at any centre');
select isnt_empty($$ update public.resources set name = 'Room A (a_manager)' where id = tests.tenancy_id('resource_a2_room') returning 1 $$, 'a manager of tenant A edits a resource at any centre');
select isnt_empty($$ delete from public.resources where name = 'Room by a_manager' returning 1 $$, 'a manager of tenant A deletes a resource at any centre');

-- TEST: the centre manager of centre A1
select tests.authenticate_as('a_centre_manager');
select lives_ok($$ insert into public.resources (tenant_id, centre_id, kind, resource_type, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), 'room', 'treatment_room', 'Room 9') $$, 'a centre manager adds a resource at the centre they manage');
select isnt_empty($$ update public.resources set is_active = false where id = tests.tenancy_id('resource_a1_ultrasound') returning 1 $$, 'a centre manager edits a resource of their centre');
select isnt_empty($$ delete from public.resources where name = 'Room 9' returning 1 $$, 'a centre manager deletes a resource of their centre');
select throws_ok($$ insert into public.resources (tenant_id, centre_id, kind, resource_type, name) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a2'), 'room', 'treatment_room', 'Room 9') $$,
  '42501', 'new row violates row-level security policy for table "resources"', 'a centre manager cannot add a resource at another centre');
select is_empty($$ update public.resources set is_active = false where id = tests.tenancy_id('resource_a2_room') returning 1 $$, 'a centre manager changes no resource of another centre');
select is_empty($$ delete from public.resources where id = tests.tenancy_id('resource_a2_room') returning 1 $$, 'a centre manager deletes no resource of another centre');
select throws_ok($$ update public.resources set centre_id = tests.tenancy_id('centre_a2') where id = tests.tenancy_id('resource_a1_room') $$,
  'PT422', 'resources.centre_id cannot be changed', 'nobody moves a resource to another centre');
reset role;
select is((select (name, is_active)::text from public.resources where id = tests.tenancy_id('resource_a2_room')), '("Room A (a_manager)",t)', 'the resource of centre A2 carries only the managers'' edits');
select is((select is_active from public.resources where id = tests.tenancy_id('resource_a1_ultrasound')), false, 'the centre manager''s edit is stored');

select * from finish();
rollback;

-- A resource is a room or equipment (PT422 otherwise), its resource_type a lower-case identifier
-- (PT422 with a hint), its name unique within the centre (23505) and not blank (23514), at a
-- centre of its own tenant (23503).
begin;
select plan(7);

-- SETUP
select tests.create_catalogue_fixtures();
select tests.authenticate_as('a_manager');

-- TEST
select throws_ok($$ insert into public.resources (tenant_id, centre_id, kind, resource_type, name)
   values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), 'vehicle', 'ambulance', 'Van') $$,
  'PT422', 'kind must be room or equipment', 'a kind other than room or equipment is refused');
select throws_ok($$ update public.resources set resource_type = 'Consulting Room' where id = tests.tenancy_id('resource_a1_room') $$,
  'PT422', 'resource_type must be a lower-case identifier', 'a resource type with capitals and spaces is refused');
select is(
  tests.error_details_of($$ update public.resources set resource_type = '1room' where id = tests.tenancy_id('resource_a1_room') $$) ->> 'hint',
  'A letter, then letters, digits or underscores, e.g. consulting_room or ultrasound; services name it in required_resource_type.',
  'the hint shows the accepted form');
select throws_ok($$ insert into public.resources (tenant_id, centre_id, kind, resource_type, name)
   values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), 'room', 'consulting_room', 'Room 1') $$,
  '23505', null, 'two resources of one centre cannot share a name');
select lives_ok($$ insert into public.resources (tenant_id, centre_id, kind, resource_type, name)
   values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a2'), 'room', 'consulting_room', 'Room 1') $$,
  'another centre may use the same name');
select throws_ok($$ insert into public.resources (tenant_id, centre_id, kind, resource_type, name)
   values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), 'room', 'consulting_room', ' ') $$,
  '23514', null, 'a blank name is refused');
select tests.authenticate_as_service_role();
select throws_ok($$ insert into public.resources (tenant_id, centre_id, kind, resource_type, name)
   values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_b1'), 'room', 'consulting_room', 'Borrowed') $$,
  '23503', null, 'a resource is at a centre of its own tenant, even for service_role');

select * from finish();
rollback;

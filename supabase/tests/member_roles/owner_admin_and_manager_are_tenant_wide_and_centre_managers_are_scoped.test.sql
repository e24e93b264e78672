-- Role scope rules: owner, admin and manager are tenant-wide (23514 when given a centre); a
-- centre_manager always names a centre (23514 without); the centre belongs to the same tenant
-- (23503); a role is held once per scope (23505).
begin;
select plan(5);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select throws_ok($$ insert into public.member_roles (tenant_id, member_id, role, centre_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_front_desk.member'), 'manager', tests.tenancy_id('centre_a1')) $$,
  '23514', null, 'a manager cannot be limited to one centre');
select throws_ok($$ insert into public.member_roles (tenant_id, member_id, role, centre_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_front_desk.member'), 'owner', tests.tenancy_id('centre_a1')) $$,
  '23514', null, 'an owner cannot be limited to one centre');
select throws_ok($$ insert into public.member_roles (tenant_id, member_id, role) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_front_desk.member'), 'centre_manager') $$,
  '23514', null, 'a centre manager must name a centre');
select throws_ok($$ insert into public.member_roles (tenant_id, member_id, role, centre_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_front_desk.member'), 'front_desk', tests.tenancy_id('centre_b1')) $$,
  '23503', null, 'a role cannot be scoped to another tenant''s centre');
select throws_ok($$ insert into public.member_roles (tenant_id, member_id, role) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_front_desk.member'), 'front_desk') $$,
  '23505', null, 'a member holds a role at a scope once');

select * from finish();
rollback;

-- A tenant keeps at least one owner: removing the last owner role raises PT409; with a second
-- owner in place, an owner may step down.
begin;
select plan(3);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.authenticate_as('a_owner');
select throws_ok($$ delete from public.member_roles where member_id = tests.tenancy_id('a_owner.member') and role = 'owner' $$,
  'PT409', 'a tenant must keep at least one owner', 'the only owner cannot remove their owner role');
select lives_ok($$ insert into public.member_roles (tenant_id, member_id, role) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_admin.member'), 'owner') $$,
  'the owner makes the admin a second owner');
select isnt_empty($$ delete from public.member_roles where member_id = tests.tenancy_id('a_owner.member') and role = 'owner' returning 1 $$,
  'with another owner in place, the first one steps down');
reset role;

select * from finish();
rollback;

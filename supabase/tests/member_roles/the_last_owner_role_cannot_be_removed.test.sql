-- A tenant keeps at least one owner: removing the last owner role raises PT409 last_owner; with a second
-- owner in place, an owner may step down.
begin;
select plan(4);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.authenticate_as('a_owner');
select throws_ok($$ delete from public.member_roles where member_id = tests.tenancy_id('a_owner.member') and role = 'owner' $$,
  'PT409', 'a tenant must keep at least one owner', 'the only owner cannot remove their owner role');
select is(tests.error_details_of($$ delete from public.member_roles where member_id = tests.tenancy_id('a_owner.member') and role = 'owner' $$),
  '{"code": "PT409", "message": "a tenant must keep at least one owner", "detail": "last_owner", "hint": "Grant the owner role to another active member first."}'::jsonb,
  'with the reason last_owner and a hint');
select lives_ok($$ insert into public.member_roles (tenant_id, member_id, role) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_admin.member'), 'owner') $$,
  'the owner makes the admin a second owner');
select isnt_empty($$ delete from public.member_roles where member_id = tests.tenancy_id('a_owner.member') and role = 'owner' returning 1 $$,
  'with another owner in place, the first one steps down');
reset role;

select * from finish();
rollback;

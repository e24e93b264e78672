-- Revocation is immediate: once an owner deactivates a member, the very next statement made by that
-- member sees none of the tenant's staff data and can change nothing - whatever their JWT says.
begin;
select plan(6);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: before
select tests.authenticate_as('a_manager');
select results_eq($$ select count(*) from public.members where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (8::bigint) $$,
  'while active, the manager sees the tenant''s members');
reset role;

select tests.authenticate_as('a_owner');
update public.members set is_active = false where id = tests.tenancy_id('a_manager.member');
reset role;

-- TEST: the next statement of the deactivated member, with a token that still claims membership
select tests.authenticate_as_with_claims('a_manager', jsonb_build_object('slotbase', jsonb_build_object('memberships',
  jsonb_build_array(jsonb_build_object('tenant_id', tests.tenancy_id('tenant_a'), 'roles', jsonb_build_array('manager'))))));
select results_eq($$ select id from public.members where tenant_id = tests.tenancy_id('tenant_a') $$,
  $$ values (tests.tenancy_id('a_manager.member')) $$, 'the deactivated member sees only their own membership row');
select is_empty($$ select 1 from public.centres where id = tests.tenancy_id('centre_a_unpublished') $$, 'the unpublished centre is hidden again');
select throws_ok($$ insert into public.centres (tenant_id, name, slug) values (tests.tenancy_id('tenant_a'), 'Sneaky', 'sneaky') $$,
  '42501', 'new row violates row-level security policy for table "centres"', 'the deactivated member can no longer open centres');
select is_empty($$ update public.members set is_active = true where id = tests.tenancy_id('a_manager.member') returning 1 $$,
  'the deactivated member cannot reactivate themselves (zero rows)');
reset role;

-- TEST: and nobody deactivates themselves either
select tests.authenticate_as('a_owner');
select throws_ok($$ update public.members set is_active = false where id = tests.tenancy_id('a_owner.member') $$,
  'PT403', 'you cannot change your own active status', 'an owner cannot deactivate themselves');
reset role;

select * from finish();
rollback;

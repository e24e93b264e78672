-- Escalation: access comes only from members/member_roles rows. A user whose user_metadata (which
-- users edit themselves) or token claims say "owner of tenant_a" gets nothing.
begin;
select plan(5);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_supabase_user('pretender', metadata => jsonb_build_object(
  'role', 'owner', 'tenant_id', tests.tenancy_id('tenant_a'), 'roles', jsonb_build_array('owner', 'admin')));

-- TEST: user_metadata says owner
select tests.authenticate_as('pretender');
select is_empty($$ select 1 from public.members where tenant_id = tests.tenancy_id('tenant_a') $$, 'user_metadata claiming ownership shows no members');
select is_empty($$ update public.tenants set name = 'Pwned' where id = tests.tenancy_id('tenant_a') returning 1 $$, 'user_metadata claiming ownership updates no tenant');
reset role;

-- TEST: the token's app_metadata and slotbase claims say owner
select tests.authenticate_as_with_claims('pretender', jsonb_build_object(
  'app_metadata', jsonb_build_object('role', 'owner', 'tenant_id', tests.tenancy_id('tenant_a')),
  'slotbase', jsonb_build_object('memberships', jsonb_build_array(jsonb_build_object(
    'tenant_id', tests.tenancy_id('tenant_a'), 'tenant_slug', 'fixture-alpha-clinics', 'roles', jsonb_build_array('owner'), 'centre_roles', '[]'::jsonb)))));
select is_empty($$ select 1 from public.member_roles where tenant_id = tests.tenancy_id('tenant_a') $$, 'forged claims show no roles');
select throws_ok($$ insert into public.member_roles (tenant_id, member_id, role) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_front_desk.member'), 'admin') $$,
  '42501', 'new row violates row-level security policy for table "member_roles"', 'forged claims grant no roles');
select is_empty($$ select 1 from public.centres where id = tests.tenancy_id('centre_a_unpublished') $$, 'forged claims show no staff-only centre');
reset role;

select * from finish();
rollback;

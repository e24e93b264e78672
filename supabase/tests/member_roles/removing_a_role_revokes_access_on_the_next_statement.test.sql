-- Revocation is immediate: when an owner removes a member's only role, the very next statement of
-- that member (same token) sees no staff data.
begin;
select plan(3);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.authenticate_as('a_front_desk');
select results_eq($$ select count(*) from public.patients where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (3::bigint) $$,
  'with the role, front desk sees the tenant''s patients');
reset role;
select tests.authenticate_as('a_owner');
delete from public.member_roles where member_id = tests.tenancy_id('a_front_desk.member');
reset role;
select tests.authenticate_as('a_front_desk');
select is_empty($$ select 1 from public.patients where tenant_id = tests.tenancy_id('tenant_a') $$, 'without it, the next statement sees no patients');
select is_empty($$ select 1 from public.member_roles where tenant_id = tests.tenancy_id('tenant_a') $$, 'and no roles');
reset role;

select * from finish();
rollback;

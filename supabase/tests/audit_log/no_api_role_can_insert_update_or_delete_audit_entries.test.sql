-- The audit log is append-only for the Data API: anon, authenticated and service_role hold no
-- INSERT, UPDATE, DELETE or TRUNCATE privilege, so every attempt fails with 42501 before RLS.
begin;
select plan(14);

-- SETUP: one entry to aim at, a signed-in owner of its tenant
insert into public.tenants (id, name, slug, timezone, currency, locale)
values ('a2000000-0000-4000-8000-000000000001', 'Append Only', 'append-only', 'Europe/London', 'GBP', 'en-GB');
select tests.create_supabase_user('append_owner', 'append.owner@audit.test');
insert into public.members (tenant_id, id, user_id, display_name)
values ('a2000000-0000-4000-8000-000000000001', 'a2000000-0000-4000-8000-0000000000e1', tests.get_supabase_uid('append_owner'), 'Append Owner');
insert into public.member_roles (tenant_id, member_id, role)
values ('a2000000-0000-4000-8000-000000000001', 'a2000000-0000-4000-8000-0000000000e1', 'owner');

-- TEST: the table privileges
select table_privs_are('public', 'audit_log', 'anon', array[]::text[], 'anon has no privilege on audit_log');
select table_privs_are('public', 'audit_log', 'authenticated', array['SELECT'], 'authenticated may only SELECT audit_log');
select table_privs_are('public', 'audit_log', 'service_role', array['SELECT'], 'service_role may only SELECT audit_log');

-- TEST: anon
select tests.clear_authentication();
select throws_ok($$ insert into public.audit_log (actor_role, table_name, row_pk, action, new_row) values ('anon', 'public.tenants', '{}', 'insert', '{}') $$,
  '42501', null, 'anon cannot insert audit entries');
select throws_ok($$ update public.audit_log set action = 'delete' $$, '42501', null, 'anon cannot update audit entries');
select throws_ok($$ delete from public.audit_log $$, '42501', null, 'anon cannot delete audit entries');

-- TEST: authenticated, even the tenant's owner who may read the entries
select tests.authenticate_as('append_owner');
select isnt_empty($$ select 1 from public.audit_log where tenant_id = 'a2000000-0000-4000-8000-000000000001' $$,
  'the owner reads the entries of the tenant');
select throws_ok($$ insert into public.audit_log (tenant_id, actor_role, table_name, row_pk, action, new_row)
                   values ('a2000000-0000-4000-8000-000000000001', 'authenticated', 'public.tenants', '{}', 'insert', '{}') $$,
  '42501', null, 'an owner cannot insert audit entries');
select throws_ok($$ update public.audit_log set new_row = '{}' where tenant_id = 'a2000000-0000-4000-8000-000000000001' $$,
  '42501', null, 'an owner cannot update audit entries');
select throws_ok($$ delete from public.audit_log where tenant_id = 'a2000000-0000-4000-8000-000000000001' $$,
  '42501', null, 'an owner cannot delete audit entries');

-- TEST: service_role (bypasses RLS, but has no write privilege)
select tests.authenticate_as_service_role();
select throws_ok($$ insert into public.audit_log (actor_role, table_name, row_pk, action, new_row) values ('service_role', 'public.tenants', '{}', 'insert', '{}') $$,
  '42501', null, 'service_role cannot insert audit entries');
select throws_ok($$ update public.audit_log set action = 'delete' $$, '42501', null, 'service_role cannot update audit entries');
select throws_ok($$ delete from public.audit_log $$, '42501', null, 'service_role cannot delete audit entries');
select throws_ok($$ truncate public.audit_log $$, '42501', null, 'service_role cannot truncate the audit log');

select * from finish();
rollback;

-- anon and authenticated cannot read auth.users or auth.identities (no grant; RLS on, no policy);
-- postgres can (it holds the grants, with grant option, and bypasses RLS).
-- Source: supabase/auth migrations/20240612123726_enable_rls_update_grants.up.sql;
-- supabase/postgres roles.out (auth default privileges); research supabase-platform.md §2.1.
begin;
select plan(8);

select lives_ok($$ select count(*) from auth.users $$, 'postgres can read auth.users');
select ok(pg_catalog.has_table_privilege('postgres', 'auth.users', 'select with grant option'),
  'postgres may grant SELECT on auth.users onwards');

select ok((select relrowsecurity from pg_catalog.pg_class where oid = 'auth.users'::regclass), 'RLS is enabled on auth.users');
select is_empty($$ select 1 from pg_catalog.pg_policy where polrelid = 'auth.users'::regclass $$, 'auth.users has no policies');

set local role anon;
select throws_ok($$ select * from auth.users $$, '42501', 'permission denied for table users', 'anon cannot read auth.users');
reset role;
set local role authenticated;
select throws_ok($$ select * from auth.users $$, '42501', 'permission denied for table users', 'authenticated cannot read auth.users');
select throws_ok($$ select * from auth.identities $$, '42501', 'permission denied for table identities', 'authenticated cannot read auth.identities');
reset role;
set local role service_role;
select throws_ok($$ select * from auth.users $$, '42501', 'permission denied for table users', 'service_role has no SQL grant on auth.users either');
reset role;

select * from finish();
rollback;

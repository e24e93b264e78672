-- Since April 2025 postgres cannot create its own tables or functions in `auth` (put helpers in
-- public or a private schema), but it can still reference auth.users and attach triggers to it
-- (the usual "create a profile on sign-up" trigger).
-- Source: supabase/postgres migrations/db/migrations/20250421084701_revoke_admin_roles_from_postgres.sql
-- (revoke create on schema auth from postgres); Supabase changelog "auth, storage, realtime schema
-- restrictions"; research supabase-platform.md §1.7.
begin;
select plan(5);

select throws_ok($$ create table auth.my_table (id int) $$, '42501', 'permission denied for schema auth',
  'postgres cannot create a table in auth');
select throws_ok($$ create function auth.my_helper() returns int language sql as 'select 1' $$, '42501', 'permission denied for schema auth',
  'postgres cannot create a function in auth');

-- SETUP
create table public.profile_probe (id uuid primary key references auth.users (id) on delete cascade, email text);
create function public.profile_probe_on_signup() returns trigger
language plpgsql security definer set search_path = ''
as $$ begin insert into public.profile_probe (id, email) values (new.id, new.email); return new; end; $$;

-- TEST
select lives_ok(
  $$ create trigger profile_probe_on_signup after insert on auth.users for each row execute function public.profile_probe_on_signup() $$,
  'postgres can create a trigger on auth.users'
);
insert into auth.users (id, email) values ('abababab-0000-4000-8000-000000000001', 'new@clinic.test');
select results_eq($$ select id, email from public.profile_probe $$,
  $$ values ('abababab-0000-4000-8000-000000000001'::uuid, 'new@clinic.test'::text) $$,
  'the trigger fires when a user is created');
delete from auth.users where id = 'abababab-0000-4000-8000-000000000001';
select is_empty($$ select 1 from public.profile_probe $$, 'a foreign key to auth.users(id) with on delete cascade works');

select * from finish();
rollback;

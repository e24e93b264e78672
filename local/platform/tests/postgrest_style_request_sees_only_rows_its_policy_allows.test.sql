-- A request simulated the way PostgREST runs it (inside one transaction: set_config('role', ...,
-- true) + set_config('request.jwt.claims', ..., true)) sees exactly the rows its RLS policy allows;
-- postgres itself bypasses RLS.
-- Source: PostgREST src/PostgREST/Query/PreQuery.hs (txVarQuery); research supabase-platform.md §2.5, §8.
begin;
select plan(6);

-- SETUP: a scratch table with an owner policy, granted explicitly (2026 default privileges)
create table public.rls_probe (id bigint generated always as identity primary key, owner_id uuid not null, note text);
alter table public.rls_probe enable row level security;
grant select on public.rls_probe to authenticated;
create policy "owners read their rows" on public.rls_probe for select to authenticated
  using ((select auth.uid()) = owner_id);
insert into public.rls_probe (owner_id, note) values
  ('aaaaaaaa-0000-4000-8000-000000000001', 'alice 1'),
  ('aaaaaaaa-0000-4000-8000-000000000001', 'alice 2'),
  ('bbbbbbbb-0000-4000-8000-000000000002', 'bob 1');

-- TEST: postgres (BYPASSRLS) sees everything
select is((select count(*) from public.rls_probe), 3::bigint, 'postgres bypasses RLS and sees all rows');

-- TEST: Alice's request
select pg_catalog.set_config('role', 'authenticated', true),
       pg_catalog.set_config('request.jwt.claims',
         '{"sub": "aaaaaaaa-0000-4000-8000-000000000001", "role": "authenticated", "aud": "authenticated"}', true);
select is(current_user::text, 'authenticated', 'the request runs as authenticated');
select results_eq(
  $$ select note from public.rls_probe order by note $$,
  $$ values ('alice 1'), ('alice 2') $$,
  'Alice sees only her rows'
);

-- TEST: Bob's request in the same transaction
select pg_catalog.set_config('request.jwt.claims',
  '{"sub": "bbbbbbbb-0000-4000-8000-000000000002", "role": "authenticated", "aud": "authenticated"}', true);
select results_eq(
  $$ select note from public.rls_probe $$,
  $$ values ('bob 1') $$,
  'Bob sees only his row'
);

-- TEST: anonymous request: no policy for anon, and no grant either
reset role;
select pg_catalog.set_config('role', 'anon', true),
       pg_catalog.set_config('request.jwt.claims', '{"role": "anon"}', true);
select throws_ok(
  $$ select * from public.rls_probe $$,
  '42501', 'permission denied for table rls_probe',
  'anon has no grant on the table: 42501 before RLS is even consulted'
);

-- TEST: a request with a sub that owns nothing sees nothing
reset role;
select pg_catalog.set_config('role', 'authenticated', true),
       pg_catalog.set_config('request.jwt.claims', '{"sub": "cccccccc-0000-4000-8000-000000000003", "role": "authenticated"}', true);
select is_empty($$ select * from public.rls_probe $$, 'a user without rows sees an empty table, not an error');

select * from finish();
rollback;

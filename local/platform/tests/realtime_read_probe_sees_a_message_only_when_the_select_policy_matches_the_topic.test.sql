-- How Realtime authorizes a private channel join: in a transaction it inserts a probe row into
-- realtime.messages, then sets role / realtime.topic / request.jwt.claims(+ legacy claim.sub,
-- claim.role) like below and selects the probe; visible => the client may receive broadcasts on
-- that topic. So the SELECT policy on realtime.messages, evaluated with realtime.topic(), decides.
-- Source: supabase/realtime lib/realtime/tenants/authorization.ex; supabase docs
-- guides/realtime/authorization.mdx; research supabase-platform.md §4.2, §8.
begin;
select plan(5);

-- SETUP: postgres can create policies on realtime.messages; a per-user topic policy
create policy "users receive their own topic" on realtime.messages for select to authenticated
  using (
    (select realtime.topic()) = 'platform-probe:user:' || (select auth.uid())::text
    and realtime.messages.extension in ('broadcast')
  );

-- the probe rows Realtime would insert (as its service connection; here postgres)
insert into realtime.messages (id, topic, extension) values
  ('f0000000-0000-4000-8000-000000000001', 'platform-probe:user:aaaaaaaa-0000-4000-8000-000000000001', 'broadcast'),
  ('f0000000-0000-4000-8000-000000000002', 'platform-probe:user:bbbbbbbb-0000-4000-8000-000000000002', 'broadcast'),
  ('f0000000-0000-4000-8000-000000000003', 'platform-probe:user:aaaaaaaa-0000-4000-8000-000000000001', 'presence');

-- TEST: Alice joining her own topic
select pg_catalog.set_config('role', 'authenticated', true),
       pg_catalog.set_config('realtime.topic', 'platform-probe:user:aaaaaaaa-0000-4000-8000-000000000001', true),
       pg_catalog.set_config('request.jwt.claims', '{"sub": "aaaaaaaa-0000-4000-8000-000000000001", "role": "authenticated"}', true),
       pg_catalog.set_config('request.jwt.claim.sub', 'aaaaaaaa-0000-4000-8000-000000000001', true),
       pg_catalog.set_config('request.jwt.claim.role', 'authenticated', true);
select results_eq(
  $$ select id from realtime.messages where id in ('f0000000-0000-4000-8000-000000000001', 'f0000000-0000-4000-8000-000000000003') $$,
  $$ values ('f0000000-0000-4000-8000-000000000001'::uuid) $$,
  'Alice sees the broadcast probe of her own topic (read allowed), not the presence one'
);
reset role;

-- TEST: Alice trying Bob's topic
select pg_catalog.set_config('role', 'authenticated', true),
       pg_catalog.set_config('realtime.topic', 'platform-probe:user:bbbbbbbb-0000-4000-8000-000000000002', true);
select is_empty(
  $$ select id from realtime.messages where id = 'f0000000-0000-4000-8000-000000000002' $$,
  'Alice does not see the probe of Bob''s topic (read denied)'
);
reset role;

-- TEST: anon never passes (no policy for anon)
select pg_catalog.set_config('role', 'anon', true),
       pg_catalog.set_config('realtime.topic', 'platform-probe:user:aaaaaaaa-0000-4000-8000-000000000001', true),
       pg_catalog.set_config('request.jwt.claims', '{"role": "anon"}', true),
       pg_catalog.set_config('request.jwt.claim.sub', '', true),
       pg_catalog.set_config('request.jwt.claim.role', 'anon', true);
select is_empty($$ select id from realtime.messages where topic like 'platform-probe:%' $$, 'anon sees no probe');
reset role;

-- TEST: the write probe (INSERT) is refused without an INSERT policy
select pg_catalog.set_config('role', 'authenticated', true),
       pg_catalog.set_config('realtime.topic', 'platform-probe:user:aaaaaaaa-0000-4000-8000-000000000001', true),
       pg_catalog.set_config('request.jwt.claims', '{"sub": "aaaaaaaa-0000-4000-8000-000000000001", "role": "authenticated"}', true),
       pg_catalog.set_config('request.jwt.claim.sub', 'aaaaaaaa-0000-4000-8000-000000000001', true);
select throws_ok(
  $$ insert into realtime.messages (topic, extension) values ('platform-probe:user:aaaaaaaa-0000-4000-8000-000000000001', 'broadcast') $$,
  '42501', 'new row violates row-level security policy for table "messages"',
  'sending (write probe) is denied until an INSERT policy allows it'
);
reset role;

select ok(
  exists (select 1 from pg_catalog.pg_policy
           where polrelid = 'realtime.messages'::regclass and polname = 'users receive their own topic'),
  'postgres was able to create the policy on realtime.messages');

select * from finish();
rollback;

-- auth.uid(), auth.role(), auth.email() and auth.jwt() read the `request.jwt.claims` JSON that
-- PostgREST (>= v10) sets for every request, and return NULL when there is no request context.
-- Source: supabase/auth migrations/20220224000811_update_auth_functions.up.sql,
-- 20220531120530_add_auth_jwt_function.up.sql; research supabase-platform.md §2.4, §2.5.
begin;
select plan(8);

-- TEST: no request context -> NULL (after a transaction the GUCs read back as '' -> nullif)
select is(auth.uid(), null::uuid, 'auth.uid() is null outside a request');
select is(auth.jwt(), null::jsonb, 'auth.jwt() is null outside a request');

-- SETUP: what PostgREST sets for a signed-in user
select pg_catalog.set_config('request.jwt.claims',
  '{"sub": "0b7a2b8e-5d2e-4c1a-9f3e-111111111111", "role": "authenticated", "email": "staff@clinic.test",
    "aud": "authenticated", "app_metadata": {"provider": "email"}, "tenant_id": "t-1"}', true);

-- TEST
select is(auth.uid(), '0b7a2b8e-5d2e-4c1a-9f3e-111111111111'::uuid, 'auth.uid() is the sub claim');
select is(auth.role(), 'authenticated', 'auth.role() is the role claim');
select is(auth.email(), 'staff@clinic.test', 'auth.email() is the email claim');
select is(auth.jwt() ->> 'tenant_id', 't-1', 'auth.jwt() exposes every claim, including custom ones');
select is(auth.jwt() -> 'app_metadata' ->> 'provider', 'email', 'auth.jwt() keeps nested claims as jsonb');

-- TEST: an empty setting (what a finished request leaves behind) counts as absent
select pg_catalog.set_config('request.jwt.claims', '', true);
select is(auth.uid(), null::uuid, 'auth.uid() is null when request.jwt.claims is empty');

select * from finish();
rollback;

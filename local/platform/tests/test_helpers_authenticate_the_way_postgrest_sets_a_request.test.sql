-- tests.authenticate_as() & co. set the request context exactly like PostgREST does for a request
-- (transaction-local role, per-role settings, the full access-token claim set in
-- request.jwt.claims), so auth.uid()/auth.jwt() and RLS behave as through the Data API.
-- Source: supabase/tests/_setup/00_test_helpers.sql; PostgREST PreQuery.hs txVarQuery; GoTrue
-- AccessTokenClaims; research supabase-platform.md §2.5, §3.2.
begin;
select plan(12);

-- SETUP
select tests.create_supabase_user('alice', 'alice@clinic.test');

-- TEST: a signed-in user
select tests.authenticate_as('alice');
select is(current_user::text, 'authenticated', 'authenticate_as switches to role authenticated');
select is(auth.uid(), tests.get_supabase_uid('alice'), 'auth.uid() is the user id');
select is(auth.role(), 'authenticated', 'auth.role() is authenticated');
select is(auth.email(), 'alice@clinic.test', 'auth.email() is the user e-mail');
select is(
  (select array_agg(k order by k) from jsonb_object_keys(auth.jwt()) as k),
  array['aal', 'amr', 'app_metadata', 'aud', 'email', 'exp', 'iat', 'is_anonymous', 'iss', 'phone', 'role',
        'session_id', 'sub', 'user_metadata'],
  'the claims are the full Supabase access-token claim set');
select is(current_setting('statement_timeout'), '8s', 'the authenticated role settings apply, as PostgREST applies them');
reset role;
select ok(exists (select 1 from auth.sessions where id = (auth.jwt() ->> 'session_id')::uuid and user_id = tests.get_supabase_uid('alice')),
  'session_id refers to an auth.sessions row of the user');

-- TEST: extra claims (e.g. from a Custom Access Token hook) are merged in
select tests.authenticate_as_with_claims('alice', '{"tenant_id": "t-1", "user_role": "admin"}');
select is(auth.jwt() ->> 'tenant_id', 't-1', 'authenticate_as_with_claims adds custom claims');
select is(auth.uid(), tests.get_supabase_uid('alice'), 'and keeps the standard ones');

-- TEST: the anon key and the service key
select tests.clear_authentication();
select results_eq($$ select current_user::text collate "default", auth.role(), auth.uid() $$, $$ values ('anon'::text, 'anon'::text, null::uuid) $$,
  'clear_authentication is a request with the anon key');
select tests.authenticate_as_service_role();
select results_eq($$ select current_user::text collate "default", auth.role() $$, $$ values ('service_role'::text, 'service_role'::text) $$,
  'authenticate_as_service_role is a request with the service_role key');
reset role;

-- TEST: rls_enabled assertion helper (here: every auth table we emulate has RLS)
select tests.rls_enabled('auth');

select * from finish();
rollback;

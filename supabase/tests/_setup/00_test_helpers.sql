-- supabase/tests/_setup/00_test_helpers.sql — test helpers for pgTAP, in schema `tests`.
--
-- Applied by the test runner AS postgres, after the migrations and after
-- `create extension if not exists pgtap with schema extensions`, and committed (not rolled back).
-- Re-applying it is harmless (create or replace).
--
-- Modelled on basejump supabase-test-helpers 0.0.6 (same function names and signatures:
-- create_supabase_user, get_supabase_user, get_supabase_uid, authenticate_as,
-- authenticate_as_service_role, clear_authentication, rls_enabled), but faithful to what the
-- platform does where basejump simplifies:
--   * users are written like GoTrue writes them: aud/role 'authenticated', the zero instance_id,
--     '' in the token columns, phone as E.164 digits without '+', e-mail lower-cased,
--     raw_app_meta_data {"provider", "providers"}, identity rows in auth.identities, confirmed.
--     [GoTrue: github.com/supabase/auth internal/api/phone.go formatPhoneNumber/validateE164Format,
--      internal/models/user.go, internal/models/identity.go; research supabase-platform.md §2.2/2.3]
--   * authenticate_as sets the request context the way PostgREST does for a signed-in user:
--     set_config(<role settings from ALTER ROLE ... SET>, true), set_config('role', ..., true) and
--     set_config('request.jwt.claims', <full access-token claim set>, true), and every call creates
--     an auth.sessions row whose id is the session_id claim (GoTrue creates one per sign-in).
--     [PostgREST src/PostgREST/Query/PreQuery.hs txVarQuery; GoTrue internal/hooks/v0hooks
--      AccessTokenClaims; research §2.5]
--   * clear_authentication / authenticate_as_service_role use the claims of the local anon /
--     service_role API keys ({"iss":"supabase-demo","role":...,"exp":1983812996}, as printed by
--     `supabase start`; local/stack/keys.ts), not NULL claims.
-- All functions pin search_path ('' , or `extensions` for the pgTAP wrappers) and use fully
-- qualified names (advisor 0011, db lint).
-- SECURITY DEFINER only where a caller running as anon/authenticated must touch auth tables.

create schema if not exists tests;
comment on schema tests is 'pgTAP test helpers (supabase/tests/_setup/00_test_helpers.sql). Not exposed through the Data API.';
-- The helpers are called while the current role is already anon/authenticated/service_role.
grant usage on schema tests to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Users
-- ---------------------------------------------------------------------------------------------

-- Creates a confirmed user as GoTrue would (email and/or phone), returns its id.
-- `identifier` is a test-local handle kept in raw_user_meta_data.test_identifier (basejump).
create or replace function tests.create_supabase_user(identifier text, email text default null, phone text default null, metadata jsonb default null)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  user_id uuid := pg_catalog.gen_random_uuid();
  user_email text := pg_catalog.lower(pg_catalog.btrim(email));
  user_phone text := pg_catalog.regexp_replace(pg_catalog.replace(phone, ' ', ''), '^\+', '');
  providers text[] := '{}'::text[];
  user_meta jsonb;
  created timestamptz := pg_catalog.now();
begin
  if identifier is null or identifier = '' then
    raise exception 'tests.create_supabase_user: identifier is required';
  end if;
  if exists (select 1 from auth.users as u where u.raw_user_meta_data ->> 'test_identifier' = identifier) then
    raise exception 'User with identifier % already exists', identifier;
  end if;
  if user_phone is not null and user_phone !~ '^[1-9][0-9]{1,14}$' then
    -- GoTrue's message for a phone that is not E.164
    raise exception 'Invalid phone number format (E.164 required)' using errcode = '22023';
  end if;
  if user_email is null and user_phone is null then
    user_email := user_id::text || '@test.com';  -- basejump's default address
  end if;
  if user_email is not null then
    providers := providers || 'email'::text;
  end if;
  if user_phone is not null then
    providers := providers || 'phone'::text;
  end if;

  -- GoTrue copies the identity's fields into user_metadata (sub, email, *_verified).
  user_meta := pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'sub', user_id::text,
      'email', user_email,
      'phone', user_phone,
      'email_verified', user_email is not null,
      'phone_verified', user_phone is not null))
    || pg_catalog.jsonb_build_object('test_identifier', identifier)
    || coalesce(metadata, '{}'::jsonb);

  insert into auth.users (
    instance_id, id, aud, role, email, encrypted_password,
    email_confirmed_at, phone, phone_confirmed_at,
    confirmation_token, recovery_token, email_change_token_new, email_change,
    phone_change, phone_change_token, email_change_token_current, reauthentication_token,
    raw_app_meta_data, raw_user_meta_data, is_super_admin, is_sso_user, is_anonymous,
    created_at, updated_at
  ) values (
    '00000000-0000-0000-0000-000000000000', user_id, 'authenticated', 'authenticated', user_email, '',
    case when user_email is not null then created end, user_phone, case when user_phone is not null then created end,
    '', '', '', '',
    '', '', '', '',
    pg_catalog.jsonb_build_object('provider', providers[1], 'providers', pg_catalog.to_jsonb(providers)),
    user_meta, null, false, false,
    created, created
  );

  -- One identity per provider; for email/phone GoTrue uses the user id as provider_id.
  if user_email is not null then
    insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
    values (user_id::text, user_id,
            pg_catalog.jsonb_build_object('sub', user_id::text, 'email', user_email, 'email_verified', true, 'phone_verified', false),
            'email', created, created, created);
  end if;
  if user_phone is not null then
    insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
    values (user_id::text, user_id,
            pg_catalog.jsonb_build_object('sub', user_id::text, 'phone', user_phone, 'email_verified', false, 'phone_verified', true),
            'phone', created, created, created);
  end if;

  return user_id;
end
$$;

-- The auth.users row of a test user, as basejump returns it (raises if unknown).
create or replace function tests.get_supabase_user(identifier text)
returns json
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  found_user json;
begin
  select pg_catalog.json_build_object(
      'id', u.id, 'email', u.email, 'phone', u.phone,
      'raw_user_meta_data', u.raw_user_meta_data, 'raw_app_meta_data', u.raw_app_meta_data)
    into found_user
  from auth.users as u
  where u.raw_user_meta_data ->> 'test_identifier' = identifier
  limit 1;
  if found_user is null then
    raise exception 'User with identifier % not found', identifier;
  end if;
  return found_user;
end
$$;

create or replace function tests.get_supabase_uid(identifier text)
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  found_id uuid;
begin
  select u.id into found_id
  from auth.users as u
  where u.raw_user_meta_data ->> 'test_identifier' = identifier
  limit 1;
  if found_id is null then
    raise exception 'User with identifier % not found', identifier;
  end if;
  return found_id;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Request context (what PostgREST sets at the start of each request transaction)
-- ---------------------------------------------------------------------------------------------

-- Applies the settings recorded with ALTER ROLE <role> SET ... (e.g. statement_timeout = '8s'
-- for authenticated), transaction-locally, as PostgREST does for the impersonated role.
create or replace function tests._apply_role_settings(role_name text)
returns void
language plpgsql
set search_path = ''
as $$
declare
  setting_pair text;
begin
  for setting_pair in
    select pg_catalog.unnest(s.setconfig)
    from pg_catalog.pg_db_role_setting as s
    join pg_catalog.pg_roles as r on r.oid = s.setrole
    where r.rolname = role_name
      and s.setdatabase in (0, (select d.oid from pg_catalog.pg_database as d where d.datname = pg_catalog.current_database()))
  loop
    perform pg_catalog.set_config(pg_catalog.split_part(setting_pair, '=', 1),
                                  pg_catalog.substr(setting_pair, pg_catalog.strpos(setting_pair, '=') + 1), true);
  end loop;
end
$$;

-- GoTrue creates an auth.sessions row per sign-in; its id becomes the session_id claim.
create or replace function tests._create_session(user_id uuid)
returns uuid
language sql
volatile
security definer
set search_path = ''
as $$
  insert into auth.sessions (id, user_id, created_at, updated_at, aal, refreshed_at)
  values (pg_catalog.gen_random_uuid(), user_id, pg_catalog.now(), pg_catalog.now(), 'aal1', pg_catalog.now()::timestamp)
  returning id
$$;

-- The full access-token claim set GoTrue issues for this user (before any Custom Access Token hook).
create or replace function tests._access_token_claims(identifier text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  u record;
  issued_at bigint := pg_catalog.floor(pg_catalog.date_part('epoch', pg_catalog.now()))::bigint;
begin
  select au.id, au.aud, au.role, au.email, au.phone, au.raw_app_meta_data, au.raw_user_meta_data, au.is_anonymous
    into u
  from auth.users as au
  where au.raw_user_meta_data ->> 'test_identifier' = identifier
  limit 1;
  if u.id is null then
    raise exception 'User with identifier % not found', identifier;
  end if;
  return pg_catalog.jsonb_build_object(
    'iss', 'http://127.0.0.1:54321/auth/v1',            -- <API_EXTERNAL_URL>/auth/v1 of the local stack
    'aud', coalesce(u.aud, 'authenticated'),
    'exp', issued_at + 3600,                            -- [auth] jwt_expiry = 3600 (supabase/config.toml)
    'iat', issued_at,
    'sub', u.id::text,
    'email', coalesce(u.email, ''),
    'phone', coalesce(u.phone, ''),
    'app_metadata', coalesce(u.raw_app_meta_data, '{}'::jsonb),
    'user_metadata', coalesce(u.raw_user_meta_data, '{}'::jsonb),
    'role', coalesce(u.role, 'authenticated'),
    'aal', 'aal1',
    'amr', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('method', 'otp', 'timestamp', issued_at)),
    'session_id', tests._create_session(u.id)::text,
    'is_anonymous', u.is_anonymous
  );
end
$$;

-- Acts as the signed-in user `identifier` for the rest of the transaction, with the claims
-- merged with `extra` (top-level keys of `extra` win; use it for Custom Access Token hook claims).
-- SECURITY INVOKER on purpose: PostgreSQL forbids setting `role` inside a security-definer function.
create or replace function tests.authenticate_as_with_claims(identifier text, extra jsonb)
returns void
language plpgsql
set search_path = ''
as $$
declare
  claims jsonb := tests._access_token_claims(identifier) || coalesce(extra, '{}'::jsonb);
  request_role text := coalesce(claims ->> 'role', 'authenticated');
begin
  perform tests._apply_role_settings(request_role);
  perform pg_catalog.set_config('role', request_role, true);
  perform pg_catalog.set_config('request.jwt.claims', claims::text, true);
end
$$;

create or replace function tests.authenticate_as(identifier text)
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform tests.authenticate_as_with_claims(identifier, '{}'::jsonb);
end
$$;

-- A request made with the local service_role key.
create or replace function tests.authenticate_as_service_role()
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform tests._apply_role_settings('service_role');
  perform pg_catalog.set_config('role', 'service_role', true);
  perform pg_catalog.set_config('request.jwt.claims', '{"iss": "supabase-demo", "role": "service_role", "exp": 1983812996}', true);
end
$$;

-- A request made with only the anon key (nobody signed in).
create or replace function tests.clear_authentication()
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform tests._apply_role_settings('anon');
  perform pg_catalog.set_config('role', 'anon', true);
  perform pg_catalog.set_config('request.jwt.claims', '{"iss": "supabase-demo", "role": "anon", "exp": 1983812996}', true);
end
$$;

-- Acts as one caller of a role matrix: a test user identifier (tests.authenticate_as), 'anon'
-- (the anon key) or 'service_role' (the secret key).
create or replace function tests.act_as(who text)
returns void
language plpgsql
set search_path = ''
as $$
begin
  if who = 'anon' then
    perform tests.clear_authentication();
  elsif who = 'service_role' then
    perform tests.authenticate_as_service_role();
  else
    perform tests.authenticate_as(who);
  end if;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- pgTAP assertions
-- ---------------------------------------------------------------------------------------------

-- Every table (regular or partitioned) of the schema has RLS enabled.
-- search_path is pinned to `extensions`, not '': pgTAP's own functions call each other unqualified.
create or replace function tests.rls_enabled(testing_schema text)
returns text
language sql
set search_path = extensions
as $$
  select extensions.is(
    (select pg_catalog.count(*)::integer
       from pg_catalog.pg_class as c
       join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
      where n.nspname = testing_schema
        and c.relkind in ('r', 'p')
        and not c.relrowsecurity),
    0,
    'All tables in the ' || testing_schema || ' schema should have row level security enabled');
$$;

create or replace function tests.rls_enabled(testing_schema text, testing_table text)
returns text
language sql
set search_path = extensions
as $$
  select extensions.is(
    (select c.relrowsecurity
       from pg_catalog.pg_class as c
       join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
      where n.nspname = testing_schema
        and c.relname = testing_table),
    true,
    'Table ' || testing_schema || '.' || testing_table || ' should have row level security enabled');
$$;

-- The error a statement raises, so a test can pin the hint (and detail) a client would show as
-- well as the SQLSTATE and message (pgTAP's throws_ok checks only those two).
create or replace function tests.error_details_of(statement text)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  v_code text;
  v_message text;
  v_detail text;
  v_hint text;
begin
  execute statement;
  return null;
exception
  when others then
    get stacked diagnostics v_code = returned_sqlstate, v_message = message_text, v_detail = pg_exception_detail,
                            v_hint = pg_exception_hint;
    return pg_catalog.jsonb_build_object('code', v_code, 'message', v_message, 'hint', nullif(v_hint, ''))
        || case when v_detail <> '' then pg_catalog.jsonb_build_object('detail', v_detail) else '{}'::jsonb end;
end
$$;
comment on function tests.error_details_of(text) is
  'pgTAP helper: runs the statement (as the current role) and returns the error it raised as {"code","message","hint"} plus "detail" when there is one, or null when it succeeded. A failed statement changes nothing (subtransaction); a successful one is kept.';

create or replace function tests.error_of(statement text)
returns text[]
language sql
set search_path = ''
as $$
  select array[e ->> 'code', e ->> 'message', e ->> 'hint']
  from (select tests.error_details_of(statement) as e) as r
  where e is not null
$$;
comment on function tests.error_of(text) is
  'pgTAP helper: tests.error_details_of as array[sqlstate, message, hint], or null when the statement succeeded.';

-- Who may call the helpers: the roles a test switches to (and postgres, the owner).
revoke execute on all functions in schema tests from public;
grant execute on all functions in schema tests to anon, authenticated, service_role;

-- 30_auth.sql — the part of the `auth` schema that GoTrue's migrations leave behind and that a
-- project's own SQL touches: auth.users, auth.identities, auth.sessions and the request-context
-- functions auth.uid() / auth.role() / auth.email() / auth.jwt(). Applied as supabase_admin;
-- objects are created as supabase_auth_admin (their owner on the platform, because GoTrue
-- connects as that role and runs its migrations).
--
-- Sources:
--   [gotrue]  github.com/supabase/auth migrations/*.up.sql (templated Namespace = auth), notably
--             00_init_auth_schema, 20210710035447_alter_users, 20210722035447_adds_confirmed_at,
--             20210730183235_add_email_change_confirmed, 20220114185340_add_banned_until,
--             20220323170000_add_user_reauthentication, 20220429102000_add_unique_idx,
--             20221215195500_modify_users_email_unique_index, 20230116124310_alter_phone_type,
--             20221130112646_add_deleted_at, 20240214120130_add_is_anonymous_column,
--             20210909172000_create_identities_table, 20221215195800_add_identities_email_column,
--             20231117164230_add_id_pkey_identities, 20220811173540_add_sessions_table (+ later
--             session columns), 20240612123726_enable_rls_update_grants
--   [fns]     supabase/auth migrations/20220224000811_update_auth_functions.up.sql and
--             20220531120530_add_auth_jwt_function.up.sql (final definitions, as found in pg_dumps
--             of live projects: owner supabase_auth_admin, no SET search_path)
--   [dump]    pg_dump of a 2025/26 hosted project (auth.users/identities/sessions column lists)
--   [authout] supabase/postgres nix/tests/expected/auth.out
--   research: supabase-platform.md §2.1–§2.4
-- Not emulated: the other GoTrue tables (refresh_tokens, mfa_*, one_time_tokens, flow_state,
-- sso_*, saml_*, oauth_*, audit_log_entries, instances, schema_migrations).

set role supabase_auth_admin;

create type auth.aal_level as enum ('aal1', 'aal2', 'aal3');

-- auth.users: final column set and order. [gotrue] [dump]
create table auth.users (
  instance_id uuid,
  id uuid not null,
  aud character varying(255),
  role character varying(255),
  email character varying(255),
  encrypted_password character varying(255),
  email_confirmed_at timestamp with time zone,
  invited_at timestamp with time zone,
  confirmation_token character varying(255),
  confirmation_sent_at timestamp with time zone,
  recovery_token character varying(255),
  recovery_sent_at timestamp with time zone,
  email_change_token_new character varying(255),
  email_change character varying(255),
  email_change_sent_at timestamp with time zone,
  last_sign_in_at timestamp with time zone,
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  is_super_admin boolean,
  created_at timestamp with time zone,
  updated_at timestamp with time zone,
  -- GoTrue stores E.164 digits WITHOUT the leading '+'. [gotrue] internal/api/phone.go
  phone text default null unique,
  phone_confirmed_at timestamp with time zone,
  phone_change text default ''::character varying,
  phone_change_token character varying(255) default ''::character varying,
  phone_change_sent_at timestamp with time zone,
  -- Generated: cannot be inserted or updated; set email_confirmed_at / phone_confirmed_at. [gotrue] 20210722035447
  confirmed_at timestamp with time zone generated always as (least(email_confirmed_at, phone_confirmed_at)) stored,
  email_change_token_current character varying(255) default ''::character varying,
  email_change_confirm_status smallint default 0,
  banned_until timestamp with time zone,
  reauthentication_token character varying(255) default ''::character varying,
  reauthentication_sent_at timestamp with time zone,
  is_sso_user boolean default false not null,
  deleted_at timestamp with time zone,
  is_anonymous boolean default false not null,
  constraint users_pkey primary key (id),
  constraint users_email_change_confirm_status_check check ((email_change_confirm_status >= 0) and (email_change_confirm_status <= 2))
);
comment on table auth.users is 'Auth: Stores user login data within a secure schema.';
comment on column auth.users.is_sso_user is 'Auth: Set this column to true when the account comes from SSO. These accounts can have duplicate emails.';
create unique index users_email_partial_key on auth.users using btree (email) where (is_sso_user = false);
comment on index auth.users_email_partial_key is 'Auth: A partial unique index that applies only when is_sso_user is false';
create index users_instance_id_email_idx on auth.users using btree (instance_id, lower((email)::text));
create index users_instance_id_idx on auth.users using btree (instance_id);
create index users_is_anonymous_idx on auth.users using btree (is_anonymous);
-- Token columns are unique unless they are blank/numeric placeholders. [gotrue] 20220429102000
create unique index confirmation_token_idx on auth.users using btree (confirmation_token) where ((confirmation_token)::text !~ '^[0-9 ]*$'::text);
create unique index recovery_token_idx on auth.users using btree (recovery_token) where ((recovery_token)::text !~ '^[0-9 ]*$'::text);
create unique index email_change_token_current_idx on auth.users using btree (email_change_token_current) where ((email_change_token_current)::text !~ '^[0-9 ]*$'::text);
create unique index email_change_token_new_idx on auth.users using btree (email_change_token_new) where ((email_change_token_new)::text !~ '^[0-9 ]*$'::text);
create unique index reauthentication_token_idx on auth.users using btree (reauthentication_token) where ((reauthentication_token)::text !~ '^[0-9 ]*$'::text);

-- auth.identities. [gotrue] [dump]
create table auth.identities (
  provider_id text not null,
  user_id uuid not null,
  identity_data jsonb not null,
  provider text not null,
  last_sign_in_at timestamp with time zone,
  created_at timestamp with time zone,
  updated_at timestamp with time zone,
  email text generated always as (lower((identity_data ->> 'email'::text))) stored,
  id uuid default gen_random_uuid() not null,
  constraint identities_pkey primary key (id),
  constraint identities_provider_id_provider_unique unique (provider_id, provider),
  constraint identities_user_id_fkey foreign key (user_id) references auth.users (id) on delete cascade
);
comment on table auth.identities is 'Auth: Stores identities associated to a user.';
comment on column auth.identities.email is 'Auth: Email is a generated column that references the optional email property in the identity_data';
create index identities_email_idx on auth.identities using btree (email text_pattern_ops);
create index identities_user_id_idx on auth.identities using btree (user_id);

-- auth.sessions (its id is the `session_id` claim of access tokens). [gotrue] [dump]
create table auth.sessions (
  id uuid not null,
  user_id uuid not null,
  created_at timestamp with time zone,
  updated_at timestamp with time zone,
  factor_id uuid,
  aal auth.aal_level,
  not_after timestamp with time zone,
  refreshed_at timestamp without time zone,
  user_agent text,
  ip inet,
  tag text,
  oauth_client_id uuid,
  refresh_token_hmac_key text,
  refresh_token_counter bigint,
  scopes text,
  constraint sessions_pkey primary key (id),
  constraint sessions_user_id_fkey foreign key (user_id) references auth.users (id) on delete cascade,
  constraint sessions_scopes_length check (char_length(scopes) <= 4096)
);
comment on table auth.sessions is 'Auth: Stores session data associated to a user.';
create index sessions_user_id_idx on auth.sessions using btree (user_id);
create index sessions_not_after_idx on auth.sessions using btree (not_after desc);
create index user_id_created_at_idx on auth.sessions using btree (user_id, created_at);

-- Since 2024 every auth table has RLS enabled and no policies; postgres may read them and grant
-- SELECT onwards (it also holds ALL through the default privileges of 10_*). anon/authenticated
-- get nothing. [gotrue] 20240612123726_enable_rls_update_grants
alter table auth.users enable row level security;
alter table auth.identities enable row level security;
alter table auth.sessions enable row level security;
grant select on auth.users to postgres with grant option;
grant select on auth.identities to postgres with grant option;
grant select on auth.sessions to postgres with grant option;

-- Request-context helpers: final GoTrue definitions. The legacy per-claim GUC
-- (request.jwt.claim.<x>, set by PostgREST < 10 and by Realtime) is read first, then the
-- request.jwt.claims JSON that PostgREST >= 10 sets. EXECUTE stays with PUBLIC. [fns]
create or replace function auth.uid()
returns uuid
language sql stable
as $$
  select
  coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;

create or replace function auth.role()
returns text
language sql stable
as $$
  select
  coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;

create or replace function auth.email()
returns text
language sql stable
as $$
  select
  coalesce(
    nullif(current_setting('request.jwt.claim.email', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
  )::text
$$;

create or replace function auth.jwt()
returns jsonb
language sql stable
as $$
  select
    coalesce(
        nullif(current_setting('request.jwt.claim', true), ''),
        nullif(current_setting('request.jwt.claims', true), '')
    )::jsonb
$$;

comment on function auth.uid() is 'Deprecated. Use auth.jwt() -> ''sub'' instead.';
comment on function auth.role() is 'Deprecated. Use auth.jwt() -> ''role'' instead.';
comment on function auth.email() is 'Deprecated. Use auth.jwt() -> ''email'' instead.';

reset role;

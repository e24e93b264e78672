-- 50_vault_and_net.sql — signature-compatible stand-ins for two platform extensions that are not
-- packaged for Debian PG15: supabase_vault (secrets) and pg_net (async HTTP from SQL). They exist
-- so that the documented pg_cron -> Edge Function pattern (vault secret + net.http_post) can be
-- written, migrated and tested locally. Applied as supabase_admin.
--
--   !!! net.* here DOES NOT SEND ANY HTTP REQUEST. net.http_get/http_post/http_delete only record
--   !!! the request in net.http_request_queue and return its id, exactly like the real functions
--   !!! do before pg_net's background worker picks the row up. No worker exists in the database:
--   !!! under `npm start` the local stack's worker (local/stack/pg-net-worker.ts) sends queued
--   !!! requests and fills net._http_response; elsewhere (npm test) the queue just grows.
--
-- Sources:
--   [vault]    github.com/supabase/vault sql/supabase_vault--0.3.0.sql (table, view, function
--              signatures, encryption call shapes)
--   [vaultout] supabase/postgres nix/tests/expected/vault.out (final privileges)
--   [pgnet]    github.com/supabase/pg_net sql/pg_net.sql and sql/pg_net--0.7.3--0.8.0.sql
--              (tables, function signatures and defaults, Content-Type rule)
--   [post]     supabase/postgres migrations/db/init-scripts/00000000000003-post-setup.sql
--              (grant_pg_net_access: schema/function grants)
--   [cron-fn]  supabase docs guides/functions/schedule-functions.mdx (vault + net.http_post + pg_cron)
--   research: supabase-platform.md §5.3, §5.4

---------------------------------------------------------------------------------------------------
-- vault
---------------------------------------------------------------------------------------------------
create schema vault authorization supabase_admin;
grant usage on schema vault to postgres with grant option;
grant usage on schema vault to service_role;

-- Stand-ins for vault's libsodium AEAD functions (same names and signatures). Emulation: AES-CBC
-- from pgcrypto with a key derived from a fixed LOCAL-ONLY master key, the `additional` data and
-- the context, so `secret` is ciphertext at rest and only decrypted_secrets shows plaintext. The
-- real vault keeps its root key outside the database. [vault]
create function vault._crypto_aead_det_encrypt(message bytea, additional bytea, key_id bigint, context bytea default 'pgsodium', nonce bytea default null)
returns bytea
language sql immutable
set search_path = ''
as $$
  select extensions.encrypt_iv(
    message,
    extensions.digest('slotbase-local-vault-emulation-key'::bytea || context || additional || convert_to(key_id::text, 'utf8'), 'sha256'),
    coalesce(nonce, '\x00000000000000000000000000000000'::bytea),
    'aes-cbc/pad:pkcs')
$$;

create function vault._crypto_aead_det_decrypt(message bytea, additional bytea, key_id bigint, context bytea default 'pgsodium', nonce bytea default null)
returns bytea
language sql immutable
set search_path = ''
as $$
  select extensions.decrypt_iv(
    message,
    extensions.digest('slotbase-local-vault-emulation-key'::bytea || context || additional || convert_to(key_id::text, 'utf8'), 'sha256'),
    coalesce(nonce, '\x00000000000000000000000000000000'::bytea),
    'aes-cbc/pad:pkcs')
$$;

create function vault._crypto_aead_det_noncegen()
returns bytea
language sql volatile
set search_path = ''
as $$
  select extensions.gen_random_bytes(16)
$$;

create table vault.secrets (
  id uuid primary key default gen_random_uuid(),
  name text,
  description text not null default '',
  secret text not null,
  key_id uuid,
  nonce bytea default vault._crypto_aead_det_noncegen(),
  created_at timestamptz not null default current_timestamp,
  updated_at timestamptz not null default current_timestamp
);
comment on table vault.secrets is 'Table with encrypted `secret` column for storing sensitive information on disk.';
create unique index secrets_name_idx on vault.secrets using btree (name) where name is not null;

create view vault.decrypted_secrets as
select s.id,
  s.name,
  s.description,
  s.secret,
  convert_from(
    vault._crypto_aead_det_decrypt(
      message := decode(s.secret, 'base64'::text),
      additional := convert_to(s.id::text, 'utf8'),
      key_id := 0,
      context := 'pgsodium'::bytea,
      nonce := s.nonce
    ),
    'utf8'::name
  ) as decrypted_secret,
  s.key_id,
  s.nonce,
  s.created_at,
  s.updated_at
from vault.secrets s;

-- SECURITY DEFINER: postgres/service_role may call them but hold no INSERT/UPDATE on
-- vault.secrets. [vault] [vaultout]
create function vault.create_secret(new_secret text, new_name text default null, new_description text default '', new_key_id uuid default null)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  rec record;
begin
  insert into vault.secrets (secret, name, description)
  values (new_secret, new_name, new_description)
  returning * into rec;
  update vault.secrets s
  set secret = encode(vault._crypto_aead_det_encrypt(
    message := convert_to(rec.secret, 'utf8'),
    additional := convert_to(s.id::text, 'utf8'),
    key_id := 0,
    context := 'pgsodium'::bytea,
    nonce := rec.nonce
  ), 'base64')
  where id = rec.id;
  return rec.id;
end
$$;

create function vault.update_secret(secret_id uuid, new_secret text default null, new_name text default null, new_description text default null, new_key_id uuid default null)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  update vault.secrets s
  set
    secret = case when new_secret is null then s.secret
                  else encode(vault._crypto_aead_det_encrypt(
                    message := convert_to(new_secret, 'utf8'),
                    additional := convert_to(s.id::text, 'utf8'),
                    key_id := 0,
                    context := 'pgsodium'::bytea,
                    nonce := s.nonce
                  ), 'base64') end,
    name = coalesce(new_name, s.name),
    description = coalesce(new_description, s.description),
    updated_at = now()
  where s.id = secret_id;
end
$$;

-- Final privileges. [vaultout]
revoke all on function vault._crypto_aead_det_encrypt(bytea, bytea, bigint, bytea, bytea) from public;
revoke all on function vault._crypto_aead_det_decrypt(bytea, bytea, bigint, bytea, bytea) from public;
revoke all on function vault._crypto_aead_det_noncegen() from public;
revoke all on function vault.create_secret(text, text, text, uuid) from public;
revoke all on function vault.update_secret(uuid, text, text, text, uuid) from public;
grant execute on function vault._crypto_aead_det_decrypt(bytea, bytea, bigint, bytea, bytea) to postgres, service_role;
grant execute on function vault.create_secret(text, text, text, uuid) to postgres, service_role;
grant execute on function vault.update_secret(uuid, text, text, text, uuid) to postgres, service_role;
grant select, delete, references, truncate on vault.secrets to postgres;
grant select, delete, references, truncate on vault.decrypted_secrets to postgres;
grant select, delete on vault.secrets to service_role;
grant select, delete on vault.decrypted_secrets to service_role;

---------------------------------------------------------------------------------------------------
-- net (pg_net stand-in: records, never sends)
---------------------------------------------------------------------------------------------------
create schema net authorization supabase_admin;
grant usage on schema net to supabase_functions_admin, postgres, anon, authenticated, service_role;  -- [post]

create domain net.http_method as text
check (value ilike 'get' or value ilike 'post' or value ilike 'delete');

-- Pending requests; pg_net's worker would consume these rows. [pgnet]
create table net.http_request_queue (
  id bigserial,
  method net.http_method not null,
  url text not null,
  headers jsonb not null,
  body bytea,
  timeout_milliseconds int not null
);
comment on table net.http_request_queue is
  'LOCAL STAND-IN for pg_net: requests are recorded here; only the local stack''s worker (local/stack/pg-net-worker.ts, under npm start) sends them.';

-- Responses, as the worker would store them. [pgnet]
create table net._http_response (
  id bigint,
  status_code integer,
  content_type text,
  headers jsonb,
  content text,
  timed_out bool,
  error_msg text,
  created timestamptz not null default now()
);
create index on net._http_response (created);

-- pg_net implements these two in C; same names/signatures, SQL bodies. [pgnet]
create function net._urlencode_string(string varchar)
returns text
language sql immutable strict
set search_path = ''
as $$
  select coalesce(string_agg(
    case when b.ch ~ '^[A-Za-z0-9._~-]$' then b.ch
         else upper(regexp_replace(encode(convert_to(b.ch, 'utf8'), 'hex'), '(..)', '%\1', 'g'))
    end, '' order by b.i), '')
  from regexp_split_to_table(string, '') with ordinality as b(ch, i)
$$;

create function net._encode_url_with_params_array(url text, params_array text[])
returns text
language sql immutable strict
set search_path = ''
as $$
  select case
    when cardinality(params_array) = 0 then url
    else url || case when strpos(url, '?') > 0 then '&' else '?' end || array_to_string(params_array, '&')
  end
$$;

create function net.http_get(url text, params jsonb default '{}'::jsonb, headers jsonb default '{}'::jsonb, timeout_milliseconds integer default 5000)
returns bigint
language plpgsql
strict volatile parallel safe
security definer
set search_path = ''
as $$
declare
  request_id bigint;
  params_array text[];
begin
  select coalesce(array_agg(net._urlencode_string(p.key) || '=' || net._urlencode_string(p.value)), '{}')
  into params_array
  from jsonb_each_text(params) as p(key, value);

  insert into net.http_request_queue (method, url, headers, timeout_milliseconds)
  values ('GET', net._encode_url_with_params_array(url, params_array), headers, timeout_milliseconds)
  returning id into request_id;

  return request_id;
end
$$;

create function net.http_post(url text, body jsonb default '{}'::jsonb, params jsonb default '{}'::jsonb, headers jsonb default '{"Content-Type": "application/json"}'::jsonb, timeout_milliseconds integer default 5000)
returns bigint
language plpgsql
volatile parallel safe
security definer
set search_path = ''
as $$
declare
  request_id bigint;
  params_array text[];
  content_type text;
  final_headers jsonb := coalesce(headers, '{}'::jsonb);
begin
  select h.header_value into content_type
  from jsonb_each_text(final_headers) as h(header_name, header_value)
  where lower(h.header_name) = 'content-type'
  limit 1;

  -- Headers given without a content type get it added back. [pgnet]
  if content_type is null then
    final_headers := final_headers || '{"Content-Type": "application/json"}'::jsonb;
  end if;

  if content_type <> 'application/json' then
    raise exception 'Content-Type header must be "application/json"';
  end if;

  select coalesce(array_agg(net._urlencode_string(p.key) || '=' || net._urlencode_string(p.value)), '{}')
  into params_array
  from jsonb_each_text(coalesce(params, '{}'::jsonb)) as p(key, value);

  insert into net.http_request_queue (method, url, headers, body, timeout_milliseconds)
  values ('POST', net._encode_url_with_params_array(url, params_array), final_headers,
          convert_to(body::text, 'UTF8'), timeout_milliseconds)
  returning id into request_id;

  return request_id;
end
$$;

create function net.http_delete(url text, params jsonb default '{}'::jsonb, headers jsonb default '{}'::jsonb, timeout_milliseconds integer default 5000, body jsonb default null)
returns bigint
language plpgsql
volatile parallel safe
security definer
set search_path = ''
as $$
declare
  request_id bigint;
  params_array text[];
begin
  select coalesce(array_agg(net._urlencode_string(p.key) || '=' || net._urlencode_string(p.value)), '{}')
  into params_array
  from jsonb_each_text(coalesce(params, '{}'::jsonb)) as p(key, value);

  insert into net.http_request_queue (method, url, headers, body, timeout_milliseconds)
  values ('DELETE', net._encode_url_with_params_array(url, params_array), coalesce(headers, '{}'::jsonb),
          case when body is null then null else convert_to(body::text, 'UTF8') end, timeout_milliseconds)
  returning id into request_id;

  return request_id;
end
$$;

comment on function net.http_get(text, jsonb, jsonb, integer) is
  'LOCAL STAND-IN for pg_net: records the request in net.http_request_queue and returns its id; nothing is sent.';
comment on function net.http_post(text, jsonb, jsonb, jsonb, integer) is
  'LOCAL STAND-IN for pg_net: records the request in net.http_request_queue and returns its id; nothing is sent.';
comment on function net.http_delete(text, jsonb, jsonb, integer, jsonb) is
  'LOCAL STAND-IN for pg_net: records the request in net.http_request_queue and returns its id; nothing is sent.';

-- Who may call them: grant_pg_net_access(). [post]
revoke all on function net.http_get(text, jsonb, jsonb, integer) from public;
revoke all on function net.http_post(text, jsonb, jsonb, jsonb, integer) from public;
revoke all on function net.http_delete(text, jsonb, jsonb, integer, jsonb) from public;
grant execute on function net.http_get(text, jsonb, jsonb, integer) to supabase_functions_admin, postgres, anon, authenticated, service_role;
grant execute on function net.http_post(text, jsonb, jsonb, jsonb, integer) to supabase_functions_admin, postgres, anon, authenticated, service_role;
grant execute on function net.http_delete(text, jsonb, jsonb, integer, jsonb) to supabase_functions_admin, postgres, anon, authenticated, service_role;
-- postgres (and the functions admin) can inspect and, for a local worker, drain the queue.
grant all on net.http_request_queue, net._http_response to postgres, supabase_functions_admin;
grant usage, select on sequence net.http_request_queue_id_seq to postgres, supabase_functions_admin;

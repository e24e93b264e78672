-- private.invoke_edge_function(): how scheduled database work reaches an Edge Function (issue 5).
-- The pattern Supabase documents for pg_cron -> Edge Function (guides/functions/schedule-functions):
-- the project URL and a key live in Vault, pg_net posts the request asynchronously. The jobs that
-- use it (dispatch-notifications, process-refunds) are scheduled in their own migrations.
--
-- Vault secrets (create them once per project; `npm start` creates them for the local stack):
--   project_url       e.g. https://<ref>.supabase.co (local: http://127.0.0.1:54321)
--   service_role_key  the service_role key (or a secret key): the worker functions accept only it
-- Without them the call does nothing and says so (a notice), so a fresh project is not broken.

do $$ begin
  if exists (select 1 from pg_catalog.pg_available_extensions where name = 'pg_net') then
    create extension if not exists pg_net with schema extensions;
  end if;
end $$;

create function private.invoke_edge_function(function_name text, body jsonb default '{}')
returns bigint
language plpgsql
volatile
set search_path = ''
as $$
/**
 * Posts body to the Edge Function function_name of this project with the service_role key,
 * through pg_net (asynchronous: the request is sent after the calling transaction commits).
 *
 * Parameters: function_name: the function's folder name, e.g. dispatch-notifications;
 *             body: the JSON body.
 * Returns:    the pg_net request id, or null when the Vault secrets project_url and
 *             service_role_key are not set (a notice says which is missing).
 * Errors:     22023 when function_name is not a valid function name.
 * Example:    select private.invoke_edge_function('dispatch-notifications');
 */
declare
  v_url text;
  v_key text;
begin
  if function_name is null or function_name !~ '^[a-z0-9][a-z0-9_-]{0,62}$' then
    raise exception using errcode = '22023', message = 'function_name is not a valid Edge Function name',
      hint = 'Use the function''s folder name, e.g. dispatch-notifications.';
  end if;
  select max(s.decrypted_secret) filter (where s.name = 'project_url'),
         max(s.decrypted_secret) filter (where s.name = 'service_role_key')
    into v_url, v_key
  from vault.decrypted_secrets as s
  where s.name in ('project_url', 'service_role_key');
  if v_url is null or v_key is null then
    raise notice 'invoke_edge_function(%): Vault secret % is not set; nothing was sent', function_name,
      case when v_url is null then 'project_url' else 'service_role_key' end;
    return null;
  end if;
  return net.http_post(
    url := pg_catalog.rtrim(v_url, '/') || '/functions/v1/' || function_name,
    body := coalesce(body, '{}'::jsonb),
    headers := pg_catalog.jsonb_build_object(
      'Content-Type', 'application/json',
      'Authorization', 'Bearer ' || v_key),
    timeout_milliseconds := 30000
  );
end
$$;
comment on function private.invoke_edge_function(text, jsonb) is
  'Posts a JSON body to an Edge Function of this project with the service_role key from Vault (secrets project_url, service_role_key) through pg_net; returns the request id, or null (with a notice) when the secrets are not set. Used by pg_cron jobs.';
revoke execute on function private.invoke_edge_function(text, jsonb) from public, anon, authenticated, service_role;

-- private.invoke_edge_function() calls the worker functions with the project's secret API key
-- (sb_secret_…): Vault secret `secret_key`, or the legacy `service_role_key` (the service_role JWT)
-- while a project still has only that one. The key travels in the `apikey` header, where Supabase
-- expects API keys, and as the bearer token too, where the legacy key has to be for verify_jwt; the
-- gateway accepts an sb_ key in Authorization when it equals the apikey header. The functions
-- verify it themselves (supabase/functions/_shared/caller.ts).
--
-- Vault secrets (create them once per project; `npm start` creates them for the local stack):
--   project_url  e.g. https://<ref>.supabase.co (local: http://127.0.0.1:54321)
--   secret_key   a secret API key of the project (Settings > API keys); preferred
--   service_role_key  the legacy service_role key, used only when secret_key is not set
-- Without a URL and a key the call does nothing and says so (a notice).

create or replace function private.invoke_edge_function(function_name text, body jsonb default '{}')
returns bigint
language plpgsql
volatile
set search_path = ''
as $$
/**
 * Posts body to the Edge Function function_name of this project with the project's secret key,
 * through pg_net (asynchronous: the request is sent after the calling transaction commits).
 *
 * Parameters: function_name: the function's folder name, e.g. dispatch-notifications;
 *             body: the JSON body.
 * Returns:    the pg_net request id, or null when the Vault secrets project_url and secret_key
 *             (or service_role_key) are not set (a notice says which is missing).
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
         coalesce(max(s.decrypted_secret) filter (where s.name = 'secret_key'),
                  max(s.decrypted_secret) filter (where s.name = 'service_role_key'))
    into v_url, v_key
  from vault.decrypted_secrets as s
  where s.name in ('project_url', 'secret_key', 'service_role_key');
  if v_url is null or v_key is null then
    raise notice 'invoke_edge_function(%): Vault secret % is not set; nothing was sent', function_name,
      case when v_url is null then 'project_url' else 'secret_key' end;
    return null;
  end if;
  return net.http_post(
    url := pg_catalog.rtrim(v_url, '/') || '/functions/v1/' || function_name,
    body := coalesce(body, '{}'::jsonb),
    headers := pg_catalog.jsonb_build_object(
      'Content-Type', 'application/json',
      'apikey', v_key,
      'Authorization', 'Bearer ' || v_key),
    timeout_milliseconds := 30000
  );
end
$$;
comment on function private.invoke_edge_function(text, jsonb) is
  'Posts a JSON body to an Edge Function of this project with the secret API key from Vault (secrets project_url and secret_key, or the legacy service_role_key) through pg_net, in the apikey header and as the bearer token; returns the request id, or null (with a notice) when the secrets are not set. Used by pg_cron jobs.';
revoke execute on function private.invoke_edge_function(text, jsonb) from public, anon, authenticated, service_role;

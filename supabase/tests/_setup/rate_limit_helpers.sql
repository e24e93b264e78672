-- supabase/tests/_setup/rate_limit_helpers.sql — helpers for the rate-limit tests, in schema
-- `tests`. Applied like the other _setup files (as postgres, committed; creates no data).
--
--   tests.as_api_request(client_ip)   makes the rest of the transaction look like a Data API
--                                     request (request.method, request.path and request.headers
--                                     as PostgREST sets them, the client IP in cf-connecting-ip
--                                     as Cloudflare sets it); call it after tests.authenticate_as
--   tests.rate_limit_refusal_of(sql)  runs a statement and returns its 429 refusal as PostgREST
--                                     would answer it: {"status", "retry_after", "code", "message",
--                                     "details", "hint"}; null when the statement succeeded, and
--                                     {"sqlstate": ...} when it failed otherwise

create schema if not exists tests;

create or replace function tests.as_api_request(client_ip text default null, path text default '/rpc/book_appointment')
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform pg_catalog.set_config('request.method', 'POST', true);
  perform pg_catalog.set_config('request.path', path, true);
  perform pg_catalog.set_config('request.headers',
    pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'accept', 'application/json', 'x-real-ip', '127.0.0.1', 'cf-connecting-ip', client_ip))::text, true);
end
$$;
comment on function tests.as_api_request(text, text) is
  'pgTAP helper: the rest of the transaction is a Data API request (request.method, request.path, request.headers with cf-connecting-ip = client_ip, x-real-ip the gateway''s 127.0.0.1).';

create or replace function tests.rate_limit_refusal_of(statement text)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  v_error jsonb := tests.error_details_of(statement);
  v_body jsonb;
  v_response jsonb;
begin
  if v_error is null then
    return null;
  end if;
  if v_error ->> 'code' <> 'PGRST' then
    return pg_catalog.jsonb_build_object('sqlstate', v_error ->> 'code', 'message', v_error ->> 'message', 'detail', v_error ->> 'detail');
  end if;
  v_body := (v_error ->> 'message')::jsonb;
  v_response := (v_error ->> 'detail')::jsonb;
  return v_body || pg_catalog.jsonb_build_object(
    'status', v_response -> 'status',
    'retry_after', (v_response -> 'headers' ->> 'Retry-After')::integer);
end
$$;
comment on function tests.rate_limit_refusal_of(text) is
  'pgTAP helper: the 429 a statement answers, as PostgREST would send it ({status, retry_after, code, message, details, hint}); null when it succeeded; {sqlstate, message, detail} for any other error.';

revoke execute on function tests.as_api_request(text, text) from public;
revoke execute on function tests.rate_limit_refusal_of(text) from public;
grant execute on function tests.as_api_request(text, text) to anon, authenticated, service_role;
grant execute on function tests.rate_limit_refusal_of(text) to anon, authenticated, service_role;

-- PostgREST's pre-request function (docs/rate-limits.md#bursts): private.check_request runs in
-- every Data API request's transaction, after PostgREST has set the role, the JWT claims and the
-- request.* settings and before the request's own query. It limits how many requests of one
-- signed-in user, or one anonymous client IP, run at once (private.request_concurrency_limits):
-- a burst of searches gets 429 for what exceeds the limit instead of taking every connection.
--
-- It writes nothing: GET requests and read-only RPCs such as search_slots run in read-only
-- transactions (and on read replicas), where no counter can be written. A slot is a transaction
-- advisory lock tried without waiting, pg_try_advisory_xact_lock(key, slot) in the two-integer key
-- space (the booking keys use the 64-bit one, so the two never meet); it is released when the
-- request's transaction ends. Advisory locks also work on hot standbys.
--
-- Registered the way Supabase documents it for hosted projects ("Securing your API": alter role
-- authenticator set pgrst.db_pre_request ...; notify pgrst, 'reload config'). PostgREST reads it
-- at start and on that notification (its db-config setting, on by default and on Supabase).

create function private.take_request_slot(p_request text, p_subject text, p_limit integer)
returns boolean
language plpgsql
volatile
set search_path = ''
as $$
/**
 * Tries to take one of p_limit concurrency slots of a request kind and subject for the rest of
 * the transaction, without waiting: true when one was free (or this transaction holds one).
 *
 * Parameters: 'any' or a request path; 'user:<id>' or 'ip:<address>'; how many may run at once.
 */
declare
  v_key integer := pg_catalog.hashtext('slotbase.request:' || p_request || ':' || p_subject);
  v_start integer := pg_catalog.floor(pg_catalog.random() * p_limit)::integer;
begin
  for v_slot in 0 .. p_limit - 1 loop
    if pg_catalog.pg_try_advisory_xact_lock(v_key, (v_start + v_slot) % p_limit) then
      return true;
    end if;
  end loop;
  return false;
end
$$;
comment on function private.take_request_slot(text, text, integer) is
  'Tries (never waits) to take a concurrency slot of a request kind and subject: a transaction advisory lock in the two-integer key space.';
revoke execute on function private.take_request_slot(text, text, integer) from public, anon, authenticated, service_role;

create function private.check_request()
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * PostgREST's pre-request function (pgrst.db_pre_request): refuses a request with HTTP 429,
 * reason rate_limited, Retry-After: 1 when its signed-in user (or, anonymous, its client IP)
 * already has as many requests running as private.request_concurrency_limits allows, for every
 * request ('any') or for its path (e.g. /rpc/search_slots). service_role requests, anonymous
 * requests without a known client IP, and everything while the limits are switched off pass.
 * Writes nothing, so it works in read-only transactions and on read replicas.
 * security definer: reads the private limits; API roles execute it (PostgREST calls it as the
 * request's role).
 */
declare
  v_role text := coalesce(nullif(pg_catalog.current_setting('request.jwt.claims', true), '')::jsonb ->> 'role', '');
  v_uid uuid;
  v_subject text;
  v_path text;
  v_limit record;
  v_cap integer;
begin
  if v_role = 'service_role' or not coalesce((select s.enabled from private.rate_limit_settings as s), false) then
    return;
  end if;
  v_uid := (select auth.uid());
  v_subject := case when v_uid is not null then 'user:' || v_uid::text else 'ip:' || private.request_client_ip() end;
  if v_subject is null then
    return;
  end if;
  v_path := '/' || pg_catalog.ltrim(coalesce(pg_catalog.current_setting('request.path', true), ''), '/');
  for v_limit in
    select c.request, c.per_user, c.per_ip
    from private.request_concurrency_limits as c
    where c.request in ('any', v_path)
    order by c.request
  loop
    v_cap := case when v_uid is not null then v_limit.per_user else v_limit.per_ip end;
    continue when v_cap is null;
    if not private.take_request_slot(v_limit.request, v_subject, v_cap) then
      perform private.raise_rate_limited('too many requests at once', 'Wait for your other requests to finish.', interval '1 second');
    end if;
  end loop;
end
$$;
comment on function private.check_request() is
  'PostgREST pre-request function: 429 rate_limited (Retry-After: 1) when the caller (user, or anonymous client IP) already runs as many requests as private.request_concurrency_limits allows; writes nothing.';
revoke execute on function private.check_request() from public, anon, authenticated, service_role;
grant execute on function private.check_request() to anon, authenticated, service_role;

alter role authenticator set pgrst.db_pre_request to 'private.check_request';
notify pgrst, 'reload config';

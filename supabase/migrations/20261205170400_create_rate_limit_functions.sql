-- How the rate limits count and refuse (docs/rate-limits.md):
--
--   private.client_ip_subject(address)        an address as a rate-limit subject (IPv6: its /64)
--   private.request_client_ip()               the client's IP from a trusted request header
--   private.count_rate_limited_action(action, tenant, user, ip)
--                                             counts one action of an account and an IP, or says
--                                             how long to wait
--   private.take_rate_limit(action, tenant, user, ip)
--                                             the same, refusing with HTTP 429 and Retry-After
--   private.take_request_rate_limit(action, tenant)
--                                             the same for the request's own caller: only requests
--                                             of clients (PostgREST, or an Edge Function acting as
--                                             the caller) are counted, never the server's own SQL
--   private.raise_rate_limited(message, hint, wait)
--                                             the one way a 429 is raised
--   private.remove_old_rate_limit_hits()      pg_cron job remove-old-rate-limit-hits
--
-- Counting is a sliding-window log: the action fits when fewer than `limit` hits of the bucket
-- fall inside the period; the hit is inserted in the action's own transaction, so only actions
-- that succeed are counted (a refused booking does not use up the patient's limit). Nothing is
-- locked: concurrent requests of one subject may each pass a nearly full bucket, so a burst can
-- exceed a limit by the number of requests it runs at once (the concurrency limits of the
-- pre-request function bound that).
--
-- A refusal is `raise sqlstate 'PGRST'` with PostgREST's JSON (PostgREST 12+: status and
-- headers of the answer come from DETAIL): HTTP 429, the header Retry-After, the body
-- {"code": "PT429", "message", "details": "rate_limited", "hint"} - the hint ends with
-- "Try again in <N> second(s).", N being the Retry-After value, for clients that cannot read headers.

create function private.client_ip_subject(p_address text)
returns text
language plpgsql
immutable
set search_path = ''
as $$
/**
 * The rate-limit subject of a client address: an IPv4 address as it is, an IPv6 address as its
 * /64 network (the block one client is usually given, so a client cannot step around its limit
 * by changing the last bits). A list (a, b) counts by its first entry.
 *
 * Returns: the address as text (IPv6: '2001:db8:1:2::/64'), or null when it is not an address.
 * Example: select private.client_ip_subject('2001:db8:1:2:3:4:5:6');  -- 2001:db8:1:2::/64
 */
declare
  v_value text := pg_catalog.btrim(pg_catalog.split_part(p_address, ',', 1));
  v_ip inet;
begin
  if v_value is null or v_value !~ '^[0-9A-Fa-f:.]{2,45}$' then
    return null;
  end if;
  begin
    v_ip := v_value::inet;
  exception when invalid_text_representation then
    return null;
  end;
  return case when pg_catalog.family(v_ip) = 6 then pg_catalog.network(pg_catalog.set_masklen(v_ip, 64))::text
              else pg_catalog.host(v_ip) end;
end
$$;
comment on function private.client_ip_subject(text) is
  'The rate-limit subject of a client address: IPv4 as is, IPv6 as its /64; null when not an address.';
revoke execute on function private.client_ip_subject(text) from public, anon, authenticated, service_role;

create function private.request_client_ip()
returns text
language sql
stable
set search_path = ''
as $$
  /**
   * The client IP of the current Data API request (private.client_ip_subject), from the first
   * header of private.rate_limit_settings.client_ip_headers that holds an address: on hosted
   * Supabase cf-connecting-ip, which Cloudflare sets; locally x-real-ip, which the gateway sets.
   * Returns: the address, or null when the request has no such header (direct SQL, pg_cron).
   * Example: select private.request_client_ip();
   */
  select private.client_ip_subject(h.headers ->> n.name)
  from (select nullif(pg_catalog.current_setting('request.headers', true), '')::jsonb as headers) as h
  cross join lateral pg_catalog.unnest((select s.client_ip_headers from private.rate_limit_settings as s))
    with ordinality as n (name, position)
  where private.client_ip_subject(h.headers ->> n.name) is not null
  order by n.position
  limit 1
$$;
comment on function private.request_client_ip() is
  'The client IP of the current Data API request from the trusted headers of private.rate_limit_settings (IPv6 as its /64), or null.';
revoke execute on function private.request_client_ip() from public, anon, authenticated, service_role;

create function private.rate_limit_bucket(p_tenant_id uuid, p_action public.rate_limited_action, p_kind text, p_subject text)
returns bigint
language sql
stable
parallel safe
set search_path = ''
as $$
  /**
   * The counter a hit belongs to: a 64-bit hash of the tenant (null: across tenants), the
   * action, the kind of subject ('user' or 'ip') and the subject.
   * Example: select private.rate_limit_bucket(tenant_id, 'booking', 'user', auth.uid()::text);
   */
  select pg_catalog.hashtextextended(
    coalesce(p_tenant_id::text, 'platform') || ':' || p_action::text || ':' || p_kind || ':' || p_subject, 0)
$$;
comment on function private.rate_limit_bucket(uuid, public.rate_limited_action, text, text) is
  'The rate-limit counter (private.rate_limit_hits.bucket) of a tenant (or across tenants), action and subject.';
revoke execute on function private.rate_limit_bucket(uuid, public.rate_limited_action, text, text) from public, anon, authenticated, service_role;

create function private.rate_limit_wait(p_bucket bigint, p_limit integer, p_period interval)
returns interval
language sql
stable
set search_path = ''
as $$
  /**
   * How long until one more hit of the bucket fits its limit: null when it fits now (fewer than
   * p_limit hits in the last p_period, or no limit), else the time until the oldest of the last
   * p_limit hits leaves the period. Reads at most p_limit index entries.
   * Example: select private.rate_limit_wait(bucket, 10, interval '1 hour');
   */
  select h.hit_at + p_period - pg_catalog.now()
  from private.rate_limit_hits as h
  where p_limit is not null
    and h.bucket = p_bucket
    and h.hit_at > pg_catalog.now() - p_period
  order by h.hit_at desc
  offset p_limit - 1
  limit 1
$$;
comment on function private.rate_limit_wait(bigint, integer, interval) is
  'Time until one more hit of a rate-limit bucket fits (null: it fits now).';
revoke execute on function private.rate_limit_wait(bigint, integer, interval) from public, anon, authenticated, service_role;

create function private.raise_rate_limited(p_message text, p_hint text, p_wait interval)
returns void
language plpgsql
volatile
set search_path = ''
as $$
/**
 * Refuses the request with HTTP 429 and a Retry-After header, through PostgREST's
 * `raise sqlstate 'PGRST'` (message: the error body as JSON; detail: status and headers). The
 * body is {"code": "PT429", "message": p_message, "details": "rate_limited", "hint": p_hint +
 * " Try again in N second(s)."}; N (at least 1) is also the Retry-After value.
 * Outside PostgREST (direct SQL, Edge Functions) the error has SQLSTATE PGRST and that JSON as
 * its message.
 *
 * Parameters: what happened; what to do; how long until a retry can succeed.
 */
declare
  v_seconds integer := greatest(1, pg_catalog.ceil(extract(epoch from p_wait)))::integer;
begin
  raise sqlstate 'PGRST' using
    message = pg_catalog.json_build_object(
      'code', 'PT429',
      'message', p_message,
      'details', 'rate_limited',
      'hint', pg_catalog.format('%s Try again in %s second%s.', p_hint, v_seconds, case when v_seconds = 1 then '' else 's' end))::text,
    detail = pg_catalog.json_build_object(
      'status', 429,
      'headers', pg_catalog.json_build_object('Retry-After', v_seconds::text))::text;
end
$$;
comment on function private.raise_rate_limited(text, text, interval) is
  'Raises the rate-limit refusal: HTTP 429 with Retry-After through PostgREST (sqlstate PGRST), body code PT429, details rate_limited, a hint ending "Try again in N second(s)."';
revoke execute on function private.raise_rate_limited(text, text, interval) from public, anon, authenticated, service_role;

create function private.count_rate_limited_action(
  p_action public.rate_limited_action, p_tenant_id uuid, p_user_subject text, p_ip text)
returns interval
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Counts one action of a subject against its rate limits when it fits them, and says how long
 * to wait when it does not (then nothing is counted). The limits: the tenant's own row of
 * public.tenant_rate_limits for actions counted per tenant, else private.rate_limit_defaults;
 * actions counted across tenants ignore p_tenant_id. Everything fits while
 * private.rate_limit_settings.enabled is false.
 * security definer: API roles have no access to the counters.
 *
 * Parameters: the action; its tenant; the account (otp: the recipient) and the client IP (each
 *             null: not counted by it).
 * Returns:    null (counted), or the time until the action would fit.
 */
declare
  v_default private.rate_limit_defaults;
  v_override public.tenant_rate_limits;
  v_tenant_id uuid;
  v_per_user integer;
  v_per_ip integer;
  v_period interval;
  v_user_bucket bigint;
  v_ip_bucket bigint;
  v_wait interval;
begin
  if not coalesce((select s.enabled from private.rate_limit_settings as s), false) then
    return null;
  end if;
  select d.* into v_default from private.rate_limit_defaults as d where d.action = p_action;
  if not found then
    return null;
  end if;
  v_per_user := v_default.per_user;
  v_per_ip := v_default.per_ip;
  v_period := v_default.period;
  if not v_default.across_tenants then
    v_tenant_id := p_tenant_id;
    select o.* into v_override from public.tenant_rate_limits as o where o.tenant_id = p_tenant_id and o.action = p_action;
    if found then
      v_per_user := v_override.per_user;
      v_per_ip := v_override.per_ip;
      v_period := v_override.period;
    end if;
  end if;

  if p_user_subject is not null and v_per_user is not null then
    v_user_bucket := private.rate_limit_bucket(v_tenant_id, p_action, 'user', p_user_subject);
    v_wait := private.rate_limit_wait(v_user_bucket, v_per_user, v_period);
  end if;
  if p_ip is not null and v_per_ip is not null then
    v_ip_bucket := private.rate_limit_bucket(v_tenant_id, p_action, 'ip', p_ip);
    v_wait := greatest(v_wait, private.rate_limit_wait(v_ip_bucket, v_per_ip, v_period));
  end if;
  if v_wait is not null then
    return v_wait;
  end if;
  insert into private.rate_limit_hits (bucket)
  select b.bucket from pg_catalog.unnest(array[v_user_bucket, v_ip_bucket]) as b (bucket) where b.bucket is not null;
  return null;
end
$$;
comment on function private.count_rate_limited_action(public.rate_limited_action, uuid, text, text) is
  'Counts one action of an account and a client IP against the tenant''s or the platform''s rate limits; returns null when counted, else the time to wait (nothing counted).';
revoke execute on function private.count_rate_limited_action(public.rate_limited_action, uuid, text, text) from public, anon, authenticated, service_role;

create function private.take_rate_limit(
  p_action public.rate_limited_action, p_tenant_id uuid, p_user_subject text, p_ip text)
returns void
language plpgsql
volatile
set search_path = ''
as $$
/**
 * private.count_rate_limited_action, refusing with HTTP 429 (reason rate_limited, Retry-After)
 * when the account or the IP reached its limit: the way the RPCs take a rate limit.
 *
 * Parameters: as private.count_rate_limited_action.
 */
declare
  v_wait interval := private.count_rate_limited_action(p_action, p_tenant_id, p_user_subject, p_ip);
begin
  if v_wait is null then
    return;
  end if;
  perform private.raise_rate_limited(
    case p_action
      when 'booking' then 'too many bookings in a short time'
      when 'appointment_change' then 'too many changes to appointments in a short time'
      when 'payment' then 'too many payment attempts in a short time'
      when 'registration' then 'too many registrations in a short time'
      when 'record_claim' then 'too many attempts to find a patient record'
      else 'too many codes requested'
    end,
    case p_action
      when 'booking' then 'Wait before booking again, or call the clinic.'
      when 'appointment_change' then 'Wait before changing appointments again, or call the clinic.'
      when 'payment' then 'Wait before trying to pay again.'
      when 'registration' then 'Wait before registering again.'
      when 'record_claim' then 'Wait before trying again, or ask the clinic''s front desk to link your record.'
      else 'Wait before asking for a new code.'
    end,
    v_wait);
end
$$;
comment on function private.take_rate_limit(public.rate_limited_action, uuid, text, text) is
  'Counts one action of an account and a client IP against its rate limits, or raises HTTP 429 rate_limited with Retry-After.';
revoke execute on function private.take_rate_limit(public.rate_limited_action, uuid, text, text) from public, anon, authenticated, service_role;

create function private.take_request_rate_limit(p_action public.rate_limited_action, p_tenant_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * private.take_rate_limit for the caller of the current request: their account (auth.uid())
 * and client IP (private.request_client_ip). Only client requests count - those PostgREST makes
 * (it sets request.method) or an Edge Function makes as the caller (it sets the same); SQL of
 * the server itself (pg_cron jobs, migrations, service code outside a request) is never limited.
 *
 * Parameters: the action and its tenant.
 * Example:    perform private.take_request_rate_limit('booking', v_tenant_id);
 */
begin
  if coalesce(pg_catalog.current_setting('request.method', true), '') = '' then
    return;
  end if;
  perform private.take_rate_limit(p_action, p_tenant_id, (select auth.uid())::text, private.request_client_ip());
end
$$;
comment on function private.take_request_rate_limit(public.rate_limited_action, uuid) is
  'Counts one action of the current client request (account and client IP) against its rate limits, or raises HTTP 429; nothing outside client requests.';
revoke execute on function private.take_request_rate_limit(public.rate_limited_action, uuid) from public, anon, authenticated, service_role;

create function private.remove_old_rate_limit_hits()
returns integer
language sql
volatile
set search_path = ''
as $$
  /**
   * Removes the rate-limit hits older than a day, the longest period a limit may count over.
   * Run by pg_cron every 10 minutes as postgres.
   * Returns: how many hits were removed.
   * Example: select private.remove_old_rate_limit_hits();
   */
  with removed as (
    delete from private.rate_limit_hits as h
     where h.hit_at < pg_catalog.now() - interval '1 day'
    returning 1
  )
  select pg_catalog.count(*)::integer from removed
$$;
comment on function private.remove_old_rate_limit_hits() is
  'pg_cron job remove-old-rate-limit-hits (every 10 minutes): removes rate-limit hits older than a day.';
revoke execute on function private.remove_old_rate_limit_hits() from public, anon, authenticated, service_role;

create extension if not exists pg_cron with schema pg_catalog;
select cron.schedule('remove-old-rate-limit-hits', '*/10 * * * *', 'select private.remove_old_rate_limit_hits()');

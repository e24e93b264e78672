-- What a notification's payload may hold, per kind, written once:
--   private.notification_payload_fields()            the schema: kind, key, value type, required
--   private.notification_payload_value_problem(v, t)  why one value is not of its type (null: it is)
--   private.notification_payload_problem(kind, p)     why a payload does not fit its kind (null: it does)
-- private.enqueue_notification refuses a payload with a problem (22023) and claim_notifications
-- parks a queued row whose payload has one instead of failing the whole claim (both in later
-- migrations). See docs/notifications.md, "Payloads".

create function private.notification_payload_fields()
returns table (kind public.notification_kind, key text, value_type text, required boolean)
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * The payload schema of every notification kind: which keys a payload may have, the type of
   * each value and whether it must be there. Value types (private.notification_payload_value_problem):
   *   timestamptz  an ISO 8601 time with its UTC offset, e.g. "2026-03-03T09:30:00+00:00"
   *   interval     a positive interval, e.g. "24:00:00" or "2 hours"
   *   uuid         a uuid
   *   https_url    an https URL of at most 2048 characters
   *   amount       a JSON number from 0 to 999999999999
   *   currency     a currency code (public.currency_code)
   *   text         a string of 1 to 200 characters
   * starts_at is optional: the appointment's own start is used without it. service_name and
   * centre_name name them for a message without an appointment.
   * Example: select * from private.notification_payload_fields() where kind = 'reminder';
   */
  select f.kind::public.notification_kind, f.key, f.value_type, f.required
  from (values
    ('booking_confirmed', 'starts_at', 'timestamptz', false),
    ('booking_rescheduled', 'starts_at', 'timestamptz', false),
    ('booking_rescheduled', 'previous_starts_at', 'timestamptz', true),
    ('booking_cancelled', 'starts_at', 'timestamptz', false),
    ('reminder', 'starts_at', 'timestamptz', false),
    ('reminder', 'offset', 'interval', true),
    ('waitlist_offer', 'offer_id', 'uuid', true),
    ('waitlist_offer', 'starts_at', 'timestamptz', false),
    ('waitlist_offer', 'ends_at', 'timestamptz', false),
    ('waitlist_offer', 'offer_expires_at', 'timestamptz', true),
    ('payment_link', 'starts_at', 'timestamptz', false),
    ('payment_link', 'payment_url', 'https_url', true),
    ('payment_link', 'amount', 'amount', true),
    ('payment_link', 'currency', 'currency', true),
    ('payment_receipt', 'starts_at', 'timestamptz', false),
    ('payment_receipt', 'amount', 'amount', true),
    ('payment_receipt', 'currency', 'currency', true)
  ) as f(kind, key, value_type, required)
  union all
  select k.kind, n.key, 'text', false
  from pg_catalog.unnest(pg_catalog.enum_range(null::public.notification_kind)) as k(kind)
  cross join (values ('service_name'), ('centre_name')) as n(key)
$$;
comment on function private.notification_payload_fields() is
  'Notifications: the payload schema per kind - allowed keys, value type (timestamptz, interval, uuid, https_url, amount, currency, text) and whether required. The one definition enqueue and claim check payloads against.';
revoke execute on function private.notification_payload_fields() from public, anon, authenticated, service_role;

create function private.notification_payload_value_problem(p_value jsonb, p_value_type text)
returns text
language plpgsql
stable
set search_path = ''
as $$
/**
 * Why a payload value is not of its type (see private.notification_payload_fields), as the end
 * of a sentence ("must be ..."), or null when it is. Never raises: a value that cannot be
 * converted is a problem to report, not an error.
 *
 * Parameters: p_value the JSON value; p_value_type the type name.
 * Returns:    null, or the problem.
 * Example:    select private.notification_payload_value_problem('"soon"', 'timestamptz');
 */
declare
  v_text text := case when pg_catalog.jsonb_typeof(p_value) = 'string' then p_value #>> '{}' end;
  v_interval interval;
  v_amount numeric;
begin
  case p_value_type
    when 'timestamptz' then
      -- ISO 8601 with an offset: without one the time would depend on the session's time zone
      if v_text is null or v_text !~ '^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)$' then
        return 'must be an ISO 8601 time with its UTC offset, e.g. "2026-03-03T09:30:00+00:00"';
      end if;
      begin
        perform v_text::timestamptz;
      exception when data_exception then
        return 'must be an ISO 8601 time with its UTC offset, e.g. "2026-03-03T09:30:00+00:00"';
      end;
    when 'interval' then
      if v_text is null or pg_catalog.char_length(v_text) > 64 then
        return 'must be an interval as text, e.g. "24:00:00" or "2 hours"';
      end if;
      begin
        v_interval := v_text::interval;
      exception when data_exception then
        return 'must be an interval as text, e.g. "24:00:00" or "2 hours"';
      end;
      if v_interval <= interval '0' then
        return 'must be a positive interval';
      end if;
    when 'uuid' then
      if v_text is null or v_text !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
        return 'must be a uuid';
      end if;
    when 'https_url' then
      if v_text is null or pg_catalog.char_length(v_text) > 2048 or v_text !~ '^https://[^\s/?#]+[^\s]*$' then
        return 'must be an https URL of at most 2048 characters';
      end if;
    when 'amount' then
      if pg_catalog.jsonb_typeof(p_value) <> 'number' then
        return 'must be a number, e.g. 45.50';
      end if;
      v_amount := p_value::numeric;
      if v_amount < 0 or v_amount > 999999999999 then
        return 'must be from 0 to 999999999999';
      end if;
    when 'currency' then
      if v_text is null then
        return 'must be a currency code, e.g. "GBP"';
      end if;
      begin
        perform v_text::public.currency_code;
      exception when check_violation then
        return 'must be a currency code, e.g. "GBP"';
      end;
    when 'text' then
      if v_text is null or pg_catalog.char_length(v_text) not between 1 and 200 then
        return 'must be a text of 1 to 200 characters';
      end if;
  end case;
  return null;
end
$$;
comment on function private.notification_payload_value_problem(jsonb, text) is
  'Notifications: why a payload value is not of its schema type ("must be ..."), or null; never raises.';
revoke execute on function private.notification_payload_value_problem(jsonb, text) from public, anon, authenticated, service_role;

create function private.notification_payload_problem(p_kind public.notification_kind, p_payload jsonb)
returns text
language sql
stable
set search_path = ''
as $$
  /**
   * Why a payload does not fit its kind's schema (private.notification_payload_fields): not an
   * object, larger than 4 kB, an unknown key, a missing required key, or a value of the wrong
   * type. One sentence naming the first problem (keys in alphabetical order), or null.
   * Example: select private.notification_payload_problem('reminder', '{"starts_at": "soon"}');
   *          -- offset is required for reminder messages
   */
  select case
    when p_payload is null or pg_catalog.jsonb_typeof(p_payload) <> 'object' then 'the payload must be a JSON object'
    when pg_catalog.octet_length(p_payload::text) > 4096 then 'the payload must be at most 4 kB'
    else (
      select p.problem
      from (
        select k.key, 1 as rank, pg_catalog.format('%s is not a field of %s messages (allowed: %s)', k.key, p_kind,
                 (select pg_catalog.string_agg(f.key, ', ' order by f.key) from private.notification_payload_fields() as f where f.kind = p_kind)) as problem
        from pg_catalog.jsonb_object_keys(p_payload) as k(key)
        where not exists (select 1 from private.notification_payload_fields() as f where f.kind = p_kind and f.key = k.key)
        union all
        select f.key, 2, pg_catalog.format('%s is required for %s messages', f.key, p_kind)
        from private.notification_payload_fields() as f
        where f.kind = p_kind and f.required and not (p_payload ? f.key)
        union all
        select f.key, 3, pg_catalog.format('%s %s', f.key, private.notification_payload_value_problem(p_payload -> f.key, f.value_type))
        from private.notification_payload_fields() as f
        where f.kind = p_kind and p_payload ? f.key
          and private.notification_payload_value_problem(p_payload -> f.key, f.value_type) is not null
      ) as p
      order by p.rank, p.key
      limit 1)
  end
$$;
comment on function private.notification_payload_problem(public.notification_kind, jsonb) is
  'Notifications: why a payload does not fit the schema of its kind (not an object, too large, unknown or missing key, wrong value type), or null. Checked by enqueue (22023) and at claim (parked).';
revoke execute on function private.notification_payload_problem(public.notification_kind, jsonb) from public, anon, authenticated, service_role;

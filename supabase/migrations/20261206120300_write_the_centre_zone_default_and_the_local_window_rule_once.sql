-- The availability and series triggers share two rules, now written once: a row without a time
-- zone takes its centre's (private.centre_timezone), and a local window ends after it starts
-- (private.assert_local_window, PT422 with the caller's hint).

create function private.centre_timezone(p_tenant_id uuid, p_centre_id uuid)
returns text
language sql
stable
set search_path = ''
set timezone to 'UTC'
as $$
  /**
   * The IANA time zone of a centre: the default zone of the availability rules, overrides and
   * series written for it. Null when the centre is not of that tenant.
   * Example: select private.centre_timezone(tenant_id, centre_id);  -- 'Europe/London'
   */
  select c.timezone from public.centres as c where c.tenant_id = p_tenant_id and c.id = p_centre_id
$$;
comment on function private.centre_timezone(uuid, uuid) is
  'The IANA time zone of a centre (null when it is not of that tenant): the default zone of availability rules, overrides and series.';
-- called by the security definer preparation triggers only
revoke execute on function private.centre_timezone(uuid, uuid) from public, anon, authenticated, service_role;

create function private.assert_local_window(p_local_start time, p_local_end time, p_hint text)
returns void
language plpgsql
immutable
set search_path = ''
as $$
/**
 * Raises PT422 when a same-day local window ends at or before its start (either end null: no
 * check). The hint says how the caller's table spells a window.
 * Example: perform private.assert_local_window(new.local_start, new.local_end, 'Hours are ...');
 */
begin
  if p_local_start is not null and p_local_end is not null and p_local_end <= p_local_start then
    raise exception using
      errcode = 'PT422',
      message = pg_catalog.format('local_end (%s) must be after local_start (%s)', p_local_end, p_local_start),
      hint = p_hint;
  end if;
end
$$;
comment on function private.assert_local_window(time, time, text) is
  'Raises PT422 unless a same-day local window (local_start, local_end) ends after it starts.';
revoke execute on function private.assert_local_window(time, time, text) from public, anon, authenticated, service_role;

create or replace function private.prepare_availability_override()
 returns trigger
 language plpgsql
 security definer
 set search_path = ''
 set timezone to 'UTC'
as $function$
/**
 * BEFORE INSERT OR UPDATE row trigger on public.availability_overrides: timezone null -> the
 * centre's zone (definer: reads only that zone name); local_end <= local_start -> PT422.
 *
 * Returns: the new row.
 */
begin
  new.timezone := coalesce(new.timezone, private.centre_timezone(new.tenant_id, new.centre_id));
  perform private.assert_local_window(new.local_start, new.local_end,
    'Extra hours are a same-day window in local time, e.g. 10:00-13:00; use 24:00 for the end of the day.');
  return new;
end
$function$;

create or replace function private.prepare_availability_rule()
 returns trigger
 language plpgsql
 security definer
 set search_path = ''
 set timezone to 'UTC'
as $function$
/**
 * BEFORE INSERT OR UPDATE row trigger on public.availability_rules:
 *   * timezone null -> the centre's zone (read as definer: the row's centre is fixed by the
 *     foreign key, and the value read is only a zone name);
 *   * local_end <= local_start -> PT422; valid_until < valid_from -> PT422;
 *   * rrule := private.normalise_rrule(rrule, valid_from + local_start, timezone): refuses an
 *     invalid rule with 22023 (parser message, detail, hint), turns COUNT into UNTIL, canonical text;
 *   * an update that moves local_start or changes timezone and keeps the stored rule text first
 *     moves UNTIL and the EXDATEs with the occurrences (private.reanchor_rrule), so the rule keeps
 *     its last date and its excluded dates.
 * Security definer because the recurrence helpers are not executable by API roles; it touches
 * only the new row.
 *
 * Returns: the new row.
 */
begin
  new.timezone := coalesce(new.timezone, private.centre_timezone(new.tenant_id, new.centre_id));
  perform private.assert_local_window(new.local_start, new.local_end,
    'Hours are a same-day window in local time, e.g. 09:00-17:00; use 24:00 for the end of the day and a second rule for the hours after midnight.');
  if new.valid_until < new.valid_from then
    raise exception using
      errcode = 'PT422',
      message = pg_catalog.format('valid_until (%s) is before valid_from (%s)', new.valid_until, new.valid_from),
      hint = 'valid_until is the last local date the rule applies (inclusive); leave it null for an open-ended rule.';
  end if;
  if tg_op = 'UPDATE' and new.rrule is not distinct from old.rrule
     and (new.local_start, new.timezone) is distinct from (old.local_start, old.timezone)
     and new.local_start is not null and new.timezone is not null then
    new.rrule := private.reanchor_rrule(old.rrule, old.timezone, new.timezone, new.local_start - old.local_start);
  end if;
  if new.rrule is not null and new.valid_from is not null and new.local_start is not null and new.timezone is not null
     and (tg_op = 'INSERT'
          or (new.rrule, new.valid_from, new.local_start, new.timezone)
             is distinct from (old.rrule, old.valid_from, old.local_start, old.timezone)) then
    new.rrule := private.normalise_rrule(new.rrule, new.valid_from + new.local_start, new.timezone);
  end if;
  return new;
end
$function$;

create or replace function private.prepare_appointment_series()
 returns trigger
 language plpgsql
 security definer
 set search_path = ''
 set timezone to 'UTC'
as $function$
/**
 * BEFORE INSERT OR UPDATE row trigger on public.appointment_series:
 *   * timezone null -> the centre's zone;
 *   * local_start := the local time of first_starts_at in timezone;
 *   * rrule := private.normalise_rrule(rrule, first_starts_at in timezone, timezone) when the
 *     row is new or the rule, first_starts_at or timezone changed: 22023 for an invalid rule,
 *     COUNT becomes UNTIL, canonical text;
 *   * the rule must end (UNTIL after normalisation), within 730 days of first_starts_at: 22023.
 * security definer because the recurrence helpers are not executable by API roles; it touches
 * only the new row.
 *
 * Returns: the new row.
 */
declare
  v_until timestamptz;
begin
  new.timezone := coalesce(new.timezone, private.centre_timezone(new.tenant_id, new.centre_id));
  if new.first_starts_at is not null and new.timezone is not null then
    new.local_start := (new.first_starts_at at time zone new.timezone)::time;
  end if;
  if new.rrule is not null and new.first_starts_at is not null and new.timezone is not null
     and (tg_op = 'INSERT'
          or (new.rrule, new.first_starts_at, new.timezone) is distinct from (old.rrule, old.first_starts_at, old.timezone)) then
    new.rrule := private.normalise_rrule(new.rrule, new.first_starts_at at time zone new.timezone, new.timezone);
    v_until := (private.parse_rrule(new.rrule))."until";
    if v_until is null then
      raise exception using errcode = '22023',
        message = 'A series must end: give the rule a COUNT or an UNTIL.',
        detail = new.rrule,
        hint = 'For example FREQ=WEEKLY;COUNT=8 (eight weeks) or FREQ=WEEKLY;UNTIL=20270131T235959Z.';
    end if;
    if v_until > new.first_starts_at + interval '730 days' then
      raise exception using errcode = '22023',
        message = 'A series must end within 730 days of its first appointment.',
        detail = new.rrule,
        hint = 'Use a smaller COUNT or an earlier UNTIL; no clinic takes bookings further ahead.';
    end if;
  end if;
  return new;
end
$function$;

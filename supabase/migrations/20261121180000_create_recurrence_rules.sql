-- Recurrence rules (the RFC 5545 subset the scheduling issue needs), parsed in SQL.
--
-- Objects: private.recurrence_weekday and private.recurrence_rule (composite types: a parsed
-- rule), private.parse_rrule(text) (text -> rule, refusing everything outside the subset with
-- SQLSTATE 22023) and private.format_rrule(rule) (rule -> canonical text).
--
-- The subset (docs/recurrence.md): FREQ=DAILY|WEEKLY|MONTHLY, INTERVAL, BYDAY (ordinals such as
-- 1MO or -1FR with MONTHLY only), BYMONTHDAY (1..31 and -31..-1; not with WEEKLY), BYSETPOS (with
-- WEEKLY or MONTHLY and another BY part), WKST, UNTIL (a UTC date-time, inclusive) or COUNT
-- (turned into UNTIL on write by private.normalise_rrule), and EXDATE lines (exact instants).
--
-- Caveat: parse_rrule converts `EXDATE;TZID=…` local times with private.local_to_utc, created by
-- the next migration (20261121180100); PL/pgSQL binds it at run time, so the order is harmless.
-- Everything here is internal: EXECUTE is revoked from the API roles and granted to nobody; the
-- slot search that will call these helpers runs as their owner.

create type private.recurrence_weekday as (
  weekday integer,
  ordinal integer
);
comment on type private.recurrence_weekday is
  'One BYDAY entry of a recurrence rule: ISO weekday (1 = Monday … 7 = Sunday) and an optional ordinal (1..5 or -5..-1, MONTHLY only; null = every such weekday).';

create type private.recurrence_rule as (
  freq text,
  "interval" integer,
  by_day private.recurrence_weekday[],
  by_month_day integer[],
  by_set_pos integer[],
  wkst integer,
  "until" timestamptz,
  "count" integer,
  exdates timestamptz[]
);
comment on type private.recurrence_rule is
  'A parsed recurrence rule (RFC 5545 subset, docs/recurrence.md): freq DAILY|WEEKLY|MONTHLY, interval >= 1, by_day, by_month_day, by_set_pos (empty arrays when absent), wkst as ISO weekday (1 = Monday, the default), until (inclusive instant) or count (write-time only; normalise_rrule turns it into until), exdates (exact excluded start instants). Built by private.parse_rrule.';

create function private.rfc5545_local_time(value text)
returns timestamp
language plpgsql
immutable
set search_path = ''
as $$
/**
 * Reads an RFC 5545 DATE-TIME in basic format without zone designator, `yyyymmddThhmmss`, as a
 * local timestamp. Invalid calendar values (20260231T090000, hour 24) raise 22008, never roll
 * over; anything that is not exactly 8 digits, T, 6 digits raises 22007.
 *
 * Parameters: value  e.g. '20260401T090000'.
 * Returns:    timestamp (no zone).
 * Example:    select private.rfc5545_local_time('20260401T090000');  -- 2026-04-01 09:00:00
 */
begin
  if value is null or value !~ '^[0-9]{8}T[0-9]{6}$' then
    raise exception 'not an RFC 5545 local date-time: %', value using errcode = '22007';
  end if;
  return pg_catalog.make_timestamp(
    pg_catalog.substr(value, 1, 4)::integer, pg_catalog.substr(value, 5, 2)::integer,
    pg_catalog.substr(value, 7, 2)::integer, pg_catalog.substr(value, 10, 2)::integer,
    pg_catalog.substr(value, 12, 2)::integer, pg_catalog.substr(value, 14, 2)::double precision
  );
end;
$$;
comment on function private.rfc5545_local_time(text) is
  'Reads an RFC 5545 basic-format local date-time (yyyymmddThhmmss) strictly: invalid calendar values raise 22008 instead of rolling over.';
revoke execute on function private.rfc5545_local_time(text) from public, anon, authenticated, service_role;

create function private.parse_rrule(rule text)
returns private.recurrence_rule
language plpgsql
stable
set search_path = ''
as $$
/**
 * Parses a recurrence rule of the supported RFC 5545 subset and refuses everything else.
 *
 * Accepted text: one RRULE, bare (`FREQ=WEEKLY;BYDAY=MO,WE`) or as a content line
 * (`RRULE:FREQ=…`), optionally followed by EXDATE lines, one per line:
 * `EXDATE:20260401T080000Z,…` (UTC) or `EXDATE;TZID=Europe/London:20260401T090000,…` (local,
 * converted with private.local_to_utc). Part names and values are case-insensitive.
 *
 * Errors: SQLSTATE 22023 (invalid_parameter_value) with a message a client can show, the
 * offending text as detail and a hint naming the supported parts.
 *
 * Stable, not immutable: EXDATE;TZID conversion depends on the server's tz database.
 *
 * Parameters: rule  the rule text.
 * Returns:    private.recurrence_rule (empty arrays for absent BY parts, wkst 1 when absent).
 * Example:    select private.parse_rrule('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20261231T235959Z');
 */
declare
  c_hint constant text :=
    'Supported: FREQ=DAILY|WEEKLY|MONTHLY; INTERVAL=n; BYDAY=MO,TU,… (ordinals such as 1MO or -1FR '
    'with MONTHLY only); BYMONTHDAY=1..31 or -31..-1 (not with WEEKLY); BYSETPOS=±n (WEEKLY or '
    'MONTHLY, with BYDAY or BYMONTHDAY); WKST=MO..SU; UNTIL=yyyymmddThhmmssZ (UTC) or COUNT=n; '
    'then optional EXDATE:yyyymmddThhmmssZ,… or EXDATE;TZID=<zone>:yyyymmddThhmmss,… lines.';
  c_days constant text[] := array['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
  v_result private.recurrence_rule;
  v_line text;
  v_rrule text;
  v_part text;
  v_name text;
  v_value text;
  v_item text;
  v_seen text[] := '{}'::text[];
  v_match text[];
  v_tzid text;
  v_number integer;
  v_problem text;
begin
  v_result.freq := null;
  v_result."interval" := 1;
  v_result.by_day := '{}';
  v_result.by_month_day := '{}';
  v_result.by_set_pos := '{}';
  v_result.wkst := 1;
  v_result."until" := null;
  v_result."count" := null;
  v_result.exdates := '{}';

  if rule is null or pg_catalog.btrim(rule) = '' then
    raise exception 'A recurrence rule is required.'
      using errcode = '22023', hint = c_hint;
  end if;

  -- Content lines: the RRULE (bare or `RRULE:`) and EXDATE lines.
  foreach v_line in array pg_catalog.regexp_split_to_array(pg_catalog.btrim(rule, e' \t\r\n'), e'\\s*\\r?\\n\\s*') loop
    v_line := pg_catalog.btrim(v_line);
    if v_line = '' then
      continue;
    elsif v_line ~* '^EXDATE[;:]' then
      v_match := pg_catalog.regexp_match(v_line, '^EXDATE(?:;TZID=([^:;]+))?:(.+)$', 'i');
      if v_match is null then
        raise exception 'This EXDATE line is not supported.'
          using errcode = '22023', detail = v_line,
                hint = 'Write EXDATE:20260401T080000Z (UTC) or EXDATE;TZID=Europe/London:20260401T090000. ' || c_hint;
      end if;
      v_tzid := v_match[1];
      if v_tzid is not null then
        begin
          perform pg_catalog.now() at time zone v_tzid;
        exception when invalid_parameter_value then
          raise exception 'EXDATE time zone "%" is not known.', v_tzid
            using errcode = '22023', detail = v_line,
                  hint = 'Use an IANA time zone name such as Europe/London. ' || c_hint;
        end;
      end if;
      foreach v_item in array pg_catalog.string_to_array(v_match[2], ',') loop
        v_item := pg_catalog.upper(pg_catalog.btrim(v_item));
        v_problem := null;
        begin
          if v_tzid is null and v_item ~ '^[0-9]{8}T[0-9]{6}Z$' then
            v_result.exdates := v_result.exdates
              || pg_catalog.timezone('UTC', private.rfc5545_local_time(pg_catalog.left(v_item, 15)));
          elsif v_tzid is not null and v_item ~ '^[0-9]{8}T[0-9]{6}$' then
            v_result.exdates := v_result.exdates
              || private.local_to_utc(private.rfc5545_local_time(v_item), v_tzid);
          else
            v_problem := v_item;
          end if;
        exception when datetime_field_overflow or invalid_datetime_format then
          v_problem := v_item;
        end;
        if v_problem is not null then
          raise exception 'EXDATE value "%" is not a valid date-time.', v_problem
            using errcode = '22023', detail = v_line,
                  hint = 'Use yyyymmddThhmmssZ (UTC) or, with ;TZID=<IANA zone>, local yyyymmddThhmmss. ' || c_hint;
        end if;
      end loop;
    elsif v_line ~* '^[A-Z-]+[;:]' then
      v_name := pg_catalog.upper((pg_catalog.regexp_match(v_line, '^([A-Za-z-]+)'))[1]);
      if v_name <> 'RRULE' then
        raise exception 'The % property is not supported in a recurrence rule.', v_name
          using errcode = '22023', detail = v_line,
                hint = 'Give DTSTART separately (local time + IANA zone); only RRULE and EXDATE lines are accepted. ' || c_hint;
      end if;
      if v_line !~* '^RRULE:' then
        raise exception 'RRULE takes no parameters.'
          using errcode = '22023', detail = v_line, hint = c_hint;
      end if;
      if v_rrule is not null then
        raise exception 'Only one RRULE is supported.'
          using errcode = '22023', detail = v_line, hint = c_hint;
      end if;
      v_rrule := pg_catalog.substr(v_line, 7);
    else
      if v_rrule is not null then
        raise exception 'Only one RRULE is supported.'
          using errcode = '22023', detail = v_line, hint = c_hint;
      end if;
      v_rrule := v_line;
    end if;
  end loop;

  if v_rrule is null or v_rrule = '' then
    raise exception 'The recurrence rule has no RRULE part.'
      using errcode = '22023', detail = rule, hint = c_hint;
  end if;

  -- Rule parts: NAME=VALUE separated by semicolons, each at most once.
  foreach v_part in array pg_catalog.string_to_array(v_rrule, ';') loop
    v_match := pg_catalog.regexp_match(pg_catalog.btrim(v_part), '^([A-Za-z-]+)=(.+)$');
    if v_match is null then
      raise exception 'Rule part "%" is not NAME=VALUE.', v_part
        using errcode = '22023', detail = v_rrule, hint = c_hint;
    end if;
    v_name := pg_catalog.upper(v_match[1]);
    v_value := pg_catalog.upper(pg_catalog.btrim(v_match[2]));
    if v_name = any (v_seen) then
      raise exception 'Rule part % appears more than once.', v_name
        using errcode = '22023', detail = v_rrule, hint = c_hint;
    end if;
    v_seen := v_seen || v_name;

    case v_name
      when 'FREQ' then
        if v_value not in ('DAILY', 'WEEKLY', 'MONTHLY') then
          raise exception 'FREQ=% is not supported.', v_value
            using errcode = '22023', detail = v_rrule, hint = c_hint;
        end if;
        v_result.freq := v_value;
      when 'INTERVAL' then
        if v_value !~ '^[0-9]{1,4}$' or v_value::integer not between 1 and 1000 then
          raise exception 'INTERVAL must be a whole number from 1 to 1000.'
            using errcode = '22023', detail = v_rrule, hint = c_hint;
        end if;
        v_result."interval" := v_value::integer;
      when 'COUNT' then
        if v_value !~ '^[0-9]{1,4}$' or v_value::integer not between 1 and 1000 then
          raise exception 'COUNT must be a whole number from 1 to 1000.'
            using errcode = '22023', detail = v_rrule, hint = c_hint;
        end if;
        v_result."count" := v_value::integer;
      when 'UNTIL' then
        if v_value !~ '^[0-9]{8}T[0-9]{6}Z$' then
          raise exception 'UNTIL must be a UTC date-time such as 20261231T235959Z.'
            using errcode = '22023', detail = v_rrule,
                  hint = 'RFC 5545 requires UNTIL in UTC when DTSTART has a time zone. ' || c_hint;
        end if;
        begin
          v_result."until" := pg_catalog.timezone('UTC', private.rfc5545_local_time(pg_catalog.left(v_value, 15)));
        exception when datetime_field_overflow or invalid_datetime_format or invalid_parameter_value then
          raise exception 'UNTIL=% is not a valid date-time.', v_value
            using errcode = '22023', detail = v_rrule, hint = c_hint;
        end;
      when 'BYDAY' then
        foreach v_item in array pg_catalog.string_to_array(v_value, ',') loop
          v_match := pg_catalog.regexp_match(pg_catalog.btrim(v_item), '^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$');
          if v_match is null then
            raise exception 'BYDAY value "%" is not supported.', v_item
              using errcode = '22023', detail = v_rrule, hint = c_hint;
          end if;
          v_result.by_day := v_result.by_day
            || row(pg_catalog.array_position(c_days, v_match[2]), v_match[1]::integer)::private.recurrence_weekday;
        end loop;
      when 'BYMONTHDAY' then
        foreach v_item in array pg_catalog.string_to_array(v_value, ',') loop
          v_item := pg_catalog.btrim(v_item);
          if v_item !~ '^[+-]?[0-9]{1,2}$' or v_item::integer = 0 or pg_catalog.abs(v_item::integer) > 31 then
            raise exception 'BYMONTHDAY value "%" must be 1..31 or -31..-1.', v_item
              using errcode = '22023', detail = v_rrule, hint = c_hint;
          end if;
          v_result.by_month_day := v_result.by_month_day || v_item::integer;
        end loop;
      when 'BYSETPOS' then
        foreach v_item in array pg_catalog.string_to_array(v_value, ',') loop
          v_item := pg_catalog.btrim(v_item);
          if v_item !~ '^[+-]?[0-9]{1,3}$' or v_item::integer = 0 or pg_catalog.abs(v_item::integer) > 366 then
            raise exception 'BYSETPOS value "%" must be 1..366 or -366..-1.', v_item
              using errcode = '22023', detail = v_rrule, hint = c_hint;
          end if;
          v_result.by_set_pos := v_result.by_set_pos || v_item::integer;
        end loop;
      when 'WKST' then
        v_number := pg_catalog.array_position(c_days, v_value);
        if v_number is null then
          raise exception 'WKST=% is not a weekday (MO..SU).', v_value
            using errcode = '22023', detail = v_rrule, hint = c_hint;
        end if;
        v_result.wkst := v_number;
      else
        raise exception 'Rule part % is not supported.', v_name
          using errcode = '22023', detail = v_rrule, hint = c_hint;
    end case;
  end loop;

  -- Combinations.
  if v_result.freq is null then
    raise exception 'The rule has no FREQ.'
      using errcode = '22023', detail = v_rrule, hint = c_hint;
  end if;
  if v_result."count" is not null and v_result."until" is not null then
    raise exception 'A rule may have COUNT or UNTIL, not both.'
      using errcode = '22023', detail = v_rrule, hint = c_hint;
  end if;
  if v_result.freq <> 'MONTHLY' and exists (select 1 from pg_catalog.unnest(v_result.by_day) as b where b.ordinal is not null) then
    raise exception 'BYDAY ordinals such as 1MO or -1FR need FREQ=MONTHLY.'
      using errcode = '22023', detail = v_rrule, hint = c_hint;
  end if;
  if v_result.freq = 'WEEKLY' and pg_catalog.cardinality(v_result.by_month_day) > 0 then
    raise exception 'BYMONTHDAY cannot be used with FREQ=WEEKLY.'
      using errcode = '22023', detail = v_rrule, hint = c_hint;
  end if;
  if pg_catalog.cardinality(v_result.by_set_pos) > 0 then
    if v_result.freq = 'DAILY' then
      raise exception 'BYSETPOS cannot be used with FREQ=DAILY.'
        using errcode = '22023', detail = v_rrule, hint = c_hint;
    end if;
    if pg_catalog.cardinality(v_result.by_day) = 0 and pg_catalog.cardinality(v_result.by_month_day) = 0 then
      raise exception 'BYSETPOS needs BYDAY or BYMONTHDAY.'
        using errcode = '22023', detail = v_rrule, hint = c_hint;
    end if;
  end if;

  -- Canonical order, no duplicates.
  v_result.by_day := array(
    select distinct row(b.weekday, b.ordinal)::private.recurrence_weekday
    from pg_catalog.unnest(v_result.by_day) as b
    order by 1
  );
  v_result.by_month_day := array(select distinct x from pg_catalog.unnest(v_result.by_month_day) as x order by 1);
  v_result.by_set_pos := array(select distinct x from pg_catalog.unnest(v_result.by_set_pos) as x order by 1);
  v_result.exdates := array(select distinct x from pg_catalog.unnest(v_result.exdates) as x order by 1);
  return v_result;
end;
$$;
comment on function private.parse_rrule(text) is
  'Parses a recurrence rule of the supported RFC 5545 subset (docs/recurrence.md) into private.recurrence_rule; anything else raises 22023 with a hint naming the supported parts.';
revoke execute on function private.parse_rrule(text) from public, anon, authenticated, service_role;

create function private.format_rrule(rule private.recurrence_rule)
returns text
language sql
stable
set search_path = ''
as $$
  /**
   * Writes a parsed rule back as canonical text that private.parse_rrule reads to the same rule:
   * parts in the order FREQ, INTERVAL (when not 1), BYDAY, BYMONTHDAY, BYSETPOS, WKST (when not
   * MO), COUNT or UNTIL (UTC, rounded up to the whole second, so it stays inclusive), then one
   * `EXDATE:` line of UTC instants when there are exclusions.
   *
   * Parameters: rule  a private.recurrence_rule.
   * Returns:    text, e.g. 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20261231T235959Z'.
   * Example:    select private.format_rrule(private.parse_rrule('byday=we,mo;freq=weekly'));
   *             -- FREQ=WEEKLY;BYDAY=MO,WE
   */
  select pg_catalog.concat_ws(';',
      'FREQ=' || r.freq,
      case when r."interval" <> 1 then 'INTERVAL=' || r."interval" end,
      (select 'BYDAY=' || pg_catalog.string_agg(
                coalesce(b.ordinal::text, '') || (array['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'])[b.weekday],
                ',' order by b.weekday, b.ordinal)
         from pg_catalog.unnest(r.by_day) as b),
      (select 'BYMONTHDAY=' || pg_catalog.string_agg(x::text, ',' order by x) from pg_catalog.unnest(r.by_month_day) as x),
      (select 'BYSETPOS=' || pg_catalog.string_agg(x::text, ',' order by x) from pg_catalog.unnest(r.by_set_pos) as x),
      case when r.wkst <> 1 then 'WKST=' || (array['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'])[r.wkst] end,
      case when r."count" is not null then 'COUNT=' || r."count" end,
      case when r."until" is not null then
        'UNTIL=' || pg_catalog.to_char(
          pg_catalog.date_trunc('second', pg_catalog.timezone('UTC', r."until"))
            + case when pg_catalog.date_trunc('second', r."until") < r."until" then interval '1 second' else interval '0' end,
          'YYYYMMDD"T"HH24MISS"Z"')
      end)
    || coalesce(
      (select e'\nEXDATE:' || pg_catalog.string_agg(
                pg_catalog.to_char(pg_catalog.timezone('UTC', x), 'YYYYMMDD"T"HH24MISS"Z"'), ',' order by x)
         from pg_catalog.unnest(r.exdates) as x),
      '')
  from (select (format_rrule.rule).*) as r
$$;
comment on function private.format_rrule(private.recurrence_rule) is
  'Writes a parsed recurrence rule as canonical RFC 5545 text (UNTIL and EXDATE in UTC) that private.parse_rrule reads back to the same rule.';
revoke execute on function private.format_rrule(private.recurrence_rule) from public, anon, authenticated, service_role;

-- The recurrence engine computes its calendars without the session's time zone, and reads
-- RFC 5545 date-times strictly.
--
-- A client may set the session's TimeZone (PostgREST: `Prefer: timezone=America/Santiago`). Dates
-- turned into timestamptz, `generate_series` over dates and `timestamptz + interval '1 day'` all
-- follow that zone, so in a zone whose clocks skip midnight a calendar lost a day (with
-- BYSETPOS=-1 the last day of a month moved). Here every calendar is plain date arithmetic
-- (date + integer, date_trunc on timestamp without zone), instants move by hours, and the
-- functions also run with TimeZone = UTC (like every function: 20261205159000).
--
-- RFC 5545 times of day are 00:00:00-23:59:59: `T240000` and a leap second `T235960` used to roll
-- over to the next day (make_timestamp accepts both); they are now refused, with the reason in the
-- message and a hint. A rule text is read only up to 2000 characters (the column limit of the
-- tables that store rules): longer is 22001 before any parsing.

create or replace function private.rfc5545_local_time(value text)
returns timestamp
language plpgsql
immutable
set search_path = ''
as $$
/**
 * Reads an RFC 5545 DATE-TIME in basic format without zone designator, `yyyymmddThhmmss`, as a
 * local timestamp. A value that is not a real date and time of day raises 22008 with the reason
 * as message (31 February, month 13, hour 24, minute 60, second 60: RFC 5545 §3.3.12 hours are
 * 00-23 and leap seconds are not representable in PostgreSQL), never rolls over; anything that is
 * not exactly 8 digits, T, 6 digits raises 22007.
 *
 * Parameters: value  e.g. '20260401T090000'.
 * Returns:    timestamp (no zone).
 * Example:    select private.rfc5545_local_time('20260401T090000');  -- 2026-04-01 09:00:00
 */
declare
  v_year integer;
  v_month integer;
  v_day integer;
  v_hour integer;
  v_minute integer;
  v_second integer;
begin
  if value is null or value !~ '^[0-9]{8}T[0-9]{6}$' then
    raise exception 'not an RFC 5545 local date-time: %', value using errcode = '22007';
  end if;
  v_year := pg_catalog.substr(value, 1, 4)::integer;
  v_month := pg_catalog.substr(value, 5, 2)::integer;
  v_day := pg_catalog.substr(value, 7, 2)::integer;
  v_hour := pg_catalog.substr(value, 10, 2)::integer;
  v_minute := pg_catalog.substr(value, 12, 2)::integer;
  v_second := pg_catalog.substr(value, 14, 2)::integer;
  if v_hour > 23 then
    raise exception 'hour % does not exist (hours are 00 to 23; the end of a day is 235959)', pg_catalog.lpad(v_hour::text, 2, '0')
      using errcode = '22008';
  end if;
  if v_minute > 59 then
    raise exception 'minute % does not exist (minutes are 00 to 59)', v_minute using errcode = '22008';
  end if;
  if v_second > 59 then
    raise exception 'second % does not exist (seconds are 00 to 59; leap seconds are not accepted)', v_second
      using errcode = '22008';
  end if;
  if v_month not between 1 and 12 then
    raise exception 'month % does not exist', pg_catalog.lpad(v_month::text, 2, '0') using errcode = '22008';
  end if;
  if v_year < 1 or v_day < 1
     or v_day > extract(day from pg_catalog.make_date(v_year, v_month, 1) + interval '1 month - 1 day') then
    raise exception 'day % does not exist in %-%', pg_catalog.lpad(v_day::text, 2, '0'),
      pg_catalog.lpad(v_year::text, 4, '0'), pg_catalog.lpad(v_month::text, 2, '0')
      using errcode = '22008';
  end if;
  return pg_catalog.make_timestamp(v_year, v_month, v_day, v_hour, v_minute, v_second::double precision);
end;
$$;

create or replace function private.parse_rrule(rule text)
returns private.recurrence_rule
language plpgsql
stable
set search_path = ''
set timezone to 'UTC'
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
 * offending text as detail and a hint naming the supported parts. A date-time that is not a real
 * calendar date and time of day (31 February, hour 24, minute 60, a leap second) is refused with
 * the reason in the message, never rolled over.
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
  v_reason text;
  c_time_hint constant text :=
    'Use real dates and times of day: hours 00-23, minutes and seconds 00-59. The last second of a day is 235959 '
    '(e.g. UNTIL=20261231T235959Z), never 240000; leap seconds (60) are not accepted.';
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
  if pg_catalog.char_length(rule) > 2000 then
    raise exception 'A recurrence rule is at most 2000 characters (this one has %).', pg_catalog.char_length(rule)
      using errcode = '22001', detail = 'value_too_long',
            hint = 'Exclude fewer dates, or end the rule and start a new one.';
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
        v_reason := null;
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
          get stacked diagnostics v_reason = message_text;
        end;
        if v_reason is not null then
          raise exception 'EXDATE value "%" is not a valid date-time: %.', v_problem, v_reason
            using errcode = '22023', detail = v_line, hint = c_time_hint;
        end if;
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
          get stacked diagnostics v_reason = message_text;
          raise exception 'UNTIL=% is not a valid date-time: %.', v_value, v_reason
            using errcode = '22023', detail = v_rrule, hint = c_time_hint;
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

create or replace function private.local_to_utc(local timestamp, tzid text)
returns timestamptz
language plpgsql
stable
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * The instant at which the wall clock in `tzid` shows `local`, by Slotbase's DST policy:
 * a time in a DST gap is read with the offset before the gap (shifted forward by the gap);
 * a time in a DST fold is the earlier of its two instants (RFC 5545 §3.3.5).
 *
 * How: PostgreSQL gives one candidate (`local AT TIME ZONE tzid`, the later one in a fold).
 * The offsets in force 24 hours before and 24 hours after it give the other candidates; the
 * earliest candidate that reads back as `local` in `tzid` wins. When none reads back, `local` is
 * in a gap and the offset of the day before applies. (Transitions are never less than two days
 * apart in the tz database for the zones clinics use.) Instants move by hours, never by days,
 * so the session's time zone plays no part.
 *
 * PL/pgSQL on purpose: a `language sql` function with `set search_path` is never inlined, so it
 * was planned again at every call site of every query; PL/pgSQL evaluates these expressions
 * with plans cached for the session. Null arguments give null.
 *
 * Parameters: local  wall-clock time; tzid  IANA zone name (unknown names raise 22023).
 * Returns:    timestamptz.
 * Example:    select private.local_to_utc('2026-10-25 01:30', 'Europe/London');  -- 00:30Z
 *             select private.local_to_utc('2026-03-08 02:30', 'America/New_York'); -- 07:30Z
 */
declare
  v_pg timestamptz;
  v_before timestamptz;
  v_after timestamptz;
  v_result timestamptz;
begin
  -- PostgreSQL's choice, then the readings with the offsets of the day before and the day after
  v_pg := local_to_utc.local at time zone local_to_utc.tzid;
  v_before := pg_catalog.timezone('UTC', local_to_utc.local
                - ((v_pg - interval '24 hours') at time zone local_to_utc.tzid
                   - (v_pg - interval '24 hours') at time zone 'UTC'));
  v_after := pg_catalog.timezone('UTC', local_to_utc.local
               - ((v_pg + interval '24 hours') at time zone local_to_utc.tzid
                  - (v_pg + interval '24 hours') at time zone 'UTC'));
  -- the earliest candidate that reads back as the wall-clock time asked for
  if v_before at time zone local_to_utc.tzid = local_to_utc.local then
    v_result := v_before;
  end if;
  if v_after at time zone local_to_utc.tzid = local_to_utc.local and (v_result is null or v_after < v_result) then
    v_result := v_after;
  end if;
  if v_pg at time zone local_to_utc.tzid = local_to_utc.local and (v_result is null or v_pg < v_result) then
    v_result := v_pg;
  end if;
  -- none does: a gap, read with the offset of the day before
  return coalesce(v_result, v_before);
end;
$$;

create or replace function private.rrule_expansion_span(
  rule private.recurrence_rule,
  dtstart_local timestamp,
  tzid text,
  window_start timestamptz,
  window_end timestamptz
)
returns daterange
language plpgsql
stable
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * The local dates private.rrule_occurrences examines for this window: the window's local dates
 * plus one day either side, clipped to DTSTART's date and to UNTIL's local date + 1, then widened
 * to whole weeks (WKST) or months when the rule has BYSETPOS. Its length depends on the window
 * and the rule's FREQ only, never on DTSTART's age. Dates only (the session's zone plays no part).
 *
 * Parameters: rule, dtstart_local, tzid, window_start, window_end  as for rrule_occurrences.
 * Returns:    daterange (empty when nothing can occur).
 * Example:    select private.rrule_expansion_span(private.parse_rrule('FREQ=DAILY'),
 *               '1976-01-01 09:00', 'Europe/London', '2026-06-01 00:00Z', '2026-06-08 00:00Z');
 *             -- [2026-05-31,2026-06-10)
 */
declare
  v_from date;
  v_to date;
begin
  if window_start is null or window_end is null or window_end <= window_start then
    return 'empty'::daterange;
  end if;
  v_from := greatest((window_start at time zone tzid)::date - 1, dtstart_local::date);
  v_to := (window_end at time zone tzid)::date + 1;
  if (rule)."until" is not null then
    v_to := least(v_to, ((rule)."until" at time zone tzid)::date + 1);
  end if;
  if v_from > v_to then
    return 'empty'::daterange;
  end if;
  if pg_catalog.cardinality((rule).by_set_pos) > 0 then
    if (rule).freq = 'WEEKLY' then
      v_from := v_from - (extract(isodow from v_from)::integer - (rule).wkst + 7) % 7;
      v_to := v_to + 6 - (extract(isodow from v_to)::integer - (rule).wkst + 7) % 7;
    elsif (rule).freq = 'MONTHLY' then
      v_from := pg_catalog.make_date(extract(year from v_from)::integer, extract(month from v_from)::integer, 1);
      v_to := (pg_catalog.make_date(extract(year from v_to)::integer, extract(month from v_to)::integer, 1)
               + interval '1 month - 1 day')::date;
    end if;
  end if;
  return pg_catalog.daterange(v_from, v_to, '[]');
end;
$$;

create or replace function private.rrule_occurrences(
  rule private.recurrence_rule,
  dtstart_local timestamp,
  tzid text,
  window_start timestamptz,
  window_end timestamptz
)
returns setof timestamptz
language plpgsql
stable
set search_path = ''
set timezone to 'UTC'
-- the expansion query's plan does not depend on the values (one row per local date of the span);
-- without this, PL/pgSQL would keep choosing custom plans and plan it again on every call
set plan_cache_mode = force_generic_plan
as $$
/**
 * Occurrence start instants of a parsed rule anchored at DTSTART (local wall-clock time in the
 * IANA zone `tzid`), within [window_start, window_end), in order. Each occurrence is a local
 * date matching the rule at DTSTART's time of day, converted with private.local_to_utc (gap:
 * shifted forward; fold: earlier instant). DTSTART itself is an occurrence only if it matches
 * the rule. Work is proportional to the window (private.rrule_expansion_span), not to the age
 * of the rule. The calendar is made of dates (date + n), so the session's time zone plays no part.
 *
 * Errors: 22023 when the rule still has COUNT (normalise it on write), or when an argument is
 * missing or the zone is unknown.
 *
 * Parameters: rule           private.recurrence_rule (from private.parse_rrule)
 *             dtstart_local  DTSTART as local time; tzid  IANA zone
 *             window_start   inclusive; window_end  exclusive
 * Returns:    setof timestamptz, ascending.
 * Example:    select * from private.rrule_occurrences(private.parse_rrule('FREQ=WEEKLY;BYDAY=MO'),
 *               '2026-01-05 09:00', 'Europe/London', '2026-03-01Z', '2026-04-01Z');
 */
declare
  v_span daterange;
  v_d0 date;
  v_time time;
  v_dow0 integer;
  v_dom0 integer;
  v_week0 date;
  v_month0 integer;
begin
  if (rule).freq is null or dtstart_local is null or tzid is null then
    raise exception 'A recurrence needs a rule, a DTSTART and a time zone.'
      using errcode = '22023', hint = 'Pass private.parse_rrule(text), a local timestamp and an IANA zone name.';
  end if;
  if (rule)."count" is not null then
    raise exception 'This rule still has COUNT; it must be normalised to UNTIL before it is expanded.'
      using errcode = '22023', hint = 'Store rules through private.normalise_rrule(rule, dtstart_local, tzid).';
  end if;

  v_span := private.rrule_expansion_span(rule, dtstart_local, tzid, window_start, window_end);
  if pg_catalog.isempty(v_span) then
    return;
  end if;

  v_d0 := dtstart_local::date;
  v_time := dtstart_local::time;
  v_dow0 := extract(isodow from v_d0)::integer;
  v_dom0 := extract(day from v_d0)::integer;
  v_week0 := v_d0 - (v_dow0 - (rule).wkst + 7) % 7;
  v_month0 := extract(year from v_d0)::integer * 12 + extract(month from v_d0)::integer;

  return query
  with calendar as (
    select s.d,
           extract(isodow from s.d)::integer as dow,
           extract(day from s.d)::integer as dom,
           extract(day from pg_catalog.date_trunc('month', s.d::timestamp) + interval '1 month - 1 day')::integer as dim,
           (s.d - (extract(isodow from s.d)::integer - (rule).wkst + 7) % 7) as week,
           extract(year from s.d)::integer * 12 + extract(month from s.d)::integer as month_no
    from pg_catalog.generate_series(0, pg_catalog.upper(v_span) - pg_catalog.lower(v_span) - 1) as n (i)
    cross join lateral (select pg_catalog.lower(v_span) + n.i as d) as s
  ),
  matched as (
    select day.d,
           case (rule).freq when 'DAILY' then day.d - v_d0 when 'WEEKLY' then day.week - v_week0 else day.month_no end as period
    from calendar as day
    where case (rule).freq
            when 'DAILY' then ((day.d - v_d0) % (rule)."interval" + (rule)."interval") % (rule)."interval" = 0
            when 'WEEKLY' then (((day.week - v_week0) / 7) % (rule)."interval" + (rule)."interval") % (rule)."interval" = 0
            else ((day.month_no - v_month0) % (rule)."interval" + (rule)."interval") % (rule)."interval" = 0
          end
      and case
            when (rule).freq = 'WEEKLY' and pg_catalog.cardinality((rule).by_day) = 0 then day.dow = v_dow0
            when (rule).freq = 'MONTHLY' and pg_catalog.cardinality((rule).by_day) = 0
                 and pg_catalog.cardinality((rule).by_month_day) = 0 then day.dom = v_dom0
            else
              (pg_catalog.cardinality((rule).by_day) = 0
                or exists (
                  select 1 from pg_catalog.unnest((rule).by_day) as b
                  where b.weekday = day.dow
                    and (b.ordinal is null
                      or (b.ordinal > 0 and (day.dom - 1) / 7 + 1 = b.ordinal)
                      or (b.ordinal < 0 and (day.dim - day.dom) / 7 + 1 = -b.ordinal))))
              and (pg_catalog.cardinality((rule).by_month_day) = 0
                or day.dom = any ((rule).by_month_day)
                or day.dom - day.dim - 1 = any ((rule).by_month_day))
          end
  ),
  positioned as (
    select m.d,
           pg_catalog.row_number() over (partition by m.period order by m.d)::integer as pos,
           pg_catalog.count(*) over (partition by m.period)::integer as n
    from matched as m
  ),
  occurrence as (
    select private.local_to_utc(p.d + v_time, rrule_occurrences.tzid) as instant
    from positioned as p
    where p.d >= v_d0
      and (pg_catalog.cardinality((rule).by_set_pos) = 0
        or p.pos = any ((rule).by_set_pos)
        or p.pos - p.n - 1 = any ((rule).by_set_pos))
  )
  select o.instant
  from occurrence as o
  where o.instant >= window_start
    and o.instant < window_end
    and ((rule)."until" is null or o.instant <= (rule)."until")
    and o.instant <> all ((rule).exdates)
  order by o.instant;
end;
$$;

alter function private.rrule_occurrences(text, timestamp, text, timestamptz, timestamptz) set timezone to 'UTC';
alter function private.normalise_rrule(text, timestamp, text) set timezone to 'UTC';

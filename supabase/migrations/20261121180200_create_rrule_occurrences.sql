-- The recurrence expander: the occurrence start instants of a rule inside a query window.
--
-- Objects: private.rrule_expansion_span(rule, dtstart_local, tzid, window_start, window_end),
-- private.rrule_occurrences(private.recurrence_rule, …) and private.rrule_occurrences(text, …).
--
-- Window-bounded by construction: the expander never walks from DTSTART. It evaluates membership
-- predicates over the LOCAL dates of the window (one day either side, widened to whole weeks or
-- months only when BYSETPOS needs the full period), so its work depends on the window, never on
-- how old the rule is. Period arithmetic is closed-form:
--   DAILY    (local_date - dtstart_date) mod INTERVAL = 0
--   WEEKLY   ((week_start(d) - week_start(dtstart)) / 7) mod INTERVAL = 0, weeks starting on WKST
--   MONTHLY  (months(d) - months(dtstart)) mod INTERVAL = 0
-- then BYDAY (ordinals counted within the month), BYMONTHDAY (negative from the month's end;
-- dates that do not exist are skipped, never clamped), BYSETPOS over each period's ordered set,
-- occurrences before DTSTART dropped, each local date + DTSTART's time converted with
-- private.local_to_utc (the DST policy), UNTIL compared as an instant (inclusive), EXDATE removing
-- exact instants. COUNT must have been normalised to UNTIL on write (private.normalise_rrule).
--
-- Caveat: stable (tz database), and the cost is linear in the window's length: callers bound it.

create function private.rrule_expansion_span(
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
as $$
/**
 * The local dates private.rrule_occurrences examines for this window: the window's local dates
 * plus one day either side, clipped to DTSTART's date and to UNTIL's local date + 1, then widened
 * to whole weeks (WKST) or months when the rule has BYSETPOS. Its length depends on the window
 * and the rule's FREQ only, never on DTSTART's age.
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
      v_from := pg_catalog.date_trunc('month', v_from)::date;
      v_to := (pg_catalog.date_trunc('month', v_to) + interval '1 month - 1 day')::date;
    end if;
  end if;
  return pg_catalog.daterange(v_from, v_to, '[]');
end;
$$;
comment on function private.rrule_expansion_span(private.recurrence_rule, timestamp, text, timestamptz, timestamptz) is
  'The local dates private.rrule_occurrences examines for a window: the window''s local dates ±1 day (whole periods with BYSETPOS), clipped to DTSTART and UNTIL. Independent of DTSTART''s age.';
revoke execute on function private.rrule_expansion_span(private.recurrence_rule, timestamp, text, timestamptz, timestamptz)
  from public, anon, authenticated, service_role;

create function private.rrule_occurrences(
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
 * of the rule.
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
    select s.d::date as d,
           extract(isodow from s.d)::integer as dow,
           extract(day from s.d)::integer as dom,
           extract(day from pg_catalog.date_trunc('month', s.d) + interval '1 month - 1 day')::integer as dim,
           (s.d::date - (extract(isodow from s.d)::integer - (rule).wkst + 7) % 7) as week,
           extract(year from s.d)::integer * 12 + extract(month from s.d)::integer as month_no
    from pg_catalog.generate_series(pg_catalog.lower(v_span), pg_catalog.upper(v_span) - 1, interval '1 day') as s (d)
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
comment on function private.rrule_occurrences(private.recurrence_rule, timestamp, text, timestamptz, timestamptz) is
  'Occurrence start instants of a parsed recurrence rule (DTSTART local + IANA zone) within [window_start, window_end), DST policy of private.local_to_utc; work proportional to the window, not the rule''s age. Refuses rules that still have COUNT (22023).';
revoke execute on function private.rrule_occurrences(private.recurrence_rule, timestamp, text, timestamptz, timestamptz)
  from public, anon, authenticated, service_role;

create function private.rrule_occurrences(
  rule text,
  dtstart_local timestamp,
  tzid text,
  window_start timestamptz,
  window_end timestamptz
)
returns setof timestamptz
language plpgsql
stable
set search_path = ''
as $$
/**
 * private.rrule_occurrences for rule text: parses it (22023 outside the subset) and expands it.
 *
 * PL/pgSQL on purpose: a `language sql` function with `set search_path` is never inlined, so it
 * was planned again for every query that called it (once per availability rule and search).
 *
 * Example: select * from private.rrule_occurrences('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;UNTIL=20261231T235959Z',
 *            '2026-01-30 09:00', 'Europe/London', '2026-01-01Z', '2027-01-01Z');
 */
begin
  return query
  select o.instant
  from private.rrule_occurrences(
    private.parse_rrule(rrule_occurrences.rule),
    rrule_occurrences.dtstart_local, rrule_occurrences.tzid,
    rrule_occurrences.window_start, rrule_occurrences.window_end
  ) as o (instant);
end;
$$;
comment on function private.rrule_occurrences(text, timestamp, text, timestamptz, timestamptz) is
  'Occurrence start instants of a recurrence rule given as text (parsed with private.parse_rrule) within [window_start, window_end).';
revoke execute on function private.rrule_occurrences(text, timestamp, text, timestamptz, timestamptz)
  from public, anon, authenticated, service_role;

-- COUNT -> UNTIL normalisation of recurrence rules, a write-time operation.
--
-- Objects: private.normalise_rrule(text, timestamp, text).
--
-- The expander (20261121180200) only looks at the query window, so it cannot count occurrences
-- from DTSTART. A rule is therefore stored normalised: COUNT=n is replaced by UNTIL = the n-th
-- occurrence's start instant (UTC), found by expanding from DTSTART one year at a time, so the
-- work is bounded by n (and by a 100-year horizon for rules that produce too few occurrences).
-- EXDATE does not consume COUNT (RFC 5545 §3.8.5.3: exclusions apply to the generated set), and
-- an occurrence in a DST gap counts, because the policy keeps it (private.local_to_utc).

create function private.normalise_rrule(rule text, dtstart_local timestamp, tzid text)
returns text
language plpgsql
stable
set search_path = ''
as $$
/**
 * Validates a rule and returns it in canonical form (private.format_rrule) with COUNT=n
 * replaced by UNTIL=<start instant of the n-th occurrence, UTC>. Rules without COUNT come back
 * canonical and otherwise unchanged. Call it on every write of a rule.
 *
 * Occurrences are those of private.rrule_occurrences from DTSTART (a DTSTART that does not match
 * the rule is not an occurrence and is not counted); EXDATEs are kept and do not consume COUNT.
 *
 * Errors: 22023 for rules outside the subset (private.parse_rrule), a missing DTSTART or zone,
 * or a rule with fewer than COUNT occurrences in the 100 years after DTSTART.
 *
 * Parameters: rule  rule text; dtstart_local  DTSTART local time; tzid  IANA zone.
 * Returns:    canonical rule text without COUNT.
 * Example:    select private.normalise_rrule('FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=6',
 *               '2026-03-23 09:00', 'Europe/London');
 *             -- FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20260403T080000Z
 */
declare
  v_rule private.recurrence_rule;
  v_expand private.recurrence_rule;
  v_from timestamptz;
  v_to timestamptz;
  v_instant timestamptz;
  v_seen integer := 0;
begin
  v_rule := private.parse_rrule(rule);
  if dtstart_local is null or tzid is null then
    raise exception 'A recurrence needs a DTSTART and a time zone.'
      using errcode = '22023', hint = 'Pass DTSTART as a local timestamp and an IANA zone name.';
  end if;
  if v_rule."count" is null then
    return private.format_rrule(v_rule);
  end if;

  v_expand := v_rule;
  v_expand."count" := null;
  v_expand.exdates := '{}';
  -- No occurrence starts before DTSTART's own instant (same time of day, later dates).
  v_from := private.local_to_utc(dtstart_local, tzid);
  for v_year in 1..100 loop
    v_to := v_from + interval '1 year';
    for v_instant in
      select o.instant from private.rrule_occurrences(v_expand, dtstart_local, tzid, v_from, v_to) as o (instant)
    loop
      v_seen := v_seen + 1;
      if v_seen = v_rule."count" then
        v_rule."until" := v_instant;
        v_rule."count" := null;
        return private.format_rrule(v_rule);
      end if;
    end loop;
    v_from := v_to;
  end loop;

  raise exception 'This rule has only % of its COUNT=% occurrences in the 100 years after DTSTART.', v_seen, v_rule."count"
    using errcode = '22023', detail = rule,
          hint = 'Check that DTSTART, INTERVAL and the BY parts can meet (for example BYMONTHDAY=31 with INTERVAL=12 from February never does).';
end;
$$;
comment on function private.normalise_rrule(text, timestamp, text) is
  'Write-time normalisation of a recurrence rule: validates it and replaces COUNT=n by UNTIL = the n-th occurrence''s start instant (UTC), returning canonical text. Bounded by n (100-year horizon).';
revoke execute on function private.normalise_rrule(text, timestamp, text) from public, anon, authenticated, service_role;

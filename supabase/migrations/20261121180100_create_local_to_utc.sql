-- The DST policy of Slotbase: how a local wall-clock time in an IANA zone becomes an instant.
--
-- Objects: private.local_to_utc(timestamp, text).
--
-- Policy (docs/recurrence.md "DST policy"), RFC 5545 §3.3.5 for both cases:
--   gap  (a local time that does not exist, e.g. 02:30 on the night clocks go forward): read it
--        with the UTC offset in force BEFORE the gap, i.e. shifted forward by the gap's length
--        (New York 2026-03-08 02:30 -> 07:30Z = 03:30 EDT). PostgreSQL's `AT TIME ZONE` does the
--        same. The occurrence is kept, never dropped.
--   fold (a local time that happens twice, e.g. 01:30 on the night clocks go back): the FIRST
--        (earlier) instant (London 2026-10-25 01:30 -> 00:30Z, still BST). PostgreSQL's
--        `AT TIME ZONE` picks the later one, so this function corrects it.
-- Everywhere else it equals `local AT TIME ZONE tzid`.
--
-- Caveat: stable, not immutable: the result depends on the server's tz database, which changes
-- with operating-system updates, so it must not feed an index or a generated column.

create function private.local_to_utc(local timestamp, tzid text)
returns timestamptz
language plpgsql
stable
set search_path = ''
as $$
/**
 * The instant at which the wall clock in `tzid` shows `local`, by Slotbase's DST policy:
 * a time in a DST gap is read with the offset before the gap (shifted forward by the gap);
 * a time in a DST fold is the earlier of its two instants (RFC 5545 §3.3.5).
 *
 * How: PostgreSQL gives one candidate (`local AT TIME ZONE tzid`, the later one in a fold).
 * The offsets in force a day before and a day after it give the other candidates; the earliest
 * candidate that reads back as `local` in `tzid` wins. When none reads back, `local` is in a gap
 * and the offset of the day before applies. (Transitions are never less than two days apart in
 * the tz database for the zones clinics use.)
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
                - ((v_pg + interval '-1 day') at time zone local_to_utc.tzid
                   - (v_pg + interval '-1 day') at time zone 'UTC'));
  v_after := pg_catalog.timezone('UTC', local_to_utc.local
               - ((v_pg + interval '1 day') at time zone local_to_utc.tzid
                  - (v_pg + interval '1 day') at time zone 'UTC'));
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
comment on function private.local_to_utc(timestamp, text) is
  'Local wall-clock time in an IANA zone -> instant, by Slotbase''s DST policy (RFC 5545 §3.3.5): in a gap, the offset before the gap (shift forward); in a fold, the earlier instant. Stable: depends on the server tz database.';
revoke execute on function private.local_to_utc(timestamp, text) from public, anon, authenticated, service_role;

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
language sql
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
   * Parameters: local  wall-clock time; tzid  IANA zone name (unknown names raise 22023).
   * Returns:    timestamptz.
   * Example:    select private.local_to_utc('2026-10-25 01:30', 'Europe/London');  -- 00:30Z
   *             select private.local_to_utc('2026-03-08 02:30', 'America/New_York'); -- 07:30Z
   */
  with pg_choice as (
    select local_to_utc.local at time zone local_to_utc.tzid as instant
  ),
  candidate as (
    select pg_catalog.timezone('UTC', local_to_utc.local
             - ((p.instant + s.shift) at time zone local_to_utc.tzid
                - (p.instant + s.shift) at time zone 'UTC')) as instant,
           s.shift
    from pg_choice as p
    cross join (values (interval '-1 day'), (interval '1 day')) as s (shift)
    union all
    select p.instant, interval '0' from pg_choice as p
  )
  select coalesce(
    (select pg_catalog.min(c.instant) from candidate as c
      where c.instant at time zone local_to_utc.tzid = local_to_utc.local),
    (select c.instant from candidate as c where c.shift = interval '-1 day')
  )
$$;
comment on function private.local_to_utc(timestamp, text) is
  'Local wall-clock time in an IANA zone -> instant, by Slotbase''s DST policy (RFC 5545 §3.3.5): in a gap, the offset before the gap (shift forward); in a fold, the earlier instant. Stable: depends on the server tz database.';
revoke execute on function private.local_to_utc(timestamp, text) from public, anon, authenticated, service_role;

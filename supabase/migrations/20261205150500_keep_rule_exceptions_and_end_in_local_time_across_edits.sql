-- Editing an availability rule's start time or zone keeps its end and its excluded dates.
--
-- A rule is stored normalised (private.normalise_rrule): COUNT=n became UNTIL = the n-th
-- occurrence's start instant, and EXDATE;TZID=<zone>:<local time> became that instant in UTC. Both
-- were frozen for the local_start and timezone of the moment the rule was written: moving
-- 09:00-17:00 to 10:00-18:00 put the n-th occurrence (10:00) after UNTIL (09:00), so it dropped
-- out, and each excluded 09:00 no longer matched the 10:00 occurrence, so the excluded date came
-- back. Now, when an update changes local_start or timezone but leaves the rule text as stored,
-- UNTIL and every EXDATE move with the occurrences: read on the old zone's wall clock, shifted by
-- the change of local_start, converted in the new zone (private.reanchor_rrule). The rule keeps
-- its last date and its excluded dates. Changing valid_from alone moves no date: the rule keeps
-- ending on the same day (send the rule text again with COUNT to count from the new first date).

create function private.reanchor_rrule(p_rule text, p_old_timezone text, p_new_timezone text, p_shift interval)
returns text
language plpgsql
stable
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * A stored rule (UNTIL and EXDATE as UTC instants) re-read for occurrences that moved on the wall
 * clock: each of UNTIL and the EXDATEs is read on p_old_timezone's clock, shifted by p_shift and
 * converted back in p_new_timezone with the DST policy of private.local_to_utc. What a rule excluded
 * stays excluded, and its last occurrence stays its last, when its start time or zone changes.
 *
 * Parameters: p_rule  canonical rule text (private.normalise_rrule); p_old_timezone, p_new_timezone
 *             IANA zones of the rule before and after; p_shift  new local start - old local start.
 * Returns:    canonical rule text.
 * Example:    select private.reanchor_rrule(e'FREQ=DAILY;UNTIL=20260605T080000Z\nEXDATE:20260603T080000Z',
 *               'Europe/London', 'Europe/London', interval '1 hour');
 *             -- FREQ=DAILY;UNTIL=20260605T090000Z + EXDATE:20260603T090000Z
 */
declare
  v_rule private.recurrence_rule := private.parse_rrule(p_rule);
begin
  if v_rule."until" is not null then
    v_rule."until" := private.local_to_utc((v_rule."until" at time zone p_old_timezone) + p_shift, p_new_timezone);
  end if;
  v_rule.exdates := array(
    select private.local_to_utc((e at time zone p_old_timezone) + p_shift, p_new_timezone)
    from pg_catalog.unnest(v_rule.exdates) as e);
  return private.format_rrule(v_rule);
end
$$;
comment on function private.reanchor_rrule(text, text, text, interval) is
  'A stored recurrence rule whose occurrences moved on the wall clock (start time or zone edited): UNTIL and EXDATEs read in the old zone, shifted by the change of start time, converted in the new zone, so the rule keeps its last date and its excluded dates.';
revoke execute on function private.reanchor_rrule(text, text, text, interval) from public, anon, authenticated, service_role;

create or replace function private.prepare_availability_rule()
returns trigger
language plpgsql
security definer
set search_path = ''
set timezone to 'UTC'
as $$
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
  if new.timezone is null then
    select c.timezone into new.timezone
    from public.centres as c
    where c.tenant_id = new.tenant_id and c.id = new.centre_id;
  end if;
  if new.local_start is not null and new.local_end is not null and new.local_end <= new.local_start then
    raise exception using
      errcode = 'PT422',
      message = pg_catalog.format('local_end (%s) must be after local_start (%s)', new.local_end, new.local_start),
      hint = 'Hours are a same-day window in local time, e.g. 09:00-17:00; use 24:00 for the end of the day and a second rule for the hours after midnight.';
  end if;
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
$$;
comment on function private.prepare_availability_rule() is
  'Trigger function on availability_rules: defaults timezone to the centre''s, refuses end <= start and valid_until < valid_from (PT422), validates and normalises rrule (22023 from the parser; COUNT -> UNTIL); when local_start or timezone change and the rule text does not, UNTIL and EXDATEs move with the occurrences (private.reanchor_rrule).';

comment on column public.availability_rules.rrule is
  'RFC 5545 recurrence rule (subset: docs/recurrence.md), e.g. FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR. DTSTART is valid_from + local_start in timezone. Stored canonical: COUNT becomes UNTIL and EXDATE;TZID becomes UTC on write; editing local_start or timezone (rule text unchanged) moves UNTIL and the EXDATEs with the occurrences, so the last date and the excluded dates stay.';

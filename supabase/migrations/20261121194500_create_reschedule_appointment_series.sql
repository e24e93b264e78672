-- Moving occurrences of a series: public.reschedule_appointment_series(appointment_id, scope,
-- starts_at) (issue 4, part 2: series).
--
-- scope 'this'       moves only that occurrence, exactly like reschedule_appointment (its errors
--                    unchanged); the series row is not touched.
--       'following'  that occurrence and every later one of its series;
--       'all'        every occurrence of its series that has not started.
-- For 'following' and 'all' the given occurrence must be pending or booked and not started
-- (PT409); its current start as the new one changes nothing (a safe retry, as for
-- reschedule_appointment). Its move defines a LOCAL wall-clock shift in the series' zone (new local date-time -
-- old local date-time, e.g. +1 day 01:00); every in-scope pending/booked occurrence that has not
-- started moves by that shift (09:00 -> 10:00 local stays 10:00 across a DST change), each
-- re-validated by private.reschedule_appointment (the patient's reschedule window, an offered
-- time, no overlap). All or nothing: if any occurrence cannot move, nothing moves and the call
-- raises PT409 "2 of 8 appointments cannot be moved" with the failures as JSON in the detail.
-- Occurrences in scope that are not pending/booked keep their time and are reported as skipped.
-- Moves run in the direction of the shift (latest first when moving later), so an occurrence
-- never collides with its own series' old times.
--
-- The series row follows the pattern (private.shift_series_rule): 'all' updates it in place
-- (first_starts_at and the rule shifted); 'following' SPLITS the series: the given occurrence and
-- the later ones move to a new series row (same patient, service, clinician, centre; DTSTART =
-- the new start; the rule's weekdays and UNTIL shifted along; split_from_id = the old series),
-- and the old series' rule ends (UNTIL) one second before the given occurrence's old start. When
-- nothing of the series lies before the given occurrence, 'following' updates the row in place.
-- A shift that changes the date of a rule that cannot follow it (ordinal weekdays such as -1FR,
-- month days that leave 1..31, month-ends) is refused with 22023 before anything moves.

create function private.shift_series_rule(
  p_rule text, p_dtstart_local timestamp, p_timezone text, p_shift interval, p_new_dtstart_local timestamp)
returns text
language plpgsql
stable
set search_path = ''
as $$
/**
 * The rule of a series whose every occurrence moves by the local wall-clock shift p_shift, with
 * the new DTSTART p_new_dtstart_local: weekdays (BYDAY, and WKST when INTERVAL > 1 or BYSETPOS)
 * and month days (BYMONTHDAY) move with the date change, UNTIL and EXDATEs by the shift (local time, DST policy of
 * private.local_to_utc). The result is checked: its occurrences from the new DTSTART on must be
 * exactly the old occurrences moved by the shift; otherwise 22023 (the new times are not one
 * repeating pattern any more: move the occurrences one at a time).
 *
 * Parameters: p_rule  canonical rule with UNTIL; p_dtstart_local  its DTSTART (local);
 *             p_timezone  IANA zone; p_shift  local shift; p_new_dtstart_local  the new DTSTART.
 * Returns:    canonical rule text.
 * Example:    select private.shift_series_rule('FREQ=WEEKLY;BYDAY=MO;UNTIL=20270125T090000Z',
 *               '2027-01-04 09:00', 'Europe/London', '1 day 01:00', '2027-01-12 10:00');
 *             -- FREQ=WEEKLY;BYDAY=TU;UNTIL=20270126T100000Z
 */
declare
  v_rule private.recurrence_rule := private.parse_rrule(p_rule);
  v_new private.recurrence_rule;
  v_days integer;
  v_new_first timestamptz := private.local_to_utc(p_new_dtstart_local, p_timezone);
  v_text text;
  v_mismatch boolean;
begin
  if v_rule."until" is null then
    raise exception using errcode = '22023', message = 'A series must end: give the rule a COUNT or an UNTIL.',
      detail = p_rule, hint = 'For example FREQ=WEEKLY;COUNT=8.';
  end if;
  -- the change of date of an occurrence at the series' local time
  v_days := ((date '2000-01-03' + p_dtstart_local::time) + p_shift)::date - date '2000-01-03';
  v_new := v_rule;
  if v_days <> 0 then
    if exists (select 1 from pg_catalog.unnest(v_rule.by_day) as b where b.ordinal is not null)
       or exists (select 1 from pg_catalog.unnest(v_rule.by_month_day) as d
                  where (d > 0 and d + v_days not between 1 and 31) or (d < 0 and d + v_days not between -31 and -1)) then
      raise exception using errcode = '22023',
        message = 'The new dates of these appointments do not follow the series'' rule',
        detail = pg_catalog.format('The rule %s cannot move by %s days.', p_rule, v_days),
        hint = 'Move the appointments one at a time (scope this), or cancel the following ones and book a new series.';
    end if;
    v_new.by_day := array(
      select row(pg_catalog.mod(pg_catalog.mod(b.weekday - 1 + v_days, 7) + 7, 7) + 1, null)::private.recurrence_weekday
      from pg_catalog.unnest(v_rule.by_day) as b);
    -- the week start matters only when weeks are skipped or positions taken within them
    if v_rule."interval" > 1 or pg_catalog.cardinality(v_rule.by_set_pos) > 0 then
      v_new.wkst := pg_catalog.mod(pg_catalog.mod(v_rule.wkst - 1 + v_days, 7) + 7, 7) + 1;
    end if;
    v_new.by_month_day := array(select d + v_days from pg_catalog.unnest(v_rule.by_month_day) as d);
  end if;
  v_new."until" := private.local_to_utc((v_rule."until" at time zone p_timezone) + p_shift, p_timezone);
  v_new.exdates := array(
    select private.local_to_utc((e at time zone p_timezone) + p_shift, p_timezone)
    from pg_catalog.unnest(v_rule.exdates) as e);
  v_text := private.format_rrule(v_new);
  v_new := private.parse_rrule(v_text);

  -- the new rule must describe exactly the old occurrences, moved
  with moved as (
    select private.local_to_utc((o.instant at time zone p_timezone) + p_shift, p_timezone) as instant
    from private.rrule_occurrences(v_rule, p_dtstart_local, p_timezone,
                                   private.local_to_utc(p_new_dtstart_local - p_shift, p_timezone) - interval '2 days',
                                   v_rule."until" + interval '1 second') as o (instant)
  ), expected as (
    select m.instant from moved as m where m.instant >= v_new_first
  ), actual as (
    select o.instant
    from private.rrule_occurrences(v_new, p_new_dtstart_local, p_timezone, v_new_first, v_new."until" + interval '1 second') as o (instant)
  )
  select exists (select e.instant from expected as e except select a.instant from actual as a)
      or exists (select a.instant from actual as a except select e.instant from expected as e)
    into v_mismatch;
  if v_mismatch then
    raise exception using errcode = '22023',
      message = 'The new dates of these appointments do not follow the series'' rule',
      detail = pg_catalog.format('The rule %s moved by %s gives other dates.', p_rule, p_shift),
      hint = 'Move the appointments one at a time (scope this), or cancel the following ones and book a new series.';
  end if;
  return v_text;
end
$$;
comment on function private.shift_series_rule(text, timestamp, text, interval, timestamp) is
  'The rule of a series moved by a local wall-clock shift (weekdays and month days follow the date change; UNTIL and EXDATE the shift), checked to give exactly the moved occurrences; 22023 when no rule can.';
revoke execute on function private.shift_series_rule(text, timestamp, text, interval, timestamp) from public, anon, authenticated, service_role;

create function private.series_move_blocked_by_siblings(
  p_appointment_id uuid, p_starts_at timestamptz, p_unmoved uuid[], p_moving uuid[])
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  /**
   * True when moving appointment p_appointment_id to p_starts_at was refused only because of
   * occurrences of its own series that could not move (p_unmoved, still at their old times):
   * the new time overlaps one of them (clinician with buffers, or patient) and nothing outside
   * the series' moving occurrences (p_moving): no other appointment of the clinician or patient,
   * no other use of its resources. Such a failure is a consequence of another one and is not
   * reported as a conflict of its own.
   * Example: select private.series_move_blocked_by_siblings(id, new_start, failed_ids, moving_ids);
   */
  with target as (
    select a.tenant_id, a.clinician_id, a.patient_id,
           pg_catalog.tstzrange(p_starts_at, p_starts_at + (a.ends_at - a.starts_at), '[)') as times,
           pg_catalog.tstzrange(p_starts_at - pg_catalog.make_interval(mins => s.buffer_before_minutes),
                                p_starts_at + (a.ends_at - a.starts_at) + pg_catalog.make_interval(mins => s.buffer_after_minutes), '[)') as occupied
    from public.appointments as a
    join public.services as s on s.tenant_id = a.tenant_id and s.id = a.service_id
    where a.id = p_appointment_id
  )
  select exists (
           select 1 from target as t
           join public.appointments as o on o.tenant_id = t.tenant_id and o.id = any (p_unmoved)
           where private.status_occupies(o.status)
             and ((o.clinician_id = t.clinician_id and o.occupied && t.occupied)
                  or (o.patient_id = t.patient_id and pg_catalog.tstzrange(o.starts_at, o.ends_at, '[)') && t.times)))
     and not exists (
           select 1 from target as t
           join public.appointments as o on o.tenant_id = t.tenant_id
           where o.id <> all (p_moving) and private.status_occupies(o.status)
             and ((o.clinician_id = t.clinician_id and o.occupied && t.occupied)
                  or (o.patient_id = t.patient_id and pg_catalog.tstzrange(o.starts_at, o.ends_at, '[)') && t.times)))
     and not exists (
           select 1 from target as t
           join public.appointment_resources as mine on mine.tenant_id = t.tenant_id and mine.appointment_id = p_appointment_id
           join public.appointment_resources as other on other.tenant_id = t.tenant_id and other.resource_id = mine.resource_id
           where other.active and other.appointment_id <> all (p_moving) and other.occupied && t.occupied)
$$;
comment on function private.series_move_blocked_by_siblings(uuid, timestamptz, uuid[], uuid[]) is
  'True when a series occurrence could not move to a time only because other occurrences of the same series failed to move away from it (so the failure is not reported on its own).';
revoke execute on function private.series_move_blocked_by_siblings(uuid, timestamptz, uuid[], uuid[]) from public, anon, authenticated, service_role;

create function private.reschedule_appointment_series(p_appointment_id uuid, p_scope text, p_starts_at timestamptz)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Moves occurrences of a series (see the migration header and public.reschedule_appointment_series).
 * security definer: nobody but service_role updates appointments or series directly; the
 * caller's rights are checked here (PT404/PT403 like reschedule_appointment) and again per
 * occurrence by private.reschedule_appointment.
 *
 * Returns: {series_id, split_from_series_id, rescheduled: [{appointment_id, starts_at_before,
 *          starts_at}], skipped: [{appointment_id, status}]}.
 * Errors:  22023, PT403, PT404, PT409 (not movable; some occurrences cannot move: detail), PT422
 *          (not part of a series; 'this': not an offered time).
 */
declare
  v_appointment public.appointments;
  v_caller text;
  v_series public.appointment_series;
  v_tz text;
  v_shift interval;
  v_move_ids uuid[];
  v_move_from timestamptz[];
  v_move_to timestamptz[];
  v_following_ids uuid[];
  v_order integer[];
  v_i integer;
  v_failed_ids uuid[] := '{}'::uuid[];
  v_failures jsonb := '[]'::jsonb;
  v_rescheduled jsonb := '[]'::jsonb;
  v_skipped jsonb;
  v_state text;
  v_message text;
  v_new_dtstart timestamp;
  v_new_first timestamptz;
  v_new_rule text;
  v_old_rule private.recurrence_rule;
  v_split boolean;
  v_target_id uuid;
begin
  if p_appointment_id is null or p_starts_at is null then
    raise exception using errcode = '22023', message = 'appointment_id and starts_at are required',
      hint = 'Pass one appointment of the series and its new start as slot search returned it.';
  end if;
  if p_scope is null or p_scope not in ('this', 'following', 'all') then
    raise exception using errcode = '22023', message = 'scope must be this, following or all',
      hint = 'this: only this appointment; following: this one and the later ones; all: every one not yet started.';
  end if;
  select a.* into v_appointment from public.appointments as a where a.id = p_appointment_id;
  v_caller := case when found then private.appointment_caller(v_appointment) end;
  if v_caller is null then
    raise exception using errcode = 'PT404', message = 'appointment not found',
      hint = 'Check the id; you only see your own appointments, or those of your clinic.';
  end if;
  if v_caller not in ('server', 'staff', 'patient') then
    raise exception using errcode = 'PT403', message = 'you may not reschedule this appointment',
      hint = 'Ask the clinic''s front desk.';
  end if;
  if v_appointment.series_id is null then
    raise exception using errcode = 'PT422', message = 'this appointment is not part of a series',
      hint = 'Use reschedule_appointment for a single appointment.';
  end if;

  -- one series operation at a time
  select s.* into v_series
  from public.appointment_series as s
  where s.tenant_id = v_appointment.tenant_id and s.id = v_appointment.series_id
  for update;
  v_tz := v_series.timezone;

  if p_scope = 'this' then
    perform private.reschedule_appointment(v_appointment.id, p_starts_at);
    return pg_catalog.jsonb_build_object(
      'series_id', v_series.id, 'split_from_series_id', null,
      'rescheduled', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
        'appointment_id', v_appointment.id, 'starts_at_before', private.series_instant_text(v_appointment.starts_at),
        'starts_at', private.series_instant_text(p_starts_at))),
      'skipped', '[]'::jsonb);
  end if;

  if v_appointment.status not in ('pending', 'booked') then
    raise exception using errcode = 'PT409',
      message = pg_catalog.format('%s %s appointment cannot be rescheduled',
                                  case when v_appointment.status in ('arrived', 'entered_in_error') then 'an' else 'a' end,
                                  v_appointment.status),
      hint = 'Pick an occurrence of the series that is pending or booked.';
  end if;
  if v_appointment.starts_at <= pg_catalog.now() then
    raise exception using errcode = 'PT409', message = 'this appointment has already started',
      hint = 'Pick an occurrence of the series that is still ahead; started ones keep their time.';
  end if;
  -- the current start: nothing to do (a retry of a move that succeeded lands here)
  if p_starts_at = v_appointment.starts_at then
    return pg_catalog.jsonb_build_object('series_id', v_series.id, 'split_from_series_id', null,
                                         'rescheduled', '[]'::jsonb, 'skipped', '[]'::jsonb);
  end if;
  v_shift := (p_starts_at at time zone v_tz) - (v_appointment.starts_at at time zone v_tz);

  -- what moves: pending/booked occurrences in scope that have not started, each by the shift
  select pg_catalog.array_agg(a.id order by a.starts_at),
         pg_catalog.array_agg(a.starts_at order by a.starts_at),
         pg_catalog.array_agg(private.local_to_utc((a.starts_at at time zone v_tz) + v_shift, v_tz) order by a.starts_at)
    into v_move_ids, v_move_from, v_move_to
  from public.appointments as a
  where a.tenant_id = v_series.tenant_id and a.series_id = v_series.id
    and (p_scope = 'all' or a.starts_at >= v_appointment.starts_at)
    and a.starts_at > pg_catalog.now()
    and a.status in ('pending', 'booked');
  select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('appointment_id', a.id, 'status', a.status)
                                       order by a.starts_at, a.id), '[]'::jsonb)
    into v_skipped
  from public.appointments as a
  where a.tenant_id = v_series.tenant_id and a.series_id = v_series.id
    and (p_scope = 'all' or a.starts_at >= v_appointment.starts_at)
    and a.starts_at > pg_catalog.now()
    and a.status not in ('pending', 'booked');
  v_following_ids := array(
    select a.id from public.appointments as a
    where a.tenant_id = v_series.tenant_id and a.series_id = v_series.id and a.starts_at >= v_appointment.starts_at);
  v_split := p_scope = 'following' and exists (
    select 1 from public.appointments as a
    where a.tenant_id = v_series.tenant_id and a.series_id = v_series.id and a.starts_at < v_appointment.starts_at);

  -- the pattern after the move (22023 before anything moves when no rule can describe it)
  if p_scope = 'all' then
    v_new_dtstart := (v_series.first_starts_at at time zone v_tz) + v_shift;
  else
    v_new_dtstart := p_starts_at at time zone v_tz;
  end if;
  v_new_first := private.local_to_utc(v_new_dtstart, v_tz);
  v_new_rule := private.shift_series_rule(v_series.rrule, v_series.first_starts_at at time zone v_tz, v_tz, v_shift, v_new_dtstart);

  -- move in the direction of the shift, so no occurrence lands on one not yet moved
  v_order := case when p_starts_at > v_appointment.starts_at
                  then array(select g from pg_catalog.generate_series(pg_catalog.cardinality(v_move_ids), 1, -1) as g)
                  else array(select g from pg_catalog.generate_series(1, pg_catalog.cardinality(v_move_ids)) as g)
             end;
  foreach v_i in array v_order loop
    begin
      perform private.reschedule_appointment(v_move_ids[v_i], v_move_to[v_i]);
      v_rescheduled := v_rescheduled || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
        'appointment_id', v_move_ids[v_i], 'starts_at_before', private.series_instant_text(v_move_from[v_i]),
        'starts_at', private.series_instant_text(v_move_to[v_i])));
    exception
      when sqlstate 'PT409' or sqlstate 'PT422' then
        get stacked diagnostics v_state = returned_sqlstate, v_message = message_text;
        if not (v_state = 'PT409'
                and v_message in ('That time is no longer available', 'The patient already has an appointment at that time')
                and private.series_move_blocked_by_siblings(v_move_ids[v_i], v_move_to[v_i], v_failed_ids, v_move_ids)) then
          v_failures := v_failures || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
            'appointment_id', v_move_ids[v_i], 'starts_at_before', private.series_instant_text(v_move_from[v_i]),
            'starts_at', private.series_instant_text(v_move_to[v_i]), 'code', v_state, 'message', v_message));
        end if;
        v_failed_ids := v_failed_ids || v_move_ids[v_i];
    end;
  end loop;

  if pg_catalog.cardinality(v_failed_ids) > 0 then
    raise exception using errcode = 'PT409',
      message = pg_catalog.format('%s of %s appointments cannot be moved', pg_catalog.jsonb_array_length(v_failures),
                                  pg_catalog.cardinality(v_move_ids)),
      detail = (select pg_catalog.jsonb_agg(f order by f ->> 'starts_at') from pg_catalog.jsonb_array_elements(v_failures) as f)::text,
      hint = 'Nothing was moved. Choose another time, or move the other appointments one at a time (scope this).';
  end if;

  -- the series row follows the pattern
  if v_split then
    insert into public.appointment_series (tenant_id, patient_id, service_id, clinician_id, centre_id, timezone,
                                           rrule, first_starts_at, created_by, split_from_id)
    values (v_series.tenant_id, v_series.patient_id, v_series.service_id, v_series.clinician_id, v_series.centre_id,
            v_series.timezone, v_new_rule, v_new_first, (select auth.uid()), v_series.id)
    returning id into v_target_id;
    v_old_rule := private.parse_rrule(v_series.rrule);
    v_old_rule."until" := least(v_old_rule."until", v_appointment.starts_at - interval '1 second');
    update public.appointment_series as s
       set rrule = private.format_rrule(v_old_rule)
     where s.tenant_id = v_series.tenant_id and s.id = v_series.id;
    update public.appointments as a
       set series_id = v_target_id
     where a.tenant_id = v_series.tenant_id and a.id = any (v_following_ids);
  else
    v_target_id := v_series.id;
    update public.appointment_series as s
       set first_starts_at = v_new_first, rrule = v_new_rule
     where s.tenant_id = v_series.tenant_id and s.id = v_series.id;
  end if;

  return pg_catalog.jsonb_build_object(
    'series_id', v_target_id,
    'split_from_series_id', case when v_split then v_series.id end,
    'rescheduled', coalesce((select pg_catalog.jsonb_agg(r order by r ->> 'starts_at')
                             from pg_catalog.jsonb_array_elements(v_rescheduled) as r), '[]'::jsonb),
    'skipped', v_skipped);
end
$$;
comment on function private.reschedule_appointment_series(uuid, text, timestamptz) is
  'Implementation of public.reschedule_appointment_series (security definer): this = reschedule_appointment; following/all move every pending/booked occurrence in scope by the same local shift through private.reschedule_appointment, all or nothing (PT409 with the failures in detail), and update or split the series row.';
revoke execute on function private.reschedule_appointment_series(uuid, text, timestamptz) from public, anon, authenticated, service_role;
grant execute on function private.reschedule_appointment_series(uuid, text, timestamptz) to authenticated, service_role;

create function public.reschedule_appointment_series(appointment_id uuid, scope text, starts_at timestamptz)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
/**
 * Moves occurrences of a recurring series.
 *
 * Parameters:
 *   appointment_id  one appointment of the series (the one the user picked)
 *   scope           'this' (only it), 'following' (it and every later one: the series is split),
 *                   'all' (every one that has not started)
 *   starts_at       the picked appointment's new start; the others move by the same LOCAL
 *                   wall-clock shift in the series' zone (e.g. Monday 09:00 -> Tuesday 10:00
 *                   moves every Monday 09:00 to the Tuesday 10:00 after it, also across DST)
 * Returns: {"series_id" (the moved appointments' series: new after a split),
 *           "split_from_series_id" (the old series, or null), "rescheduled":
 *           [{"appointment_id", "starts_at_before", "starts_at"}], "skipped": [{"appointment_id", "status"}]}
 * Who:     as reschedule_appointment: the patient (outside the reschedule window), booking staff.
 * Errors:  22023 (bad argument, or a move no repeating rule can describe), PT403, PT404, PT409
 *          ("2 of 8 appointments cannot be moved", detail: JSON [{appointment_id, starts_at,
 *          code, message}], nothing moved; the picked one is not pending/booked or has
 *          started), PT422 (not part of a series; 'this': not an offered time).
 * Example: supabase.rpc('reschedule_appointment_series', { appointment_id, scope: 'following',
 *            starts_at: '2027-01-12T10:00:00Z' })
 */
begin
  return private.reschedule_appointment_series(reschedule_appointment_series.appointment_id,
                                               reschedule_appointment_series.scope,
                                               reschedule_appointment_series.starts_at);
end
$$;
comment on function public.reschedule_appointment_series(uuid, text, timestamptz) is
  'Moves occurrences of a series: scope this | following (splits the series) | all (not yet started), by the same local wall-clock shift, each validated like reschedule_appointment, all or nothing. Returns {series_id, split_from_series_id, rescheduled, skipped}. Errors: 22023, PT403, PT404, PT409, PT422. See docs/series.md.';
revoke execute on function public.reschedule_appointment_series(uuid, text, timestamptz) from public, anon, authenticated, service_role;
grant execute on function public.reschedule_appointment_series(uuid, text, timestamptz) to authenticated, service_role;

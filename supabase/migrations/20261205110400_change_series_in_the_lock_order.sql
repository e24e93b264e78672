-- The series RPCs in the lock order (docs/booking.md#lock-order), on the shared booking helpers,
-- with reason codes on their refusals (docs/errors.md).
--
--   book_appointment_series        the preamble is private.resolve_booking_request; the booking
--                                  keys (clinician, patient, the service's resource pool) are taken
--                                  once, before any date is booked, so two series over the same
--                                  rooms or devices queue instead of taking them in opposite orders;
--   cancel_appointment_series      the series row, then its occurrences in scope in id order;
--   reschedule_appointment_series  the series row, the booking keys of its clinician, patient and
--                                  every pool its occurrences use, then the occurrences in id order
--                                  - the order reschedule_appointment of one of them also follows.
-- All or nothing fails with PT409 reason series_conflicts; the dates that are not available are
-- named in the hint (in the series' zone), and each date's conflict (with its own code, reason and
-- message) is in the result of skip_conflicts. The public RPCs start over after 40P01/40001.

create function private.series_dates_text(p_instants timestamptz[], p_timezone text)
returns text
language sql
stable
set search_path = ''
as $$
  /**
   * Instants of a series as a person reads them in the series' zone, at most five and a count of
   * the rest: 'Mon 04 Jan 2027 09:00, Mon 11 Jan 2027 09:00 and 3 more (Europe/London)'.
   * Example: select private.series_dates_text(array[now()], 'Europe/London');
   */
  select pg_catalog.string_agg(pg_catalog.to_char(d.instant at time zone p_timezone, 'Dy DD Mon YYYY HH24:MI'), ', ' order by d.instant)
           filter (where d.n <= 5)
         || case when pg_catalog.count(*) > 5 then pg_catalog.format(' and %s more', pg_catalog.count(*) - 5) else '' end
         || ' (' || p_timezone || ')'
  from (select i.instant, pg_catalog.row_number() over (order by i.instant) as n
        from pg_catalog.unnest(p_instants) as i (instant)) as d
$$;
comment on function private.series_dates_text(timestamptz[], text) is
  'Instants as local date-times for a hint, at most five and a count of the rest, with the zone: what the series RPCs name when dates are not available.';
revoke execute on function private.series_dates_text(timestamptz[], text) from public, anon, authenticated, service_role;

create or replace function private.book_appointment_series(
  p_service_id uuid, p_clinician_id uuid, p_centre_id uuid, p_first_starts_at timestamptz, p_rrule text,
  p_patient_id uuid, p_client_key text, p_skip_conflicts boolean)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Books a recurring series (see public.book_appointment_series for the contract).
 * security definer: no API role inserts series or appointments directly, and patients cannot
 * read availability. Acts only for auth.uid() (or the server); every occurrence is booked by
 * private.book_appointment, which checks the caller again. Locks: the booking keys of the
 * clinician, the patient and the service's resource pool, before the first date.
 *
 * Returns: {series_id, booked: [{appointment_id, starts_at}],
 *           conflicts: [{starts_at, code, reason, message}]}.
 */
declare
  v_request private.booking_request;
  v_centre public.centres;
  v_parsed private.recurrence_rule;
  v_rule text;
  v_dtstart timestamp;
  v_occurrences timestamptz[];
  v_existing public.appointment_series;
  v_series_id uuid;
  v_id uuid;
  v_ids uuid[] := '{}'::uuid[];
  v_booked jsonb := '[]'::jsonb;
  v_conflicts jsonb := '[]'::jsonb;
  v_state text;
  v_message text;
  v_detail text;
  v_total integer;
  v_failed integer;
begin
  perform private.assert_booking_caller('series');
  if p_service_id is null or p_clinician_id is null or p_centre_id is null or p_first_starts_at is null
     or p_rrule is null or pg_catalog.btrim(p_rrule) = '' then
    raise exception using errcode = '22023',
      message = 'service_id, clinician_id, centre_id, first_starts_at and rrule are required',
      hint = 'Pass the first slot as slot search returned it and a rule such as FREQ=WEEKLY;COUNT=8.';
  end if;
  if p_client_key is not null and pg_catalog.char_length(p_client_key) not between 1 and 196 then
    raise exception using errcode = '22023', message = 'client_key must be 1 to 196 characters',
      hint = 'Use a random id per booking attempt, e.g. a UUID, and reuse it only to retry.';
  end if;

  -- what and who (private.book_appointment decides again per occurrence)
  v_request := private.resolve_booking_request('series', p_service_id, p_centre_id, p_clinician_id, p_patient_id, false);
  v_centre := v_request.centre;

  -- the rule: local DTSTART in the centre's zone; must end, at most 52 occurrences
  v_dtstart := p_first_starts_at at time zone v_centre.timezone;
  v_parsed := private.parse_rrule(p_rrule);
  if v_parsed."count" > 52 + coalesce(pg_catalog.cardinality(v_parsed.exdates), 0) then
    raise exception using errcode = '22023', message = 'A series can have at most 52 appointments.',
      detail = p_rrule, hint = 'Use COUNT=52 or less, or book a second series later.';
  end if;
  v_rule := private.normalise_rrule(p_rrule, v_dtstart, v_centre.timezone);
  v_parsed := private.parse_rrule(v_rule);
  if v_parsed."until" is null then
    raise exception using errcode = '22023', message = 'A series must end: give the rule a COUNT or an UNTIL.',
      detail = p_rrule, hint = 'For example FREQ=WEEKLY;COUNT=8 (eight weeks) or FREQ=WEEKLY;UNTIL=20270131T235959Z.';
  end if;
  select pg_catalog.array_agg(o.instant order by o.instant) into v_occurrences
  from (select x.instant
        from private.rrule_occurrences(v_parsed, v_dtstart, v_centre.timezone, p_first_starts_at,
                                       least(v_parsed."until", p_first_starts_at + interval '730 days') + interval '1 second') as x (instant)
        order by x.instant
        limit 53) as o;
  if pg_catalog.cardinality(v_occurrences) > 52 then
    raise exception using errcode = '22023', message = 'A series can have at most 52 appointments.',
      detail = p_rrule, hint = 'Use COUNT=52 or less, or an earlier UNTIL.';
  end if;
  if v_parsed."until" > p_first_starts_at + interval '730 days' then
    raise exception using errcode = '22023', message = 'A series must end within 730 days of its first appointment.',
      detail = p_rrule, hint = 'Use a smaller COUNT or an earlier UNTIL; no clinic takes bookings further ahead.';
  end if;
  if v_occurrences is null or v_occurrences[1] <> p_first_starts_at then
    raise exception using errcode = '22023', message = 'first_starts_at must be the first date of the rule',
      detail = pg_catalog.format('The rule %s does not repeat on %s (%s).', v_rule,
                                 pg_catalog.to_char(v_dtstart, 'Dy DD Mon YYYY HH24:MI'), v_centre.timezone),
      hint = 'Start the series on a day the rule repeats on, e.g. a Monday for BYDAY=MO.';
  end if;
  v_total := pg_catalog.cardinality(v_occurrences);

  -- concurrent bookings of this clinician, patient or room/device pool queue here, once for all dates
  perform private.lock_booking(v_centre.tenant_id, p_clinician_id, v_request.patient_id,
                               array[private.resource_pool(p_centre_id, (v_request.service).required_resource_type)]);

  -- idempotency: the same key returns the same series
  if p_client_key is not null then
    select s.* into v_existing
    from public.appointment_series as s
    where s.tenant_id = v_centre.tenant_id and s.patient_id = v_request.patient_id and s.client_key = p_client_key;
    if found then
      if (v_existing.service_id, v_existing.clinician_id, v_existing.centre_id, v_existing.first_starts_at, v_existing.rrule)
         is distinct from (p_service_id, p_clinician_id, p_centre_id, p_first_starts_at, v_rule) then
        raise exception using errcode = 'PT409', message = 'this client_key was already used for a different series',
          detail = 'client_key_reused',
          hint = 'Use a new client_key for a new series; reuse a key only to retry the same request.';
      end if;
      return private.series_booking_result(v_existing);
    end if;
  end if;

  -- checks that concern every date alike (so they are one error, not 52 conflicts)
  perform private.assert_bookable('series', v_request);

  insert into public.appointment_series (tenant_id, patient_id, service_id, clinician_id, centre_id, timezone,
                                         rrule, first_starts_at, client_key, created_by)
  values (v_centre.tenant_id, v_request.patient_id, p_service_id, p_clinician_id, p_centre_id, v_centre.timezone,
          v_rule, p_first_starts_at, p_client_key, v_request.uid)
  returning id into v_series_id;

  -- every occurrence in its own subtransaction: a conflict undoes only that date
  for v_n in 1..v_total loop
    begin
      v_id := private.book_appointment(p_service_id, p_clinician_id, p_centre_id, v_occurrences[v_n], p_patient_id,
                                       case when p_client_key is not null then p_client_key || '#' || v_n end, false, null);
      v_ids := v_ids || v_id;
      v_booked := v_booked || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
        'appointment_id', v_id, 'starts_at', private.series_instant_text(v_occurrences[v_n])));
    exception
      when sqlstate 'PT409' or sqlstate 'PT422' then
        get stacked diagnostics v_state = returned_sqlstate, v_message = message_text, v_detail = pg_exception_detail;
        v_conflicts := v_conflicts || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
          'starts_at', private.series_instant_text(v_occurrences[v_n]), 'code', v_state,
          'reason', case when v_state = 'PT409' then nullif(v_detail, '') end, 'message', v_message));
    end;
  end loop;

  v_failed := pg_catalog.jsonb_array_length(v_conflicts);
  if v_failed > 0 and (not coalesce(p_skip_conflicts, false) or v_failed = v_total) then
    raise exception using errcode = 'PT409',
      message = pg_catalog.format('%s of %s dates are not available', v_failed, v_total),
      detail = 'series_conflicts',
      hint = case
        when v_failed = v_total then 'None of the dates is free: choose another time, day or clinician.'
        else pg_catalog.format('Not available: %s. Choose other dates, or pass skip_conflicts: true to book the %s dates that are free.',
                               private.series_dates_text(array(select (c ->> 'starts_at')::timestamptz
                                                               from pg_catalog.jsonb_array_elements(v_conflicts) as c),
                                                         v_centre.timezone),
                               v_total - v_failed)
      end;
  end if;

  update public.appointments as a
     set series_id = v_series_id
   where a.tenant_id = v_centre.tenant_id and a.id = any (v_ids);
  if v_failed > 0 then
    update public.appointment_series as s
       set skipped_occurrences = v_conflicts
     where s.tenant_id = v_centre.tenant_id and s.id = v_series_id;
  end if;

  return pg_catalog.jsonb_build_object('series_id', v_series_id, 'booked', v_booked, 'conflicts', v_conflicts);
end
$$;
comment on function private.book_appointment_series(uuid, uuid, uuid, timestamptz, text, uuid, text, boolean) is
  'Implementation of public.book_appointment_series (security definer: nobody inserts series or appointments directly). Validates the rule (22023), who and what (private.resolve_booking_request), takes the booking keys once, then books each occurrence with private.book_appointment in its own subtransaction, collecting PT409/PT422 per date; all or nothing (PT409 series_conflicts) unless skip_conflicts.';

create or replace function private.cancel_appointment_series(p_appointment_id uuid, p_scope text, p_reason text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Cancels the occurrences of a series in scope (see public.cancel_appointment_series).
 * security definer: nobody but service_role updates appointments directly; the caller's rights
 * are checked here (PT404/PT403 like cancel_appointment) and again per occurrence by
 * private.change_appointment_status. Locks: the series row, then the occurrences in scope in id
 * order (docs/booking.md#lock-order).
 *
 * Returns: {series_id, cancelled: [appointment ids], skipped: [{appointment_id, status}]}.
 * Errors:  22023 (id, scope, reason), PT403, PT404, PT422 (not part of a series).
 */
declare
  v_change private.appointment_change;
  v_appointment public.appointments;
  v_series_id uuid;
  v_in_scope uuid[];
  v_target record;
  v_cancelled jsonb := '[]'::jsonb;
  v_skipped jsonb := '[]'::jsonb;
begin
  if p_appointment_id is null then
    raise exception using errcode = '22023', message = 'appointment_id is required',
      hint = 'Pass the id of one appointment of the series.';
  end if;
  if p_scope is null or p_scope not in ('this', 'following', 'all') then
    raise exception using errcode = '22023', message = 'scope must be this, following or all',
      hint = 'this: only this appointment; following: this one and the later ones; all: every one not yet started.';
  end if;
  v_change := private.appointment_for_change(p_appointment_id, 'none');
  v_appointment := v_change.appointment;
  if v_change.caller not in ('server', 'staff', 'clinician', 'patient') then
    raise exception using errcode = 'PT403', message = 'you may not mark this appointment cancelled',
      hint = 'Ask the clinic''s front desk.';
  end if;
  if p_reason is null or pg_catalog.btrim(p_reason) = '' then
    raise exception using errcode = '22023', message = 'reason is required',
      hint = 'Say why, e.g. patient_request, clinician_unavailable.';
  end if;
  if v_appointment.series_id is null then
    raise exception using errcode = 'PT422', message = 'this appointment is not part of a series',
      hint = 'Use cancel_appointment for a single appointment.';
  end if;

  -- one series operation at a time, then its occurrences in scope in id order
  select s.id into v_series_id
  from public.appointment_series as s
  where s.tenant_id = v_appointment.tenant_id and s.id = v_appointment.series_id
  for update;
  v_in_scope := array(
    select a.id
    from public.appointments as a
    where a.tenant_id = v_appointment.tenant_id and a.series_id = v_series_id
      and case p_scope
            when 'this' then a.id = v_appointment.id
            when 'following' then a.starts_at >= v_appointment.starts_at
            else a.starts_at > pg_catalog.now()
          end);
  perform private.lock_appointments(v_appointment.tenant_id, v_in_scope);

  for v_target in
    select a.id, a.status
    from public.appointments as a
    where a.tenant_id = v_appointment.tenant_id and a.id = any (v_in_scope) and a.series_id = v_series_id
    order by a.starts_at, a.id
  loop
    if v_target.status in ('pending', 'booked') then
      perform private.change_appointment_status(v_target.id, 'cancelled', p_reason);
      v_cancelled := v_cancelled || pg_catalog.to_jsonb(v_target.id);
    else
      v_skipped := v_skipped || pg_catalog.jsonb_build_array(
        pg_catalog.jsonb_build_object('appointment_id', v_target.id, 'status', v_target.status));
    end if;
  end loop;

  return pg_catalog.jsonb_build_object('series_id', v_series_id, 'cancelled', v_cancelled, 'skipped', v_skipped);
end
$$;
comment on function private.cancel_appointment_series(uuid, text, text) is
  'Implementation of public.cancel_appointment_series (security definer): locks the series, then its occurrences in scope in id order, and cancels the pending/booked ones (this, following, all not yet started) through private.change_appointment_status, reporting the others as skipped.';

create or replace function private.reschedule_appointment_series(p_appointment_id uuid, p_scope text, p_starts_at timestamptz)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Moves occurrences of a series (see public.reschedule_appointment_series).
 * security definer: nobody but service_role updates appointments or series directly; the
 * caller's rights are checked here (PT404/PT403 like reschedule_appointment) and again per
 * occurrence by private.reschedule_appointment.
 * Locks (docs/booking.md#lock-order): the series row; for following/all the booking keys of the
 * clinician, the patient and every resource pool of the occurrences in scope, then those
 * occurrences in id order - so a reschedule_appointment of one of them queues on the same keys.
 *
 * Returns: {series_id, split_from_series_id, rescheduled: [{appointment_id, starts_at_before,
 *          starts_at}], skipped: [{appointment_id, status}]}.
 * Errors:  22023, PT403, PT404, PT409 (status_conflict: not movable; series_conflicts: some
 *          occurrences cannot move, named in the hint), PT422 (not part of a series; 'this': not
 *          an offered time).
 */
declare
  v_change private.appointment_change;
  v_appointment public.appointments;
  v_series public.appointment_series;
  v_tz text;
  v_shift interval;
  v_in_scope uuid[];
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
  v_detail text;
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
  v_change := private.appointment_for_change(p_appointment_id, 'none');
  v_appointment := v_change.appointment;
  if v_change.caller not in ('server', 'staff', 'patient') then
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

  -- the booking keys of everything that may move, then the rows in scope (and those that follow
  -- the given one into a split series) in id order; then decide on the locked rows
  v_in_scope := array(
    select a.id from public.appointments as a
    where a.tenant_id = v_series.tenant_id and a.series_id = v_series.id
      and (a.id = v_appointment.id or a.starts_at >= v_appointment.starts_at
           or (p_scope = 'all' and a.starts_at > pg_catalog.now())));
  perform private.lock_booking(v_series.tenant_id, v_appointment.clinician_id, v_appointment.patient_id,
                               private.appointment_resource_pools(v_series.tenant_id, v_appointment.centre_id,
                                                                  v_appointment.service_id, v_in_scope));
  perform private.lock_appointments(v_series.tenant_id, v_in_scope);
  select a.* into v_appointment from public.appointments as a
  where a.tenant_id = v_series.tenant_id and a.id = v_appointment.id and a.series_id = v_series.id;
  if not found then
    raise exception using errcode = '40001', message = 'the appointment left its series while it was being locked',
      hint = 'The call is started over.';
  end if;

  if v_appointment.status not in ('pending', 'booked') then
    raise exception using errcode = 'PT409',
      message = pg_catalog.format('%s %s appointment cannot be rescheduled',
                                  case when v_appointment.status in ('arrived', 'entered_in_error') then 'an' else 'a' end,
                                  v_appointment.status),
      detail = 'status_conflict',
      hint = 'Pick an occurrence of the series that is pending or booked.';
  end if;
  if v_appointment.starts_at <= pg_catalog.now() then
    raise exception using errcode = 'PT409', message = 'this appointment has already started',
      detail = 'status_conflict',
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
        get stacked diagnostics v_state = returned_sqlstate, v_detail = pg_exception_detail;
        if not (v_state = 'PT409' and v_detail in ('slot_taken', 'patient_busy')
                and private.series_move_blocked_by_siblings(v_move_ids[v_i], v_move_to[v_i], v_failed_ids, v_move_ids)) then
          v_failures := v_failures || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
            'appointment_id', v_move_ids[v_i], 'starts_at', v_move_to[v_i]));
        end if;
        v_failed_ids := v_failed_ids || v_move_ids[v_i];
    end;
  end loop;

  if pg_catalog.cardinality(v_failed_ids) > 0 then
    raise exception using errcode = 'PT409',
      message = pg_catalog.format('%s of %s appointments cannot be moved', pg_catalog.jsonb_array_length(v_failures),
                                  pg_catalog.cardinality(v_move_ids)),
      detail = 'series_conflicts',
      hint = pg_catalog.format('Not available: %s. Nothing was moved. Choose another time, or move the other appointments one at a time (scope this).',
                               private.series_dates_text(array(select (f ->> 'starts_at')::timestamptz
                                                               from pg_catalog.jsonb_array_elements(v_failures) as f), v_tz));
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
  'Implementation of public.reschedule_appointment_series (security definer): this = reschedule_appointment; following/all lock the series, the booking keys and the occurrences in scope, then move every pending/booked occurrence in scope by the same local shift through private.reschedule_appointment, all or nothing (PT409 series_conflicts, the dates named in the hint), and update or split the series row.';

create or replace function public.book_appointment_series(
  service_id uuid, clinician_id uuid, centre_id uuid, first_starts_at timestamptz, rrule text,
  patient_id uuid default null, client_key text default null, skip_conflicts boolean default false)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
/**
 * Books a recurring series of appointments and returns what was booked.
 *
 * Parameters:
 *   service_id, clinician_id, centre_id   as for book_appointment
 *   first_starts_at  the first appointment (a slot from slot search); its local date-time in the
 *                    centre's zone is the rule's DTSTART and must be the rule's first occurrence
 *   rrule            RFC 5545 rule (docs/recurrence.md) that ends: COUNT or UNTIL, at most 52
 *                    occurrences, within 730 days; e.g. 'FREQ=WEEKLY;COUNT=8'
 *   patient_id       staff: the patient; patients: leave out (their own record)
 *   client_key       idempotency key (1-196 characters): a retry returns the same result; the
 *                    appointments get '<client_key>#<n>'
 *   skip_conflicts   false (default): all or nothing; true: book the free dates, list the others
 * Returns: {"series_id": uuid, "booked": [{"appointment_id", "starts_at"}],
 *           "conflicts": [{"starts_at", "code", "reason", "message"}]} (instants as UTC ISO text).
 * Errors:  22023 bad argument or rule, PT403, PT404, PT409 series_conflicts "3 of 10 dates are
 *          not available" (the dates in the hint; nothing booked) or client_key_reused, PT422
 *          not bookable, PT503 busy. See docs/errors.md.
 * Example: supabase.rpc('book_appointment_series', { service_id, clinician_id, centre_id,
 *            first_starts_at: '2027-01-04T09:00:00Z', rrule: 'FREQ=WEEKLY;COUNT=8',
 *            client_key: crypto.randomUUID() })
 */
declare
  v_result jsonb;
  v_attempt integer := 0;
begin
  loop
    begin
      v_result := private.book_appointment_series(
        book_appointment_series.service_id, book_appointment_series.clinician_id, book_appointment_series.centre_id,
        book_appointment_series.first_starts_at, book_appointment_series.rrule, book_appointment_series.patient_id,
        book_appointment_series.client_key, coalesce(book_appointment_series.skip_conflicts, false));
      exit;
    exception when deadlock_detected or serialization_failure then
      v_attempt := private.after_lock_conflict(v_attempt, sqlstate);
    end;
  end loop;
  return v_result;
end
$$;
comment on function public.book_appointment_series(uuid, uuid, uuid, timestamptz, text, uuid, text, boolean) is
  'Books a recurring series (patients for themselves, staff for a patient): every occurrence of the rule at the same local time, each validated like book_appointment; all-or-nothing unless skip_conflicts; idempotent on client_key. Returns {series_id, booked, conflicts}. Errors: 22023, PT403, PT404, PT409 (series_conflicts: dates taken, named in the hint; client_key_reused), PT422, PT503 busy. See docs/series.md.';

create or replace function public.cancel_appointment_series(appointment_id uuid, scope text, reason text)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
/**
 * Cancels occurrences of a recurring series.
 *
 * Parameters:
 *   appointment_id  one appointment of the series (the one the user picked)
 *   scope           'this' (that one), 'following' (that one and every later one), or 'all'
 *                   (every one that has not started)
 *   reason          required, e.g. 'patient_request'
 * Returns: {"series_id", "cancelled": [appointment ids], "skipped": [{"appointment_id", "status"}]}
 *          (skipped: in scope but not pending/booked, e.g. already cancelled or fulfilled).
 * Who:     as cancel_appointment, per occurrence: the patient, booking staff, the clinician;
 *          cancellation_outcome (late, fee) is decided per occurrence.
 * Errors:  22023 (missing id or reason, bad scope), PT403, PT404, PT422 (not part of a series),
 *          PT503 busy.
 * Example: supabase.rpc('cancel_appointment_series', { appointment_id, scope: 'following', reason: 'patient_request' })
 */
declare
  v_result jsonb;
  v_attempt integer := 0;
begin
  loop
    begin
      v_result := private.cancel_appointment_series(cancel_appointment_series.appointment_id, cancel_appointment_series.scope,
                                                    cancel_appointment_series.reason);
      exit;
    exception when deadlock_detected or serialization_failure then
      v_attempt := private.after_lock_conflict(v_attempt, sqlstate);
    end;
  end loop;
  return v_result;
end
$$;

create or replace function public.reschedule_appointment_series(appointment_id uuid, scope text, starts_at timestamptz)
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
 *          (series_conflicts "2 of 8 appointments cannot be moved", the new times in the hint,
 *          nothing moved; status_conflict: the picked one is not pending/booked or has started;
 *          for 'this' the reasons of reschedule_appointment), PT422 (not part of a series;
 *          'this': not an offered time), PT503 busy.
 * Example: supabase.rpc('reschedule_appointment_series', { appointment_id, scope: 'following',
 *            starts_at: '2027-01-12T10:00:00Z' })
 */
declare
  v_result jsonb;
  v_attempt integer := 0;
begin
  loop
    begin
      v_result := private.reschedule_appointment_series(reschedule_appointment_series.appointment_id,
                                                        reschedule_appointment_series.scope,
                                                        reschedule_appointment_series.starts_at);
      exit;
    exception when deadlock_detected or serialization_failure then
      v_attempt := private.after_lock_conflict(v_attempt, sqlstate);
    end;
  end loop;
  return v_result;
end
$$;
comment on function public.reschedule_appointment_series(uuid, text, timestamptz) is
  'Moves occurrences of a series: scope this | following (splits the series) | all (not yet started), by the same local wall-clock shift, each validated like reschedule_appointment, all or nothing. Returns {series_id, split_from_series_id, rescheduled, skipped}. Errors: 22023, PT403, PT404, PT409 (series_conflicts, status_conflict), PT422, PT503 busy. See docs/series.md.';

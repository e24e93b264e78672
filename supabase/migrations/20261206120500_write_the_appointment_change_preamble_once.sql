-- The reschedule, series and payment RPCs start alike: find the appointment as the caller sees
-- it, lock it in the lock order (private.appointment_for_change), and refuse callers the RPC does
-- not serve (PT403). That preamble is private.appointment_for_change_by. The status changes keep
-- their own matrix (which caller may set which status, entered_in_error for tenant admins) after
-- private.appointment_for_change. The two series RPCs share the scope check
-- (private.assert_series_scope), and a reschedule of one appointment or of a series refuses an
-- appointment that is not pending or booked in one place (private.assert_reschedulable_status).

create function private.appointment_for_change_by(p_appointment_id uuid, p_lock text, p_action public.rate_limited_action,
                                                  p_callers text[], p_refusal text, p_hint text)
returns private.appointment_change
language plpgsql
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * private.appointment_for_change (PT404 for an appointment the caller cannot see; the lock
 * p_lock in the lock order; the rate limit p_action for patients), then PT403 with p_refusal and
 * p_hint unless the caller's relation to it (private.appointment_caller) is one of p_callers.
 *
 * Returns: the appointment (locked as asked) and the caller.
 * Example: v_change := private.appointment_for_change_by(id, 'booking', 'appointment_change',
 *            array['server', 'staff', 'patient'], 'you may not reschedule this appointment', 'Ask the clinic''s front desk.');
 */
declare
  v_change private.appointment_change := private.appointment_for_change(p_appointment_id, p_lock, p_action);
begin
  if v_change.caller <> all (p_callers) then
    raise exception using errcode = 'PT403', message = p_refusal, hint = p_hint;
  end if;
  return v_change;
end
$$;
comment on function private.appointment_for_change_by(uuid, text, public.rate_limited_action, text[], text, text) is
  'The preamble of the reschedule, series and payment RPCs: the appointment locked in the lock order (PT404 when unseen), PT403 unless the caller is one of those the RPC serves.';
revoke execute on function private.appointment_for_change_by(uuid, text, public.rate_limited_action, text[], text, text) from public, anon, authenticated, service_role;

create function private.assert_series_scope(p_scope text)
returns void
language plpgsql
immutable
set search_path = ''
as $$
/**
 * Raises 22023 unless p_scope is a series scope: 'this', 'following' or 'all'.
 * Example: perform private.assert_series_scope('following');
 */
begin
  if p_scope is null or p_scope not in ('this', 'following', 'all') then
    raise exception using errcode = '22023', message = 'scope must be this, following or all',
      hint = 'this: only this appointment; following: this one and the later ones; all: every one not yet started.';
  end if;
end
$$;
comment on function private.assert_series_scope(text) is
  'Raises 22023 unless the scope of a series change is this, following or all.';
revoke execute on function private.assert_series_scope(text) from public, anon, authenticated, service_role;

create function private.assert_reschedulable_status(p_appointment public.appointments, p_hint text)
returns void
language plpgsql
immutable
set search_path = ''
as $$
/**
 * Raises PT409 status_conflict ('a cancelled appointment cannot be rescheduled') unless the
 * appointment is pending or booked; the hint says what to pick instead.
 * Example: perform private.assert_reschedulable_status(v_appointment, 'Book a new one instead.');
 */
begin
  if p_appointment.status not in ('pending', 'booked') then
    raise exception using errcode = 'PT409',
      message = pg_catalog.format('%s %s appointment cannot be rescheduled',
                                  case when p_appointment.status in ('arrived', 'entered_in_error') then 'an' else 'a' end,
                                  p_appointment.status),
      detail = 'status_conflict',
      hint = p_hint;
  end if;
end
$$;
comment on function private.assert_reschedulable_status(public.appointments, text) is
  'Raises PT409 status_conflict unless the appointment is pending or booked (what a reschedule moves).';
revoke execute on function private.assert_reschedulable_status(public.appointments, text) from public, anon, authenticated, service_role;

create or replace function private.reschedule_appointment(p_appointment_id uuid, p_starts_at timestamp with time zone)
 returns uuid
 language plpgsql
 security definer
 set search_path = ''
 set timezone to 'UTC'
as $function$
/**
 * Moves a pending or booked appointment to p_starts_at (same service, clinician, centre,
 * patient, id; reschedule_count + 1; history by trigger). The new time must be one slot search
 * offers (PT422). Patients may not reschedule inside the reschedule window (service value, else
 * the tenant's cancellation_window): PT409 too_late_to_change; staff may.
 * Resources move with it: an allocation whose resource is still free (and active) at the new
 * time is kept (its occupied range follows by trigger); one that is not is handed over to any
 * free active resource of the same type at the centre; if there is none: PT409 slot_taken.
 * Moving to the time it already has changes nothing (no count, no history): a safe retry.
 * Locks (docs/booking.md#lock-order): the booking keys of its clinician, patient and resource
 * pools, the appointment, then the expired holds in the way of the new time.
 *
 * Returns: the appointment id.
 * Errors:  22023, PT403, PT404, PT409 (slot_taken, patient_busy, too_late_to_change,
 *          status_conflict, hold_expired), PT422.
 */
declare
  v_change private.appointment_change;
  v_appointment public.appointments;
  v_caller text;
  v_window interval;
  v_duration integer;
  v_ends_at timestamptz;
  v_occupied tstzrange;
  v_before integer;
  v_after integer;
  v_pools text[];
  v_constraint text;
  v_allocation record;
  v_handed_over text[] := array[]::text[];
  v_resource_type text;
begin
  if p_appointment_id is null or p_starts_at is null then
    raise exception using errcode = '22023', message = 'id and starts_at are required',
      hint = 'Pass the appointment id and the new start as slot search returned it.';
  end if;
  v_change := private.appointment_for_change_by(p_appointment_id, 'booking', 'appointment_change',
    array['server', 'staff', 'patient'], 'you may not reschedule this appointment', 'Ask the clinic''s front desk.');
  v_appointment := v_change.appointment;
  v_caller := v_change.caller;
  perform private.assert_reschedulable_status(v_appointment, 'Only pending and booked appointments can be moved; book a new one instead.');
  -- a dead hold is not moved: its time is no longer kept
  if v_appointment.status = 'pending' and v_appointment.hold_expires_at <= pg_catalog.now() then
    raise exception using errcode = 'PT409', message = 'the hold on this appointment has expired',
      detail = 'hold_expired',
      hint = 'Its time is no longer kept: search for available times again and book a new appointment.';
  end if;
  -- the time it already has: nothing to do (a retry of a move that succeeded lands here)
  if p_starts_at = v_appointment.starts_at then
    return v_appointment.id;
  end if;

  select coalesce(s.reschedule_window, t.cancellation_window), s.buffer_before_minutes, s.buffer_after_minutes,
         (extract(epoch from v_appointment.ends_at - v_appointment.starts_at) / 60)::integer
    into v_window, v_before, v_after, v_duration
  from public.services as s
  join public.tenants as t on t.id = s.tenant_id
  where s.tenant_id = v_appointment.tenant_id and s.id = v_appointment.service_id;
  if v_caller = 'patient' and pg_catalog.now() > v_appointment.starts_at - v_window then
    raise exception using errcode = 'PT409', message = 'it is too late to reschedule this appointment online',
      detail = 'too_late_to_change',
      hint = 'Call the clinic: the front desk can still move it.';
  end if;

  v_ends_at := p_starts_at + pg_catalog.make_interval(mins => v_duration);
  v_occupied := pg_catalog.tstzrange(p_starts_at - pg_catalog.make_interval(mins => v_before),
                                     v_ends_at + pg_catalog.make_interval(mins => v_after), '[)');
  perform private.assert_slot_offered(v_appointment.tenant_id, v_appointment.service_id, v_appointment.clinician_id,
                                      v_appointment.centre_id, p_starts_at, v_ends_at);
  v_pools := private.appointment_resource_pools(v_appointment.tenant_id, v_appointment.centre_id, v_appointment.service_id,
                                                array[v_appointment.id]);
  perform private.release_holds_in_the_way(v_appointment.tenant_id, v_appointment.clinician_id, v_appointment.patient_id,
                                           pg_catalog.tstzrange(p_starts_at, v_ends_at, '[)'), v_occupied, v_pools);

  perform pg_catalog.set_config('slotbase.appointment_change_reason', 'rescheduled', true);
  begin
    -- an allocation whose resource is taken (or retired) at the new time is handed over to
    -- another free active resource of its type, as booking allocates
    for v_allocation in
      select ar.resource_id, r.resource_type, r.is_active
      from public.appointment_resources as ar
      join public.resources as r on r.tenant_id = ar.tenant_id and r.id = ar.resource_id
      where ar.tenant_id = v_appointment.tenant_id and ar.appointment_id = v_appointment.id
      order by r.name, r.id
    loop
      if not v_allocation.is_active or exists (
          select 1 from public.appointment_resources as o
          where o.tenant_id = v_appointment.tenant_id and o.resource_id = v_allocation.resource_id
            and o.active and o.occupied && v_occupied and o.appointment_id <> v_appointment.id) then
        delete from public.appointment_resources as ar
         where ar.tenant_id = v_appointment.tenant_id and ar.appointment_id = v_appointment.id
           and ar.resource_id = v_allocation.resource_id;
        v_handed_over := v_handed_over || v_allocation.resource_type;
      end if;
    end loop;

    update public.appointments as a
       set starts_at = p_starts_at,
           ends_at = v_ends_at,
           reschedule_count = a.reschedule_count + 1
     where a.tenant_id = v_appointment.tenant_id and a.id = v_appointment.id;

    foreach v_resource_type in array v_handed_over loop
      if private.allocate_resource(v_appointment.tenant_id, v_appointment.id, v_appointment.centre_id, v_resource_type,
                                   v_occupied) is null then
        perform private.raise_slot_taken(null, v_resource_type);
      end if;
    end loop;
  exception when exclusion_violation then
    get stacked diagnostics v_constraint = constraint_name;
    perform private.raise_slot_taken(v_constraint);
  end;
  perform pg_catalog.set_config('slotbase.appointment_change_reason', '', true);
  return v_appointment.id;
end
$function$;

create or replace function private.reschedule_appointment_series(p_appointment_id uuid, p_scope text, p_starts_at timestamp with time zone)
 returns jsonb
 language plpgsql
 security definer
 set search_path = ''
 set timezone to 'UTC'
as $function$
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
  perform private.assert_series_scope(p_scope);
  v_change := private.appointment_for_change_by(p_appointment_id, 'none', 'appointment_change',
    array['server', 'staff', 'patient'], 'you may not reschedule this appointment', 'Ask the clinic''s front desk.');
  v_appointment := v_change.appointment;
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

  perform private.assert_reschedulable_status(v_appointment, 'Pick an occurrence of the series that is pending or booked.');
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
$function$;

create or replace function private.cancel_appointment_series(p_appointment_id uuid, p_scope text, p_reason text)
 returns jsonb
 language plpgsql
 security definer
 set search_path = ''
 set timezone to 'UTC'
as $function$
/**
 * Cancels the occurrences of a series in scope (see public.cancel_appointment_series).
 * security definer: nobody but service_role updates appointments directly; the caller's rights
 * are checked here (PT404/PT403 like cancel_appointment) and again per occurrence by
 * private.change_appointment_status. Locks: the series row, then the occurrences in scope in id
 * order (docs/booking.md#lock-order).
 *
 * Returns: {series_id, cancelled: [appointment ids], skipped: [{appointment_id, status}]}.
 * Errors:  22023 (id, scope, reason), 22001 (a reason over 500 characters), PT403, PT404, PT422 (not part of a series).
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
  perform private.assert_series_scope(p_scope);
  perform private.assert_text_within(p_reason, 'reason', 500);
  v_change := private.appointment_for_change_by(p_appointment_id, 'none', 'appointment_change',
    array['server', 'staff', 'clinician', 'patient'], 'you may not mark this appointment cancelled', 'Ask the clinic''s front desk.');
  v_appointment := v_change.appointment;
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
$function$;

create or replace function private.open_payment(p_appointment_id uuid, p_flow payment_flow)
 returns opened_payment
 language plpgsql
 security definer
 set search_path = ''
 set timezone to 'UTC'
as $function$
/**
 * Implementation of public.open_payment (see there). security definer: a patient may not insert
 * payments, nor read the clinician's price or the clinic's payment settings. Locks the
 * appointment (private.appointment_for_change), so concurrent calls for it queue and the second
 * one reuses the payment the first one opened. A new payment takes the tenant's provider and
 * account (tenant_payment_settings; no row: Stripe, the platform account).
 * Refusals: PT409 status_conflict (cancelled, already booked), hold_expired, nothing_to_pay,
 * payment_in_progress (another flow's payment is open); PT422 a price the currency cannot
 * express, or a currency Razorpay Route cannot transfer (not INR); PT403 tenant_suspended; a
 * patient's payments are counted against the 'payment' rate limits (HTTP 429 rate_limited).
 *
 * Returns: one row, the payment plus what the provider call needs.
 */
declare
  v_change private.appointment_change;
  v_appointment public.appointments;
  v_price record;
  v_payment public.payments;
  v_attempt integer;
  v_settings public.tenant_payment_settings;
  v_provider public.payment_provider;
  v_description text;
  v_email text;
  v_patient_name text;
  v_patient_phone text;
  v_merchant text;
  v_result public.opened_payment;
begin
  if p_appointment_id is null or p_flow is null then
    raise exception using errcode = '22023', message = 'appointment_id and flow are required',
      hint = 'Pass the appointment to pay for and the flow: payment_intent or checkout.';
  end if;
  v_change := private.appointment_for_change_by(p_appointment_id, 'row', 'payment', array['server', 'staff', 'patient'],
    'you may not take a payment for this appointment',
    'The patient pays in the app, or the clinic''s front desk takes the payment.');
  v_appointment := v_change.appointment;
  if v_appointment.status in ('cancelled', 'entered_in_error') then
    raise exception using errcode = 'PT409', message = 'this appointment was cancelled',
      detail = 'status_conflict',
      hint = 'Search for available times again and book a new appointment.';
  end if;
  if v_appointment.status <> 'pending' then
    raise exception using errcode = 'PT409', message = 'this appointment is already booked',
      detail = 'status_conflict',
      hint = 'Nothing is left to pay online for it; reload the appointment.';
  end if;
  if v_appointment.hold_expires_at <= pg_catalog.now() then
    raise exception using errcode = 'PT409', message = 'the hold on this appointment has expired',
      detail = 'hold_expired',
      hint = 'Its time is no longer kept: search for available times again and book a new appointment.';
  end if;

  select p.* into v_price
  from private.payment_amount(v_appointment.tenant_id, v_appointment.service_id, v_appointment.clinician_id) as p;
  if not coalesce(v_price.payment_required, false) or coalesce(v_price.amount, 0) <= 0 then
    raise exception using errcode = 'PT409', message = 'there is nothing to pay for this appointment',
      detail = 'nothing_to_pay',
      hint = 'The service is not paid online; the clinic confirms the booking.';
  end if;

  select p.* into v_payment
  from public.payments as p
  where p.tenant_id = v_appointment.tenant_id and p.appointment_id = v_appointment.id
    and p.status in ('requires_payment', 'processing')
  for update;
  if found then
    if v_payment.flow <> p_flow then
      raise exception using errcode = 'PT409',
        message = pg_catalog.format('a %s payment is already open for this appointment', v_payment.flow),
        detail = 'payment_in_progress',
        hint = pg_catalog.format('Finish that payment (flow %s), or wait until the hold expires.', v_payment.flow);
    end if;
  else
    select s.* into v_settings from public.tenant_payment_settings as s where s.tenant_id = v_appointment.tenant_id;
    v_provider := coalesce(v_settings.provider, 'stripe');
    if v_provider = 'razorpay' and v_settings.razorpay_account_id is not null and v_price.currency <> 'INR' then
      raise exception using errcode = 'PT422',
        message = pg_catalog.format('this clinic cannot take online payments in %s', v_price.currency),
        hint = 'Razorpay Route transfers only INR: the clinic must price this service in INR, or pay at the clinic.';
    end if;
    select coalesce(max(p.attempt), 0) + 1 into v_attempt
    from public.payments as p
    where p.tenant_id = v_appointment.tenant_id and p.appointment_id = v_appointment.id;
    insert into public.payments (tenant_id, appointment_id, patient_id, flow, kind, amount, currency, amount_minor,
                                 status, attempt, idempotency_key, provider, stripe_account_id, razorpay_account_id)
    values (v_appointment.tenant_id, v_appointment.id, v_appointment.patient_id, p_flow, v_price.kind, v_price.amount,
            v_price.currency, private.to_minor_units(v_price.amount, v_price.currency), 'requires_payment', v_attempt,
            'payment:' || v_appointment.id::text || ':' || v_attempt::text, v_provider,
            case when v_provider = 'stripe' then v_settings.stripe_account_id end,
            case when v_provider = 'razorpay' then v_settings.razorpay_account_id end)
    returning * into v_payment;
  end if;

  select pg_catalog.format('%s, %s (%s)', s.name,
                           pg_catalog.to_char(v_appointment.starts_at at time zone c.timezone, 'Dy DD Mon YYYY, HH24:MI'),
                           c.timezone),
         pt.email::text, pt.full_name::text, pt.phone::text, t.name::text
    into v_description, v_email, v_patient_name, v_patient_phone, v_merchant
  from public.services as s
  join public.centres as c on c.tenant_id = s.tenant_id and c.id = v_appointment.centre_id
  join public.tenants as t on t.id = s.tenant_id
  left join public.patients as pt on pt.tenant_id = s.tenant_id and pt.id = v_appointment.patient_id
  where s.tenant_id = v_appointment.tenant_id and s.id = v_appointment.service_id;

  v_result.tenant_id := v_payment.tenant_id;
  v_result.id := v_payment.id;
  v_result.appointment_id := v_payment.appointment_id;
  v_result.patient_id := v_payment.patient_id;
  v_result.flow := v_payment.flow;
  v_result.kind := v_payment.kind;
  v_result.amount := v_payment.amount;
  v_result.currency := v_payment.currency;
  v_result.amount_minor := v_payment.amount_minor;
  v_result.status := v_payment.status;
  v_result.attempt := v_payment.attempt;
  v_result.idempotency_key := v_payment.idempotency_key;
  v_result.stripe_account_id := v_payment.stripe_account_id;
  v_result.stripe_payment_intent_id := v_payment.stripe_payment_intent_id;
  v_result.stripe_checkout_session_id := v_payment.stripe_checkout_session_id;
  v_result.checkout_url := v_payment.checkout_url;
  v_result.receipt_url := v_payment.receipt_url;
  v_result.amount_refunded := v_payment.amount_refunded;
  v_result.failure_message := v_payment.failure_message;
  v_result.succeeded_at := v_payment.succeeded_at;
  v_result.created_at := v_payment.created_at;
  v_result.updated_at := v_payment.updated_at;
  v_result.description := v_description;
  v_result.patient_email := v_email;
  v_result.hold_expires_at := v_appointment.hold_expires_at;
  v_result.metadata := pg_catalog.jsonb_build_object('tenant_id', v_payment.tenant_id::text,
                                                     'appointment_id', v_payment.appointment_id::text,
                                                     'payment_id', v_payment.id::text);
  v_result.provider := v_payment.provider;
  v_result.razorpay_account_id := v_payment.razorpay_account_id;
  v_result.razorpay_order_id := v_payment.razorpay_order_id;
  v_result.razorpay_payment_id := v_payment.razorpay_payment_id;
  v_result.razorpay_payment_link_id := v_payment.razorpay_payment_link_id;
  v_result.patient_name := v_patient_name;
  v_result.patient_phone := v_patient_phone;
  v_result.merchant_name := v_merchant;
  return v_result;
end
$function$;

-- Changing one appointment in the lock order (docs/booking.md#lock-order), with reason codes on
-- every refusal (docs/errors.md): the status machine, the status RPCs (confirm, cancel, visit
-- progress, entered in error) and reschedule_appointment.
--
-- The preamble "find it, PT404 unless the caller may see it, lock it" is
-- private.appointment_for_change (20261205110000): status changes lock the row; a reschedule
-- takes the booking keys of its clinician, patient and resource pools first (it may take new
-- time, and a booking of that time takes the same keys before any row), then the row, then the
-- expired holds in the way (private.release_holds_in_the_way). The public RPCs run the work in a
-- subtransaction and start over after 40P01/40001 (private.after_lock_conflict).

create or replace function private.guard_appointment_status()
returns trigger
language plpgsql
set search_path = ''
as $$
/**
 * BEFORE INSERT OR UPDATE row trigger on public.appointments: the status machine.
 *   * insert: the status must be pending or booked (PT409);
 *   * update of status: the new status must be in private.appointment_next_statuses(old) (PT409,
 *     the hint names the allowed next statuses); entered_in_error is allowed from any other
 *     status, but only for owners/admins of the tenant or server-side callers (PT403);
 *   * leaving pending clears hold_expires_at; becoming cancelled stamps cancelled_at;
 *   * moving an appointment (starts_at/ends_at) is allowed only while pending or booked (PT409).
 *
 * Returns: the (possibly completed) new row.
 */
declare
  v_allowed public.appointment_status[];
begin
  if tg_op = 'INSERT' then
    if new.status not in ('pending', 'booked') then
      raise exception using errcode = 'PT409',
        message = pg_catalog.format('a new appointment cannot be %s', new.status),
        detail = 'status_conflict',
        hint = 'Create appointments as pending or booked; later statuses follow the status machine.';
    end if;
    return new;
  end if;

  if new.status is distinct from old.status then
    v_allowed := private.appointment_next_statuses(old.status);
    if new.status = 'entered_in_error' then
      if (select auth.uid()) is not null
         and new.tenant_id not in (select private.tenant_ids_with_role(array['owner', 'admin']::public.staff_role[])) then
        raise exception using errcode = 'PT403',
          message = 'only owners and admins mark an appointment as entered in error',
          hint = 'Ask an owner or admin of the clinic; to call off a visit, cancel it instead.';
      end if;
    elsif not (new.status = any (v_allowed)) then
      raise exception using errcode = 'PT409',
        message = pg_catalog.format('an appointment cannot go from %s to %s', old.status, new.status),
        detail = 'status_conflict',
        hint = case
          when pg_catalog.cardinality(v_allowed) = 0
            then pg_catalog.format('%s is final: no further status change is possible (owners and admins may still mark it entered_in_error).', old.status)
          else pg_catalog.format('From %s the allowed next statuses are: %s (and entered_in_error for owners and admins).',
                                 old.status, pg_catalog.array_to_string(v_allowed, ', '))
        end;
    end if;
    if old.status = 'pending' then
      new.hold_expires_at := null;
    end if;
    if new.status = 'cancelled' then
      new.cancelled_at := coalesce(new.cancelled_at, pg_catalog.now());
    end if;
  end if;

  if (new.starts_at, new.ends_at) is distinct from (old.starts_at, old.ends_at)
     and old.status not in ('pending', 'booked') then
    raise exception using errcode = 'PT409',
      message = pg_catalog.format('%s %s appointment cannot be moved',
                                  case when old.status in ('arrived', 'entered_in_error') then 'an' else 'a' end, old.status),
      detail = 'status_conflict',
      hint = 'Only pending and booked appointments can be rescheduled.';
  end if;
  return new;
end
$$;
comment on function private.guard_appointment_status() is
  'Trigger function on appointments: enforces the status machine (PT409 status_conflict with the allowed next statuses; entered_in_error by owners/admins only, PT403), clears hold_expires_at when leaving pending, stamps cancelled_at, allows moving only pending/booked appointments.';

create or replace function private.change_appointment_status(
  p_appointment_id uuid, p_to public.appointment_status, p_reason text)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Moves an appointment to p_to if the caller may and the status machine allows it (trigger).
 * Cancelling records cancellation_reason, cancelled_by and the cancellation_outcome (late inside
 * the cancellation window, fee for the patient's late cancel).
 * Who: confirm (pending -> booked) appointment staff of the centre and the server; cancel also
 * the patient and the appointment's clinician; entered_in_error owners, admins and the server;
 * visit progress appointment staff, the clinician and the server. Locks: the appointment row.
 *
 * Parameters: appointment id; target status; reason (required for cancelled and
 *             entered_in_error).
 * Returns:    the appointment id.
 * Errors:     22023, PT403, PT404, PT409 status_conflict (already in that status, not allowed by
 *             the machine, no-show before the start).
 */
declare
  v_change private.appointment_change;
  v_appointment public.appointments;
  v_caller text;
  v_window interval;
  v_fee numeric(12, 2);
  v_currency text;
  v_payment_required boolean;
  v_late boolean;
  v_allowed boolean;
begin
  if p_appointment_id is null or p_to is null then
    raise exception using errcode = '22023', message = 'id is required', hint = 'Pass the appointment id.';
  end if;
  v_change := private.appointment_for_change(p_appointment_id, 'row');
  v_appointment := v_change.appointment;
  v_caller := v_change.caller;

  v_allowed := case p_to
    when 'booked' then v_caller in ('server', 'staff')
    when 'cancelled' then v_caller in ('server', 'staff', 'clinician', 'patient')
    when 'entered_in_error' then v_caller = 'server'
      or v_appointment.tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin']::public.staff_role[]))
    else v_caller in ('server', 'staff', 'clinician')
  end;
  if not v_allowed then
    raise exception using errcode = 'PT403',
      message = pg_catalog.format('you may not mark this appointment %s', p_to),
      hint = case p_to
        when 'entered_in_error' then 'Only owners and admins mark appointments as entered in error.'
        when 'booked' then 'Pending appointments are confirmed by the clinic or by payment.'
        else 'Ask the clinic''s front desk.'
      end;
  end if;
  if v_appointment.status = p_to then
    raise exception using errcode = 'PT409',
      message = pg_catalog.format('the appointment is already %s', p_to),
      detail = 'status_conflict',
      hint = 'Reload the appointment to see its current status.';
  end if;
  if p_to in ('cancelled', 'entered_in_error') and (p_reason is null or pg_catalog.btrim(p_reason) = '') then
    raise exception using errcode = '22023', message = 'reason is required',
      hint = 'Say why, e.g. patient_request, clinician_unavailable.';
  end if;
  if p_to = 'noshow' and pg_catalog.now() < v_appointment.starts_at then
    raise exception using errcode = 'PT409', message = 'an appointment cannot be marked no-show before it starts',
      detail = 'status_conflict',
      hint = 'Mark no-show after the start time.';
  end if;

  perform pg_catalog.set_config('slotbase.appointment_change_reason', coalesce(pg_catalog.btrim(p_reason), ''), true);
  if p_to = 'cancelled' then
    select coalesce(s.cancellation_window, t.cancellation_window), s.cancellation_fee, s.currency::text, s.payment_required
      into v_window, v_fee, v_currency, v_payment_required
    from public.services as s
    join public.tenants as t on t.id = s.tenant_id
    where s.tenant_id = v_appointment.tenant_id and s.id = v_appointment.service_id;
    v_late := pg_catalog.now() > v_appointment.starts_at - v_window;
    update public.appointments as a
       set status = 'cancelled',
           cancellation_reason = pg_catalog.btrim(p_reason),
           cancelled_by = (select auth.uid()),
           cancellation_outcome = pg_catalog.jsonb_build_object(
             'by', case when v_caller = 'patient' then 'patient' when v_caller = 'server' then 'system' else 'staff' end,
             'late', v_late,
             'fee', case when v_late and v_caller = 'patient' and v_appointment.status = 'booked' then v_fee else 0 end,
             'currency', v_currency,
             'payment_required', v_payment_required)
     where a.tenant_id = v_appointment.tenant_id and a.id = v_appointment.id;
  else
    update public.appointments as a
       set status = p_to
     where a.tenant_id = v_appointment.tenant_id and a.id = v_appointment.id;
  end if;
  perform pg_catalog.set_config('slotbase.appointment_change_reason', '', true);
  return v_appointment.id;
end
$$;
comment on function private.change_appointment_status(uuid, public.appointment_status, text) is
  'Implementation of the status RPCs (security definer: nobody but service_role updates appointments directly). Locks the appointment (private.appointment_for_change), checks who may make the change (PT403/PT404), then updates; the trigger enforces the status machine (PT409 status_conflict).';

create or replace function private.reschedule_appointment(p_appointment_id uuid, p_starts_at timestamptz)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
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
  v_change := private.appointment_for_change(p_appointment_id, 'booking');
  v_appointment := v_change.appointment;
  v_caller := v_change.caller;
  if v_caller not in ('server', 'staff', 'patient') then
    raise exception using errcode = 'PT403', message = 'you may not reschedule this appointment',
      hint = 'Ask the clinic''s front desk.';
  end if;
  if v_appointment.status not in ('pending', 'booked') then
    raise exception using errcode = 'PT409',
      message = pg_catalog.format('%s %s appointment cannot be rescheduled',
                                  case when v_appointment.status in ('arrived', 'entered_in_error') then 'an' else 'a' end,
                                  v_appointment.status),
      detail = 'status_conflict',
      hint = 'Only pending and booked appointments can be moved; book a new one instead.';
  end if;
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
$$;
comment on function private.reschedule_appointment(uuid, timestamptz) is
  'Implementation of public.reschedule_appointment (security definer): takes the booking keys and the row (private.appointment_for_change), moves a pending/booked appointment in place after checking the caller, the reschedule window (patients), the hold and the new slot; releases the expired holds in the way; resources follow (a taken one is handed over to a free one of the same type); the same time is a no-op; 23P01 -> PT409 slot_taken / patient_busy.';

create function private.change_appointment_status_for_api(p_appointment_id uuid, p_to public.appointment_status, p_reason text)
returns public.appointments
language plpgsql
volatile
security invoker
set search_path = ''
as $$
/**
 * The body of the status RPCs (confirm_appointment, cancel_appointment, mark_arrived,
 * check_in_appointment, complete_appointment, mark_no_show, mark_entered_in_error): runs
 * private.change_appointment_status in a subtransaction, starting over after 40P01/40001
 * (private.after_lock_conflict), then reads the row back as the caller (RLS).
 *
 * Returns: the appointment.
 */
declare
  v_id uuid;
  v_attempt integer := 0;
  v_appointment public.appointments;
begin
  loop
    begin
      v_id := private.change_appointment_status(p_appointment_id, p_to, p_reason);
      exit;
    exception when deadlock_detected or serialization_failure then
      v_attempt := private.after_lock_conflict(v_attempt, sqlstate);
    end;
  end loop;
  select a.* into v_appointment from public.appointments as a where a.id = v_id;
  return v_appointment;
end
$$;
comment on function private.change_appointment_status_for_api(uuid, public.appointment_status, text) is
  'Body of the status RPCs: private.change_appointment_status with the last-resort retry after 40P01/40001, then the row as the caller sees it.';
revoke execute on function private.change_appointment_status_for_api(uuid, public.appointment_status, text) from public, anon, authenticated, service_role;
grant execute on function private.change_appointment_status_for_api(uuid, public.appointment_status, text) to authenticated, service_role;

create or replace function public.confirm_appointment(id uuid)
returns public.appointments
language sql
volatile
security invoker
set search_path = ''
as $$
  /**
   * Confirms a pending appointment (pending -> booked), e.g. once payment succeeded. Staff of
   * the centre or service_role. An expired hold that nobody has taken yet can still be confirmed.
   * Errors: PT403, PT404, PT409 status_conflict, PT503 busy. Example: supabase.rpc('confirm_appointment', { id })
   */
  select private.change_appointment_status_for_api(confirm_appointment.id, 'booked', null)
$$;
comment on function public.confirm_appointment(uuid) is
  'pending -> booked (staff of the centre, service_role). Returns the appointment. Errors: PT403, PT404, PT409 status_conflict.';

create or replace function public.cancel_appointment(id uuid, reason text)
returns public.appointments
language sql
volatile
security invoker
set search_path = ''
as $$
  /**
   * Cancels a pending or booked appointment (the patient, staff, or its clinician). reason is
   * required. cancellation_outcome records whether it was late (inside the cancellation window)
   * and the fee a patient's late cancellation incurs.
   * Errors: 22023, PT403, PT404, PT409 status_conflict, PT503 busy.
   * Example: supabase.rpc('cancel_appointment', { id, reason: 'patient_request' })
   */
  select private.change_appointment_status_for_api(cancel_appointment.id, 'cancelled', cancel_appointment.reason)
$$;
comment on function public.cancel_appointment(uuid, text) is
  'Cancels a pending/booked appointment with a reason (patient, staff, its clinician). Returns the appointment. Errors: 22023, PT403, PT404, PT409 status_conflict.';

create or replace function public.reschedule_appointment(id uuid, starts_at timestamptz)
returns public.appointments
language plpgsql
volatile
security invoker
set search_path = ''
as $$
/**
 * Moves a pending or booked appointment to a new start (same clinician, centre, service).
 * Patients not inside the reschedule window; staff any time. History is kept.
 * Errors: 22023, PT403, PT404, PT409 (details slot_taken, patient_busy, too_late_to_change,
 *         status_conflict, hold_expired), PT422 (not an offered time), PT503 busy.
 * Example: supabase.rpc('reschedule_appointment', { id, starts_at: '2026-12-02T10:00:00Z' })
 */
declare
  v_id uuid;
  v_attempt integer := 0;
  v_appointment public.appointments;
begin
  loop
    begin
      v_id := private.reschedule_appointment(reschedule_appointment.id, reschedule_appointment.starts_at);
      exit;
    exception when deadlock_detected or serialization_failure then
      v_attempt := private.after_lock_conflict(v_attempt, sqlstate);
    end;
  end loop;
  select a.* into v_appointment from public.appointments as a where a.id = v_id;
  return v_appointment;
end
$$;
comment on function public.reschedule_appointment(uuid, timestamptz) is
  'Moves a pending/booked appointment in place (patients outside the reschedule window, staff any time). Returns the appointment. Errors: 22023, PT403, PT404, PT409 (slot_taken, patient_busy, too_late_to_change, status_conflict, hold_expired), PT422.';

create or replace function public.mark_arrived(id uuid)
returns public.appointments
language sql
volatile
security invoker
set search_path = ''
as $$
  /**
   * booked -> arrived (front desk, staff, the clinician). Errors: PT403, PT404, PT409 status_conflict.
   * Example: supabase.rpc('mark_arrived', { id })
   */
  select private.change_appointment_status_for_api(mark_arrived.id, 'arrived', null)
$$;
comment on function public.mark_arrived(uuid) is
  'booked -> arrived (staff, the clinician). Returns the appointment. Errors: PT403, PT404, PT409 status_conflict.';

create or replace function public.check_in_appointment(id uuid)
returns public.appointments
language sql
volatile
security invoker
set search_path = ''
as $$
  /**
   * booked | arrived -> checked_in (staff, the clinician). Errors: PT403, PT404, PT409 status_conflict.
   * Example: supabase.rpc('check_in_appointment', { id })
   */
  select private.change_appointment_status_for_api(check_in_appointment.id, 'checked_in', null)
$$;
comment on function public.check_in_appointment(uuid) is
  'booked/arrived -> checked_in (staff, the clinician). Returns the appointment. Errors: PT403, PT404, PT409 status_conflict.';

create or replace function public.complete_appointment(id uuid)
returns public.appointments
language sql
volatile
security invoker
set search_path = ''
as $$
  /**
   * booked | arrived | checked_in -> fulfilled (staff, the clinician). Errors: PT403, PT404, PT409 status_conflict.
   * Example: supabase.rpc('complete_appointment', { id })
   */
  select private.change_appointment_status_for_api(complete_appointment.id, 'fulfilled', null)
$$;
comment on function public.complete_appointment(uuid) is
  'booked/arrived/checked_in -> fulfilled (staff, the clinician). Returns the appointment. Errors: PT403, PT404, PT409 status_conflict.';

create or replace function public.mark_no_show(id uuid)
returns public.appointments
language sql
volatile
security invoker
set search_path = ''
as $$
  /**
   * booked | arrived -> noshow, after the start time (staff, the clinician). Frees the rest of
   * the slot. Errors: PT403, PT404, PT409 status_conflict. Example: supabase.rpc('mark_no_show', { id })
   */
  select private.change_appointment_status_for_api(mark_no_show.id, 'noshow', null)
$$;
comment on function public.mark_no_show(uuid) is
  'booked/arrived -> noshow after the start (staff, the clinician). Returns the appointment. Errors: PT403, PT404, PT409 status_conflict.';

create or replace function public.mark_entered_in_error(id uuid, reason text)
returns public.appointments
language sql
volatile
security invoker
set search_path = ''
as $$
  /**
   * Any status -> entered_in_error (owners and admins, service_role), with a reason. Frees the
   * time. Errors: 22023, PT403, PT404, PT409 status_conflict. Example: supabase.rpc('mark_entered_in_error', { id, reason })
   */
  select private.change_appointment_status_for_api(mark_entered_in_error.id, 'entered_in_error', mark_entered_in_error.reason)
$$;
comment on function public.mark_entered_in_error(uuid, text) is
  'Any status -> entered_in_error (owners, admins, service_role) with a reason. Returns the appointment. Errors: 22023, PT403, PT404, PT409 status_conflict.';

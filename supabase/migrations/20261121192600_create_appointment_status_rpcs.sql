-- Status changes and rescheduling of appointments (issue 4): public.confirm_appointment,
-- cancel_appointment, reschedule_appointment, mark_arrived, check_in_appointment,
-- complete_appointment, mark_no_show, mark_entered_in_error.
--
-- Each public RPC is security invoker and calls a private security definer function that locks
-- the appointment (`for update`), decides whether the caller may make THIS change, and updates
-- it; the status machine itself is the trigger on public.appointments (PT409 with the allowed
-- next statuses), so no path can skip it. Who may do what (docs/booking.md):
--   confirm (pending -> booked)           appointment staff of the centre, service_role
--   cancel                                the patient, appointment staff, the appointment's clinician
--   reschedule                            the patient (not inside the reschedule window), appointment staff
--   arrived / checked_in / fulfilled / noshow   appointment staff, the appointment's clinician
--   entered_in_error                      owners and admins, service_role
-- "Appointment staff": owner, admin, manager, centre_manager (their centre), care_coordinator,
-- front_desk. Callers who cannot see the appointment get PT404; who see it but may not: PT403.
--
-- Fixed in issue 4 part 2 (lifecycle tests, docs/booking.md): reschedule_appointment hands a
-- resource that is taken at the new time over to another free one of the same type (it used to
-- refuse times slot search offers with PT409), refuses to move an expired hold (PT409; it used
-- to release the hold itself and fail with a misleading message), and treats the current time
-- as a no-op (it used to count a reschedule without a history row).

create function private.appointment_caller(p_appointment public.appointments)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  /**
   * How the caller relates to an appointment: 'server' (service_role, postgres), 'staff'
   * (appointment staff at its centre), 'clinician' (the appointment's own clinician),
   * 'patient' (its patient), 'viewer' (other staff of the tenant: may see, may not change),
   * or null (may not even see it).
   * Example: select private.appointment_caller(a) from public.appointments as a where a.id = '...';
   */
  select case
    when private.is_server_caller() then 'server'
    when exists (select 1 from private.centre_keys_with_role(private.appointment_staff_roles()) as k
                 where k.tenant_id = p_appointment.tenant_id and k.centre_id = p_appointment.centre_id) then 'staff'
    when exists (select 1 from public.clinicians as c
                 join private.member_keys_of_current_user() as k on k.tenant_id = c.tenant_id and k.member_id = c.member_id
                 where c.tenant_id = p_appointment.tenant_id and c.id = p_appointment.clinician_id) then 'clinician'
    when (p_appointment.tenant_id, p_appointment.patient_id) in (
           select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k) then 'patient'
    when p_appointment.tenant_id in (select private.member_tenant_ids()) then 'viewer'
  end
$$;
comment on function private.appointment_caller(public.appointments) is
  'The caller''s relation to an appointment: server, staff (appointment staff at its centre), clinician (its own), patient (its own), viewer (other staff of the tenant) or null.';
revoke execute on function private.appointment_caller(public.appointments) from public, anon, authenticated, service_role;

create function private.change_appointment_status(
  p_appointment_id uuid, p_to public.appointment_status, p_reason text)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Moves an appointment to p_to if the caller may (see the migration header) and the status
 * machine allows it (trigger). Cancelling records cancellation_reason, cancelled_by and the
 * cancellation_outcome (late inside the cancellation window, fee for the patient's late cancel).
 *
 * Parameters: appointment id; target status; reason (required for cancelled and
 *             entered_in_error).
 * Returns:    the appointment id.
 * Errors:     22023, PT403, PT404, PT409 (already in that status, not allowed by the machine,
 *             no-show before the start).
 */
declare
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
  select a.* into v_appointment from public.appointments as a where a.id = p_appointment_id for update;
  v_caller := case when found then private.appointment_caller(v_appointment) end;
  if v_caller is null then
    raise exception using errcode = 'PT404', message = 'appointment not found',
      hint = 'Check the id; you only see your own appointments, or those of your clinic.';
  end if;

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
      hint = 'Reload the appointment to see its current status.';
  end if;
  if p_to in ('cancelled', 'entered_in_error') and (p_reason is null or pg_catalog.btrim(p_reason) = '') then
    raise exception using errcode = '22023', message = 'reason is required',
      hint = 'Say why, e.g. patient_request, clinician_unavailable.';
  end if;
  if p_to = 'noshow' and pg_catalog.now() < v_appointment.starts_at then
    raise exception using errcode = 'PT409', message = 'an appointment cannot be marked no-show before it starts',
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
  'Implementation of the status RPCs (security definer: nobody but service_role updates appointments directly). Checks who may make the change (PT403/PT404), then updates; the trigger enforces the status machine (PT409).';
revoke execute on function private.change_appointment_status(uuid, public.appointment_status, text) from public, anon, authenticated, service_role;
grant execute on function private.change_appointment_status(uuid, public.appointment_status, text) to authenticated, service_role;

create function private.reschedule_appointment(p_appointment_id uuid, p_starts_at timestamptz)
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
 * the tenant's cancellation_window): PT409; staff may.
 * Resources move with it: an allocation whose resource is still free (and active) at the new
 * time is kept (its occupied range follows by trigger); one that is not is handed over to any
 * free active resource of the same type at the centre; if there is none: PT409.
 * Moving to the time it already has changes nothing (no count, no history): a safe retry.
 *
 * Returns: the appointment id.
 * Errors:  22023, PT403, PT404, PT409 (time taken, too late, wrong status, hold expired), PT422.
 */
declare
  v_appointment public.appointments;
  v_caller text;
  v_window interval;
  v_duration integer;
  v_ends_at timestamptz;
  v_occupied tstzrange;
  v_before integer;
  v_after integer;
  v_constraint text;
  v_allocation record;
  v_handed_over text[] := array[]::text[];
  v_resource_type text;
  v_resource_id uuid;
  v_allocated boolean;
begin
  if p_appointment_id is null or p_starts_at is null then
    raise exception using errcode = '22023', message = 'id and starts_at are required',
      hint = 'Pass the appointment id and the new start as slot search returned it.';
  end if;
  select a.* into v_appointment from public.appointments as a where a.id = p_appointment_id for update;
  v_caller := case when found then private.appointment_caller(v_appointment) end;
  if v_caller is null then
    raise exception using errcode = 'PT404', message = 'appointment not found',
      hint = 'Check the id; you only see your own appointments, or those of your clinic.';
  end if;
  if v_caller not in ('server', 'staff', 'patient') then
    raise exception using errcode = 'PT403', message = 'you may not reschedule this appointment',
      hint = 'Ask the clinic''s front desk.';
  end if;
  if v_appointment.status not in ('pending', 'booked') then
    raise exception using errcode = 'PT409',
      message = pg_catalog.format('%s %s appointment cannot be rescheduled',
                                  case when v_appointment.status in ('arrived', 'entered_in_error') then 'an' else 'a' end,
                                  v_appointment.status),
      hint = 'Only pending and booked appointments can be moved; book a new one instead.';
  end if;
  -- fix (part L): an expired hold used to be released by the release_expired_holds call below
  -- when the new time overlapped its own, then failed with "a cancelled appointment cannot be
  -- moved"; moving a dead hold is pointless either way.
  if v_appointment.status = 'pending' and v_appointment.hold_expires_at <= pg_catalog.now() then
    raise exception using errcode = 'PT409', message = 'the hold on this appointment has expired',
      hint = 'Its time is no longer kept: search for available times again and book a new appointment.';
  end if;
  -- fix (part L): the same time used to add 1 to reschedule_count without any history row.
  if p_starts_at = v_appointment.starts_at then
    return v_appointment.id;
  end if;
  -- concurrent bookings and reschedules of this clinician or patient queue here (taken after the
  -- checks above, which need no other row, so a refused call never waits for them)
  perform private.lock_booking_keys(v_appointment.tenant_id, v_appointment.clinician_id, v_appointment.patient_id);

  select coalesce(s.reschedule_window, t.cancellation_window), s.buffer_before_minutes, s.buffer_after_minutes,
         (extract(epoch from v_appointment.ends_at - v_appointment.starts_at) / 60)::integer
    into v_window, v_before, v_after, v_duration
  from public.services as s
  join public.tenants as t on t.id = s.tenant_id
  where s.tenant_id = v_appointment.tenant_id and s.id = v_appointment.service_id;
  if v_caller = 'patient' and pg_catalog.now() > v_appointment.starts_at - v_window then
    raise exception using errcode = 'PT409', message = 'it is too late to reschedule this appointment online',
      detail = pg_catalog.format('Appointments can be moved online until %s before the start.', v_window),
      hint = 'Call the clinic: the front desk can still move it.';
  end if;

  v_ends_at := p_starts_at + pg_catalog.make_interval(mins => v_duration);
  v_occupied := pg_catalog.tstzrange(p_starts_at - pg_catalog.make_interval(mins => v_before),
                                     v_ends_at + pg_catalog.make_interval(mins => v_after), '[)');
  perform private.assert_slot_offered(v_appointment.tenant_id, v_appointment.service_id, v_appointment.clinician_id,
                                      v_appointment.centre_id, p_starts_at, v_ends_at);
  perform private.release_expired_holds(v_appointment.tenant_id, v_occupied);

  perform pg_catalog.set_config('slotbase.appointment_change_reason', 'rescheduled', true);
  begin
    -- fix (part L): resources. An allocation whose resource is taken (or retired) at the new
    -- time is handed over to another free active resource of its type, as booking allocates,
    -- instead of failing with PT409 on a time slot search offers. First the advisory locks of
    -- the allocated resources and of every resource they could be handed over to, in booking's
    -- order (name, id), so concurrent bookings and reschedules queue instead of deadlocking.
    perform private.lock_resource_key(l.tenant_id, l.id)
    from (select r.tenant_id, r.id
          from public.resources as r
          where r.tenant_id = v_appointment.tenant_id
            and ((r.tenant_id, r.id) in (select ar.tenant_id, ar.resource_id from public.appointment_resources as ar
                                         where ar.tenant_id = v_appointment.tenant_id and ar.appointment_id = v_appointment.id)
                 or (r.centre_id = v_appointment.centre_id and r.resource_type in (
                       select t.resource_type from public.appointment_resources as ar
                       join public.resources as t on t.tenant_id = ar.tenant_id and t.id = ar.resource_id
                       where ar.tenant_id = v_appointment.tenant_id and ar.appointment_id = v_appointment.id)))
          order by r.name, r.id) as l;
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
      v_allocated := false;
      for v_resource_id in
        select r.id
        from public.resources as r
        where r.tenant_id = v_appointment.tenant_id and r.centre_id = v_appointment.centre_id
          and r.resource_type = v_resource_type and r.is_active
          and not exists (select 1 from public.appointment_resources as ar
                          where ar.tenant_id = r.tenant_id and ar.resource_id = r.id and ar.active and ar.occupied && v_occupied)
        order by r.name, r.id
      loop
        begin
          insert into public.appointment_resources (tenant_id, appointment_id, resource_id, occupied, active)
          values (v_appointment.tenant_id, v_appointment.id, v_resource_id, v_occupied, true);
          v_allocated := true;
          exit;
        exception when exclusion_violation then
          null;  -- taken concurrently: try the next one
        end;
      end loop;
      if not v_allocated then
        raise exception using errcode = 'PT409', message = 'That time is no longer available',
          detail = pg_catalog.format('No %s is free at that time.', v_resource_type),
          hint = 'Search for available times again and pick another slot.';
      end if;
    end loop;
  exception when exclusion_violation or deadlock_detected then
    get stacked diagnostics v_constraint = constraint_name;
    perform private.raise_slot_taken(v_constraint);
  end;
  perform pg_catalog.set_config('slotbase.appointment_change_reason', '', true);
  return v_appointment.id;
end
$$;
comment on function private.reschedule_appointment(uuid, timestamptz) is
  'Implementation of public.reschedule_appointment (security definer): moves a pending/booked appointment in place after checking the caller, the reschedule window (patients), the hold and the new slot; resources follow (a taken one is handed over to a free one of the same type); the same time is a no-op; 23P01 -> PT409.';
revoke execute on function private.reschedule_appointment(uuid, timestamptz) from public, anon, authenticated, service_role;
grant execute on function private.reschedule_appointment(uuid, timestamptz) to authenticated, service_role;

-- The public RPCs: thin security-invoker wrappers returning the appointment row (the private
-- call is made exactly once, then the row is read through the caller's RLS).
create function public.confirm_appointment(id uuid)
returns public.appointments
language plpgsql
volatile
security invoker
set search_path = ''
as $$
/**
 * Confirms a pending appointment (pending -> booked), e.g. once payment succeeded. Staff of
 * the centre or service_role. An expired hold that nobody has taken yet can still be confirmed.
 * Errors: PT403, PT404, PT409. Example: supabase.rpc('confirm_appointment', { id })
 */
declare
  v_id uuid;
  v_appointment public.appointments;
begin
  v_id := private.change_appointment_status(confirm_appointment.id, 'booked', null);
  select a.* into v_appointment from public.appointments as a where a.id = v_id;
  return v_appointment;
end
$$;
comment on function public.confirm_appointment(uuid) is
  'pending -> booked (staff of the centre, service_role). Returns the appointment. Errors: PT403, PT404, PT409.';

create function public.cancel_appointment(id uuid, reason text)
returns public.appointments
language plpgsql
volatile
security invoker
set search_path = ''
as $$
/**
 * Cancels a pending or booked appointment (the patient, staff, or its clinician). reason is
 * required. cancellation_outcome records whether it was late (inside the cancellation window)
 * and the fee a patient's late cancellation incurs.
 * Errors: 22023, PT403, PT404, PT409. Example: supabase.rpc('cancel_appointment', { id, reason: 'patient_request' })
 */
declare
  v_id uuid;
  v_appointment public.appointments;
begin
  v_id := private.change_appointment_status(cancel_appointment.id, 'cancelled', cancel_appointment.reason);
  select a.* into v_appointment from public.appointments as a where a.id = v_id;
  return v_appointment;
end
$$;
comment on function public.cancel_appointment(uuid, text) is
  'Cancels a pending/booked appointment with a reason (patient, staff, its clinician). Returns the appointment. Errors: 22023, PT403, PT404, PT409.';

create function public.reschedule_appointment(id uuid, starts_at timestamptz)
returns public.appointments
language plpgsql
volatile
security invoker
set search_path = ''
as $$
/**
 * Moves a pending or booked appointment to a new start (same clinician, centre, service).
 * Patients not inside the reschedule window; staff any time. History is kept.
 * Errors: 22023, PT403, PT404, PT409 (taken / too late), PT422 (not an offered time).
 * Example: supabase.rpc('reschedule_appointment', { id, starts_at: '2026-12-02T10:00:00Z' })
 */
declare
  v_id uuid;
  v_appointment public.appointments;
begin
  v_id := private.reschedule_appointment(reschedule_appointment.id, reschedule_appointment.starts_at);
  select a.* into v_appointment from public.appointments as a where a.id = v_id;
  return v_appointment;
end
$$;
comment on function public.reschedule_appointment(uuid, timestamptz) is
  'Moves a pending/booked appointment in place (patients outside the reschedule window, staff any time). Returns the appointment. Errors: 22023, PT403, PT404, PT409, PT422.';

create function public.mark_arrived(id uuid)
returns public.appointments
language plpgsql
volatile
security invoker
set search_path = ''
as $$
/**
 * booked -> arrived (front desk, staff, the clinician). Errors: PT403, PT404, PT409.
 * Example: supabase.rpc('mark_arrived', { id })
 */
declare
  v_id uuid;
  v_appointment public.appointments;
begin
  v_id := private.change_appointment_status(mark_arrived.id, 'arrived', null);
  select a.* into v_appointment from public.appointments as a where a.id = v_id;
  return v_appointment;
end
$$;
comment on function public.mark_arrived(uuid) is
  'booked -> arrived (staff, the clinician). Returns the appointment. Errors: PT403, PT404, PT409.';

create function public.check_in_appointment(id uuid)
returns public.appointments
language plpgsql
volatile
security invoker
set search_path = ''
as $$
/**
 * booked | arrived -> checked_in (staff, the clinician). Errors: PT403, PT404, PT409.
 * Example: supabase.rpc('check_in_appointment', { id })
 */
declare
  v_id uuid;
  v_appointment public.appointments;
begin
  v_id := private.change_appointment_status(check_in_appointment.id, 'checked_in', null);
  select a.* into v_appointment from public.appointments as a where a.id = v_id;
  return v_appointment;
end
$$;
comment on function public.check_in_appointment(uuid) is
  'booked/arrived -> checked_in (staff, the clinician). Returns the appointment. Errors: PT403, PT404, PT409.';

create function public.complete_appointment(id uuid)
returns public.appointments
language plpgsql
volatile
security invoker
set search_path = ''
as $$
/**
 * booked | arrived | checked_in -> fulfilled (staff, the clinician). Errors: PT403, PT404, PT409.
 * Example: supabase.rpc('complete_appointment', { id })
 */
declare
  v_id uuid;
  v_appointment public.appointments;
begin
  v_id := private.change_appointment_status(complete_appointment.id, 'fulfilled', null);
  select a.* into v_appointment from public.appointments as a where a.id = v_id;
  return v_appointment;
end
$$;
comment on function public.complete_appointment(uuid) is
  'booked/arrived/checked_in -> fulfilled (staff, the clinician). Returns the appointment. Errors: PT403, PT404, PT409.';

create function public.mark_no_show(id uuid)
returns public.appointments
language plpgsql
volatile
security invoker
set search_path = ''
as $$
/**
 * booked | arrived -> noshow, after the start time (staff, the clinician). Frees the rest of
 * the slot. Errors: PT403, PT404, PT409. Example: supabase.rpc('mark_no_show', { id })
 */
declare
  v_id uuid;
  v_appointment public.appointments;
begin
  v_id := private.change_appointment_status(mark_no_show.id, 'noshow', null);
  select a.* into v_appointment from public.appointments as a where a.id = v_id;
  return v_appointment;
end
$$;
comment on function public.mark_no_show(uuid) is
  'booked/arrived -> noshow after the start (staff, the clinician). Returns the appointment. Errors: PT403, PT404, PT409.';

create function public.mark_entered_in_error(id uuid, reason text)
returns public.appointments
language plpgsql
volatile
security invoker
set search_path = ''
as $$
/**
 * Any status -> entered_in_error (owners and admins, service_role), with a reason. Frees the
 * time. Errors: 22023, PT403, PT404, PT409. Example: supabase.rpc('mark_entered_in_error', { id, reason })
 */
declare
  v_id uuid;
  v_appointment public.appointments;
begin
  v_id := private.change_appointment_status(mark_entered_in_error.id, 'entered_in_error', mark_entered_in_error.reason);
  select a.* into v_appointment from public.appointments as a where a.id = v_id;
  return v_appointment;
end
$$;
comment on function public.mark_entered_in_error(uuid, text) is
  'Any status -> entered_in_error (owners, admins, service_role) with a reason. Returns the appointment. Errors: 22023, PT403, PT404, PT409.';

revoke execute on function public.confirm_appointment(uuid) from public, anon, authenticated, service_role;
revoke execute on function public.cancel_appointment(uuid, text) from public, anon, authenticated, service_role;
revoke execute on function public.reschedule_appointment(uuid, timestamptz) from public, anon, authenticated, service_role;
revoke execute on function public.mark_arrived(uuid) from public, anon, authenticated, service_role;
revoke execute on function public.check_in_appointment(uuid) from public, anon, authenticated, service_role;
revoke execute on function public.complete_appointment(uuid) from public, anon, authenticated, service_role;
revoke execute on function public.mark_no_show(uuid) from public, anon, authenticated, service_role;
revoke execute on function public.mark_entered_in_error(uuid, text) from public, anon, authenticated, service_role;
grant execute on function public.confirm_appointment(uuid) to authenticated, service_role;
grant execute on function public.cancel_appointment(uuid, text) to authenticated, service_role;
grant execute on function public.reschedule_appointment(uuid, timestamptz) to authenticated, service_role;
grant execute on function public.mark_arrived(uuid) to authenticated, service_role;
grant execute on function public.check_in_appointment(uuid) to authenticated, service_role;
grant execute on function public.complete_appointment(uuid) to authenticated, service_role;
grant execute on function public.mark_no_show(uuid) to authenticated, service_role;
grant execute on function public.mark_entered_in_error(uuid, text) to authenticated, service_role;

-- Callers of the private functions above also run the helpers they use inside definer code;
-- appointment_caller is called only from definer functions (owner postgres).

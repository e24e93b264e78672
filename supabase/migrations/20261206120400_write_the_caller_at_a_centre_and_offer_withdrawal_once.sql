-- How a caller relates to an appointment or a waitlist entry starts with the same two answers:
-- the server, or booking staff at its centre. They are written once, private.caller_at_centre;
-- appointment_caller and waitlist_caller add what differs (an appointment's own clinician changes
-- it, a waitlist entry's clinician only sees it). Who changed a row, as the history and the
-- cancellation outcome record it ('patient', 'system' or 'staff'), is private.change_actor. A
-- live offer withdrawn or declined closes it and cancels its hold in one place,
-- private.withdraw_waitlist_offer.

create function private.caller_at_centre(p_tenant_id uuid, p_centre_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
set timezone to 'UTC'
as $$
  /**
   * 'server' (service_role, postgres), 'staff' (booking staff, private.appointment_staff_roles(),
   * at the centre or tenant-wide), else null: the first answers of appointment_caller and
   * waitlist_caller.
   * Example: select private.caller_at_centre(a.tenant_id, a.centre_id) from public.appointments as a;
   */
  select case
    when private.is_server_caller() then 'server'
    when exists (select 1 from private.centre_keys_with_role(private.appointment_staff_roles()) as k
                 where k.tenant_id = p_tenant_id and k.centre_id = p_centre_id) then 'staff'
  end
$$;
comment on function private.caller_at_centre(uuid, uuid) is
  'Whether the caller is the server or booking staff at a centre (''server'', ''staff'', else null): the shared start of appointment_caller and waitlist_caller.';
revoke execute on function private.caller_at_centre(uuid, uuid) from public, anon, authenticated, service_role;

create function private.change_actor(p_caller text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * Who changed a row, as cancellation outcomes and hold cancellations record it: 'patient',
   * 'system' (the server) or 'staff', from a caller of appointment_caller or waitlist_caller.
   * Example: select private.change_actor('server');  -- 'system'
   */
  select case p_caller when 'patient' then 'patient' when 'server' then 'system' else 'staff' end
$$;
comment on function private.change_actor(text) is
  'Who changed a row (''patient'', ''system'' or ''staff'') from how the caller relates to it.';
revoke execute on function private.change_actor(text) from public, anon, authenticated, service_role;

create function private.withdraw_waitlist_offer(p_entry public.waitlist_entries, p_outcome public.waitlist_offer_outcome,
                                                p_entry_status public.waitlist_status, p_reason text)
returns void
language plpgsql
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * Ends the live offer of a waitlist entry without booking it: closes the offer with p_outcome
 * (the entry becomes p_entry_status) and cancels its held appointment with p_reason, recording
 * who did it (private.change_actor of private.waitlist_caller, asked first). Called by leave_waitlist and
 * decline_waitlist_offer after the entry is locked.
 * Example: perform private.withdraw_waitlist_offer(v_entry, 'declined', 'waiting', 'waitlist_offer_declined');
 */
declare
  v_actor text := private.change_actor(private.waitlist_caller(p_entry));
begin
  perform private.close_waitlist_offer(p_entry.tenant_id, p_entry.id, p_outcome, p_entry_status);
  perform private.cancel_waitlist_hold(p_entry.tenant_id, p_entry.offered_appointment_id, p_reason, v_actor);
end
$$;
comment on function private.withdraw_waitlist_offer(public.waitlist_entries, public.waitlist_offer_outcome, public.waitlist_status, text) is
  'Ends a waitlist entry''s live offer without booking it: closes the offer and cancels its hold, recording who did it.';
revoke execute on function private.withdraw_waitlist_offer(public.waitlist_entries, public.waitlist_offer_outcome, public.waitlist_status, text) from public, anon, authenticated, service_role;

create or replace function private.appointment_caller(p_appointment appointments)
 returns text
 language sql
 stable
 security definer
 set search_path = ''
 set timezone to 'UTC'
as $function$
  /**
   * How the caller relates to an appointment: 'server' (service_role, postgres), 'staff'
   * (appointment staff at its centre), 'clinician' (the appointment's own clinician),
   * 'patient' (its patient), 'viewer' (other staff who may see it - tenant-wide, or holding a
   * role at its centre - but may not change it), or null (may not even see it: PT404).
   * Example: select private.appointment_caller(a) from public.appointments as a where a.id = '...';
   */
  select coalesce(private.caller_at_centre(p_appointment.tenant_id, p_appointment.centre_id), case
    when (p_appointment.tenant_id, p_appointment.clinician_id) in (
           select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k) then 'clinician'
    when (p_appointment.tenant_id, p_appointment.patient_id) in (
           select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k) then 'patient'
    when p_appointment.tenant_id in (select private.tenant_wide_staff_tenant_ids())
      or (p_appointment.tenant_id, p_appointment.id) in (
           select k.tenant_id, k.appointment_id from private.appointment_keys_of_scoped_staff() as k) then 'viewer'
  end)
$function$;

create or replace function private.waitlist_caller(p_entry waitlist_entries)
 returns text
 language sql
 stable
 security definer
 set search_path = ''
 set timezone to 'UTC'
as $function$
  /**
   * How the caller relates to a waitlist entry: 'server' (service_role, postgres), 'staff'
   * (appointment staff at its centre), 'patient' (its patient), 'viewer' (other staff who see it:
   * tenant-wide staff, staff holding a role at its centre, the clinician it waits for - they may
   * not change it), or null (may not even see it: PT404).
   * Example: select private.waitlist_caller(e) from public.waitlist_entries as e where e.id = '...';
   */
  select coalesce(private.caller_at_centre(p_entry.tenant_id, p_entry.centre_id), case
    when (p_entry.tenant_id, p_entry.patient_id) in (
           select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k) then 'patient'
    when p_entry.tenant_id in (select private.tenant_wide_staff_tenant_ids())
      or (p_entry.tenant_id, p_entry.centre_id) in (
           select k.tenant_id, k.centre_id from private.scoped_centre_keys(private.staff_roles()) as k)
      or (p_entry.tenant_id, p_entry.clinician_id) in (
           select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k) then 'viewer'
  end)
$function$;

create or replace function private.leave_waitlist(p_entry_id uuid)
 returns uuid
 language plpgsql
 security definer
 set search_path = ''
 set timezone to 'UTC'
as $function$
/**
 * Takes a waiting or offered entry off the waitlist (-> cancelled). A live offer is withdrawn:
 * outcome withdrawn, its hold cancelled with reason waitlist_offer_withdrawn, and the time goes
 * to the next entry (trigger).
 *
 * Returns: the entry id.
 * Errors:  22023, PT403, PT404, PT409 status_conflict (already booked, expired or cancelled).
 */
declare
  v_entry public.waitlist_entries;
begin
  v_entry := private.waitlist_entry_for_change(p_entry_id);
  if v_entry.status not in ('waiting', 'offered') then
    raise exception using errcode = 'PT409',
      message = pg_catalog.format('this waitlist entry is already %s', v_entry.status),
      detail = 'status_conflict',
      hint = 'Only waiting or offered entries can leave the waitlist.';
  end if;
  if v_entry.status = 'offered' then
    perform private.withdraw_waitlist_offer(v_entry, 'withdrawn', 'cancelled', 'waitlist_offer_withdrawn');
  else
    update public.waitlist_entries as e
       set status = 'cancelled'
     where e.tenant_id = v_entry.tenant_id and e.id = v_entry.id;
  end if;
  return v_entry.id;
end
$function$;

create or replace function private.decline_waitlist_offer(p_entry_id uuid, p_offer_id uuid)
 returns uuid
 language plpgsql
 security definer
 set search_path = ''
 set timezone to 'UTC'
as $function$
/**
 * Declines the open offer of an entry: the offer ends declined, the entry goes back to waiting
 * (expired when its window is over) - the patient still wants another time - and the hold is
 * cancelled with reason waitlist_offer_declined, so the slot goes to the next entry (trigger).
 * An offer past offer_expires_at whose hold was not yet released can still be declined.
 *
 * Returns: the entry id.
 * Errors:  22023, PT403, PT404, PT409 (offer_closed, offer_expired).
 */
declare
  v_entry public.waitlist_entries;
begin
  v_entry := private.waitlist_entry_for_change(p_entry_id);
  perform private.assert_waitlist_offer_open(v_entry, p_offer_id, true);
  perform private.withdraw_waitlist_offer(v_entry, 'declined',
    case when v_entry.latest > pg_catalog.now() then 'waiting' else 'expired' end::public.waitlist_status,
    'waitlist_offer_declined');
  return v_entry.id;
end
$function$;

create or replace function private.change_appointment_status(p_appointment_id uuid, p_to appointment_status, p_reason text)
 returns uuid
 language plpgsql
 security definer
 set search_path = ''
 set timezone to 'UTC'
as $function$
/**
 * Moves an appointment to p_to if the caller may and the status machine allows it (trigger).
 * Cancelling records cancellation_reason, cancelled_by and the cancellation_outcome (late inside
 * the cancellation window, fee for the patient's late cancel).
 * Who: confirm (pending -> booked) appointment staff of the centre and the server; cancel also
 * the patient and the appointment's clinician; entered_in_error owners, admins and the server;
 * visit progress appointment staff, the clinician and the server. Locks: the appointment row.
 *
 * Parameters: appointment id; target status; reason (required for cancelled and
 *             entered_in_error; at most 500 characters, 22001 value_too_long beyond).
 * Returns:    the appointment id.
 * Errors:     22023, 22001 (reason too long), PT403, PT404, PT409 status_conflict (already in that status, not allowed by
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
  perform private.assert_text_within(p_reason, 'reason', 500);
  v_change := private.appointment_for_change(p_appointment_id, 'row');
  v_appointment := v_change.appointment;
  v_caller := v_change.caller;

  v_allowed := case p_to
    when 'booked' then v_caller in ('server', 'staff')
    when 'cancelled' then v_caller in ('server', 'staff', 'clinician', 'patient')
    when 'entered_in_error' then v_caller = 'server'
      or v_appointment.tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles()))
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
             'by', private.change_actor(v_caller),
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
$function$;

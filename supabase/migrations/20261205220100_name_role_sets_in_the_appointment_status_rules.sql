-- The status machine's owner/admin rule (entered_in_error) names its role set,
-- private.tenant_admin_roles(), in the guard trigger and in change_appointment_status. The guard
-- runs as the writing role, service_role included: it needs EXECUTE on the set.

grant execute on function private.tenant_admin_roles() to service_role;

create or replace function private.guard_appointment_status()
returns trigger
language plpgsql
set search_path = ''
set timezone to 'UTC'
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
         and new.tenant_id not in (select private.tenant_ids_with_role(private.tenant_admin_roles())) then
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

create or replace function private.change_appointment_status(p_appointment_id uuid, p_to public.appointment_status, p_reason text)
returns uuid
language plpgsql
security definer
set search_path = ''
set timezone to 'UTC'
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

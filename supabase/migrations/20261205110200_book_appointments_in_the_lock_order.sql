-- book_appointment in the lock order (docs/booking.md#lock-order), on the shared booking helpers
-- (20261205110100), with reason codes on its refusals (docs/errors.md).
--
-- private.book_appointment: the preamble is private.resolve_booking_request; the booking keys
-- (clinician, patient, the pool of the service's room or device type) are taken before any row;
-- only the expired holds in the way of the new time are released (same clinician, same patient,
-- a room or device of the pool), in id order; a deadlock is no longer reported as a taken slot.
-- public.book_appointment runs it in a subtransaction and starts over after 40P01/40001
-- (private.after_lock_conflict), so neither reaches a caller.

create or replace function private.book_appointment(
  p_service_id uuid, p_clinician_id uuid, p_centre_id uuid, p_starts_at timestamptz,
  p_patient_id uuid, p_client_key text, p_staff_override boolean, p_override_reason text)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Books an appointment (see public.book_appointment for the contract).
 * security definer: patients cannot read availability, other appointments or resources, and no
 * API role inserts appointments directly. Acts only for auth.uid() (or the server).
 * Locks (docs/booking.md#lock-order): the booking keys of the clinician, the patient and the
 * service's resource pool, then the expired holds in the way.
 *
 * Returns: the appointment id (new, or the earlier one for a repeated client_key).
 */
declare
  v_request private.booking_request;
  v_tenant public.tenants;
  v_service public.services;
  v_pools text[];
  v_duration integer;
  v_ends_at timestamptz;
  v_occupied tstzrange;
  v_id uuid;
  v_constraint text;
begin
  perform private.assert_booking_caller('appointment');
  if p_service_id is null or p_clinician_id is null or p_centre_id is null or p_starts_at is null then
    raise exception using errcode = '22023', message = 'service_id, clinician_id, centre_id and starts_at are required',
      hint = 'Pass the slot exactly as slot search returned it.';
  end if;
  if p_client_key is not null and pg_catalog.char_length(p_client_key) not between 1 and 200 then
    raise exception using errcode = '22023', message = 'client_key must be 1 to 200 characters',
      hint = 'Use a random id per booking attempt, e.g. a UUID, and reuse it only to retry.';
  end if;

  -- what and who
  v_request := private.resolve_booking_request('appointment', p_service_id, p_centre_id, p_clinician_id, p_patient_id,
                                               coalesce(p_staff_override, false));
  v_tenant := v_request.tenant;
  v_service := v_request.service;
  if p_staff_override and (p_override_reason is null or pg_catalog.btrim(p_override_reason) = '') then
    raise exception using errcode = '22023', message = 'override_reason is required with staff_override',
      hint = 'Say why the booking is outside the offered times; it is audited.';
  end if;

  -- concurrent bookings of this clinician, patient or room/device pool queue here
  v_pools := array[private.resource_pool(p_centre_id, v_service.required_resource_type)];
  perform private.lock_booking(v_tenant.id, p_clinician_id, v_request.patient_id, v_pools);

  -- idempotency: the same key returns the same appointment
  v_id := private.appointment_for_client_key(v_tenant.id, v_request.patient_id, p_client_key,
                                             p_service_id, p_clinician_id, p_centre_id, p_starts_at);
  if v_id is not null then
    return v_id;
  end if;

  v_duration := private.assert_bookable('appointment', v_request);
  v_ends_at := p_starts_at + pg_catalog.make_interval(mins => v_duration);
  v_occupied := pg_catalog.tstzrange(p_starts_at - pg_catalog.make_interval(mins => v_service.buffer_before_minutes),
                                     v_ends_at + pg_catalog.make_interval(mins => v_service.buffer_after_minutes), '[)');

  -- when
  if not p_staff_override then
    perform private.assert_slot_offered(v_tenant.id, p_service_id, p_clinician_id, p_centre_id, p_starts_at, v_ends_at);
  end if;

  perform private.release_holds_in_the_way(v_tenant.id, p_clinician_id, v_request.patient_id,
                                           pg_catalog.tstzrange(p_starts_at, v_ends_at, '[)'), v_occupied, v_pools);

  if p_staff_override then
    perform pg_catalog.set_config('slotbase.appointment_change_reason', 'staff_override: ' || pg_catalog.btrim(p_override_reason), true);
  end if;
  begin
    insert into public.appointments (
      tenant_id, service_id, clinician_id, centre_id, patient_id, starts_at, ends_at, occupied, status,
      hold_expires_at, client_key, booked_by, booked_via, staff_override, override_reason)
    values (
      v_tenant.id, p_service_id, p_clinician_id, p_centre_id, v_request.patient_id, p_starts_at, v_ends_at, v_occupied,
      case when v_service.payment_required then 'pending' else 'booked' end::public.appointment_status,
      case when v_service.payment_required then pg_catalog.now() + v_tenant.payment_hold_duration end,
      p_client_key, v_request.uid, case when v_request.staff then 'staff' else 'patient' end, coalesce(p_staff_override, false),
      case when p_staff_override then pg_catalog.btrim(p_override_reason) end)
    returning id into v_id;
  exception
    when exclusion_violation or unique_violation then
      get stacked diagnostics v_constraint = constraint_name;
      -- a request with the same key won meanwhile (a write outside the booking keys): its appointment
      v_id := private.appointment_for_client_key(v_tenant.id, v_request.patient_id, p_client_key,
                                                 p_service_id, p_clinician_id, p_centre_id, p_starts_at);
      if v_id is not null then
        return v_id;
      end if;
      perform private.raise_slot_taken(v_constraint);
  end;
  perform pg_catalog.set_config('slotbase.appointment_change_reason', '', true);

  -- resources: any free active one of the required type at the centre
  if v_service.required_resource_type is not null
     and private.allocate_resource(v_tenant.id, v_id, p_centre_id, v_service.required_resource_type, v_occupied) is null then
    perform private.raise_slot_taken(null, v_service.required_resource_type);
  end if;

  return v_id;
end
$$;
comment on function private.book_appointment(uuid, uuid, uuid, timestamptz, uuid, text, boolean, text) is
  'Implementation of public.book_appointment (security definer: patients cannot read availability or others'' appointments; nobody inserts appointments directly). Resolves who/what (private.resolve_booking_request), takes the booking keys, checks when, releases the expired holds in the way, inserts, allocates resources; 23P01 -> PT409 slot_taken / patient_busy.';

create or replace function public.book_appointment(
  service_id uuid, clinician_id uuid, centre_id uuid, starts_at timestamptz,
  patient_id uuid default null, client_key text default null,
  staff_override boolean default false, override_reason text default null)
returns public.appointments
language plpgsql
volatile
security invoker
set search_path = ''
as $$
/**
 * Books an appointment and returns it.
 *
 * Parameters:
 *   service_id, clinician_id, centre_id, starts_at   the slot, as slot search returned it
 *   patient_id       staff: the patient booked for; patients: leave out (their own record in the
 *                    service's tenant) or pass their own record's id
 *   client_key       idempotency key: a retry with the same key returns the same appointment
 *                    (a different slot with a used key: PT409 client_key_reused)
 *   staff_override   staff (owner, admin, manager, front desk) book outside the offered times
 *   override_reason  required with staff_override; audited
 * Returns: the appointment: pending with hold_expires_at (now + the tenant's payment hold) when
 *          the service requires payment, else booked.
 * Errors:  22023 bad argument, PT403 not allowed, PT404 not found, PT409 with details slot_taken
 *          (search again), patient_busy or client_key_reused, PT422 not a bookable time,
 *          PT503 busy (try again). See docs/errors.md.
 * Example: supabase.rpc('book_appointment', { service_id, clinician_id, centre_id,
 *            starts_at: '2026-12-01T10:00:00Z', client_key: crypto.randomUUID() })
 */
declare
  v_id uuid;
  v_attempt integer := 0;
  v_appointment public.appointments;
begin
  loop
    begin
      v_id := private.book_appointment(book_appointment.service_id, book_appointment.clinician_id, book_appointment.centre_id,
                                       book_appointment.starts_at, book_appointment.patient_id, book_appointment.client_key,
                                       coalesce(book_appointment.staff_override, false), book_appointment.override_reason);
      exit;
    exception when deadlock_detected or serialization_failure then
      v_attempt := private.after_lock_conflict(v_attempt, sqlstate);
    end;
  end loop;
  select a.* into v_appointment from public.appointments as a where a.id = v_id;
  return v_appointment;
end
$$;
comment on function public.book_appointment(uuid, uuid, uuid, timestamptz, uuid, text, boolean, text) is
  'Books an appointment (patients for themselves, staff for a patient, optionally overriding availability with a reason) and returns it; idempotent on client_key. Errors: 22023, PT403, PT404, PT409 (details slot_taken: search again; patient_busy; client_key_reused), PT422 (not an offered time), PT503 busy. See docs/booking.md and docs/errors.md.';

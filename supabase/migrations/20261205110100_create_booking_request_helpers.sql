-- One place for each rule the booking RPCs share: book_appointment, book_appointment_series,
-- join_waitlist and the waitlist offer call these instead of carrying copies.
--
--   private.assert_booking_caller(purpose)        who may ask at all: a signed-in user or the server
--   private.resolve_booking_request(...)          the preamble: service -> tenant, centre, clinician;
--                                                 patient, staff or server; the staff override right
--   private.assert_bookable(purpose, request)     active, works at the centre, offers the service
--   private.appointment_for_client_key(...)       idempotency: the appointment of a client_key
--   private.allocate_resource(...)                any free active room or device of a pool
--   private.raise_slot_taken(constraint, type)    PT409 slot_taken / patient_busy
-- `purpose` ('appointment', 'series' or 'waitlist') only chooses the words of the messages, which
-- stay exactly as each RPC has always answered. Who counts as booking staff is decided by the
-- access helpers (private.centre_keys_with_role with private.appointment_staff_roles()).

create function private.assert_booking_caller(p_purpose text)
returns void
language plpgsql
stable
set search_path = ''
as $$
/**
 * Raises PT403 unless the request comes from a signed-in user or the server: the first check of
 * every booking RPC, before its arguments are looked at.
 * Parameters: 'appointment', 'series' or 'waitlist' (the wording).
 */
begin
  if (select auth.uid()) is null and not private.is_server_caller() then
    raise exception using errcode = 'PT403',
      message = case p_purpose when 'waitlist' then 'sign in to join the waitlist' else 'sign in to book an appointment' end,
      hint = 'Patients sign in with their phone; staff with their e-mail.';
  end if;
end
$$;
comment on function private.assert_booking_caller(text) is
  'Booking RPCs: PT403 unless the caller is a signed-in user or the server.';
revoke execute on function private.assert_booking_caller(text) from public, anon, authenticated, service_role;

create type private.booking_request as (
  uid uuid,
  staff boolean,
  tenant public.tenants,
  service public.services,
  centre public.centres,
  clinician public.clinicians,
  patient_id uuid
);
comment on type private.booking_request is
  'A booking request resolved by private.resolve_booking_request: who asks, for which patient, and the service, tenant, centre and clinician rows.';
comment on column private.booking_request.uid is 'The signed-in user asking (null for the server).';
comment on column private.booking_request.staff is 'True when staff or the server book for patient_id (booked_via / joined_via staff); false when a patient books for their own record.';
comment on column private.booking_request.tenant is 'The tenant of the service.';
comment on column private.booking_request.service is 'The service (it decides the tenant).';
comment on column private.booking_request.centre is 'The centre, of the same tenant.';
comment on column private.booking_request.clinician is 'The clinician, of the same tenant; null when none was named (a waitlist entry for any clinician).';
comment on column private.booking_request.patient_id is 'The patient booked for: patient_id for staff and the server, the caller''s own record for a patient.';

create function private.resolve_booking_request(
  p_purpose text, p_service_id uuid, p_centre_id uuid, p_clinician_id uuid, p_patient_id uuid, p_staff_override boolean)
returns private.booking_request
language plpgsql
stable
set search_path = ''
as $$
/**
 * The booking preamble: what is booked and for whom, for book_appointment, book_appointment_series
 * and join_waitlist (called by their security definer implementations).
 *   what  the service decides the tenant (PT404 'service not found'); the centre and the
 *         clinician (when named) must be of that tenant (PT404);
 *   who   booking staff of the centre (private.appointment_staff_roles) and the server book for
 *         patient_id (a patient of the tenant, PT404); everyone else books for their own patient
 *         record in the tenant (PT404 without one, PT403 for another patient's id), and only
 *         listed services and clinicians at published centres (PT404 'this service is not
 *         bookable online'); the server must name the patient (22023);
 *   staff_override  owners, admins, managers and front desk of the centre, or the server (PT403).
 *
 * Parameters: purpose ('appointment', 'series' or 'waitlist': the wording); service, centre,
 *             clinician (null: any, waitlist only); patient_id as the caller passed it; whether
 *             the caller asks to override availability.
 * Returns:    the resolved request.
 */
declare
  v_uid uuid := (select auth.uid());
  v_server boolean := private.is_server_caller();
  v_service public.services;
  v_tenant public.tenants;
  v_centre public.centres;
  v_clinician public.clinicians;
  v_staff boolean;
  v_patient_id uuid;
begin
  select s.* into v_service from public.services as s where s.id = p_service_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'service not found',
      hint = 'Pick a service from the clinic''s list.';
  end if;
  select t.* into v_tenant from public.tenants as t where t.id = v_service.tenant_id;
  select c.* into v_centre from public.centres as c where c.tenant_id = v_service.tenant_id and c.id = p_centre_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'centre not found',
      hint = 'Pick a centre of the same clinic as the service.';
  end if;
  if p_clinician_id is not null then
    select c.* into v_clinician from public.clinicians as c where c.tenant_id = v_service.tenant_id and c.id = p_clinician_id;
    if not found then
      raise exception using errcode = 'PT404', message = 'clinician not found',
        hint = case p_purpose when 'waitlist'
                 then 'Pick a clinician of the same clinic as the service, or leave clinician_id out for any clinician.'
                 else 'Pick a clinician of the same clinic as the service.' end;
    end if;
  end if;

  v_staff := p_patient_id is not null and (v_server or exists (
    select 1 from private.centre_keys_with_role(private.appointment_staff_roles()) as k
    where k.tenant_id = v_service.tenant_id and k.centre_id = p_centre_id));
  if v_staff then
    v_patient_id := p_patient_id;
    if not exists (select 1 from public.patients as p where p.tenant_id = v_service.tenant_id and p.id = v_patient_id) then
      raise exception using errcode = 'PT404', message = 'patient not found',
        hint = 'Pick a patient of the same clinic, or register them first.';
    end if;
    if p_staff_override and not (v_server or exists (
        select 1 from private.centre_keys_with_role(array['owner', 'admin', 'manager', 'front_desk']::public.staff_role[]) as k
        where k.tenant_id = v_service.tenant_id and k.centre_id = p_centre_id)) then
      raise exception using errcode = 'PT403', message = 'only owners, admins, managers and front desk may override availability',
        hint = 'Book a time slot search offers, or ask the front desk.';
    end if;
  else
    if v_uid is null then
      raise exception using errcode = '22023',
        message = case p_purpose when 'waitlist' then 'patient_id is required for server-side calls'
                                 else 'patient_id is required for server-side bookings' end,
        hint = case p_purpose when 'waitlist' then 'Pass the patient who waits.'
                              when 'series' then 'Pass the patient the appointments are for.'
                              else 'Pass the patient the appointment is for.' end;
    end if;
    select p.id into v_patient_id
    from public.patients as p
    where p.tenant_id = v_service.tenant_id and p.user_id = v_uid;
    if v_patient_id is null then
      raise exception using errcode = 'PT404', message = 'you have no patient record with this clinic',
        hint = case p_purpose when 'waitlist' then 'Register with the clinic first, then join the waitlist.'
                              else 'Register with the clinic first, then book.' end;
    end if;
    if p_patient_id is not null and p_patient_id <> v_patient_id then
      raise exception using errcode = 'PT403',
        message = case p_purpose when 'waitlist' then 'you can only join the waitlist for your own patient record'
                                 else 'you can only book for your own patient record' end,
        hint = case p_purpose when 'waitlist' then 'Leave patient_id out to join for yourself; the clinic''s staff add others.'
                              else 'Leave patient_id out to book for yourself; the clinic''s staff book for others.' end;
    end if;
    if p_staff_override then
      raise exception using errcode = 'PT403', message = 'only staff may override availability',
        hint = 'Book one of the times slot search offers.';
    end if;
    if not (v_service.is_public and v_centre.is_published and (p_clinician_id is null or v_clinician.is_public)) then
      raise exception using errcode = 'PT404', message = 'this service is not bookable online',
        hint = 'Pick a listed service, clinician and centre, or call the clinic.';
    end if;
  end if;
  return row(v_uid, v_staff, v_tenant, v_service, v_centre, v_clinician, v_patient_id)::private.booking_request;
end
$$;
comment on function private.resolve_booking_request(text, uuid, uuid, uuid, uuid, boolean) is
  'The booking preamble of book_appointment, book_appointment_series and join_waitlist: service -> tenant, centre, clinician (PT404); patient vs staff vs server and the patient booked for (PT403/PT404/22023); the staff override right (PT403).';
revoke execute on function private.resolve_booking_request(text, uuid, uuid, uuid, uuid, boolean) from public, anon, authenticated, service_role;

create function private.assert_bookable(p_purpose text, p_request private.booking_request)
returns integer
language plpgsql
stable
set search_path = ''
as $$
/**
 * Raises PT422 unless the request can be booked at all: tenant, service, centre and (named)
 * clinician active; the clinician works at the centre and offers the service; for a waitlist
 * entry for any clinician, someone active (and listed, unless staff asked) offers it there.
 *
 * Parameters: purpose ('appointment', 'series' or 'waitlist': the wording); the resolved request.
 * Returns:    the appointment length in minutes (the clinician's override, else the service's);
 *             null for any clinician.
 */
declare
  v_tenant public.tenants := p_request.tenant;
  v_service public.services := p_request.service;
  v_centre public.centres := p_request.centre;
  v_clinician public.clinicians := p_request.clinician;
  v_duration integer;
begin
  if not (coalesce(v_tenant.is_active, false) and coalesce(v_service.is_active, false) and coalesce(v_centre.is_active, false)
          and (v_clinician.id is null or v_clinician.is_active)) then
    raise exception using errcode = 'PT422', message = 'this service, clinician or centre is not taking bookings',
      hint = 'Pick an active service, clinician and centre.';
  end if;
  if v_clinician.id is null then
    if not exists (
        select 1
        from public.clinicians as c
        join public.clinician_centres as cc on cc.tenant_id = c.tenant_id and cc.clinician_id = c.id and cc.centre_id = v_centre.id
        join public.clinician_services as cs on cs.tenant_id = c.tenant_id and cs.clinician_id = c.id and cs.service_id = v_service.id
        where c.tenant_id = v_service.tenant_id and c.is_active and (p_request.staff or c.is_public)) then
      raise exception using errcode = 'PT422', message = 'nobody offers this service at this centre',
        hint = 'Pick a centre where the service is offered.';
    end if;
    return null;
  end if;
  if not exists (select 1 from public.clinician_centres as cc
                 where cc.tenant_id = v_service.tenant_id and cc.clinician_id = v_clinician.id and cc.centre_id = v_centre.id) then
    raise exception using errcode = 'PT422', message = 'the clinician does not work at this centre',
      hint = 'Pick a centre where the clinician works.';
  end if;
  select coalesce(cs.duration_minutes_override, v_service.duration_minutes) into v_duration
  from public.clinician_services as cs
  where cs.tenant_id = v_service.tenant_id and cs.clinician_id = v_clinician.id and cs.service_id = v_service.id;
  if v_duration is null then
    raise exception using errcode = 'PT422', message = 'the clinician does not offer this service',
      hint = case p_purpose when 'waitlist'
               then 'Pick a clinician who offers the service, or leave clinician_id out for any clinician.'
               else 'Pick a clinician who offers the service.' end;
  end if;
  return v_duration;
end
$$;
comment on function private.assert_bookable(text, private.booking_request) is
  'PT422 unless a booking request can be booked at all (active; the clinician works at the centre and offers the service; someone offers it for "any clinician"); returns the length in minutes.';
revoke execute on function private.assert_bookable(text, private.booking_request) from public, anon, authenticated, service_role;

create function private.appointment_for_client_key(
  p_tenant_id uuid, p_patient_id uuid, p_client_key text,
  p_service_id uuid, p_clinician_id uuid, p_centre_id uuid, p_starts_at timestamptz)
returns uuid
language plpgsql
stable
set search_path = ''
as $$
/**
 * Idempotency of book_appointment: the appointment a client_key already booked for this patient,
 * when it is the same request (service, clinician, centre, start); PT409 client_key_reused when
 * the key booked something else.
 *
 * Parameters: tenant and patient; the client_key (null: none); the requested slot.
 * Returns:    the earlier appointment's id, or null.
 */
declare
  v_existing public.appointments;
begin
  if p_client_key is null then
    return null;
  end if;
  select a.* into v_existing
  from public.appointments as a
  where a.tenant_id = p_tenant_id and a.patient_id = p_patient_id and a.client_key = p_client_key;
  if not found then
    return null;
  end if;
  if (v_existing.service_id, v_existing.clinician_id, v_existing.centre_id, v_existing.starts_at)
     is distinct from (p_service_id, p_clinician_id, p_centre_id, p_starts_at) then
    raise exception using errcode = 'PT409', message = 'this client_key was already used for a different booking',
      detail = 'client_key_reused',
      hint = 'Use a new client_key for a new booking; reuse a key only to retry the same request.';
  end if;
  return v_existing.id;
end
$$;
comment on function private.appointment_for_client_key(uuid, uuid, text, uuid, uuid, uuid, timestamptz) is
  'Idempotency of book_appointment: the appointment booked earlier with the same client_key and slot, null when none; PT409 client_key_reused for a different slot.';
revoke execute on function private.appointment_for_client_key(uuid, uuid, text, uuid, uuid, uuid, timestamptz) from public, anon, authenticated, service_role;

create function private.allocate_resource(
  p_tenant_id uuid, p_appointment_id uuid, p_centre_id uuid, p_resource_type text, p_occupied tstzrange)
returns uuid
language plpgsql
volatile
set search_path = ''
as $$
/**
 * Gives an appointment any free active room or device of a type at a centre (by name, then id),
 * trying the next one when a concurrent allocation took it (23P01). The caller holds the pool's
 * booking key (private.lock_booking or private.try_lock_booking_key).
 *
 * Parameters: tenant, appointment, centre, resource type, the appointment's occupied range.
 * Returns:    the resource allocated, or null when none is free.
 */
declare
  v_resource_id uuid;
begin
  for v_resource_id in
    select r.id
    from public.resources as r
    where r.tenant_id = p_tenant_id and r.centre_id = p_centre_id
      and r.resource_type = p_resource_type and r.is_active
      and not exists (select 1 from public.appointment_resources as ar
                      where ar.tenant_id = r.tenant_id and ar.resource_id = r.id and ar.active and ar.occupied && p_occupied)
    order by r.name, r.id
  loop
    begin
      insert into public.appointment_resources (tenant_id, appointment_id, resource_id, occupied, active)
      values (p_tenant_id, p_appointment_id, v_resource_id, p_occupied, true);
      return v_resource_id;
    exception when exclusion_violation then
      null;  -- taken concurrently: try the next one
    end;
  end loop;
  return null;
end
$$;
comment on function private.allocate_resource(uuid, uuid, uuid, text, tstzrange) is
  'Allocates any free active resource of a type at a centre to an appointment (by name); returns it, or null when none is free. Used by booking, rescheduling and the waitlist offer.';
revoke execute on function private.allocate_resource(uuid, uuid, uuid, text, tstzrange) from public, anon, authenticated, service_role;

drop function private.raise_slot_taken(text);
create function private.raise_slot_taken(p_constraint text, p_resource_type text default null)
returns void
language plpgsql
volatile
set search_path = ''
as $$
/**
 * Raises the PT409 of a time that is gone (docs/errors.md):
 *   reason patient_busy  the patient already has an appointment then (appointments_patient_no_overlap);
 *   reason slot_taken    the clinician's time is taken (any other exclusion violation), or no room
 *                        or device of p_resource_type is free then.
 * Parameters: the violated constraint's name (23P01/23505), or null with the resource type.
 */
begin
  if p_resource_type is not null then
    raise exception using errcode = 'PT409', message = 'That time is no longer available',
      detail = 'slot_taken',
      hint = pg_catalog.format('No %s is free at that time: search for available times again and pick another slot.', p_resource_type);
  end if;
  if p_constraint = 'appointments_patient_no_overlap' then
    raise exception using errcode = 'PT409', message = 'The patient already has an appointment at that time',
      detail = 'patient_busy',
      hint = 'Pick a time that does not overlap the patient''s other appointments.';
  end if;
  raise exception using errcode = 'PT409', message = 'That time is no longer available',
    detail = 'slot_taken',
    hint = 'Someone else just booked it: search for available times again and pick another slot.';
end
$$;
comment on function private.raise_slot_taken(text, text) is
  'Raises PT409 "That time is no longer available" (reason slot_taken: the clinician''s time, or no free room/device of a type) or "The patient already has an appointment at that time" (reason patient_busy) in place of 23P01.';
revoke execute on function private.raise_slot_taken(text, text) from public, anon, authenticated, service_role;

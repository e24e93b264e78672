-- Booking: public.book_appointment(...) and the private helpers it shares with the other
-- appointment RPCs (issue 4).
--
-- public.book_appointment is security invoker (the API surface); the work is done by
-- private.book_appointment, security definer, because a patient may read neither availability
-- nor other patients' appointments, and no API role may insert appointments directly. It acts
-- only for auth.uid() (or the server) and checks everything itself:
--   who     a patient books for their own record in the service's tenant; staff who handle
--           patients (owner, admin, manager, centre_manager of that centre, care_coordinator,
--           front_desk) book for any patient of the tenant; service_role for any patient;
--   what    service, clinician, centre, patient of the same tenant; active; the clinician works
--           at the centre and offers the service; for patients also public and published;
--   when    (unless staff_override) inside private.clinician_open_windows, aligned to the
--           service's slot_alignment_minutes from local midnight in the centre's zone, at least
--           min_booking_notice ahead and within max_booking_horizon (service, else tenant);
--   resources  any free active resource of the service's required_resource_type at the centre.
-- Expired holds overlapping the requested time are released (cancelled, hold_expired) first.
-- Concurrency: the exclusion constraints decide; 23P01 becomes PT409 "That time is no longer
-- available". Idempotency: (tenant, patient, client_key) returns the first appointment.
-- Errors: 22023 bad argument, PT403 not allowed, PT404 not found (also other tenants' rows),
-- PT409 taken / key reused, PT422 not bookable (hours, alignment, notice, horizon).

create function private.appointment_staff_roles()
returns public.staff_role[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * Roles that book and manage appointments for patients at a centre (tenant-wide, or
   * centre_manager at their centre): owner, admin, manager, centre_manager, care_coordinator,
   * front_desk.
   * Example: select private.appointment_staff_roles();
   */
  select array['owner', 'admin', 'manager', 'centre_manager', 'care_coordinator', 'front_desk']::public.staff_role[]
$$;
comment on function private.appointment_staff_roles() is
  'Roles that book and manage appointments for patients (owner, admin, manager, centre_manager at their centre, care_coordinator, front_desk).';
revoke execute on function private.appointment_staff_roles() from public, anon, authenticated, service_role;
grant execute on function private.appointment_staff_roles() to authenticated, service_role;

create function private.is_server_caller()
returns boolean
language sql
stable
set search_path = ''
as $$
  /**
   * True when the request comes from the server: no signed-in user and the request role is
   * service_role (or no request role at all: postgres in migrations, pg_cron, the SQL editor).
   * Example: select private.is_server_caller();
   */
  select (select auth.uid()) is null
     and coalesce(nullif(pg_catalog.current_setting('role', true), 'none'), '') in ('', 'service_role', 'postgres')
$$;
comment on function private.is_server_caller() is
  'True for server-side callers of the appointment RPCs: no auth user, request role service_role (or none: postgres, pg_cron).';
revoke execute on function private.is_server_caller() from public, anon, authenticated, service_role;
grant execute on function private.is_server_caller() to authenticated, service_role;

create function private.assert_slot_offered(
  p_tenant_id uuid, p_service_id uuid, p_clinician_id uuid, p_centre_id uuid,
  p_starts_at timestamptz, p_ends_at timestamptz)
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
/**
 * Raises PT422 unless [p_starts_at, p_ends_at) is a time slot search would offer: at least the
 * minimum notice ahead, within the booking horizon (service value, else tenant default),
 * starting on a multiple of the service's slot_alignment_minutes from local midnight in the
 * centre's time zone, and inside one open window of private.clinician_open_windows.
 *
 * Parameters: tenant, service, clinician, centre; the appointment's start and end.
 * Returns:    nothing; raises PT422 with a hint to search again.
 */
declare
  v_notice interval;
  v_horizon interval;
  v_alignment integer;
  v_timezone text;
  v_local_minutes numeric;
begin
  select coalesce(s.min_booking_notice, t.min_booking_notice), coalesce(s.max_booking_horizon, t.max_booking_horizon),
         s.slot_alignment_minutes, coalesce(c.timezone::text, t.timezone::text)
    into v_notice, v_horizon, v_alignment, v_timezone
  from public.services as s
  join public.tenants as t on t.id = s.tenant_id
  join public.centres as c on c.tenant_id = s.tenant_id and c.id = p_centre_id
  where s.tenant_id = p_tenant_id and s.id = p_service_id;

  if p_starts_at < pg_catalog.now() + v_notice then
    raise exception using errcode = 'PT422', message = 'that time is too soon to book',
      detail = pg_catalog.format('Bookings need at least %s notice.', v_notice),
      hint = 'Search for available times again and pick a later slot.';
  end if;
  if p_starts_at > pg_catalog.now() + v_horizon then
    raise exception using errcode = 'PT422', message = 'that time is too far ahead to book',
      detail = pg_catalog.format('Bookings open %s ahead.', v_horizon),
      hint = 'Search for available times again and pick an earlier slot.';
  end if;
  v_local_minutes := extract(epoch from (p_starts_at at time zone v_timezone)::time) / 60;
  if v_local_minutes <> pg_catalog.trunc(v_local_minutes) or pg_catalog.mod(v_local_minutes::integer, v_alignment) <> 0 then
    raise exception using errcode = 'PT422', message = 'that time is not a slot start',
      detail = pg_catalog.format('Slots start every %s minutes from midnight (%s).', v_alignment, v_timezone),
      hint = 'Search for available times again and pick one of the offered slots.';
  end if;
  if not exists (
    select 1
    from private.clinician_open_windows(p_tenant_id, p_clinician_id, p_centre_id,
                                        pg_catalog.tstzrange(p_starts_at, p_ends_at, '[)')) as w
    where w @> pg_catalog.tstzrange(p_starts_at, p_ends_at, '[)')
  ) then
    raise exception using errcode = 'PT422', message = 'the clinician does not offer that time',
      detail = 'The appointment must lie inside the clinician''s working hours at that centre.',
      hint = 'Search for available times again and pick one of the offered slots.';
  end if;
end
$$;
comment on function private.assert_slot_offered(uuid, uuid, uuid, uuid, timestamptz, timestamptz) is
  'Raises PT422 unless the time is one slot search offers: notice, horizon, alignment from local midnight, inside private.clinician_open_windows. Used by booking and rescheduling.';
revoke execute on function private.assert_slot_offered(uuid, uuid, uuid, uuid, timestamptz, timestamptz) from public, anon, authenticated, service_role;

create function private.release_expired_holds(p_tenant_id uuid, p_occupied tstzrange)
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Cancels (reason hold_expired) the pending appointments of a tenant whose hold has expired and
 * whose occupied range overlaps p_occupied (null: all of the tenant's; a null tenant: every
 * tenant), so that a new booking of that time is not refused because of a dead hold.
 *
 * Parameters: p_tenant_id  tenant or null; p_occupied  range or null.
 * Returns:    how many holds were released.
 */
declare
  v_count integer;
begin
  perform pg_catalog.set_config('slotbase.appointment_change_reason', 'hold_expired', true);
  update public.appointments as a
     set status = 'cancelled',
         cancellation_reason = 'hold_expired',
         cancellation_outcome = pg_catalog.jsonb_build_object('by', 'system', 'late', false, 'fee', 0,
                                                              'currency', (select s.currency::text from public.services as s
                                                                           where s.tenant_id = a.tenant_id and s.id = a.service_id),
                                                              'payment_required', true)
   where a.status = 'pending'
     and a.hold_expires_at <= pg_catalog.now()
     and (p_tenant_id is null or a.tenant_id = p_tenant_id)
     and (p_occupied is null or a.occupied && p_occupied);
  get diagnostics v_count = row_count;
  perform pg_catalog.set_config('slotbase.appointment_change_reason', '', true);
  return v_count;
end
$$;
comment on function private.release_expired_holds(uuid, tstzrange) is
  'Cancels expired holds (pending past hold_expires_at) with reason hold_expired, optionally only of one tenant and overlapping a range. Used by booking/rescheduling and the expire-appointment-holds job.';
revoke execute on function private.release_expired_holds(uuid, tstzrange) from public, anon, authenticated, service_role;

create function private.raise_slot_taken(p_constraint text)
returns void
language plpgsql
volatile
set search_path = ''
as $$
/**
 * Raises the PT409 that replaces an exclusion violation (23P01) of the appointment constraints.
 * Parameters: p_constraint  the violated constraint's name.
 */
begin
  if p_constraint = 'appointments_patient_no_overlap' then
    raise exception using errcode = 'PT409', message = 'The patient already has an appointment at that time',
      hint = 'Pick a time that does not overlap the patient''s other appointments.';
  end if;
  raise exception using errcode = 'PT409', message = 'That time is no longer available',
    detail = pg_catalog.format('Refused by %s.', p_constraint),
    hint = 'Someone else just booked it: search for available times again and pick another slot.';
end
$$;
comment on function private.raise_slot_taken(text) is
  'Raises PT409 "That time is no longer available" (or, for the patient constraint, "The patient already has an appointment at that time") in place of 23P01.';
revoke execute on function private.raise_slot_taken(text) from public, anon, authenticated, service_role;

create function private.lock_booking_keys(p_tenant_id uuid, p_clinician_id uuid, p_patient_id uuid)
returns void
language sql
volatile
set search_path = ''
as $$
  /**
   * Takes transaction-scoped advisory locks on the clinician, then the patient, of a booking or
   * reschedule. Not needed for correctness (the exclusion constraints decide), but concurrent
   * inserts that conflict on a constraint otherwise wait on EACH OTHER and one dies with a
   * deadlock (40P01); serialised, the later one sees the committed winner and gets a clean
   * 23P01 -> PT409, and a retry with the same client_key finds the first appointment. Always
   * clinician before patient (resources after both), so the locks cannot deadlock themselves.
   * Example: select private.lock_booking_keys(tenant_id, clinician_id, patient_id);
   */
  select pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('slotbase.appointments.clinician:' || p_tenant_id::text || ':' || p_clinician_id::text, 0));
  select pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('slotbase.appointments.patient:' || p_tenant_id::text || ':' || p_patient_id::text, 0));
$$;
comment on function private.lock_booking_keys(uuid, uuid, uuid) is
  'Transaction advisory locks on a booking''s clinician then patient, so concurrent conflicting bookings queue instead of deadlocking (the exclusion constraints still decide).';
revoke execute on function private.lock_booking_keys(uuid, uuid, uuid) from public, anon, authenticated, service_role;

create function private.lock_resource_key(p_tenant_id uuid, p_resource_id uuid)
returns void
language sql
volatile
set search_path = ''
as $$
  /**
   * Transaction advisory lock on one resource before allocating it (see lock_booking_keys).
   * Example: select private.lock_resource_key(tenant_id, resource_id);
   */
  select pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('slotbase.appointments.resource:' || p_tenant_id::text || ':' || p_resource_id::text, 0));
$$;
comment on function private.lock_resource_key(uuid, uuid) is
  'Transaction advisory lock on a resource before it is allocated, so concurrent allocations queue instead of deadlocking.';
revoke execute on function private.lock_resource_key(uuid, uuid) from public, anon, authenticated, service_role;

create function private.book_appointment(
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
 *
 * Returns: the appointment id (new, or the earlier one for a repeated client_key).
 */
declare
  v_uid uuid := (select auth.uid());
  v_server boolean := private.is_server_caller();
  v_service public.services;
  v_tenant public.tenants;
  v_centre public.centres;
  v_clinician public.clinicians;
  v_duration integer;
  v_staff boolean;
  v_patient_id uuid;
  v_ends_at timestamptz;
  v_occupied tstzrange;
  v_existing public.appointments;
  v_id uuid;
  v_constraint text;
  v_resource_id uuid;
  v_allocated boolean := false;
begin
  if v_uid is null and not v_server then
    raise exception using errcode = 'PT403', message = 'sign in to book an appointment',
      hint = 'Patients sign in with their phone; staff with their e-mail.';
  end if;
  if p_service_id is null or p_clinician_id is null or p_centre_id is null or p_starts_at is null then
    raise exception using errcode = '22023', message = 'service_id, clinician_id, centre_id and starts_at are required',
      hint = 'Pass the slot exactly as slot search returned it.';
  end if;
  if p_client_key is not null and pg_catalog.char_length(p_client_key) not between 1 and 200 then
    raise exception using errcode = '22023', message = 'client_key must be 1 to 200 characters',
      hint = 'Use a random id per booking attempt, e.g. a UUID, and reuse it only to retry.';
  end if;

  -- what: the service decides the tenant
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
  select c.* into v_clinician from public.clinicians as c where c.tenant_id = v_service.tenant_id and c.id = p_clinician_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'clinician not found',
      hint = 'Pick a clinician of the same clinic as the service.';
  end if;

  -- who
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
      raise exception using errcode = '22023', message = 'patient_id is required for server-side bookings',
        hint = 'Pass the patient the appointment is for.';
    end if;
    select p.id into v_patient_id
    from public.patients as p
    where p.tenant_id = v_service.tenant_id and p.user_id = v_uid;
    if v_patient_id is null then
      raise exception using errcode = 'PT404', message = 'you have no patient record with this clinic',
        hint = 'Register with the clinic first, then book.';
    end if;
    if p_patient_id is not null and p_patient_id <> v_patient_id then
      raise exception using errcode = 'PT403', message = 'you can only book for your own patient record',
        hint = 'Leave patient_id out to book for yourself; the clinic''s staff book for others.';
    end if;
    if p_staff_override then
      raise exception using errcode = 'PT403', message = 'only staff may override availability',
        hint = 'Book one of the times slot search offers.';
    end if;
    if not (v_service.is_public and v_clinician.is_public and v_centre.is_published) then
      raise exception using errcode = 'PT404', message = 'this service is not bookable online',
        hint = 'Pick a listed service, clinician and centre, or call the clinic.';
    end if;
  end if;
  if p_staff_override and (p_override_reason is null or pg_catalog.btrim(p_override_reason) = '') then
    raise exception using errcode = '22023', message = 'override_reason is required with staff_override',
      hint = 'Say why the booking is outside the offered times; it is audited.';
  end if;

  -- concurrent bookings of this clinician or patient queue here (see lock_booking_keys)
  perform private.lock_booking_keys(v_service.tenant_id, p_clinician_id, v_patient_id);

  -- idempotency: the same key returns the same appointment
  if p_client_key is not null then
    select a.* into v_existing
    from public.appointments as a
    where a.tenant_id = v_service.tenant_id and a.patient_id = v_patient_id and a.client_key = p_client_key;
    if found then
      if (v_existing.service_id, v_existing.clinician_id, v_existing.centre_id, v_existing.starts_at)
         is distinct from (p_service_id, p_clinician_id, p_centre_id, p_starts_at) then
        raise exception using errcode = 'PT409', message = 'this client_key was already used for a different booking',
          hint = 'Use a new client_key for a new booking; reuse a key only to retry the same request.';
      end if;
      return v_existing.id;
    end if;
  end if;

  if not (v_tenant.is_active and v_service.is_active and v_clinician.is_active and v_centre.is_active) then
    raise exception using errcode = 'PT422', message = 'this service, clinician or centre is not taking bookings',
      hint = 'Pick an active service, clinician and centre.';
  end if;
  if not exists (select 1 from public.clinician_centres as cc
                 where cc.tenant_id = v_service.tenant_id and cc.clinician_id = p_clinician_id and cc.centre_id = p_centre_id) then
    raise exception using errcode = 'PT422', message = 'the clinician does not work at this centre',
      hint = 'Pick a centre where the clinician works.';
  end if;
  select coalesce(cs.duration_minutes_override, v_service.duration_minutes) into v_duration
  from public.clinician_services as cs
  where cs.tenant_id = v_service.tenant_id and cs.clinician_id = p_clinician_id and cs.service_id = p_service_id;
  if v_duration is null then
    raise exception using errcode = 'PT422', message = 'the clinician does not offer this service',
      hint = 'Pick a clinician who offers the service.';
  end if;

  v_ends_at := p_starts_at + pg_catalog.make_interval(mins => v_duration);
  v_occupied := pg_catalog.tstzrange(p_starts_at - pg_catalog.make_interval(mins => v_service.buffer_before_minutes),
                                     v_ends_at + pg_catalog.make_interval(mins => v_service.buffer_after_minutes), '[)');

  -- when
  if not p_staff_override then
    perform private.assert_slot_offered(v_service.tenant_id, p_service_id, p_clinician_id, p_centre_id, p_starts_at, v_ends_at);
  end if;

  perform private.release_expired_holds(v_service.tenant_id, v_occupied);

  if p_staff_override then
    perform pg_catalog.set_config('slotbase.appointment_change_reason', 'staff_override: ' || pg_catalog.btrim(p_override_reason), true);
  end if;
  begin
    insert into public.appointments (
      tenant_id, service_id, clinician_id, centre_id, patient_id, starts_at, ends_at, occupied, status,
      hold_expires_at, client_key, booked_by, booked_via, staff_override, override_reason)
    values (
      v_service.tenant_id, p_service_id, p_clinician_id, p_centre_id, v_patient_id, p_starts_at, v_ends_at, v_occupied,
      case when v_service.payment_required then 'pending' else 'booked' end::public.appointment_status,
      case when v_service.payment_required then pg_catalog.now() + v_tenant.payment_hold_duration end,
      p_client_key, v_uid, case when v_staff then 'staff' else 'patient' end, coalesce(p_staff_override, false),
      case when p_staff_override then pg_catalog.btrim(p_override_reason) end)
    returning id into v_id;
  exception
    when exclusion_violation or unique_violation or deadlock_detected then
      get stacked diagnostics v_constraint = constraint_name;
      -- a concurrent retry with the same key won: return its appointment
      if p_client_key is not null then
        select a.* into v_existing
        from public.appointments as a
        where a.tenant_id = v_service.tenant_id and a.patient_id = v_patient_id and a.client_key = p_client_key;
        if found then
          if (v_existing.service_id, v_existing.clinician_id, v_existing.centre_id, v_existing.starts_at)
             is distinct from (p_service_id, p_clinician_id, p_centre_id, p_starts_at) then
            raise exception using errcode = 'PT409', message = 'this client_key was already used for a different booking',
              hint = 'Use a new client_key for a new booking; reuse a key only to retry the same request.';
          end if;
          return v_existing.id;
        end if;
      end if;
      perform private.raise_slot_taken(v_constraint);
  end;
  perform pg_catalog.set_config('slotbase.appointment_change_reason', '', true);

  -- resources: any free active one of the required type at the centre
  if v_service.required_resource_type is not null then
    for v_resource_id in
      select r.id
      from public.resources as r
      where r.tenant_id = v_service.tenant_id and r.centre_id = p_centre_id
        and r.resource_type = v_service.required_resource_type and r.is_active
        and not exists (select 1 from public.appointment_resources as ar
                        where ar.tenant_id = r.tenant_id and ar.resource_id = r.id and ar.active and ar.occupied && v_occupied)
      order by r.name, r.id
    loop
      perform private.lock_resource_key(v_service.tenant_id, v_resource_id);
      begin
        insert into public.appointment_resources (tenant_id, appointment_id, resource_id, occupied, active)
        values (v_service.tenant_id, v_id, v_resource_id, v_occupied, true);
        v_allocated := true;
        exit;
      exception when exclusion_violation then
        null;  -- taken concurrently: try the next one
      end;
    end loop;
    if not v_allocated then
      raise exception using errcode = 'PT409', message = 'That time is no longer available',
        detail = pg_catalog.format('No %s is free at that time.', v_service.required_resource_type),
        hint = 'Search for available times again and pick another slot.';
    end if;
  end if;

  return v_id;
end
$$;
comment on function private.book_appointment(uuid, uuid, uuid, timestamptz, uuid, text, boolean, text) is
  'Implementation of public.book_appointment (security definer: patients cannot read availability or others'' appointments; nobody inserts appointments directly). Validates who/what/when, releases overlapping expired holds, inserts, allocates resources; 23P01 -> PT409.';
revoke execute on function private.book_appointment(uuid, uuid, uuid, timestamptz, uuid, text, boolean, text) from public, anon, authenticated, service_role;
grant execute on function private.book_appointment(uuid, uuid, uuid, timestamptz, uuid, text, boolean, text) to authenticated, service_role;

create function public.book_appointment(
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
 *                    (a different slot with a used key: PT409)
 *   staff_override   staff (owner, admin, manager, front desk) book outside the offered times
 *   override_reason  required with staff_override; audited
 * Returns: the appointment: pending with hold_expires_at (now + the tenant's payment hold) when
 *          the service requires payment, else booked.
 * Errors:  22023 bad argument, PT403 not allowed, PT404 not found, PT409 "That time is no longer
 *          available" (search again) or client_key reused, PT422 not a bookable time.
 * Example: supabase.rpc('book_appointment', { service_id, clinician_id, centre_id,
 *            starts_at: '2026-12-01T10:00:00Z', client_key: crypto.randomUUID() })
 */
declare
  v_id uuid;
  v_appointment public.appointments;
begin
  v_id := private.book_appointment(book_appointment.service_id, book_appointment.clinician_id, book_appointment.centre_id,
                                   book_appointment.starts_at, book_appointment.patient_id, book_appointment.client_key,
                                   coalesce(book_appointment.staff_override, false), book_appointment.override_reason);
  select a.* into v_appointment from public.appointments as a where a.id = v_id;
  return v_appointment;
end
$$;
comment on function public.book_appointment(uuid, uuid, uuid, timestamptz, uuid, text, boolean, text) is
  'Books an appointment (patients for themselves, staff for a patient, optionally overriding availability with a reason) and returns it; idempotent on client_key. Errors: 22023, PT403, PT404, PT409 (time taken: search again; key reused), PT422 (not an offered time). See docs/booking.md.';
revoke execute on function public.book_appointment(uuid, uuid, uuid, timestamptz, uuid, text, boolean, text) from public, anon, authenticated, service_role;
grant execute on function public.book_appointment(uuid, uuid, uuid, timestamptz, uuid, text, boolean, text) to authenticated, service_role;

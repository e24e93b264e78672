-- The roles that may book outside the offered times (staff_override) get a name,
-- private.staff_override_roles(): owner, admin, manager, front_desk. No existing set is exactly
-- these four (messaging_roles adds care_coordinator, front_office_roles adds centre_manager and
-- care_coordinator). The booking preamble names the set instead of listing the roles.

create function private.staff_override_roles()
returns public.staff_role[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * Who may book outside the offered times (staff_override), at a centre where they hold the
   * role or tenant-wide: owners, admins, managers and the front desk.
   * Example: select private.staff_override_roles();  -- {owner,admin,manager,front_desk}
   */
  select array['owner', 'admin', 'manager', 'front_desk']::public.staff_role[]
$$;
comment on function private.staff_override_roles() is
  'Role set: owner, admin, manager, front_desk. Who may book outside the offered times (staff_override); audited.';
-- called by the booking preamble inside the security definer booking functions only
revoke execute on function private.staff_override_roles() from public, anon, authenticated, service_role;

create or replace function private.resolve_booking_request(p_purpose text, p_service_id uuid, p_centre_id uuid, p_clinician_id uuid, p_patient_id uuid, p_staff_override boolean)
 returns private.booking_request
 language plpgsql
 set search_path = ''
 set timezone to 'UTC'
as $function$
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
 *   staff_override  private.staff_override_roles() at the centre, or the server (PT403);
 *   suspended  in a suspended tenant only the server books (PT403 tenant_suspended);
 *   rate limit a patient booking for themself is counted against the 'booking' limits (HTTP 429
 *         rate_limited), staff and the server are not.
 * Volatile: it records the patient's booking for the rate limit.
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
  if not v_server then
    perform private.assert_tenant_takes_changes(v_service.tenant_id);
  end if;
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
        select 1 from private.centre_keys_with_role(private.staff_override_roles()) as k
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
    perform private.take_request_rate_limit('booking', v_service.tenant_id);
  end if;
  return row(v_uid, v_staff, v_tenant, v_service, v_centre, v_clinician, v_patient_id)::private.booking_request;
end
$function$;

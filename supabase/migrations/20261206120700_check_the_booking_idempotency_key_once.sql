-- The idempotency key of the booking RPCs is checked in one place, private.assert_client_key
-- (22023 with the same hint); each RPC keeps its own length limit (a series books each
-- occurrence with its key plus '#' and the occurrence's number, so its key is 4 characters shorter).

create function private.assert_client_key(p_client_key text, p_max_length integer)
returns void
language plpgsql
immutable
set search_path = ''
as $$
/**
 * Raises 22023 unless the idempotency key is null or 1 to p_max_length characters long.
 * Example: perform private.assert_client_key(p_client_key, 200);
 */
begin
  if p_client_key is not null and pg_catalog.char_length(p_client_key) not between 1 and p_max_length then
    raise exception using errcode = '22023', message = pg_catalog.format('client_key must be 1 to %s characters', p_max_length),
      hint = 'Use a random id per booking attempt, e.g. a UUID, and reuse it only to retry.';
  end if;
end
$$;
comment on function private.assert_client_key(text, integer) is
  'Raises 22023 unless a booking RPC''s idempotency key (client_key) is null or 1 to the given number of characters.';
revoke execute on function private.assert_client_key(text, integer) from public, anon, authenticated, service_role;

create or replace function private.book_appointment(p_service_id uuid, p_clinician_id uuid, p_centre_id uuid, p_starts_at timestamp with time zone, p_patient_id uuid, p_client_key text, p_staff_override boolean, p_override_reason text)
 returns uuid
 language plpgsql
 security definer
 set search_path = ''
 set timezone to 'UTC'
as $function$
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
  perform private.assert_client_key(p_client_key, 200);

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
$function$;

create or replace function private.book_appointment_series(p_service_id uuid, p_clinician_id uuid, p_centre_id uuid, p_first_starts_at timestamp with time zone, p_rrule text, p_patient_id uuid, p_client_key text, p_skip_conflicts boolean)
 returns jsonb
 language plpgsql
 security definer
 set search_path = ''
 set timezone to 'UTC'
as $function$
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
  perform private.assert_client_key(p_client_key, 196);

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
$function$;

-- Booking a recurring series: public.book_appointment_series(...) (issue 4, part 2: series).
--
-- public.book_appointment_series is security invoker (the API surface); the work is done by
-- private.book_appointment_series, security definer (patients may not insert series or
-- appointments, nor read availability). It acts only for auth.uid() (or the server):
--   rule    the RFC 5545 rule is expanded from the LOCAL date-time of first_starts_at in the
--           centre's zone (private.rrule_occurrences), so 09:00 stays 09:00 local when the clocks
--           change; it must end (COUNT or UNTIL), within 730 days, with at most 52 occurrences,
--           and first_starts_at must be its first occurrence (22023 otherwise);
--   who     as book_appointment: a patient for their own record, booking staff for any patient
--           of the tenant, the server for any patient (PT403/PT404);
--   each    occurrence is booked by private.book_appointment (same what/when rules, holds for
--           payment-required services, resources), in its own subtransaction, with client_key
--           '<client_key>#<n>' when a key is given; PT409 (taken) and PT422 (not offered) are
--           collected per occurrence, anything else aborts the call;
--   result  all-or-nothing by default: one conflict and nothing is booked (PT409 "3 of 10 dates
--           are not available", detail = the conflicts as JSON); with skip_conflicts the free
--           dates are booked and the conflicts returned (and kept in skipped_occurrences);
--   retry   the same client_key returns the same series (PT409 for a different request).
-- Staff override is not available for series (there is no parameter): book those dates one by
-- one with book_appointment.

create function private.series_instant_text(p_instant timestamptz)
returns text
language sql
stable
parallel safe
set search_path = ''
as $$
  /**
   * An instant as ISO 8601 text in UTC ('2026-03-30T08:00:00Z'), the form the series RPCs use in
   * their JSON, whatever the session's TimeZone.
   * Example: select private.series_instant_text('2026-03-30 09:00+01');  -- 2026-03-30T08:00:00Z
   */
  select pg_catalog.to_char(p_instant at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
$$;
comment on function private.series_instant_text(timestamptz) is
  'An instant as ISO 8601 UTC text (2026-03-30T08:00:00Z), as the series RPCs put it in JSON.';
revoke execute on function private.series_instant_text(timestamptz) from public, anon, authenticated, service_role;

create function private.series_booking_result(p_series public.appointment_series)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  /**
   * The result book_appointment_series returned for a series booked with a client_key, rebuilt
   * for a retry: {series_id, booked: [{appointment_id, starts_at}] (the appointments with key
   * '<client_key>#<n>', in occurrence order, at their current start), conflicts (the series'
   * skipped_occurrences)}. security definer: called from the booking function only.
   * Example: select private.series_booking_result(s) from public.appointment_series as s where s.id = '...';
   */
  select pg_catalog.jsonb_build_object(
    'series_id', p_series.id,
    'booked', coalesce((
      select pg_catalog.jsonb_agg(
               pg_catalog.jsonb_build_object('appointment_id', a.id, 'starts_at', private.series_instant_text(a.starts_at))
               order by pg_catalog.substr(a.client_key, pg_catalog.char_length(p_series.client_key) + 2)::integer)
      from public.appointments as a
      where a.tenant_id = p_series.tenant_id and a.patient_id = p_series.patient_id
        and pg_catalog.left(a.client_key, pg_catalog.char_length(p_series.client_key) + 1) = p_series.client_key || '#'
        and pg_catalog.substr(a.client_key, pg_catalog.char_length(p_series.client_key) + 2) ~ '^[0-9]{1,2}$'), '[]'::jsonb),
    'conflicts', p_series.skipped_occurrences)
$$;
comment on function private.series_booking_result(public.appointment_series) is
  'Rebuilds the result of book_appointment_series for a retry with the same client_key: the series id, its appointments keyed <client_key>#<n> (current starts) and its skipped occurrences.';
revoke execute on function private.series_booking_result(public.appointment_series) from public, anon, authenticated, service_role;

create function private.book_appointment_series(
  p_service_id uuid, p_clinician_id uuid, p_centre_id uuid, p_first_starts_at timestamptz, p_rrule text,
  p_patient_id uuid, p_client_key text, p_skip_conflicts boolean)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Books a recurring series (see public.book_appointment_series for the contract).
 * security definer: no API role inserts series or appointments directly, and patients cannot
 * read availability. Acts only for auth.uid() (or the server); every occurrence is booked by
 * private.book_appointment, which checks the caller again.
 *
 * Returns: {series_id, booked: [{appointment_id, starts_at}], conflicts: [{starts_at, code, message}]}.
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
  v_total integer;
  v_failed integer;
begin
  if v_uid is null and not v_server then
    raise exception using errcode = 'PT403', message = 'sign in to book an appointment',
      hint = 'Patients sign in with their phone; staff with their e-mail.';
  end if;
  if p_service_id is null or p_clinician_id is null or p_centre_id is null or p_first_starts_at is null
     or p_rrule is null or pg_catalog.btrim(p_rrule) = '' then
    raise exception using errcode = '22023',
      message = 'service_id, clinician_id, centre_id, first_starts_at and rrule are required',
      hint = 'Pass the first slot as slot search returned it and a rule such as FREQ=WEEKLY;COUNT=8.';
  end if;
  if p_client_key is not null and pg_catalog.char_length(p_client_key) not between 1 and 196 then
    raise exception using errcode = '22023', message = 'client_key must be 1 to 196 characters',
      hint = 'Use a random id per booking attempt, e.g. a UUID, and reuse it only to retry.';
  end if;

  -- what: the service decides the tenant (messages as book_appointment)
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

  -- who (the same decision as private.book_appointment, which repeats it per occurrence)
  v_staff := p_patient_id is not null and (v_server or exists (
    select 1 from private.centre_keys_with_role(private.appointment_staff_roles()) as k
    where k.tenant_id = v_service.tenant_id and k.centre_id = p_centre_id));
  if v_staff then
    v_patient_id := p_patient_id;
    if not exists (select 1 from public.patients as p where p.tenant_id = v_service.tenant_id and p.id = v_patient_id) then
      raise exception using errcode = 'PT404', message = 'patient not found',
        hint = 'Pick a patient of the same clinic, or register them first.';
    end if;
  else
    if v_uid is null then
      raise exception using errcode = '22023', message = 'patient_id is required for server-side bookings',
        hint = 'Pass the patient the appointments are for.';
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
    if not (v_service.is_public and v_clinician.is_public and v_centre.is_published) then
      raise exception using errcode = 'PT404', message = 'this service is not bookable online',
        hint = 'Pick a listed service, clinician and centre, or call the clinic.';
    end if;
  end if;

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

  -- concurrent bookings of this clinician or patient queue here (see private.lock_booking_keys)
  perform private.lock_booking_keys(v_service.tenant_id, p_clinician_id, v_patient_id);

  -- idempotency: the same key returns the same series
  if p_client_key is not null then
    select s.* into v_existing
    from public.appointment_series as s
    where s.tenant_id = v_service.tenant_id and s.patient_id = v_patient_id and s.client_key = p_client_key;
    if found then
      if (v_existing.service_id, v_existing.clinician_id, v_existing.centre_id, v_existing.first_starts_at, v_existing.rrule)
         is distinct from (p_service_id, p_clinician_id, p_centre_id, p_first_starts_at, v_rule) then
        raise exception using errcode = 'PT409', message = 'this client_key was already used for a different series',
          hint = 'Use a new client_key for a new series; reuse a key only to retry the same request.';
      end if;
      return private.series_booking_result(v_existing);
    end if;
  end if;

  -- checks that concern every date alike (so they are one error, not 52 conflicts)
  if not (v_tenant.is_active and v_service.is_active and v_clinician.is_active and v_centre.is_active) then
    raise exception using errcode = 'PT422', message = 'this service, clinician or centre is not taking bookings',
      hint = 'Pick an active service, clinician and centre.';
  end if;
  if not exists (select 1 from public.clinician_centres as cc
                 where cc.tenant_id = v_service.tenant_id and cc.clinician_id = p_clinician_id and cc.centre_id = p_centre_id) then
    raise exception using errcode = 'PT422', message = 'the clinician does not work at this centre',
      hint = 'Pick a centre where the clinician works.';
  end if;
  if not exists (select 1 from public.clinician_services as cs
                 where cs.tenant_id = v_service.tenant_id and cs.clinician_id = p_clinician_id and cs.service_id = p_service_id) then
    raise exception using errcode = 'PT422', message = 'the clinician does not offer this service',
      hint = 'Pick a clinician who offers the service.';
  end if;

  insert into public.appointment_series (tenant_id, patient_id, service_id, clinician_id, centre_id, timezone,
                                         rrule, first_starts_at, client_key, created_by)
  values (v_service.tenant_id, v_patient_id, p_service_id, p_clinician_id, p_centre_id, v_centre.timezone,
          v_rule, p_first_starts_at, p_client_key, v_uid)
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
        get stacked diagnostics v_state = returned_sqlstate, v_message = message_text;
        v_conflicts := v_conflicts || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
          'starts_at', private.series_instant_text(v_occurrences[v_n]), 'code', v_state, 'message', v_message));
    end;
  end loop;

  v_failed := pg_catalog.jsonb_array_length(v_conflicts);
  if v_failed > 0 and (not coalesce(p_skip_conflicts, false) or v_failed = v_total) then
    raise exception using errcode = 'PT409',
      message = pg_catalog.format('%s of %s dates are not available', v_failed, v_total),
      detail = v_conflicts::text,
      hint = case
        when v_failed = v_total then 'None of the dates is free: choose another time, day or clinician.'
        else pg_catalog.format('Choose other dates, or pass skip_conflicts: true to book the %s dates that are free.', v_total - v_failed)
      end;
  end if;

  update public.appointments as a
     set series_id = v_series_id
   where a.tenant_id = v_service.tenant_id and a.id = any (v_ids);
  if v_failed > 0 then
    update public.appointment_series as s
       set skipped_occurrences = v_conflicts
     where s.tenant_id = v_service.tenant_id and s.id = v_series_id;
  end if;

  return pg_catalog.jsonb_build_object('series_id', v_series_id, 'booked', v_booked, 'conflicts', v_conflicts);
end
$$;
comment on function private.book_appointment_series(uuid, uuid, uuid, timestamptz, text, uuid, text, boolean) is
  'Implementation of public.book_appointment_series (security definer: nobody inserts series or appointments directly). Validates the rule (22023), who and what, then books each occurrence with private.book_appointment in its own subtransaction, collecting PT409/PT422 per date; all-or-nothing unless skip_conflicts.';
revoke execute on function private.book_appointment_series(uuid, uuid, uuid, timestamptz, text, uuid, text, boolean) from public, anon, authenticated, service_role;
grant execute on function private.book_appointment_series(uuid, uuid, uuid, timestamptz, text, uuid, text, boolean) to authenticated, service_role;

create function public.book_appointment_series(
  service_id uuid, clinician_id uuid, centre_id uuid, first_starts_at timestamptz, rrule text,
  patient_id uuid default null, client_key text default null, skip_conflicts boolean default false)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
/**
 * Books a recurring series of appointments and returns what was booked.
 *
 * Parameters:
 *   service_id, clinician_id, centre_id   as for book_appointment
 *   first_starts_at  the first appointment (a slot from slot search); its local date-time in the
 *                    centre's zone is the rule's DTSTART and must be the rule's first occurrence
 *   rrule            RFC 5545 rule (docs/recurrence.md) that ends: COUNT or UNTIL, at most 52
 *                    occurrences, within 730 days; e.g. 'FREQ=WEEKLY;COUNT=8'
 *   patient_id       staff: the patient; patients: leave out (their own record)
 *   client_key       idempotency key (1-196 characters): a retry returns the same result; the
 *                    appointments get '<client_key>#<n>'
 *   skip_conflicts   false (default): all or nothing; true: book the free dates, list the others
 * Returns: {"series_id": uuid, "booked": [{"appointment_id", "starts_at"}],
 *           "conflicts": [{"starts_at", "code", "message"}]} (instants as UTC ISO text).
 * Errors:  22023 bad argument or rule, PT403, PT404, PT409 "3 of 10 dates are not available"
 *          (detail: the conflicts as JSON; nothing booked) or client_key reused, PT422 not bookable.
 * Example: supabase.rpc('book_appointment_series', { service_id, clinician_id, centre_id,
 *            first_starts_at: '2027-01-04T09:00:00Z', rrule: 'FREQ=WEEKLY;COUNT=8',
 *            client_key: crypto.randomUUID() })
 */
begin
  return private.book_appointment_series(
    book_appointment_series.service_id, book_appointment_series.clinician_id, book_appointment_series.centre_id,
    book_appointment_series.first_starts_at, book_appointment_series.rrule, book_appointment_series.patient_id,
    book_appointment_series.client_key, coalesce(book_appointment_series.skip_conflicts, false));
end
$$;
comment on function public.book_appointment_series(uuid, uuid, uuid, timestamptz, text, uuid, text, boolean) is
  'Books a recurring series (patients for themselves, staff for a patient): every occurrence of the rule at the same local time, each validated like book_appointment; all-or-nothing unless skip_conflicts; idempotent on client_key. Returns {series_id, booked, conflicts}. Errors: 22023, PT403, PT404, PT409 (dates taken: detail lists them; key reused), PT422. See docs/series.md.';
revoke execute on function public.book_appointment_series(uuid, uuid, uuid, timestamptz, text, uuid, text, boolean) from public, anon, authenticated, service_role;
grant execute on function public.book_appointment_series(uuid, uuid, uuid, timestamptz, text, uuid, text, boolean) to authenticated, service_role;

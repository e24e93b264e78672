-- The API wrappers of the booking RPCs share one tail: run the security definer implementation
-- in a subtransaction and start over after a deadlock or serialization failure
-- (private.after_lock_conflict decides how often and how long). It is written once, in
-- private.run_booking_rpc, with one dispatch table naming each RPC's implementation; the public
-- wrappers (book_appointment, reschedule_appointment, join_waitlist, the series RPCs) and the
-- status and waitlist-entry bodies pass their arguments and read the result back as the caller.

create function private.run_booking_rpc(p_rpc text, p_args jsonb)
returns jsonb
language plpgsql
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * Runs the security definer implementation of one booking RPC in a subtransaction, starting over
 * after 40P01/40001 (private.after_lock_conflict: bounded, then PT503 busy). Security invoker:
 * it runs as the API caller, like the public wrappers that call it.
 *
 * Parameters: p_rpc   the RPC: book_appointment, reschedule_appointment, change_appointment_status,
 *                     book_appointment_series, reschedule_appointment_series,
 *                     cancel_appointment_series, join_waitlist, leave_waitlist,
 *                     accept_waitlist_offer, decline_waitlist_offer
 *             p_args  its arguments by name, as the public RPC names them (jsonb_build_object)
 * Returns:    the implementation's result: the id (a jsonb string) or the series report.
 * Example:    select private.run_booking_rpc('reschedule_appointment',
 *               jsonb_build_object('id', '...', 'starts_at', '2026-12-02T10:00:00Z'));
 */
declare
  v_result jsonb;
  v_attempt integer := 0;
begin
  if p_rpc is null or p_rpc not in ('book_appointment', 'reschedule_appointment', 'change_appointment_status',
                                    'book_appointment_series', 'reschedule_appointment_series', 'cancel_appointment_series',
                                    'join_waitlist', 'leave_waitlist', 'accept_waitlist_offer', 'decline_waitlist_offer') then
    raise exception 'private.run_booking_rpc: unknown rpc %', p_rpc;
  end if;
  loop
    begin
      v_result := case p_rpc
        when 'book_appointment' then pg_catalog.to_jsonb(private.book_appointment(
          (p_args ->> 'service_id')::uuid, (p_args ->> 'clinician_id')::uuid, (p_args ->> 'centre_id')::uuid,
          (p_args ->> 'starts_at')::timestamptz, (p_args ->> 'patient_id')::uuid, p_args ->> 'client_key',
          coalesce((p_args ->> 'staff_override')::boolean, false), p_args ->> 'override_reason'))
        when 'reschedule_appointment' then pg_catalog.to_jsonb(private.reschedule_appointment(
          (p_args ->> 'id')::uuid, (p_args ->> 'starts_at')::timestamptz))
        when 'change_appointment_status' then pg_catalog.to_jsonb(private.change_appointment_status(
          (p_args ->> 'id')::uuid, (p_args ->> 'status')::public.appointment_status, p_args ->> 'reason'))
        when 'book_appointment_series' then private.book_appointment_series(
          (p_args ->> 'service_id')::uuid, (p_args ->> 'clinician_id')::uuid, (p_args ->> 'centre_id')::uuid,
          (p_args ->> 'first_starts_at')::timestamptz, p_args ->> 'rrule', (p_args ->> 'patient_id')::uuid,
          p_args ->> 'client_key', coalesce((p_args ->> 'skip_conflicts')::boolean, false))
        when 'reschedule_appointment_series' then private.reschedule_appointment_series(
          (p_args ->> 'appointment_id')::uuid, p_args ->> 'scope', (p_args ->> 'starts_at')::timestamptz)
        when 'cancel_appointment_series' then private.cancel_appointment_series(
          (p_args ->> 'appointment_id')::uuid, p_args ->> 'scope', p_args ->> 'reason')
        when 'join_waitlist' then pg_catalog.to_jsonb(private.join_waitlist(
          (p_args ->> 'service_id')::uuid, (p_args ->> 'centre_id')::uuid, (p_args ->> 'earliest')::timestamptz,
          (p_args ->> 'latest')::timestamptz, (p_args ->> 'clinician_id')::uuid, (p_args ->> 'patient_id')::uuid))
        when 'leave_waitlist' then pg_catalog.to_jsonb(private.leave_waitlist((p_args ->> 'id')::uuid))
        when 'accept_waitlist_offer' then pg_catalog.to_jsonb(private.accept_waitlist_offer(
          (p_args ->> 'id')::uuid, (p_args ->> 'offer_id')::uuid))
        when 'decline_waitlist_offer' then pg_catalog.to_jsonb(private.decline_waitlist_offer(
          (p_args ->> 'id')::uuid, (p_args ->> 'offer_id')::uuid))
      end;
      exit;
    exception when deadlock_detected or serialization_failure then
      v_attempt := private.after_lock_conflict(v_attempt, sqlstate);
    end;
  end loop;
  return v_result;
end
$$;
comment on function private.run_booking_rpc(text, jsonb) is
  'The shared tail of the booking API wrappers: runs one booking RPC''s security definer implementation, starting over after a deadlock or serialization failure (private.after_lock_conflict).';
revoke execute on function private.run_booking_rpc(text, jsonb) from public, anon, authenticated, service_role;
grant execute on function private.run_booking_rpc(text, jsonb) to authenticated, service_role;

create or replace function public.book_appointment(service_id uuid, clinician_id uuid, centre_id uuid, starts_at timestamp with time zone, patient_id uuid DEFAULT NULL::uuid, client_key text DEFAULT NULL::text, staff_override boolean DEFAULT false, override_reason text DEFAULT NULL::text)
 returns appointments
 language plpgsql
 set search_path = ''
 set timezone to 'UTC'
as $function$
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
  v_appointment public.appointments;
begin
  v_id := (private.run_booking_rpc('book_appointment', pg_catalog.jsonb_build_object(
    'service_id', book_appointment.service_id, 'clinician_id', book_appointment.clinician_id,
    'centre_id', book_appointment.centre_id, 'starts_at', book_appointment.starts_at,
    'patient_id', book_appointment.patient_id, 'client_key', book_appointment.client_key,
    'staff_override', book_appointment.staff_override, 'override_reason', book_appointment.override_reason)) #>> '{}')::uuid;
  select a.* into v_appointment from public.appointments as a where a.id = v_id;
  return v_appointment;
end
$function$;

create or replace function public.reschedule_appointment(id uuid, starts_at timestamp with time zone)
 returns appointments
 language plpgsql
 set search_path = ''
 set timezone to 'UTC'
as $function$
/**
 * Moves a pending or booked appointment to a new start (same clinician, centre, service).
 * Patients not inside the reschedule window; staff any time. History is kept.
 * Errors: 22023, PT403, PT404, PT409 (details slot_taken, patient_busy, too_late_to_change,
 *         status_conflict, hold_expired), PT422 (not an offered time), PT503 busy.
 * Example: supabase.rpc('reschedule_appointment', { id, starts_at: '2026-12-02T10:00:00Z' })
 */
declare
  v_id uuid;
  v_appointment public.appointments;
begin
  v_id := (private.run_booking_rpc('reschedule_appointment', pg_catalog.jsonb_build_object(
    'id', reschedule_appointment.id, 'starts_at', reschedule_appointment.starts_at)) #>> '{}')::uuid;
  select a.* into v_appointment from public.appointments as a where a.id = v_id;
  return v_appointment;
end
$function$;

create or replace function private.change_appointment_status_for_api(p_appointment_id uuid, p_to appointment_status, p_reason text)
 returns appointments
 language plpgsql
 set search_path = ''
 set timezone to 'UTC'
as $function$
/**
 * The body of the status RPCs (confirm_appointment, cancel_appointment, mark_arrived,
 * check_in_appointment, complete_appointment, mark_no_show, mark_entered_in_error): runs
 * private.change_appointment_status through private.run_booking_rpc (starting over after
 * 40P01/40001), then reads the row back as the caller (RLS).
 *
 * Returns: the appointment.
 */
declare
  v_id uuid;
  v_appointment public.appointments;
begin
  v_id := (private.run_booking_rpc('change_appointment_status', pg_catalog.jsonb_build_object(
    'id', p_appointment_id, 'status', p_to, 'reason', p_reason)) #>> '{}')::uuid;
  select a.* into v_appointment from public.appointments as a where a.id = v_id;
  return v_appointment;
end
$function$;

create or replace function public.join_waitlist(service_id uuid, centre_id uuid, earliest timestamp with time zone, latest timestamp with time zone, clinician_id uuid DEFAULT NULL::uuid, patient_id uuid DEFAULT NULL::uuid)
 returns waitlist_entries
 language plpgsql
 set search_path = ''
 set timezone to 'UTC'
as $function$
/**
 * Puts a patient on the waitlist for a service at a centre, with one clinician or any, for
 * starts in [earliest, latest), and returns the entry. When a matching slot is freed, it is
 * held for the oldest waiting entry (the entry becomes offered; see accept_waitlist_offer).
 *
 * Parameters:
 *   service_id, centre_id   what and where
 *   earliest, latest        the window the patient can come (latest > earliest, at most 90 days,
 *                           latest in the future)
 *   clinician_id            one clinician, or null for any who offers the service there
 *   patient_id              staff: the patient; patients: leave out (their own record in the
 *                           service's tenant) or pass their own record's id
 * Returns: the entry; joining again with the same arguments returns the same live entry.
 * Errors:  22023 bad argument or window, PT403 not allowed, PT404 not found or not listed,
 *          PT409 already_on_waitlist (with another window), PT422 inactive or not offered there.
 * Example: supabase.rpc('join_waitlist', { service_id, centre_id,
 *            earliest: '2026-12-01T08:00:00Z', latest: '2026-12-08T18:00:00Z' })
 */
declare
  v_id uuid;
  v_entry public.waitlist_entries;
begin
  v_id := (private.run_booking_rpc('join_waitlist', pg_catalog.jsonb_build_object(
    'service_id', join_waitlist.service_id, 'centre_id', join_waitlist.centre_id, 'earliest', join_waitlist.earliest,
    'latest', join_waitlist.latest, 'clinician_id', join_waitlist.clinician_id, 'patient_id', join_waitlist.patient_id)) #>> '{}')::uuid;
  select e.* into v_entry from public.waitlist_entries as e where e.id = v_id;
  return v_entry;
end
$function$;

create or replace function public.book_appointment_series(service_id uuid, clinician_id uuid, centre_id uuid, first_starts_at timestamp with time zone, rrule text, patient_id uuid DEFAULT NULL::uuid, client_key text DEFAULT NULL::text, skip_conflicts boolean DEFAULT false)
 returns jsonb
 language plpgsql
 set search_path = ''
 set timezone to 'UTC'
as $function$
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
 *           "conflicts": [{"starts_at", "code", "reason", "message"}]} (instants as UTC ISO text).
 * Errors:  22023 bad argument or rule, PT403, PT404, PT409 series_conflicts "3 of 10 dates are
 *          not available" (the dates in the hint; nothing booked) or client_key_reused, PT422
 *          not bookable, PT503 busy. See docs/errors.md.
 * Example: supabase.rpc('book_appointment_series', { service_id, clinician_id, centre_id,
 *            first_starts_at: '2027-01-04T09:00:00Z', rrule: 'FREQ=WEEKLY;COUNT=8',
 *            client_key: crypto.randomUUID() })
 */
begin
  return private.run_booking_rpc('book_appointment_series', pg_catalog.jsonb_build_object(
    'service_id', book_appointment_series.service_id, 'clinician_id', book_appointment_series.clinician_id,
    'centre_id', book_appointment_series.centre_id, 'first_starts_at', book_appointment_series.first_starts_at,
    'rrule', book_appointment_series.rrule, 'patient_id', book_appointment_series.patient_id,
    'client_key', book_appointment_series.client_key, 'skip_conflicts', book_appointment_series.skip_conflicts));
end
$function$;

create or replace function public.reschedule_appointment_series(appointment_id uuid, scope text, starts_at timestamp with time zone)
 returns jsonb
 language plpgsql
 set search_path = ''
 set timezone to 'UTC'
as $function$
/**
 * Moves occurrences of a recurring series.
 *
 * Parameters:
 *   appointment_id  one appointment of the series (the one the user picked)
 *   scope           'this' (only it), 'following' (it and every later one: the series is split),
 *                   'all' (every one that has not started)
 *   starts_at       the picked appointment's new start; the others move by the same LOCAL
 *                   wall-clock shift in the series' zone (e.g. Monday 09:00 -> Tuesday 10:00
 *                   moves every Monday 09:00 to the Tuesday 10:00 after it, also across DST)
 * Returns: {"series_id" (the moved appointments' series: new after a split),
 *           "split_from_series_id" (the old series, or null), "rescheduled":
 *           [{"appointment_id", "starts_at_before", "starts_at"}], "skipped": [{"appointment_id", "status"}]}
 * Who:     as reschedule_appointment: the patient (outside the reschedule window), booking staff.
 * Errors:  22023 (bad argument, or a move no repeating rule can describe), PT403, PT404, PT409
 *          (series_conflicts "2 of 8 appointments cannot be moved", the new times in the hint,
 *          nothing moved; status_conflict: the picked one is not pending/booked or has started;
 *          for 'this' the reasons of reschedule_appointment), PT422 (not part of a series;
 *          'this': not an offered time), PT503 busy.
 * Example: supabase.rpc('reschedule_appointment_series', { appointment_id, scope: 'following',
 *            starts_at: '2027-01-12T10:00:00Z' })
 */
begin
  return private.run_booking_rpc('reschedule_appointment_series', pg_catalog.jsonb_build_object(
    'appointment_id', reschedule_appointment_series.appointment_id, 'scope', reschedule_appointment_series.scope,
    'starts_at', reschedule_appointment_series.starts_at));
end
$function$;

create or replace function public.cancel_appointment_series(appointment_id uuid, scope text, reason text)
 returns jsonb
 language plpgsql
 set search_path = ''
 set timezone to 'UTC'
as $function$
/**
 * Cancels occurrences of a recurring series.
 *
 * Parameters:
 *   appointment_id  one appointment of the series (the one the user picked)
 *   scope           'this' (that one), 'following' (that one and every later one), or 'all'
 *                   (every one that has not started)
 *   reason          required, e.g. 'patient_request'
 * Returns: {"series_id", "cancelled": [appointment ids], "skipped": [{"appointment_id", "status"}]}
 *          (skipped: in scope but not pending/booked, e.g. already cancelled or fulfilled).
 * Who:     as cancel_appointment, per occurrence: the patient, booking staff, the clinician;
 *          cancellation_outcome (late, fee) is decided per occurrence.
 * Errors:  22023 (missing id or reason, bad scope), PT403, PT404, PT422 (not part of a series),
 *          PT503 busy.
 * Example: supabase.rpc('cancel_appointment_series', { appointment_id, scope: 'following', reason: 'patient_request' })
 */
begin
  return private.run_booking_rpc('cancel_appointment_series', pg_catalog.jsonb_build_object(
    'appointment_id', cancel_appointment_series.appointment_id, 'scope', cancel_appointment_series.scope,
    'reason', cancel_appointment_series.reason));
end
$function$;

create or replace function private.change_waitlist_entry_for_api(p_action text, p_entry_id uuid, p_offer_id uuid)
 returns uuid
 language plpgsql
 set search_path = ''
 set timezone to 'UTC'
as $function$
/**
 * The body of leave_waitlist, accept_waitlist_offer and decline_waitlist_offer: runs the private
 * implementation of p_action ('leave', 'accept' or 'decline') through private.run_booking_rpc
 * (starting over after 40P01/40001).
 *
 * Returns: what the implementation returns (the entry id; the appointment id for accept).
 */
begin
  return (private.run_booking_rpc(p_action || case p_action when 'leave' then '_waitlist' else '_waitlist_offer' end,
                                  pg_catalog.jsonb_build_object('id', p_entry_id, 'offer_id', p_offer_id)) #>> '{}')::uuid;
end
$function$;

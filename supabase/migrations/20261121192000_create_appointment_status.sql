-- public.appointment_status and the status machine of appointments (issue 4, appointments core).
--
-- Objects: enum public.appointment_status (FHIR Appointment.status codes, snake_case);
-- private.status_occupies(status): THE one list of statuses that hold capacity, used by every
-- no-overlap constraint (appointments, appointment_resources) and by slot search;
-- private.appointment_next_statuses(status): the allowed transitions (the status machine), used
-- by the guard trigger on public.appointments (20261121192100) and in its error hints.
--
-- The machine (docs/booking.md):
--   pending    -> booked | cancelled
--   booked     -> arrived | checked_in | noshow | cancelled | fulfilled
--   arrived    -> checked_in | fulfilled | noshow
--   checked_in -> fulfilled
--   fulfilled, cancelled, noshow, entered_in_error: final
--   any status -> entered_in_error (owners and admins only; not listed by the function)

create type public.appointment_status as enum (
  'pending', 'booked', 'arrived', 'checked_in', 'fulfilled', 'cancelled', 'noshow', 'entered_in_error'
);
comment on type public.appointment_status is
  'Status of an appointment (FHIR Appointment.status): pending (held until hold_expires_at, e.g. awaiting payment), booked (confirmed), arrived (at the front desk), checked_in (ready for the clinician), fulfilled (done), cancelled, noshow (patient did not come), entered_in_error (should never have existed). pending, booked, arrived, checked_in and fulfilled occupy the clinician''s and resources'' time.';

create function private.status_occupies(status public.appointment_status)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * True for the statuses that occupy the clinician's (and resources') time: pending (a hold,
   * until it is released), booked, arrived, checked_in, fulfilled. The single definition used
   * by the no-overlap exclusion constraints and by slot search, so they can never disagree.
   *
   * Parameters: status  an appointment status.
   * Returns:    true when the status holds capacity; null for null.
   * Example:    select private.status_occupies('cancelled');  -- false
   */
  select status in ('pending', 'booked', 'arrived', 'checked_in', 'fulfilled')
$$;
comment on function private.status_occupies(public.appointment_status) is
  'True for the statuses that occupy capacity (pending, booked, arrived, checked_in, fulfilled). The one definition used by the no-overlap exclusion constraints and slot search.';
revoke execute on function private.status_occupies(public.appointment_status) from public, anon, authenticated, service_role;
grant execute on function private.status_occupies(public.appointment_status) to anon, authenticated, service_role;

create function private.appointment_next_statuses(status public.appointment_status)
returns public.appointment_status[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * The statuses an appointment in `status` may move to (the status machine), not counting
   * entered_in_error, which owners and admins may set from any status but itself.
   *
   * Parameters: status  the current status.
   * Returns:    the allowed next statuses; empty for final statuses.
   * Example:    select private.appointment_next_statuses('pending');  -- {booked,cancelled}
   */
  select case status
    when 'pending' then array['booked', 'cancelled']::public.appointment_status[]
    when 'booked' then array['arrived', 'checked_in', 'noshow', 'cancelled', 'fulfilled']::public.appointment_status[]
    when 'arrived' then array['checked_in', 'fulfilled', 'noshow']::public.appointment_status[]
    when 'checked_in' then array['fulfilled']::public.appointment_status[]
    else array[]::public.appointment_status[]
  end
$$;
comment on function private.appointment_next_statuses(public.appointment_status) is
  'The status machine: statuses an appointment may move to from the given one (entered_in_error, allowed from any status for owners and admins, is not listed). Empty for final statuses.';
revoke execute on function private.appointment_next_statuses(public.appointment_status) from public, anon, authenticated, service_role;
grant execute on function private.appointment_next_statuses(public.appointment_status) to authenticated, service_role;

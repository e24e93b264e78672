-- Bounds on everything a client sets: numbers that are numbers, prices in their currency's minor
-- unit, and a length cap on every free text.
--
-- * 'NaN' passed `price >= 0` (NaN sorts above every number in PostgreSQL), so a service could
--   cost NaN, be booked, and break the payment. Every money column now refuses NaN; prices and
--   fees have at most the ISO 4217 decimals of their currency (private.fits_minor_unit). Infinity
--   never fits numeric(12, 2) (22003).
-- * Free texts a client sends through an RPC were unbounded (a 1 MB cancellation reason was copied
--   into the history): reasons are at most 500 characters, refused with 22001, reason
--   value_too_long and a hint by private.assert_text_within before anything is locked or written;
--   the columns they land in carry the same cap as the last line of defence. Language tags (BCP 47:
--   at most 35 characters), and the JSON a client writes (opening hours, consents, emergency
--   contact) are capped too.
-- supabase/tests/api_surface/every_value_a_client_sets_is_bounded.test.sql finds any text or
-- number column a client may write without such a bound.
--
-- The table and domain constraints are NOT VALID: they hold for every row written from now on,
-- and a migration never fails on (or rewrites) rows written before; `alter table ... validate
-- constraint` checks old rows once they are clean.

create function private.assert_text_within(p_value text, p_name text, p_max integer)
returns void
language plpgsql
immutable
set search_path = ''
as $$
/**
 * Raises 22001 (HTTP 400) with reason value_too_long when a free text a client sent is longer
 * than p_max characters; nothing for null or shorter text. RPCs call it first, before any lock.
 *
 * Parameters: p_value  the text; p_name  the argument's name (for the message); p_max  the cap.
 * Example:    perform private.assert_text_within(p_reason, 'reason', 500);
 */
begin
  if pg_catalog.char_length(p_value) > p_max then
    raise exception using errcode = '22001', detail = 'value_too_long',
      message = pg_catalog.format('%s is too long: %s characters, at most %s', p_name, pg_catalog.char_length(p_value), p_max),
      hint = pg_catalog.format('Shorten %s to at most %s characters.', p_name, p_max);
  end if;
end
$$;
comment on function private.assert_text_within(text, text, integer) is
  'Refuses a free text a client sent that is longer than the cap: 22001, reason value_too_long, with the argument''s name and the cap in message and hint.';
revoke execute on function private.assert_text_within(text, text, integer) from public, anon, authenticated, service_role;

-- money: numbers, in the currency's minor unit
alter table public.services
  add constraint services_price_fits_currency check (private.fits_minor_unit(price, currency)) not valid,
  add constraint services_cancellation_fee_fits_currency check (private.fits_minor_unit(cancellation_fee, currency)) not valid,
  add constraint services_deposit_amount_fits_currency check (private.fits_minor_unit(deposit_amount, currency)) not valid,
  add constraint services_reschedule_fee_fits_currency check (private.fits_minor_unit(reschedule_fee, currency)) not valid;
comment on constraint services_price_fits_currency on public.services is 'The price is a number (not NaN) with at most the ISO 4217 decimals of the currency (10.50 GBP, 5000 JPY; not 10.50 JPY).';
comment on constraint services_cancellation_fee_fits_currency on public.services is 'The cancellation fee is a number (not NaN) with at most the currency''s ISO 4217 decimals.';
comment on constraint services_deposit_amount_fits_currency on public.services is 'The deposit is a number (not NaN) with at most the currency''s ISO 4217 decimals.';
comment on constraint services_reschedule_fee_fits_currency on public.services is 'The reschedule fee is a number (not NaN) with at most the currency''s ISO 4217 decimals.';

alter table public.clinician_services
  add constraint clinician_services_price_override_is_a_number check (price_override <> 'NaN'::numeric) not valid;
comment on constraint clinician_services_price_override_is_a_number on public.clinician_services is
  'A price override is a number (NaN is refused; it would pass price_override >= 0).';

alter table public.clinicians
  add constraint clinicians_consultation_fee_fits_currency check (private.fits_minor_unit(consultation_fee, fee_currency)) not valid;
comment on constraint clinicians_consultation_fee_fits_currency on public.clinicians is
  'The consultation fee is a number (not NaN) with at most the ISO 4217 decimals of fee_currency.';

alter table public.payments
  add constraint payments_amounts_are_numbers check (amount <> 'NaN'::numeric and amount_refunded <> 'NaN'::numeric) not valid;
comment on constraint payments_amounts_are_numbers on public.payments is 'Amounts are numbers (NaN is refused).';
alter table public.refunds
  add constraint refunds_amount_is_a_number check (amount <> 'NaN'::numeric) not valid;
comment on constraint refunds_amount_is_a_number on public.refunds is 'The amount is a number (NaN is refused).';

-- free texts a client sends through the RPCs, where they are stored
alter table public.appointments
  add constraint appointments_cancellation_reason_length check (pg_catalog.char_length(cancellation_reason) <= 500) not valid,
  add constraint appointments_override_reason_length check (pg_catalog.char_length(override_reason) <= 500) not valid;
comment on constraint appointments_cancellation_reason_length on public.appointments is 'A cancellation reason is at most 500 characters (the RPCs refuse longer with 22001 first).';
comment on constraint appointments_override_reason_length on public.appointments is 'A staff override reason is at most 500 characters.';
alter table public.appointment_status_history
  add constraint appointment_status_history_reason_length check (pg_catalog.char_length(reason) <= 500) not valid;
comment on constraint appointment_status_history_reason_length on public.appointment_status_history is 'A reason is at most 500 characters.';

-- JSON a client writes, and language tags
alter table public.centres
  add constraint centres_opening_hours_size check (pg_catalog.octet_length(opening_hours::text) <= 8192) not valid;
comment on constraint centres_opening_hours_size on public.centres is 'Opening hours are at most 8 kB of JSON.';
alter table public.patients
  add constraint patients_consents_size check (pg_catalog.octet_length(consents::text) <= 8192) not valid,
  add constraint patients_emergency_contact_size check (pg_catalog.octet_length(emergency_contact::text) <= 1024) not valid;
comment on constraint patients_consents_size on public.patients is 'Consents are at most 8 kB of JSON.';
comment on constraint patients_emergency_contact_size on public.patients is 'An emergency contact is at most 1 kB of JSON.';

alter domain public.language_tag add constraint language_tag_length check (pg_catalog.char_length(value) <= 35) not valid;
comment on constraint language_tag_length on domain public.language_tag is 'A BCP 47 language tag is at most 35 characters (RFC 5646 §4.4.1).';

-- the reason arguments of the status changes and the series cancel
create or replace function private.change_appointment_status(
  p_appointment_id uuid, p_to public.appointment_status, p_reason text)
returns uuid
language plpgsql
volatile
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
      or v_appointment.tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin']::public.staff_role[]))
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
create or replace function private.cancel_appointment_series(p_appointment_id uuid, p_scope text, p_reason text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * Cancels the occurrences of a series in scope (see public.cancel_appointment_series).
 * security definer: nobody but service_role updates appointments directly; the caller's rights
 * are checked here (PT404/PT403 like cancel_appointment) and again per occurrence by
 * private.change_appointment_status. Locks: the series row, then the occurrences in scope in id
 * order (docs/booking.md#lock-order).
 *
 * Returns: {series_id, cancelled: [appointment ids], skipped: [{appointment_id, status}]}.
 * Errors:  22023 (id, scope, reason), 22001 (a reason over 500 characters), PT403, PT404, PT422 (not part of a series).
 */
declare
  v_change private.appointment_change;
  v_appointment public.appointments;
  v_series_id uuid;
  v_in_scope uuid[];
  v_target record;
  v_cancelled jsonb := '[]'::jsonb;
  v_skipped jsonb := '[]'::jsonb;
begin
  if p_appointment_id is null then
    raise exception using errcode = '22023', message = 'appointment_id is required',
      hint = 'Pass the id of one appointment of the series.';
  end if;
  if p_scope is null or p_scope not in ('this', 'following', 'all') then
    raise exception using errcode = '22023', message = 'scope must be this, following or all',
      hint = 'this: only this appointment; following: this one and the later ones; all: every one not yet started.';
  end if;
  perform private.assert_text_within(p_reason, 'reason', 500);
  v_change := private.appointment_for_change(p_appointment_id, 'none');
  v_appointment := v_change.appointment;
  if v_change.caller not in ('server', 'staff', 'clinician', 'patient') then
    raise exception using errcode = 'PT403', message = 'you may not mark this appointment cancelled',
      hint = 'Ask the clinic''s front desk.';
  end if;
  if p_reason is null or pg_catalog.btrim(p_reason) = '' then
    raise exception using errcode = '22023', message = 'reason is required',
      hint = 'Say why, e.g. patient_request, clinician_unavailable.';
  end if;
  if v_appointment.series_id is null then
    raise exception using errcode = 'PT422', message = 'this appointment is not part of a series',
      hint = 'Use cancel_appointment for a single appointment.';
  end if;

  -- one series operation at a time, then its occurrences in scope in id order
  select s.id into v_series_id
  from public.appointment_series as s
  where s.tenant_id = v_appointment.tenant_id and s.id = v_appointment.series_id
  for update;
  v_in_scope := array(
    select a.id
    from public.appointments as a
    where a.tenant_id = v_appointment.tenant_id and a.series_id = v_series_id
      and case p_scope
            when 'this' then a.id = v_appointment.id
            when 'following' then a.starts_at >= v_appointment.starts_at
            else a.starts_at > pg_catalog.now()
          end);
  perform private.lock_appointments(v_appointment.tenant_id, v_in_scope);

  for v_target in
    select a.id, a.status
    from public.appointments as a
    where a.tenant_id = v_appointment.tenant_id and a.id = any (v_in_scope) and a.series_id = v_series_id
    order by a.starts_at, a.id
  loop
    if v_target.status in ('pending', 'booked') then
      perform private.change_appointment_status(v_target.id, 'cancelled', p_reason);
      v_cancelled := v_cancelled || pg_catalog.to_jsonb(v_target.id);
    else
      v_skipped := v_skipped || pg_catalog.jsonb_build_array(
        pg_catalog.jsonb_build_object('appointment_id', v_target.id, 'status', v_target.status));
    end if;
  end loop;

  return pg_catalog.jsonb_build_object('series_id', v_series_id, 'cancelled', v_cancelled, 'skipped', v_skipped);
end
$$;

-- The preambles every booking and change runs before it locks anything
-- (private.resolve_booking_request, private.appointment_for_change, private.waitlist_entry_for_change)
-- now also decide two things, once for every RPC:
--   suspended tenants   a patient or staff member of a suspended tenant changes nothing: booking,
--                       joining the waitlist, cancelling, rescheduling, paying and accepting,
--                       declining or leaving a waitlist offer are PT403 tenant_suspended (the
--                       server still may). Reads are untouched (docs/auth.md#suspended-tenants).
--   rate limits         what a patient does for themself is counted (docs/rate-limits.md): bookings
--                       (also series and waitlist joins) as 'booking', cancellations, reschedules
--                       and waitlist decisions as 'appointment_change', open_payment as 'payment'.
--                       Staff and the server are not counted. The hit is written before any lock
--                       of the lock order and takes none itself.
-- private.appointment_for_change gains the action as a third argument; the two-argument form
-- counts 'appointment_change'. open_payment names 'payment'.

create or replace function private.resolve_booking_request(p_purpose text, p_service_id uuid, p_centre_id uuid, p_clinician_id uuid, p_patient_id uuid, p_staff_override boolean)
returns private.booking_request
language plpgsql
volatile
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
 *   staff_override  owners, admins, managers and front desk of the centre, or the server (PT403);
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
    perform private.take_request_rate_limit('booking', v_service.tenant_id);
  end if;
  return row(v_uid, v_staff, v_tenant, v_service, v_centre, v_clinician, v_patient_id)::private.booking_request;
end
$$;
comment on function private.resolve_booking_request(text, uuid, uuid, uuid, uuid, boolean) is
  'The booking preamble of book_appointment, book_appointment_series and join_waitlist: service -> tenant, centre, clinician (PT404); PT403 tenant_suspended for all but the server; patient vs staff vs server and the patient booked for (PT403/PT404/22023); the staff override right (PT403); a patient''s booking counted against the booking rate limits (429).';

create function private.appointment_for_change(p_appointment_id uuid, p_lock text, p_action public.rate_limited_action)
returns private.appointment_change
language plpgsql
volatile
set search_path = ''
as $$
/**
 * The preamble of every RPC that changes one appointment: finds it, decides how the caller
 * relates to it (PT404 'appointment not found' when they may not even see it: another patient,
 * another tenant), refuses everyone but the server in a suspended tenant (PT403
 * tenant_suspended), counts a patient's change against the rate limits of p_action (HTTP 429
 * rate_limited), then locks it in the lock order:
 *   'none'     no lock (series RPCs lock the series first, then its rows);
 *   'row'      the row `for update` (status changes, payments);
 *   'booking'  the booking keys of its clinician, patient and resource pools, then the row
 *              (moves, which may take new time).
 * The caller check runs on the unlocked row, so a refused call never waits for a lock. If the
 * appointment's tenant, centre, clinician, patient or service changed between the read and the
 * lock, the call raises 40001 and the RPC's retry starts it over with the right keys.
 *
 * Parameters: the appointment id; the lock mode; the rate-limited action ('appointment_change',
 *             or 'payment' for open_payment).
 * Returns:    the appointment as it is now and the caller's relation to it.
 */
declare
  v_seen public.appointments;
  v_locked public.appointments;
  v_result private.appointment_change;
begin
  select a.* into v_seen from public.appointments as a where a.id = p_appointment_id;
  v_result.caller := case when found then private.appointment_caller(v_seen) end;
  if v_result.caller is null then
    raise exception using errcode = 'PT404', message = 'appointment not found',
      hint = 'Check the id; you only see your own appointments, or those of your clinic.';
  end if;
  if v_result.caller <> 'server' then
    perform private.assert_tenant_takes_changes(v_seen.tenant_id);
  end if;
  if v_result.caller = 'patient' then
    perform private.take_request_rate_limit(p_action, v_seen.tenant_id);
  end if;
  if p_lock = 'none' then
    v_result.appointment := v_seen;
    return v_result;
  end if;
  if p_lock = 'booking' then
    perform private.lock_booking(v_seen.tenant_id, v_seen.clinician_id, v_seen.patient_id,
                                 private.appointment_resource_pools(v_seen.tenant_id, v_seen.centre_id, v_seen.service_id,
                                                                    array[v_seen.id]));
  end if;
  select a.* into v_locked from public.appointments as a where a.tenant_id = v_seen.tenant_id and a.id = v_seen.id for update;
  if (v_locked.centre_id, v_locked.clinician_id, v_locked.patient_id, v_locked.service_id)
     is distinct from (v_seen.centre_id, v_seen.clinician_id, v_seen.patient_id, v_seen.service_id) then
    raise exception using errcode = '40001', message = 'the appointment changed while it was being locked',
      hint = 'The call is started over.';
  end if;
  v_result.appointment := v_locked;
  return v_result;
end
$$;
comment on function private.appointment_for_change(uuid, text, public.rate_limited_action) is
  'Preamble of the RPCs that change an appointment: finds it, the caller''s relation (PT404 when not visible), PT403 tenant_suspended for all but the server, a patient''s change counted against the rate limits of the action (429), and locks it in the lock order (none | row | booking = keys then row); 40001 when it changed meanwhile.';
revoke execute on function private.appointment_for_change(uuid, text, public.rate_limited_action) from public, anon, authenticated, service_role;

create or replace function private.appointment_for_change(p_appointment_id uuid, p_lock text)
returns private.appointment_change
language sql
volatile
set search_path = ''
as $$
  /**
   * private.appointment_for_change(id, lock, 'appointment_change'): the preamble of the status
   * changes, reschedules and series changes.
   */
  select private.appointment_for_change(p_appointment_id, p_lock, 'appointment_change')
$$;
comment on function private.appointment_for_change(uuid, text) is
  'Preamble of the RPCs that change an appointment, counting a patient''s change as appointment_change: private.appointment_for_change(id, lock, ''appointment_change'').';

create or replace function private.waitlist_entry_for_change(p_entry_id uuid)
returns public.waitlist_entries
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * The preamble of leave/accept/decline: finds the entry, checks the caller may change it (PT404
 * when they may not see it, PT403 tenant_suspended for all but the server in a suspended tenant,
 * PT403 for other staff who see it, 22023 for a null id), counts a patient's decision against the
 * 'appointment_change' rate limits (HTTP 429 rate_limited), then locks in the lock order: the
 * appointment holding its offer, then the entry. When the entry points at another appointment by
 * then (a new offer was made meanwhile), it raises 40001 and the RPC's retry starts over.
 *
 * Returns: the locked entry.
 */
declare
  v_seen public.waitlist_entries;
  v_entry public.waitlist_entries;
  v_caller text;
begin
  if p_entry_id is null then
    raise exception using errcode = '22023', message = 'id is required', hint = 'Pass the waitlist entry id.';
  end if;
  select e.* into v_seen from public.waitlist_entries as e where e.id = p_entry_id;
  v_caller := case when found then private.waitlist_caller(v_seen) end;
  if v_caller is null then
    raise exception using errcode = 'PT404', message = 'waitlist entry not found',
      hint = 'Check the id; you only see your own waitlist entries, or those of your clinic.';
  end if;
  if v_caller <> 'server' then
    perform private.assert_tenant_takes_changes(v_seen.tenant_id);
  end if;
  if v_caller = 'viewer' then
    raise exception using errcode = 'PT403', message = 'you may not change this waitlist entry',
      hint = 'Ask the clinic''s front desk.';
  end if;
  if v_caller = 'patient' then
    perform private.take_request_rate_limit('appointment_change', v_seen.tenant_id);
  end if;
  if v_seen.offered_appointment_id is not null then
    perform private.lock_appointments(v_seen.tenant_id, array[v_seen.offered_appointment_id]);
  end if;
  select e.* into v_entry from public.waitlist_entries as e where e.tenant_id = v_seen.tenant_id and e.id = v_seen.id for update;
  if not found or (v_entry.offered_appointment_id is not null
                   and v_entry.offered_appointment_id is distinct from v_seen.offered_appointment_id) then
    raise exception using errcode = '40001', message = 'the waitlist entry changed while it was being locked',
      hint = 'The call is started over.';
  end if;
  return v_entry;
end
$$;
comment on function private.waitlist_entry_for_change(uuid) is
  'Preamble of leave/accept/decline: checks the caller (PT404 not visible, PT403 tenant_suspended, PT403 other staff, 22023 null id), counts a patient''s decision as appointment_change (429), then locks the offer''s appointment and the entry, in the lock order (40001 when a new offer came meanwhile).';

create or replace function private.open_payment(p_appointment_id uuid, p_flow public.payment_flow)
returns public.opened_payment
language plpgsql
security definer
set search_path = ''
as $$
/**
 * Implementation of public.open_payment (see there). security definer: a patient may not insert
 * payments, nor read the clinician's price. Locks the appointment (private.appointment_for_change),
 * so concurrent calls for it queue and the second one reuses the payment the first one opened.
 * Refusals: PT409 status_conflict (cancelled, already booked), hold_expired, nothing_to_pay,
 * payment_in_progress (another flow's payment is open); PT403 tenant_suspended; a patient's
 * payments are counted against the 'payment' rate limits (HTTP 429 rate_limited).
 *
 * Returns: one row, the payment plus what the Stripe call needs.
 */
declare
  v_change private.appointment_change;
  v_appointment public.appointments;
  v_caller text;
  v_price record;
  v_payment public.payments;
  v_attempt integer;
  v_account text;
  v_description text;
  v_email text;
  v_result public.opened_payment;
begin
  if p_appointment_id is null or p_flow is null then
    raise exception using errcode = '22023', message = 'appointment_id and flow are required',
      hint = 'Pass the appointment to pay for and the flow: payment_intent or checkout.';
  end if;
  v_change := private.appointment_for_change(p_appointment_id, 'row', 'payment');
  v_appointment := v_change.appointment;
  v_caller := v_change.caller;
  if v_caller not in ('server', 'staff', 'patient') then
    raise exception using errcode = 'PT403', message = 'you may not take a payment for this appointment',
      hint = 'The patient pays in the app, or the clinic''s front desk takes the payment.';
  end if;
  if v_appointment.status in ('cancelled', 'entered_in_error') then
    raise exception using errcode = 'PT409', message = 'this appointment was cancelled',
      detail = 'status_conflict',
      hint = 'Search for available times again and book a new appointment.';
  end if;
  if v_appointment.status <> 'pending' then
    raise exception using errcode = 'PT409', message = 'this appointment is already booked',
      detail = 'status_conflict',
      hint = 'Nothing is left to pay online for it; reload the appointment.';
  end if;
  if v_appointment.hold_expires_at <= pg_catalog.now() then
    raise exception using errcode = 'PT409', message = 'the hold on this appointment has expired',
      detail = 'hold_expired',
      hint = 'Its time is no longer kept: search for available times again and book a new appointment.';
  end if;

  select p.* into v_price
  from private.payment_amount(v_appointment.tenant_id, v_appointment.service_id, v_appointment.clinician_id) as p;
  if not coalesce(v_price.payment_required, false) or coalesce(v_price.amount, 0) <= 0 then
    raise exception using errcode = 'PT409', message = 'there is nothing to pay for this appointment',
      detail = 'nothing_to_pay',
      hint = 'The service is not paid online; the clinic confirms the booking.';
  end if;

  select p.* into v_payment
  from public.payments as p
  where p.tenant_id = v_appointment.tenant_id and p.appointment_id = v_appointment.id
    and p.status in ('requires_payment', 'processing')
  for update;
  if found then
    if v_payment.flow <> p_flow then
      raise exception using errcode = 'PT409',
        message = pg_catalog.format('a %s payment is already open for this appointment', v_payment.flow),
        detail = 'payment_in_progress',
        hint = pg_catalog.format('Finish that payment (flow %s), or wait until the hold expires.', v_payment.flow);
    end if;
  else
    select coalesce(max(p.attempt), 0) + 1 into v_attempt
    from public.payments as p
    where p.tenant_id = v_appointment.tenant_id and p.appointment_id = v_appointment.id;
    select s.stripe_account_id into v_account
    from public.tenant_payment_settings as s where s.tenant_id = v_appointment.tenant_id;
    insert into public.payments (tenant_id, appointment_id, patient_id, flow, kind, amount, currency, amount_minor,
                                 status, attempt, idempotency_key, stripe_account_id)
    values (v_appointment.tenant_id, v_appointment.id, v_appointment.patient_id, p_flow, v_price.kind, v_price.amount,
            v_price.currency, private.to_minor_units(v_price.amount, v_price.currency), 'requires_payment', v_attempt,
            'payment:' || v_appointment.id::text || ':' || v_attempt::text, v_account)
    returning * into v_payment;
  end if;

  select pg_catalog.format('%s, %s (%s)', s.name,
                           pg_catalog.to_char(v_appointment.starts_at at time zone c.timezone, 'Dy DD Mon YYYY, HH24:MI'),
                           c.timezone),
         pt.email::text
    into v_description, v_email
  from public.services as s
  join public.centres as c on c.tenant_id = s.tenant_id and c.id = v_appointment.centre_id
  left join public.patients as pt on pt.tenant_id = s.tenant_id and pt.id = v_appointment.patient_id
  where s.tenant_id = v_appointment.tenant_id and s.id = v_appointment.service_id;

  select
    v_payment.tenant_id, v_payment.id, v_payment.appointment_id, v_payment.patient_id, v_payment.flow, v_payment.kind,
    v_payment.amount::numeric, v_payment.currency, v_payment.amount_minor, v_payment.status, v_payment.attempt,
    v_payment.idempotency_key, v_payment.stripe_account_id, v_payment.stripe_payment_intent_id,
    v_payment.stripe_checkout_session_id, v_payment.checkout_url, v_payment.receipt_url,
    v_payment.amount_refunded::numeric, v_payment.failure_message, v_payment.succeeded_at, v_payment.created_at,
    v_payment.updated_at,
    v_description, v_email, v_appointment.hold_expires_at,
    pg_catalog.jsonb_build_object('tenant_id', v_payment.tenant_id::text, 'appointment_id', v_payment.appointment_id::text,
                                  'payment_id', v_payment.id::text)
    into v_result;
  return v_result;
end
$$;
comment on function private.open_payment(uuid, public.payment_flow) is
  'Implementation of public.open_payment (security definer: patients cannot insert payments or read clinician prices). Locks the appointment, checks caller (PT404/PT403, PT403 tenant_suspended) and state, counts a patient''s payment against the payment rate limits (429), reuses the open payment of the same flow or opens a new attempt with the amount from the database.';

-- The waitlist in the lock order (docs/booking.md#lock-order), on the shared booking helpers,
-- with reason codes on its refusals (docs/errors.md).
--
--   accept / decline / leave  lock the appointment that holds the entry's offer, then the entry -
--                             the order of everything that updates that appointment (cancel,
--                             confirm, the hold expiry, a booking releasing it), whose trigger
--                             then settles the entry;
--   join_waitlist             the preamble is private.resolve_booking_request; one live entry per
--                             patient, service, centre and clinician: concurrent joins of a
--                             patient queue on the patient's waitlist key;
--   the freed-slot offer      runs inside whatever freed the slot, after its locks, so it never
--                             waits: it tries the booking keys of the clinician, the resource pool
--                             and each waiting patient (pg_try_advisory_xact_lock) and skips
--                             locked entries; whatever it cannot have is left to whoever has it;
--   expire-waitlist-entries   skips entries locked by someone else (next run).
-- The public RPCs start over after 40P01/40001 (private.after_lock_conflict).

create or replace function private.waitlist_entry_for_change(p_entry_id uuid)
returns public.waitlist_entries
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * The preamble of leave/accept/decline: finds the entry, checks the caller may change it (PT404
 * when they may not see it, PT403 for other staff of the tenant, 22023 for a null id), then locks
 * in the lock order: the appointment holding its offer, then the entry. When the entry points at
 * another appointment by then (a new offer was made meanwhile), it raises 40001 and the RPC's
 * retry starts over.
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
  if v_caller = 'viewer' then
    raise exception using errcode = 'PT403', message = 'you may not change this waitlist entry',
      hint = 'Ask the clinic''s front desk.';
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
  'Preamble of leave/accept/decline: checks the caller (PT404 not visible, PT403 other staff, 22023 null id), then locks the offer''s appointment and the entry, in the lock order (40001 when a new offer came meanwhile).';

create or replace function private.assert_waitlist_offer_open(p_entry public.waitlist_entries, p_offer_id uuid, p_allow_expired boolean)
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
/**
 * Raises PT409 unless the entry has an open offer (and, when p_offer_id is given, it is that
 * offer) that has not expired: reason offer_expired ('this offer has expired') when the (named
 * or latest) offer ran out, else reason offer_closed ('this waitlist entry has no open offer' /
 * 'this offer is no longer open'). PT404 for an offer id that is not one of the entry's.
 *
 * Parameters: the locked entry; the offer the client means (null: the entry's open offer);
 *             p_allow_expired: accept an open offer past offer_expires_at whose hold was not
 *             released yet (declining it is harmless; accepting it is not allowed).
 */
declare
  v_offer public.waitlist_offers;
begin
  select o.* into v_offer
  from public.waitlist_offers as o
  where o.tenant_id = p_entry.tenant_id and o.entry_id = p_entry.id
    and (p_offer_id is null or o.id = p_offer_id)
  order by o.offered_at desc, o.id
  limit 1;
  if p_offer_id is not null and not found then
    raise exception using errcode = 'PT404', message = 'waitlist offer not found',
      hint = 'Pass the id of an offer made to this waitlist entry, or leave offer_id out.';
  end if;
  if v_offer.outcome = 'expired'
     or (not p_allow_expired and p_entry.status = 'offered' and v_offer.outcome is null
         and pg_catalog.now() >= p_entry.offer_expires_at) then
    raise exception using errcode = 'PT409', message = 'this offer has expired',
      detail = 'offer_expired',
      hint = 'The time was passed on to the next patient; you stay on the waitlist for the next freed time.';
  end if;
  if p_entry.status <> 'offered' or v_offer.outcome is not null then
    raise exception using errcode = 'PT409',
      message = case when p_offer_id is null then 'this waitlist entry has no open offer' else 'this offer is no longer open' end,
      detail = 'offer_closed',
      hint = case p_entry.status
        when 'booked' then 'The offer was already accepted: see the appointment.'
        when 'waiting' then 'Nothing is offered right now: the next freed time that matches will be.'
        when 'offered' then 'Another time is offered now: reload the waitlist entry.'
        else 'This waitlist entry is closed; join the waitlist again.'
      end;
  end if;
end
$$;
comment on function private.assert_waitlist_offer_open(public.waitlist_entries, uuid, boolean) is
  'Raises PT409 unless the entry''s (named) offer is open and not expired (reason offer_expired: ''this offer has expired''; offer_closed otherwise), PT404 for an offer id of another entry.';

create or replace function private.join_waitlist(
  p_service_id uuid, p_centre_id uuid, p_earliest timestamptz, p_latest timestamptz,
  p_clinician_id uuid, p_patient_id uuid)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Puts a patient on the waitlist (see public.join_waitlist for the contract).
 * security definer: no API role inserts waitlist entries directly, and patients cannot read
 * which clinicians offer a service at a centre beyond the public directory. Acts only for
 * auth.uid() (or the server).
 *
 * Returns: the entry id (new, or the live entry of an identical earlier join).
 */
declare
  v_request private.booking_request;
  v_existing public.waitlist_entries;
  v_id uuid;
begin
  perform private.assert_booking_caller('waitlist');
  if p_service_id is null or p_centre_id is null or p_earliest is null or p_latest is null then
    raise exception using errcode = '22023', message = 'service_id, centre_id, earliest and latest are required',
      hint = 'Pass the service, the centre and the window of times the patient can come.';
  end if;
  if p_latest <= p_earliest then
    raise exception using errcode = '22023', message = 'latest must be after earliest',
      hint = 'Pass the window as earliest < latest.';
  end if;
  if p_latest - p_earliest > interval '90 days' then
    raise exception using errcode = '22023', message = 'the window can be at most 90 days long',
      hint = 'Join with a shorter window; join again later for later times.';
  end if;
  if p_latest <= pg_catalog.now() then
    raise exception using errcode = '22023', message = 'the window is already over',
      hint = 'Pick a window that ends in the future.';
  end if;

  -- what and who
  v_request := private.resolve_booking_request('waitlist', p_service_id, p_centre_id, p_clinician_id, p_patient_id, false);
  perform private.assert_bookable('waitlist', v_request);

  -- one live entry per patient, service, centre and clinician: concurrent joins queue here
  perform pg_catalog.pg_advisory_xact_lock(private.booking_lock_key('waitlist', (v_request.tenant).id, v_request.patient_id::text));
  select e.* into v_existing
  from public.waitlist_entries as e
  where e.tenant_id = (v_request.tenant).id and e.patient_id = v_request.patient_id
    and e.service_id = p_service_id and e.centre_id = p_centre_id
    and e.clinician_id is not distinct from p_clinician_id
    and e.status in ('waiting', 'offered');
  if found then
    if (v_existing.earliest, v_existing.latest) = (p_earliest, p_latest) then
      return v_existing.id;
    end if;
    raise exception using errcode = 'PT409', message = 'already on the waitlist for this service, centre and clinician',
      detail = 'already_on_waitlist',
      hint = 'Leave that entry first (leave_waitlist) to change the window.';
  end if;

  insert into public.waitlist_entries (
    tenant_id, patient_id, service_id, centre_id, clinician_id, earliest, latest, joined_via, created_by)
  values (
    (v_request.tenant).id, v_request.patient_id, p_service_id, p_centre_id, p_clinician_id, p_earliest, p_latest,
    case when v_request.staff then 'staff' else 'patient' end, v_request.uid)
  returning id into v_id;
  return v_id;
end
$$;
comment on function private.join_waitlist(uuid, uuid, timestamptz, timestamptz, uuid, uuid) is
  'Implementation of public.join_waitlist (security definer: nobody inserts waitlist entries directly). Validates the window, who and what (private.resolve_booking_request, private.assert_bookable); returns the live entry of an identical join; PT409 already_on_waitlist for a live entry with another window.';

create or replace function private.leave_waitlist(p_entry_id uuid)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Takes a waiting or offered entry off the waitlist (-> cancelled). A live offer is withdrawn:
 * outcome withdrawn, its hold cancelled with reason waitlist_offer_withdrawn, and the time goes
 * to the next entry (trigger).
 *
 * Returns: the entry id.
 * Errors:  22023, PT403, PT404, PT409 status_conflict (already booked, expired or cancelled).
 */
declare
  v_entry public.waitlist_entries;
  v_caller text;
begin
  v_entry := private.waitlist_entry_for_change(p_entry_id);
  v_caller := private.waitlist_caller(v_entry);
  if v_entry.status not in ('waiting', 'offered') then
    raise exception using errcode = 'PT409',
      message = pg_catalog.format('this waitlist entry is already %s', v_entry.status),
      detail = 'status_conflict',
      hint = 'Only waiting or offered entries can leave the waitlist.';
  end if;
  if v_entry.status = 'offered' then
    perform private.close_waitlist_offer(v_entry.tenant_id, v_entry.id, 'withdrawn', 'cancelled');
    perform private.cancel_waitlist_hold(v_entry.tenant_id, v_entry.offered_appointment_id, 'waitlist_offer_withdrawn',
      case v_caller when 'patient' then 'patient' when 'server' then 'system' else 'staff' end);
  else
    update public.waitlist_entries as e
       set status = 'cancelled'
     where e.tenant_id = v_entry.tenant_id and e.id = v_entry.id;
  end if;
  return v_entry.id;
end
$$;

create or replace function private.accept_waitlist_offer(p_entry_id uuid, p_offer_id uuid)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Accepts the open offer of an entry: the held appointment becomes booked through the status
 * machine, or - when the service requires payment - stays pending with hold_expires_at =
 * now() + tenants.payment_hold_duration until the payment confirms it; booked_by = the caller.
 * The entry becomes booked, the offer accepted.
 *
 * Returns: the appointment id.
 * Errors:  22023, PT403, PT404, PT409 (offer_expired 'this offer has expired', offer_closed).
 */
declare
  v_entry public.waitlist_entries;
  v_appointment public.appointments;
  v_payment_required boolean;
  v_payment_hold interval;
begin
  v_entry := private.waitlist_entry_for_change(p_entry_id);
  perform private.assert_waitlist_offer_open(v_entry, p_offer_id, false);
  select a.* into v_appointment
  from public.appointments as a
  where a.tenant_id = v_entry.tenant_id and a.id = v_entry.offered_appointment_id;
  if v_appointment.status is distinct from 'pending' then
    raise exception using errcode = 'PT409', message = 'this offer is no longer open',
      detail = 'offer_closed',
      hint = 'Reload the waitlist entry to see its current status.';
  end if;
  select s.payment_required, t.payment_hold_duration into v_payment_required, v_payment_hold
  from public.services as s
  join public.tenants as t on t.id = s.tenant_id
  where s.tenant_id = v_appointment.tenant_id and s.id = v_appointment.service_id;

  perform private.close_waitlist_offer(v_entry.tenant_id, v_entry.id, 'accepted', 'booked');
  perform pg_catalog.set_config('slotbase.appointment_change_reason', 'waitlist_offer_accepted', true);
  if v_payment_required then
    update public.appointments as a
       set hold_expires_at = pg_catalog.now() + v_payment_hold,
           booked_by = (select auth.uid())
     where a.tenant_id = v_appointment.tenant_id and a.id = v_appointment.id;
  else
    update public.appointments as a
       set status = 'booked',
           booked_by = (select auth.uid())
     where a.tenant_id = v_appointment.tenant_id and a.id = v_appointment.id;
  end if;
  perform pg_catalog.set_config('slotbase.appointment_change_reason', '', true);
  return v_appointment.id;
end
$$;

create or replace function private.decline_waitlist_offer(p_entry_id uuid, p_offer_id uuid)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Declines the open offer of an entry: the offer ends declined, the entry goes back to waiting
 * (expired when its window is over) - the patient still wants another time - and the hold is
 * cancelled with reason waitlist_offer_declined, so the slot goes to the next entry (trigger).
 * An offer past offer_expires_at whose hold was not yet released can still be declined.
 *
 * Returns: the entry id.
 * Errors:  22023, PT403, PT404, PT409 (offer_closed, offer_expired).
 */
declare
  v_entry public.waitlist_entries;
  v_caller text;
begin
  v_entry := private.waitlist_entry_for_change(p_entry_id);
  v_caller := private.waitlist_caller(v_entry);
  perform private.assert_waitlist_offer_open(v_entry, p_offer_id, true);
  perform private.close_waitlist_offer(v_entry.tenant_id, v_entry.id, 'declined',
    case when v_entry.latest > pg_catalog.now() then 'waiting' else 'expired' end::public.waitlist_status);
  perform private.cancel_waitlist_hold(v_entry.tenant_id, v_entry.offered_appointment_id, 'waitlist_offer_declined',
    case v_caller when 'patient' then 'patient' when 'server' then 'system' else 'staff' end);
  return v_entry.id;
end
$$;

create or replace function private.offer_waitlist_slot(
  p_tenant_id uuid, p_service_id uuid, p_centre_id uuid, p_clinician_id uuid, p_starts_at timestamptz,
  p_freed_by_patient_id uuid)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Holds the slot (service, centre, clinician, start) for the oldest matching waiting entry:
 *   the slot  starts in the future; it can be booked at all (private.assert_bookable: active,
 *             the clinician works there and offers the service; its length) and is still one
 *             slot search would offer (private.assert_slot_offered) - PT422 means nothing is
 *             offered; the clinician (with buffers) and, when required, a resource of the
 *             service's type are free;
 *   entries   oldest first (created_at, id), at most 20 tried: same tenant, service and centre,
 *             status waiting, clinician null or equal, earliest <= start < latest, never offered
 *             this clinician and start before, not the patient whose appointment freed it, the
 *             patient has no occupying appointment overlapping the slot; an entry the patient
 *             made (joined_via patient) only for a public service and clinician at a published
 *             centre.
 * It runs inside whatever freed the slot, after that change's locks, so it never waits for a
 * lock (docs/booking.md#lock-order): the booking keys of the clinician and the resource pool are
 * tried (held elsewhere: a booking of that time is in flight, nothing is offered), each entry is
 * skipped when locked, and so is an entry whose patient's key is held elsewhere.
 * For the first entry that works, in a subtransaction: a pending appointment (booked_via
 * waitlist, hold_expires_at = least(now() + tenants.waitlist_offer_duration, start)), a free
 * resource when the service needs one, the entry -> offered, a waitlist_offers row. A patient
 * who turns out to be busy (exclusion on the patient) is skipped; anything that makes the slot
 * itself unavailable (clinician exclusion, no resource) stops: nothing is offered.
 *
 * Parameters: the freed slot; p_freed_by_patient_id: the patient whose appointment freed it.
 * Returns:    the entry the slot was offered to, or null.
 */
declare
  v_tenant public.tenants;
  v_service public.services;
  v_centre public.centres;
  v_clinician public.clinicians;
  v_duration integer;
  v_ends_at timestamptz;
  v_occupied tstzrange;
  v_pool text;
  v_expires_at timestamptz;
  v_entry public.waitlist_entries;
  v_appointment_id uuid;
  v_constraint text;
  v_reason text := coalesce(pg_catalog.current_setting('slotbase.appointment_change_reason', true), '');
begin
  if p_starts_at is null or p_starts_at <= pg_catalog.now() then
    return null;
  end if;
  -- most freed slots have nobody waiting: stop before the costlier slot checks
  if not exists (select 1 from public.waitlist_entries as e
                 where e.tenant_id = p_tenant_id and e.service_id = p_service_id and e.centre_id = p_centre_id
                   and e.status = 'waiting'
                   and (e.clinician_id is null or e.clinician_id = p_clinician_id)
                   and e.earliest <= p_starts_at and p_starts_at < e.latest) then
    return null;
  end if;
  select t.* into v_tenant from public.tenants as t where t.id = p_tenant_id;
  select s.* into v_service from public.services as s where s.tenant_id = p_tenant_id and s.id = p_service_id;
  select c.* into v_centre from public.centres as c where c.tenant_id = p_tenant_id and c.id = p_centre_id;
  select c.* into v_clinician from public.clinicians as c where c.tenant_id = p_tenant_id and c.id = p_clinician_id;
  if v_clinician.id is null then
    return null;
  end if;

  -- still a slot that can be booked, and one slot search would offer?
  begin
    v_duration := private.assert_bookable('appointment',
                    row(null, true, v_tenant, v_service, v_centre, v_clinician, null)::private.booking_request);
    v_ends_at := p_starts_at + pg_catalog.make_interval(mins => v_duration);
    perform private.assert_slot_offered(p_tenant_id, p_service_id, p_clinician_id, p_centre_id, p_starts_at, v_ends_at);
  exception when sqlstate 'PT422' then
    return null;
  end;
  v_occupied := pg_catalog.tstzrange(p_starts_at - pg_catalog.make_interval(mins => v_service.buffer_before_minutes),
                                     v_ends_at + pg_catalog.make_interval(mins => v_service.buffer_after_minutes), '[)');
  -- still free? (e.g. a small move of the same appointment still covers it)
  if exists (select 1 from public.appointments as a
             where a.tenant_id = p_tenant_id and a.clinician_id = p_clinician_id
               and private.status_occupies(a.status) and a.occupied && v_occupied) then
    return null;
  end if;
  if v_service.required_resource_type is not null and not exists (
      select 1 from public.resources as r
      where r.tenant_id = p_tenant_id and r.centre_id = p_centre_id
        and r.resource_type = v_service.required_resource_type and r.is_active
        and not exists (select 1 from public.appointment_resources as ar
                        where ar.tenant_id = r.tenant_id and ar.resource_id = r.id and ar.active and ar.occupied && v_occupied)) then
    return null;
  end if;
  -- a booking of this clinician or pool in flight elsewhere keeps the time
  v_pool := private.resource_pool(p_centre_id, v_service.required_resource_type);
  if not private.try_lock_booking_key('clinician', p_tenant_id, p_clinician_id::text)
     or (v_pool is not null and not private.try_lock_booking_key('resources', p_tenant_id, v_pool)) then
    return null;
  end if;
  v_expires_at := least(pg_catalog.now() + v_tenant.waitlist_offer_duration, p_starts_at);

  for v_entry in
    select e.*
    from public.waitlist_entries as e
    where e.tenant_id = p_tenant_id and e.service_id = p_service_id and e.centre_id = p_centre_id
      and e.status = 'waiting'
      and (e.clinician_id is null or e.clinician_id = p_clinician_id)
      and e.earliest <= p_starts_at and p_starts_at < e.latest
      and e.patient_id is distinct from p_freed_by_patient_id
      and (e.joined_via = 'staff' or (v_service.is_public and v_clinician.is_public and v_centre.is_published))
      and not exists (select 1 from public.waitlist_offers as o
                      where o.tenant_id = e.tenant_id and o.entry_id = e.id
                        and o.clinician_id = p_clinician_id and o.starts_at = p_starts_at)
      and not exists (select 1 from public.appointments as a
                      where a.tenant_id = e.tenant_id and a.patient_id = e.patient_id
                        and private.status_occupies(a.status)
                        and pg_catalog.tstzrange(a.starts_at, a.ends_at, '[)') && pg_catalog.tstzrange(p_starts_at, v_ends_at, '[)'))
    order by e.created_at, e.id
    limit 20
    for update of e skip locked
  loop
    begin
      continue when not private.try_lock_booking_key('patient', p_tenant_id, v_entry.patient_id::text);  -- being booked right now
      perform pg_catalog.set_config('slotbase.appointment_change_reason', 'waitlist_offer', true);
      insert into public.appointments (
        tenant_id, service_id, clinician_id, centre_id, patient_id, starts_at, ends_at, occupied, status,
        hold_expires_at, booked_by, booked_via)
      values (
        p_tenant_id, p_service_id, p_clinician_id, p_centre_id, v_entry.patient_id, p_starts_at, v_ends_at, v_occupied,
        'pending', v_expires_at, null, 'waitlist')
      returning id into v_appointment_id;
      if v_service.required_resource_type is not null
         and private.allocate_resource(p_tenant_id, v_appointment_id, p_centre_id, v_service.required_resource_type,
                                       v_occupied) is null then
        perform private.raise_slot_taken(null, v_service.required_resource_type);
      end if;

      update public.waitlist_entries as e
         set status = 'offered',
             offered_appointment_id = v_appointment_id,
             offer_expires_at = v_expires_at
       where e.tenant_id = p_tenant_id and e.id = v_entry.id;
      insert into public.waitlist_offers (tenant_id, entry_id, appointment_id, clinician_id, starts_at, ends_at, expires_at)
      values (p_tenant_id, v_entry.id, v_appointment_id, p_clinician_id, p_starts_at, v_ends_at, v_expires_at);

      perform pg_catalog.set_config('slotbase.appointment_change_reason', v_reason, true);
      return v_entry.id;
    exception
      when exclusion_violation then
        get stacked diagnostics v_constraint = constraint_name;
        if v_constraint is distinct from 'appointments_patient_no_overlap' then
          return null;  -- the slot itself is taken
        end if;
        -- the patient is busy at that time: next entry
      when unique_violation then
        null;           -- this entry cannot take it (already offered): next entry
      when sqlstate 'PT409' then
        return null;    -- no room or device is free
      when deadlock_detected then
        return null;    -- a writer outside the lock order (service_role): give up on this slot
    end;
  end loop;
  return null;
end
$$;
comment on function private.offer_waitlist_slot(uuid, uuid, uuid, uuid, timestamptz, uuid) is
  'Holds a freed slot for the oldest matching waiting entry (pending appointment booked_via waitlist until least(now() + waitlist_offer_duration, start), entry offered, a waitlist_offers row); never waits for a lock (tries the booking keys, skips locked entries); skips entries that cannot take it, gives up when the slot is no longer bookable. Returns the entry or null. Called by the freed-slot trigger.';

create or replace function private.waitlist_on_appointment_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
/**
 * AFTER UPDATE row trigger on public.appointments: settles the open offer an appointment held,
 * then offers the future time it freed to the waitlist.
 * security definer: any writer of appointments (the RPCs' owner, service_role, the hold-expiry
 * job) must be able to write the waitlist tables and insert the hold.
 * Locks: the entry of the hold, after the appointment (the writer has it locked); the offer
 * never waits (private.offer_waitlist_slot).
 *
 * Returns: null.
 */
declare
  v_entry public.waitlist_entries;
  v_outcome public.waitlist_offer_outcome;
begin
  -- 1. the hold of an open offer left pending: the offer ends
  if old.status = 'pending' and new.status <> 'pending' and new.booked_via = 'waitlist' then
    select e.* into v_entry
    from public.waitlist_entries as e
    where e.tenant_id = new.tenant_id and e.offered_appointment_id = new.id and e.status = 'offered'
    for update;
    if found then
      if new.status = 'booked' then
        perform private.close_waitlist_offer(v_entry.tenant_id, v_entry.id, 'accepted', 'booked');
      elsif not private.status_occupies(new.status) then
        v_outcome := case
          when new.status = 'cancelled' and new.cancellation_reason = 'hold_expired' then 'expired'
          when new.status = 'cancelled' and new.cancellation_outcome ->> 'by' = 'patient' then 'declined'
          else 'withdrawn'
        end;
        perform private.close_waitlist_offer(v_entry.tenant_id, v_entry.id, v_outcome,
          case when v_entry.latest > pg_catalog.now() then 'waiting' else 'expired' end::public.waitlist_status);
      end if;
    end if;
  end if;

  -- 2. future time freed: offer it to the next entry
  if private.status_occupies(old.status)
     and old.starts_at > pg_catalog.now()
     and (not private.status_occupies(new.status)
          or (new.starts_at, new.clinician_id, new.centre_id, new.service_id)
             is distinct from (old.starts_at, old.clinician_id, old.centre_id, old.service_id))
     and coalesce(pg_catalog.current_setting('slotbase.waitlist_offering', true), '') <> 'on'
     -- an expired hold released in the way of a booking or move of this clinician is left to it
     and not (new.status = 'cancelled' and new.cancellation_reason = 'hold_expired'
              and coalesce(pg_catalog.current_setting('slotbase.holds_released_for', true), '')
                  = old.tenant_id::text || ':' || old.clinician_id::text) then
    perform pg_catalog.set_config('slotbase.waitlist_offering', 'on', true);
    perform private.offer_waitlist_slot(old.tenant_id, old.service_id, old.centre_id, old.clinician_id, old.starts_at, old.patient_id);
    perform pg_catalog.set_config('slotbase.waitlist_offering', '', true);
  end if;
  return null;
end
$$;

create or replace function private.expire_waitlist_entries()
returns integer
language sql
volatile
set search_path = ''
as $$
  /**
   * Marks every waiting entry whose window is over as expired, in every tenant, skipping entries
   * another transaction has locked (the next run takes them). Run by pg_cron every 5 minutes as
   * postgres.
   * Returns: how many entries expired.
   * Example: select private.expire_waitlist_entries();
   */
  with expired as (
    update public.waitlist_entries as e
       set status = 'expired'
     where e.id in (select w.id from public.waitlist_entries as w
                    where w.status = 'waiting' and w.latest <= pg_catalog.now()
                    for update skip locked)
       and e.status = 'waiting'
    returning 1
  )
  select pg_catalog.count(*)::integer from expired
$$;

create or replace function public.join_waitlist(
  service_id uuid, centre_id uuid, earliest timestamptz, latest timestamptz,
  clinician_id uuid default null, patient_id uuid default null)
returns public.waitlist_entries
language plpgsql
volatile
security invoker
set search_path = ''
as $$
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
  v_attempt integer := 0;
  v_entry public.waitlist_entries;
begin
  loop
    begin
      v_id := private.join_waitlist(join_waitlist.service_id, join_waitlist.centre_id, join_waitlist.earliest,
                                    join_waitlist.latest, join_waitlist.clinician_id, join_waitlist.patient_id);
      exit;
    exception when deadlock_detected or serialization_failure then
      v_attempt := private.after_lock_conflict(v_attempt, sqlstate);
    end;
  end loop;
  select e.* into v_entry from public.waitlist_entries as e where e.id = v_id;
  return v_entry;
end
$$;

create function private.change_waitlist_entry_for_api(p_action text, p_entry_id uuid, p_offer_id uuid)
returns uuid
language plpgsql
volatile
security invoker
set search_path = ''
as $$
/**
 * The body of leave_waitlist, accept_waitlist_offer and decline_waitlist_offer: runs the private
 * implementation of p_action ('leave', 'accept' or 'decline') in a subtransaction and starts it
 * over after 40P01/40001 (private.after_lock_conflict).
 *
 * Returns: what the implementation returns (the entry id; the appointment id for accept).
 */
declare
  v_id uuid;
  v_attempt integer := 0;
begin
  loop
    begin
      v_id := case p_action
        when 'leave' then private.leave_waitlist(p_entry_id)
        when 'accept' then private.accept_waitlist_offer(p_entry_id, p_offer_id)
        when 'decline' then private.decline_waitlist_offer(p_entry_id, p_offer_id)
      end;
      exit;
    exception when deadlock_detected or serialization_failure then
      v_attempt := private.after_lock_conflict(v_attempt, sqlstate);
    end;
  end loop;
  return v_id;
end
$$;
comment on function private.change_waitlist_entry_for_api(text, uuid, uuid) is
  'Body of leave_waitlist, accept_waitlist_offer and decline_waitlist_offer: the private implementation with the last-resort retry after 40P01/40001.';
revoke execute on function private.change_waitlist_entry_for_api(text, uuid, uuid) from public, anon, authenticated, service_role;
grant execute on function private.change_waitlist_entry_for_api(text, uuid, uuid) to authenticated, service_role;

create or replace function public.leave_waitlist(id uuid)
returns public.waitlist_entries
language plpgsql
volatile
security invoker
set search_path = ''
as $$
/**
 * Takes a waiting or offered entry off the waitlist (status cancelled) and returns it. A live
 * offer is withdrawn: its held appointment is cancelled (reason waitlist_offer_withdrawn) and
 * the time goes to the next patient. The patient, or appointment staff of the centre.
 * Errors: 22023, PT403, PT404, PT409 status_conflict (already booked, expired or cancelled), PT503 busy.
 * Example: supabase.rpc('leave_waitlist', { id })
 */
declare
  v_id uuid;
  v_entry public.waitlist_entries;
begin
  v_id := private.change_waitlist_entry_for_api('leave', leave_waitlist.id, null);
  select e.* into v_entry from public.waitlist_entries as e where e.id = v_id;
  return v_entry;
end
$$;
comment on function public.leave_waitlist(uuid) is
  'Leaves the waitlist (entry cancelled; a live offer is withdrawn and its hold cancelled). Returns the entry. Errors: 22023, PT403, PT404, PT409 status_conflict.';

create or replace function public.accept_waitlist_offer(id uuid, offer_id uuid default null)
returns public.appointments
language plpgsql
volatile
security invoker
set search_path = ''
as $$
/**
 * Accepts the slot offered to a waitlist entry and returns the appointment: booked, or - when
 * the service requires payment - still pending with hold_expires_at = now() + the tenant's
 * payment hold until the payment confirms it. The entry becomes booked.
 * Parameters: id  the waitlist entry; offer_id  optionally the offer the patient was shown (a
 *             different or older offer gives PT409 offer_closed).
 * Errors: 22023, PT403, PT404, PT409 (offer_expired 'this offer has expired', offer_closed), PT503 busy.
 * Example: supabase.rpc('accept_waitlist_offer', { id: entry.id })
 */
declare
  v_id uuid;
  v_appointment public.appointments;
begin
  v_id := private.change_waitlist_entry_for_api('accept', accept_waitlist_offer.id, accept_waitlist_offer.offer_id);
  select a.* into v_appointment from public.appointments as a where a.id = v_id;
  return v_appointment;
end
$$;
comment on function public.accept_waitlist_offer(uuid, uuid) is
  'Accepts a waitlist offer: the held appointment becomes booked (payment-required: stays pending for the payment hold); entry booked. Returns the appointment. Errors: 22023, PT403, PT404, PT409 (offer_expired, offer_closed).';

create or replace function public.decline_waitlist_offer(id uuid, offer_id uuid default null)
returns public.waitlist_entries
language plpgsql
volatile
security invoker
set search_path = ''
as $$
/**
 * Declines the slot offered to a waitlist entry: the held appointment is cancelled (reason
 * waitlist_offer_declined) and offered to the next patient; the entry goes back to waiting for
 * another time, and is returned.
 * Parameters: id  the waitlist entry; offer_id  optionally the offer the patient was shown.
 * Errors: 22023, PT403, PT404, PT409 (offer_closed, offer_expired), PT503 busy.
 * Example: supabase.rpc('decline_waitlist_offer', { id: entry.id })
 */
declare
  v_id uuid;
  v_entry public.waitlist_entries;
begin
  v_id := private.change_waitlist_entry_for_api('decline', decline_waitlist_offer.id, decline_waitlist_offer.offer_id);
  select e.* into v_entry from public.waitlist_entries as e where e.id = v_id;
  return v_entry;
end
$$;
comment on function public.decline_waitlist_offer(uuid, uuid) is
  'Declines a waitlist offer: hold cancelled and passed to the next patient, entry back to waiting. Returns the entry. Errors: 22023, PT403, PT404, PT409 (offer_closed, offer_expired).';

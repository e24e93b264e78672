-- The waitlist's engine (issue 4, part 2: waitlist): when an appointment frees future time, the
-- freed slot becomes a short hold for the next waitlisted patient.
--
-- Trigger waitlist_offer_freed_slot, AFTER UPDATE on public.appointments, for each row of an
-- appointment that occupied time (private.status_occupies) and changed status or place:
--   1. settle: if the appointment was the hold of an open offer and left pending, the offer ends:
--      booked -> accepted (entry booked); cancelled/entered_in_error -> expired (reason
--      hold_expired), declined (the patient cancelled it) or withdrawn (anyone else), and the
--      entry goes back to waiting (or to expired when its window is over);
--   2. offer: if it stopped occupying time (cancelled, entered_in_error; a no-show is never in the
--      future) or moved away (starts_at, clinician, centre or service changed) and its old start
--      is in the future, private.offer_waitlist_slot tries to hold that slot for the oldest
--      matching waiting entry.
-- The trigger is named to fire after sync_resources (the freed resources are released first)
-- and record_history (the cancellation is written before the new hold).
--
-- Recursion: the offer only INSERTs appointments (this trigger is AFTER UPDATE) and writes the
-- waitlist tables; a transaction-local flag (slotbase.waitlist_offering) also stops any nested
-- offer. An expired or declined hold frees its slot again, which then goes to the NEXT entry:
-- public.waitlist_offers never offers one slot (clinician, start) twice to the same entry, and
-- the patient whose appointment freed the slot is never offered it.
-- Concurrency: the offer takes no advisory lock. It reads the booking advisory locks of
-- 20261121192500 from pg_locks: a booking of the same clinician in flight in another session
-- keeps the time (no offer), a patient being booked right then is skipped; an expired hold that
-- THIS transaction releases while booking or rescheduling onto the clinician (it holds the
-- clinician's lock) is left to that booking. The exclusion constraints decide as everywhere else.

create function private.booking_lock_holders(p_kind text, p_tenant_id uuid, p_id uuid)
returns setof integer
language sql
volatile
set search_path = ''
as $$
  /**
   * Process ids holding the booking advisory lock of a clinician, patient or resource (the keys
   * of private.lock_booking_keys / private.lock_resource_key), read from pg_locks without taking
   * it. pg_locks shows a bigint advisory key as classid = high half, objid = low half,
   * objsubid = 1.
   * Parameters: p_kind 'clinician', 'patient' or 'resource'; tenant; the clinician, patient or resource id.
   * Example:    select pg_catalog.pg_backend_pid() in (select private.booking_lock_holders('clinician', tenant_id, clinician_id));
   */
  with key as (
    select pg_catalog.hashtextextended('slotbase.appointments.' || p_kind || ':' || p_tenant_id::text || ':' || p_id::text, 0) as k
  )
  select l.pid
  from pg_catalog.pg_locks as l, key
  where l.locktype = 'advisory'
    and l.granted
    and l.objsubid = 1
    and l.classid::bigint = (key.k >> 32) & 4294967295
    and l.objid::bigint = key.k & 4294967295
$$;
comment on function private.booking_lock_holders(text, uuid, uuid) is
  'Process ids holding the booking advisory lock of a clinician, patient or resource (keys of private.lock_booking_keys), read from pg_locks without taking it. The waitlist uses it to stay out of bookings in flight and to recognise a booking in its own transaction.';
revoke execute on function private.booking_lock_holders(text, uuid, uuid) from public, anon, authenticated, service_role;

create function private.close_waitlist_offer(
  p_tenant_id uuid, p_entry_id uuid, p_outcome public.waitlist_offer_outcome, p_status public.waitlist_status)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Ends the open offer of an entry with p_outcome and moves the entry to p_status: booked keeps
 * offered_appointment_id (the booked appointment); waiting, expired and cancelled clear it.
 * offer_expires_at is cleared in every case. Used by the freed-slot trigger and the RPCs.
 *
 * Parameters: tenant and entry; the offer's outcome; the entry's next status.
 * Returns:    nothing.
 */
begin
  update public.waitlist_offers as o
     set outcome = p_outcome,
         decided_at = pg_catalog.clock_timestamp()
   where o.tenant_id = p_tenant_id and o.entry_id = p_entry_id and o.outcome is null;
  update public.waitlist_entries as e
     set status = p_status,
         offer_expires_at = null,
         offered_appointment_id = case when p_status = 'booked' then e.offered_appointment_id end
   where e.tenant_id = p_tenant_id and e.id = p_entry_id;
end
$$;
comment on function private.close_waitlist_offer(uuid, uuid, public.waitlist_offer_outcome, public.waitlist_status) is
  'Ends an entry''s open offer (outcome, decided_at) and moves the entry on (booked keeps the appointment; other statuses clear it). Used by the freed-slot trigger and the waitlist RPCs.';
revoke execute on function private.close_waitlist_offer(uuid, uuid, public.waitlist_offer_outcome, public.waitlist_status) from public, anon, authenticated, service_role;

create function private.offer_waitlist_slot(
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
 *   the slot  starts in the future; tenant, service, centre and clinician are active and the
 *             clinician offers the service (duration = clinician override, else service); it is
 *             still one slot search would offer (private.assert_slot_offered: notice, horizon,
 *             alignment, hours - PT422 means nothing is offered); the clinician (with buffers)
 *             and, when required, a resource of the service's type are free;
 *   entries   oldest first (created_at, id), at most 20 tried: same tenant, service and centre,
 *             status waiting, clinician null or equal, earliest <= start < latest, never offered
 *             this clinician and start before, not the patient whose appointment freed it, the
 *             patient has no occupying appointment overlapping the slot; an entry the patient
 *             made (joined_via patient) only for a public service and clinician at a published
 *             centre.
 * For the first entry that works, in a subtransaction: a pending appointment (booked_via
 * waitlist, hold_expires_at = least(now() + tenants.waitlist_offer_duration, start)), a free
 * resource when the service needs one, the entry -> offered, a waitlist_offers row. A patient
 * who turns out to be busy (exclusion on the patient) or locked by a concurrent booking is
 * skipped; anything that makes the slot itself unavailable (clinician exclusion, no resource,
 * a booking of the clinician in flight, deadlock) stops: nothing is offered.
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
  v_expires_at timestamptz;
  v_entry public.waitlist_entries;
  v_appointment_id uuid;
  v_resource_id uuid;
  v_allocated boolean;
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
  if not (coalesce(v_tenant.is_active, false) and coalesce(v_service.is_active, false)
          and coalesce(v_centre.is_active, false) and coalesce(v_clinician.is_active, false)) then
    return null;
  end if;
  select coalesce(cs.duration_minutes_override, v_service.duration_minutes) into v_duration
  from public.clinician_services as cs
  where cs.tenant_id = p_tenant_id and cs.clinician_id = p_clinician_id and cs.service_id = p_service_id;
  if v_duration is null then
    return null;
  end if;
  v_ends_at := p_starts_at + pg_catalog.make_interval(mins => v_duration);
  v_occupied := pg_catalog.tstzrange(p_starts_at - pg_catalog.make_interval(mins => v_service.buffer_before_minutes),
                                     v_ends_at + pg_catalog.make_interval(mins => v_service.buffer_after_minutes), '[)');

  -- still a slot slot search would offer?
  begin
    perform private.assert_slot_offered(p_tenant_id, p_service_id, p_clinician_id, p_centre_id, p_starts_at, v_ends_at);
  exception when sqlstate 'PT422' then
    return null;
  end;
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
    if exists (select 1 from private.booking_lock_holders('clinician', p_tenant_id, p_clinician_id) as h
               where h <> pg_catalog.pg_backend_pid()) then
      return null;  -- a booking of this clinician is in flight elsewhere: leave the time to it
    end if;
    if exists (select 1 from private.booking_lock_holders('patient', p_tenant_id, v_entry.patient_id) as h
               where h <> pg_catalog.pg_backend_pid()) then
      continue;     -- this patient is being booked right now: next entry
    end if;
    begin
      perform pg_catalog.set_config('slotbase.appointment_change_reason', 'waitlist_offer', true);
      insert into public.appointments (
        tenant_id, service_id, clinician_id, centre_id, patient_id, starts_at, ends_at, occupied, status,
        hold_expires_at, booked_by, booked_via)
      values (
        p_tenant_id, p_service_id, p_clinician_id, p_centre_id, v_entry.patient_id, p_starts_at, v_ends_at, v_occupied,
        'pending', v_expires_at, null, 'waitlist')
      returning id into v_appointment_id;

      if v_service.required_resource_type is not null then
        v_allocated := false;
        for v_resource_id in
          select r.id
          from public.resources as r
          where r.tenant_id = p_tenant_id and r.centre_id = p_centre_id
            and r.resource_type = v_service.required_resource_type and r.is_active
            and not exists (select 1 from public.appointment_resources as ar
                            where ar.tenant_id = r.tenant_id and ar.resource_id = r.id and ar.active and ar.occupied && v_occupied)
          order by r.name, r.id
        loop
          continue when exists (select 1 from private.booking_lock_holders('resource', p_tenant_id, v_resource_id) as h
                                where h <> pg_catalog.pg_backend_pid());  -- being booked elsewhere
          begin
            insert into public.appointment_resources (tenant_id, appointment_id, resource_id, occupied, active)
            values (p_tenant_id, v_appointment_id, v_resource_id, v_occupied, true);
            v_allocated := true;
            exit;
          exception when exclusion_violation then
            null;  -- taken concurrently: try the next one
          end;
        end loop;
        if not v_allocated then
          raise exception using errcode = 'PT409', message = 'no resource is free for the waitlist offer';
        end if;
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
      when deadlock_detected or lock_not_available or sqlstate 'PT409' then
        return null;    -- contention or no resource: give up on this slot
    end;
  end loop;
  return null;
end
$$;
comment on function private.offer_waitlist_slot(uuid, uuid, uuid, uuid, timestamptz, uuid) is
  'Holds a freed slot for the oldest matching waiting entry (pending appointment booked_via waitlist until least(now() + waitlist_offer_duration, start), entry offered, a waitlist_offers row); skips entries that cannot take it, gives up when the slot is no longer bookable. Returns the entry or null. Called by the freed-slot trigger.';
revoke execute on function private.offer_waitlist_slot(uuid, uuid, uuid, uuid, timestamptz, uuid) from public, anon, authenticated, service_role;

create function private.waitlist_on_appointment_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
/**
 * AFTER UPDATE row trigger on public.appointments (see the migration header): settles the open
 * offer an appointment held, then offers the future time it freed to the waitlist.
 * security definer: any writer of appointments (the RPCs' owner, service_role, the hold-expiry
 * job) must be able to write the waitlist tables and insert the hold.
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
     -- an expired hold released by a booking or reschedule of this clinician in this transaction
     -- is left to that booking
     and not (new.status = 'cancelled' and new.cancellation_reason = 'hold_expired'
              and pg_catalog.pg_backend_pid() in (select private.booking_lock_holders('clinician', old.tenant_id, old.clinician_id))) then
    perform pg_catalog.set_config('slotbase.waitlist_offering', 'on', true);
    perform private.offer_waitlist_slot(old.tenant_id, old.service_id, old.centre_id, old.clinician_id, old.starts_at, old.patient_id);
    perform pg_catalog.set_config('slotbase.waitlist_offering', '', true);
  end if;
  return null;
end
$$;
comment on function private.waitlist_on_appointment_change() is
  'Trigger function on appointments (security definer): ends the open waitlist offer an appointment held when it leaves pending (accepted/declined/expired/withdrawn), and offers future time an appointment frees (cancelled, entered in error, moved) to the next matching waitlist entry.';
revoke execute on function private.waitlist_on_appointment_change() from public, anon, authenticated, service_role;

create trigger waitlist_offer_freed_slot after update on public.appointments
  for each row
  when (private.status_occupies(old.status)
        and (new.status is distinct from old.status
             or (new.starts_at, new.clinician_id, new.centre_id, new.service_id)
                is distinct from (old.starts_at, old.clinician_id, old.centre_id, old.service_id)))
  execute function private.waitlist_on_appointment_change();
comment on trigger waitlist_offer_freed_slot on public.appointments is
  'Waitlist: settles the offer a held appointment belonged to, and offers future time freed by a cancellation, entry in error or move to the next waitlisted patient (private.waitlist_on_appointment_change). Fires after sync_resources and record_history (name order).';

-- The lock order of the booking core, and the helpers every path that writes appointments, holds,
-- rooms and devices, series or waitlist entries takes its locks with (docs/booking.md#lock-order).
--
-- Two transactions deadlock only when each waits for a lock the other holds, which takes two
-- locks acquired in opposite orders. So every path acquires them in one order:
--
--   1. the series row (appointment_series, `for update`), when a series changes as a whole;
--   2. booking keys, transaction advisory locks taken by private.lock_booking before any row
--      lock: the clinician, then the patient, then each resource pool (a centre's rooms or
--      devices of one type) in text order - of everything the transaction will book or move;
--   3. appointment rows (`for update`): the rows the call changes, in id order
--      (private.appointment_for_change, private.lock_appointments), then the expired holds in the
--      way of the new time, in id order (private.release_holds_in_the_way);
--   4. a waitlist entry, after the appointment that holds its offer (private.waitlist_entry_for_change
--      and the freed-slot trigger);
--   5. what hangs off an appointment (its room or device allocations, history, offers, payments,
--      refunds, notifications), after the appointment.
--
-- A lock outside this order is only ever tried, never waited for: the waitlist offer tries the
-- booking keys (pg_try_advisory_xact_lock) and skips locked entries, the expiry jobs skip locked
-- rows. The keys to take are read before anything is locked; when the row turns out to have
-- changed meanwhile (service_role may edit anything), the call raises 40001 and starts over.
-- Last resort: every public RPC of the booking core runs its work in a subtransaction and starts
-- it over after 40P01 or 40001 (private.after_lock_conflict: a short random pause, at most five
-- attempts, then PT503 busy), so neither error ever reaches a caller.

create function private.booking_lock_key(p_kind text, p_tenant_id uuid, p_subject text)
returns bigint
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * The advisory lock key of a clinician, a patient or a resource pool of a tenant: one
   * definition for taking, trying and looking up booking keys.
   * Parameters: p_kind 'clinician', 'patient' or 'resources'; the tenant; the clinician or
   *             patient id, or the pool (private.resource_pool).
   * Example:    select private.booking_lock_key('clinician', tenant_id, clinician_id::text);
   */
  select pg_catalog.hashtextextended('slotbase.appointments.' || p_kind || ':' || p_tenant_id::text || ':' || p_subject, 0)
$$;
comment on function private.booking_lock_key(text, uuid, text) is
  'Advisory lock key of a booking key (clinician, patient or resource pool of a tenant). See private.lock_booking.';
revoke execute on function private.booking_lock_key(text, uuid, text) from public, anon, authenticated, service_role;

create function private.resource_pool(p_centre_id uuid, p_resource_type text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * The pool a room or device belongs to: its centre and resource type. Bookings that need a
   * resource take the pool's booking key, since any resource of the pool may be the one they get.
   * Returns: '<centre id>:<resource type>', or null when either is null.
   * Example: select private.resource_pool(centre_id, 'ultrasound');
   */
  select p_centre_id::text || ':' || p_resource_type
$$;
comment on function private.resource_pool(uuid, text) is
  'The resource pool (centre and resource type) a booking key of rooms and devices stands for: <centre id>:<resource type>, null when either is null.';
revoke execute on function private.resource_pool(uuid, text) from public, anon, authenticated, service_role;

create function private.lock_booking(p_tenant_id uuid, p_clinician_id uuid, p_patient_id uuid, p_resource_pools text[])
returns void
language plpgsql
volatile
set search_path = ''
as $$
/**
 * Takes the booking keys of a booking or move (step 2 of the lock order), waiting for each: the
 * clinician, then the patient, then every resource pool in text order. Call it before locking
 * any row. Concurrent bookings of the same clinician, patient or pool queue here; the later one
 * sees the earlier one committed and gets a clean 23P01 -> PT409 instead of a deadlock, and a
 * retry with the same client_key finds the first appointment. The keys only queue requests: the
 * exclusion constraints decide. Taking a key the transaction holds already returns at once.
 *
 * Parameters: tenant; clinician and patient (null: none); pools (private.resource_pool; nulls
 *             and repeats are ignored).
 */
declare
  v_pool text;
begin
  if p_clinician_id is not null then
    perform pg_catalog.pg_advisory_xact_lock(private.booking_lock_key('clinician', p_tenant_id, p_clinician_id::text));
  end if;
  if p_patient_id is not null then
    perform pg_catalog.pg_advisory_xact_lock(private.booking_lock_key('patient', p_tenant_id, p_patient_id::text));
  end if;
  for v_pool in
    select distinct p.pool collate "C"
    from pg_catalog.unnest(p_resource_pools) as p (pool)
    where p.pool is not null
    order by 1
  loop
    perform pg_catalog.pg_advisory_xact_lock(private.booking_lock_key('resources', p_tenant_id, v_pool));
  end loop;
end
$$;
comment on function private.lock_booking(uuid, uuid, uuid, text[]) is
  'Step 2 of the lock order: the booking keys (transaction advisory locks) of a clinician, then a patient, then resource pools in text order, taken before any row lock. See docs/booking.md#lock-order.';
revoke execute on function private.lock_booking(uuid, uuid, uuid, text[]) from public, anon, authenticated, service_role;

create function private.try_lock_booking_key(p_kind text, p_tenant_id uuid, p_subject text)
returns boolean
language sql
volatile
set search_path = ''
as $$
  /**
   * Tries a booking key without waiting: the way to take one outside the lock order (the
   * waitlist offer, inside whatever freed the slot). True when this transaction holds it now
   * (also when it held it already); false when another transaction does.
   * Example: select private.try_lock_booking_key('patient', tenant_id, patient_id::text);
   */
  select pg_catalog.pg_try_advisory_xact_lock(private.booking_lock_key(p_kind, p_tenant_id, p_subject))
$$;
comment on function private.try_lock_booking_key(text, uuid, text) is
  'Tries a booking key (clinician, patient or resource pool) without waiting: true when this transaction holds it, false when another one does.';
revoke execute on function private.try_lock_booking_key(text, uuid, text) from public, anon, authenticated, service_role;

create function private.appointment_resource_pools(
  p_tenant_id uuid, p_centre_id uuid, p_service_id uuid, p_appointment_ids uuid[])
returns text[]
language sql
stable
set search_path = ''
as $$
  /**
   * The resource pools a booking or move may write: the pool of the service's required resource
   * type at the centre, and for existing appointments the pools of the resources they hold and
   * of those types at the centre (a move hands a taken resource over to another of its type).
   * Parameters: tenant, centre and service of the booking; the appointments being moved ('{}'
   *             for a new booking).
   * Returns:    distinct pools (private.resource_pool), possibly empty.
   * Example:    select private.appointment_resource_pools(tenant_id, centre_id, service_id, array[id]);
   */
  select coalesce(pg_catalog.array_agg(distinct p.pool), '{}'::text[])
  from (
    select private.resource_pool(p_centre_id, s.required_resource_type) as pool
    from public.services as s
    where s.tenant_id = p_tenant_id and s.id = p_service_id
    union all
    select pg_catalog.unnest(array[private.resource_pool(r.centre_id, r.resource_type),
                                   private.resource_pool(p_centre_id, r.resource_type)])
    from public.appointment_resources as ar
    join public.resources as r on r.tenant_id = ar.tenant_id and r.id = ar.resource_id
    where ar.tenant_id = p_tenant_id and ar.appointment_id = any (p_appointment_ids)
  ) as p
  where p.pool is not null
$$;
comment on function private.appointment_resource_pools(uuid, uuid, uuid, uuid[]) is
  'Resource pools a booking or move may write (the service''s type at the centre; for moves also the pools of the resources held and of their types at the centre): the pools private.lock_booking must take.';
revoke execute on function private.appointment_resource_pools(uuid, uuid, uuid, uuid[]) from public, anon, authenticated, service_role;

create function private.lock_appointments(p_tenant_id uuid, p_ids uuid[])
returns integer
language sql
volatile
set search_path = ''
as $$
  /**
   * Step 3 of the lock order: locks appointment rows (`for update`) in id order, so two calls
   * that change several of the same appointments queue instead of deadlocking.
   * Returns: how many rows were locked.
   * Example: select private.lock_appointments(tenant_id, array[id1, id2]);
   */
  select pg_catalog.count(*)::integer
  from (select a.id from public.appointments as a
        where a.tenant_id = p_tenant_id and a.id = any (p_ids)
        order by a.id
        for update) as locked
$$;
comment on function private.lock_appointments(uuid, uuid[]) is
  'Step 3 of the lock order: locks appointment rows for update in id order; returns how many.';
revoke execute on function private.lock_appointments(uuid, uuid[]) from public, anon, authenticated, service_role;

create type private.appointment_change as (appointment public.appointments, caller text);
comment on type private.appointment_change is
  'What private.appointment_for_change returns: the appointment (locked as asked) and how the caller relates to it (private.appointment_caller).';
comment on column private.appointment_change.appointment is 'The appointment, as it is now (locked when the call asked for it).';
comment on column private.appointment_change.caller is 'The caller''s relation to it: server, staff, clinician, patient or viewer (never null: null raises PT404).';

create function private.appointment_for_change(p_appointment_id uuid, p_lock text)
returns private.appointment_change
language plpgsql
volatile
set search_path = ''
as $$
/**
 * The preamble of every RPC that changes one appointment: finds it, decides how the caller
 * relates to it (PT404 'appointment not found' when they may not even see it: another patient,
 * another tenant), then locks it in the lock order:
 *   'none'     no lock (series RPCs lock the series first, then its rows);
 *   'row'      the row `for update` (status changes, payments);
 *   'booking'  the booking keys of its clinician, patient and resource pools, then the row
 *              (moves, which may take new time).
 * The caller check runs on the unlocked row, so a refused call never waits for a lock. If the
 * appointment's tenant, centre, clinician, patient or service changed between the read and the
 * lock, the call raises 40001 and the RPC's retry starts it over with the right keys.
 *
 * Parameters: the appointment id; the lock mode.
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
comment on function private.appointment_for_change(uuid, text) is
  'Preamble of the RPCs that change an appointment: finds it, the caller''s relation (PT404 when not visible), and locks it in the lock order (none | row | booking = keys then row); 40001 when it changed meanwhile.';
revoke execute on function private.appointment_for_change(uuid, text) from public, anon, authenticated, service_role;

create function private.cancel_expired_holds(p_ids uuid[])
returns integer
language plpgsql
volatile
set search_path = ''
as $$
/**
 * Cancels those of the given appointments that are still expired holds (pending past
 * hold_expires_at): reason hold_expired, cancelled_by null, a fee-free cancellation_outcome by
 * the system. The caller has locked them (in id order).
 *
 * Parameters: appointment ids.
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
   where a.id = any (p_ids)
     and a.status = 'pending'
     and a.hold_expires_at <= pg_catalog.now();
  get diagnostics v_count = row_count;
  perform pg_catalog.set_config('slotbase.appointment_change_reason', '', true);
  return v_count;
end
$$;
comment on function private.cancel_expired_holds(uuid[]) is
  'Cancels the given appointments that are still expired holds (reason hold_expired, by the system, no fee); the caller has locked them. The one place an expired hold is released.';
revoke execute on function private.cancel_expired_holds(uuid[]) from public, anon, authenticated, service_role;

create or replace function private.release_expired_holds(p_tenant_id uuid, p_occupied tstzrange)
returns integer
language sql
volatile
security definer
set search_path = ''
as $$
  /**
   * Releases the expired holds of a tenant whose occupied range overlaps p_occupied (null: all of
   * the tenant's; a null tenant: every tenant's) that nobody else is changing right now: they are
   * locked in id order, skipping locked ones (whoever holds them is confirming, cancelling or
   * releasing them), then cancelled (private.cancel_expired_holds). Used by the
   * expire-appointment-holds job; bookings release what is in their way with
   * private.release_holds_in_the_way.
   *
   * Parameters: p_tenant_id  tenant or null; p_occupied  range or null.
   * Returns:    how many holds were released.
   */
  select private.cancel_expired_holds(array(
    select a.id
    from public.appointments as a
    where a.status = 'pending'
      and a.hold_expires_at <= pg_catalog.now()
      and (p_tenant_id is null or a.tenant_id = p_tenant_id)
      and (p_occupied is null or a.occupied && p_occupied)
    order by a.id
    for update skip locked))
$$;
comment on function private.release_expired_holds(uuid, tstzrange) is
  'Releases (hold_expired) the expired holds of a tenant (null: all) overlapping a range (null: any) that nobody else has locked, in id order. Used by the expire-appointment-holds job.';

create function private.release_holds_in_the_way(
  p_tenant_id uuid, p_clinician_id uuid, p_patient_id uuid, p_times tstzrange, p_occupied tstzrange, p_resource_pools text[])
returns integer
language plpgsql
volatile
set search_path = ''
as $$
/**
 * Releases the expired holds that would refuse a booking or move (it holds the booking keys):
 * the clinician's whose occupied range overlaps p_occupied, the patient's whose times overlap
 * p_times, and any whose room or device of one of p_resource_pools overlaps p_occupied. Other
 * expired holds are left to the expire-appointment-holds job, so a booking never locks what it
 * does not need. They are locked in id order, waiting (step 3 of the lock order), then
 * cancelled (private.cancel_expired_holds). While they are released,
 * slotbase.holds_released_for = '<tenant>:<clinician>' tells the waitlist trigger to leave that
 * clinician's freed time to this booking.
 *
 * Parameters: tenant, clinician, patient; the new times and occupied range; the pools.
 * Returns:    how many holds were released.
 */
declare
  v_count integer;
begin
  perform pg_catalog.set_config('slotbase.holds_released_for', p_tenant_id::text || ':' || p_clinician_id::text, true);
  v_count := private.cancel_expired_holds(array(
    select a.id
    from public.appointments as a
    where a.tenant_id = p_tenant_id
      and a.status = 'pending'
      and a.hold_expires_at <= pg_catalog.now()
      and ((a.clinician_id = p_clinician_id and a.occupied && p_occupied)
           or (a.patient_id = p_patient_id and pg_catalog.tstzrange(a.starts_at, a.ends_at, '[)') && p_times)
           or exists (select 1
                      from public.appointment_resources as ar
                      join public.resources as r on r.tenant_id = ar.tenant_id and r.id = ar.resource_id
                      where ar.tenant_id = a.tenant_id and ar.appointment_id = a.id and ar.active
                        and ar.occupied && p_occupied
                        and private.resource_pool(r.centre_id, r.resource_type) = any (p_resource_pools)))
    order by a.id
    for update of a));
  perform pg_catalog.set_config('slotbase.holds_released_for', '', true);
  return v_count;
end
$$;
comment on function private.release_holds_in_the_way(uuid, uuid, uuid, tstzrange, tstzrange, text[]) is
  'Releases (hold_expired) the expired holds in the way of a booking or move - same clinician, same patient, or a resource of its pools at that time - locking them in id order. Used by book_appointment and reschedule_appointment.';
revoke execute on function private.release_holds_in_the_way(uuid, uuid, uuid, tstzrange, tstzrange, text[]) from public, anon, authenticated, service_role;

create function private.after_lock_conflict(p_attempt integer, p_sqlstate text)
returns integer
language plpgsql
volatile
set search_path = ''
as $$
/**
 * The last-resort retry of the lock order. An RPC calls it when its work died of a deadlock
 * (40P01) or a serialization failure (40001) and was rolled back to the RPC's savepoint: it says
 * so in a NOTICE, pauses a few random milliseconds (more with each attempt) and returns the next
 * attempt number; after the fifth attempt it raises PT503 (reason busy) instead, so neither
 * error ever reaches a caller.
 *
 * Parameters: attempts made so far (0 after the first failure); the SQLSTATE that ended it.
 * Returns:    the next attempt number.
 */
begin
  if p_attempt >= 4 then
    raise exception using errcode = 'PT503', message = 'the schedule is busy right now',
      detail = 'busy',
      hint = 'Nothing was changed. Try again in a moment.';
  end if;
  raise notice using message = pg_catalog.format('slotbase: retrying after %s (attempt %s)',
    case p_sqlstate when '40P01' then 'a deadlock' else 'a serialization failure' end, p_attempt + 2);
  perform pg_catalog.pg_sleep(pg_catalog.random() * 0.02 * (p_attempt + 1));
  return p_attempt + 1;
end
$$;
comment on function private.after_lock_conflict(integer, text) is
  'Last-resort retry of the booking RPCs after 40P01/40001: a notice, a short random pause, the next attempt number; PT503 (busy) after five attempts.';
revoke execute on function private.after_lock_conflict(integer, text) from public, anon, authenticated, service_role;
grant execute on function private.after_lock_conflict(integer, text) to authenticated, service_role;

-- Waitlist RPCs (issue 4, part 2: waitlist): public.join_waitlist, leave_waitlist,
-- accept_waitlist_offer, decline_waitlist_offer.
--
-- Each public RPC is security invoker and calls a private security definer function (no API role
-- writes the waitlist tables or appointments directly), which acts only for auth.uid() (or the
-- server) and checks everything itself. Who may do what (docs/waitlist.md):
--   join      a patient for their own record (public service and clinician, published centre);
--             appointment staff (owner, admin, manager, centre_manager of that centre,
--             care_coordinator, front_desk) for any patient of the tenant; service_role with
--             patient_id
--   leave / accept / decline   the entry's patient, appointment staff of its centre, service_role
-- Other staff of the tenant see entries but may not change them (PT403); everyone else gets
-- PT404. The offers themselves are made by the freed-slot trigger (20261121195600).
-- Errors: 22023 bad argument, PT403 not allowed, PT404 not found (also other tenants' rows),
-- PT409 conflict (already on the list with another window, no open offer, offer expired),
-- PT422 not bookable (inactive, nobody offers the service there).

create function private.waitlist_caller(p_entry public.waitlist_entries)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  /**
   * How the caller relates to a waitlist entry: 'server' (service_role, postgres), 'staff'
   * (appointment staff at its centre), 'patient' (its patient), 'viewer' (other staff of the
   * tenant: may see, may not change), or null (may not even see it).
   * Example: select private.waitlist_caller(e) from public.waitlist_entries as e where e.id = '...';
   */
  select case
    when private.is_server_caller() then 'server'
    when exists (select 1 from private.centre_keys_with_role(private.appointment_staff_roles()) as k
                 where k.tenant_id = p_entry.tenant_id and k.centre_id = p_entry.centre_id) then 'staff'
    when (p_entry.tenant_id, p_entry.patient_id) in (
           select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k) then 'patient'
    when p_entry.tenant_id in (select private.member_tenant_ids()) then 'viewer'
  end
$$;
comment on function private.waitlist_caller(public.waitlist_entries) is
  'The caller''s relation to a waitlist entry: server, staff (appointment staff at its centre), patient (its own), viewer (other staff of the tenant) or null.';
revoke execute on function private.waitlist_caller(public.waitlist_entries) from public, anon, authenticated, service_role;

create function private.waitlist_entry_for_change(p_entry_id uuid)
returns public.waitlist_entries
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Locks a waitlist entry (`for update`) for leave/accept/decline after checking the caller may
 * change it: PT404 when the caller may not see it (or it does not exist), PT403 for other staff
 * of the tenant. 22023 for a null id.
 *
 * Returns: the locked entry.
 */
declare
  v_entry public.waitlist_entries;
  v_caller text;
begin
  if p_entry_id is null then
    raise exception using errcode = '22023', message = 'id is required', hint = 'Pass the waitlist entry id.';
  end if;
  select e.* into v_entry from public.waitlist_entries as e where e.id = p_entry_id for update;
  v_caller := case when found then private.waitlist_caller(v_entry) end;
  if v_caller is null then
    raise exception using errcode = 'PT404', message = 'waitlist entry not found',
      hint = 'Check the id; you only see your own waitlist entries, or those of your clinic.';
  end if;
  if v_caller = 'viewer' then
    raise exception using errcode = 'PT403', message = 'you may not change this waitlist entry',
      hint = 'Ask the clinic''s front desk.';
  end if;
  return v_entry;
end
$$;
comment on function private.waitlist_entry_for_change(uuid) is
  'Locks a waitlist entry for leave/accept/decline after checking the caller (PT404 not visible, PT403 other staff, 22023 null id).';
revoke execute on function private.waitlist_entry_for_change(uuid) from public, anon, authenticated, service_role;

create function private.assert_waitlist_offer_open(p_entry public.waitlist_entries, p_offer_id uuid, p_allow_expired boolean)
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
/**
 * Raises PT409 unless the entry has an open offer (and, when p_offer_id is given, it is that
 * offer) that has not expired: 'this offer has expired' when the (named or latest) offer ran
 * out, else 'this waitlist entry has no open offer' / 'this offer is no longer open'. PT404 for
 * an offer id that is not one of the entry's.
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
      hint = 'The time was passed on to the next patient; you stay on the waitlist for the next freed time.';
  end if;
  if p_entry.status <> 'offered' or v_offer.outcome is not null then
    raise exception using errcode = 'PT409',
      message = case when p_offer_id is null then 'this waitlist entry has no open offer' else 'this offer is no longer open' end,
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
  'Raises PT409 unless the entry''s (named) offer is open and not expired (''this offer has expired''), PT404 for an offer id of another entry.';
revoke execute on function private.assert_waitlist_offer_open(public.waitlist_entries, uuid, boolean) from public, anon, authenticated, service_role;

create function private.cancel_waitlist_hold(p_tenant_id uuid, p_appointment_id uuid, p_reason text, p_by text)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Cancels the pending appointment that held a waitlist offer (through the status machine),
 * recording the reason, the user and a fee-free cancellation_outcome. The freed-slot trigger then
 * offers the time to the next entry. Call it AFTER the entry's offer was closed.
 *
 * Parameters: tenant; appointment; reason (waitlist_offer_declined / waitlist_offer_withdrawn);
 *             p_by patient, staff or system (cancellation_outcome.by).
 */
begin
  perform pg_catalog.set_config('slotbase.appointment_change_reason', p_reason, true);
  update public.appointments as a
     set status = 'cancelled',
         cancellation_reason = p_reason,
         cancelled_by = (select auth.uid()),
         cancellation_outcome = pg_catalog.jsonb_build_object(
           'by', p_by, 'late', false, 'fee', 0,
           'currency', (select s.currency::text from public.services as s where s.tenant_id = a.tenant_id and s.id = a.service_id),
           'payment_required', (select s.payment_required from public.services as s where s.tenant_id = a.tenant_id and s.id = a.service_id))
   where a.tenant_id = p_tenant_id and a.id = p_appointment_id and a.status = 'pending';
  perform pg_catalog.set_config('slotbase.appointment_change_reason', '', true);
end
$$;
comment on function private.cancel_waitlist_hold(uuid, uuid, text, text) is
  'Cancels a waitlist offer''s pending hold with a reason and no fee (status machine applies); the freed-slot trigger passes the time on.';
revoke execute on function private.cancel_waitlist_hold(uuid, uuid, text, text) from public, anon, authenticated, service_role;

create function private.join_waitlist(
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
  v_uid uuid := (select auth.uid());
  v_server boolean := private.is_server_caller();
  v_service public.services;
  v_tenant public.tenants;
  v_centre public.centres;
  v_clinician public.clinicians;
  v_staff boolean;
  v_patient_id uuid;
  v_existing public.waitlist_entries;
  v_id uuid;
begin
  if v_uid is null and not v_server then
    raise exception using errcode = 'PT403', message = 'sign in to join the waitlist',
      hint = 'Patients sign in with their phone; staff with their e-mail.';
  end if;
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

  -- what: the service decides the tenant
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
  if p_clinician_id is not null then
    select c.* into v_clinician from public.clinicians as c where c.tenant_id = v_service.tenant_id and c.id = p_clinician_id;
    if not found then
      raise exception using errcode = 'PT404', message = 'clinician not found',
        hint = 'Pick a clinician of the same clinic as the service, or leave clinician_id out for any clinician.';
    end if;
  end if;

  -- who
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
      raise exception using errcode = '22023', message = 'patient_id is required for server-side calls',
        hint = 'Pass the patient who waits.';
    end if;
    select p.id into v_patient_id
    from public.patients as p
    where p.tenant_id = v_service.tenant_id and p.user_id = v_uid;
    if v_patient_id is null then
      raise exception using errcode = 'PT404', message = 'you have no patient record with this clinic',
        hint = 'Register with the clinic first, then join the waitlist.';
    end if;
    if p_patient_id is not null and p_patient_id <> v_patient_id then
      raise exception using errcode = 'PT403', message = 'you can only join the waitlist for your own patient record',
        hint = 'Leave patient_id out to join for yourself; the clinic''s staff add others.';
    end if;
    if not (v_service.is_public and v_centre.is_published and (p_clinician_id is null or v_clinician.is_public)) then
      raise exception using errcode = 'PT404', message = 'this service is not bookable online',
        hint = 'Pick a listed service, clinician and centre, or call the clinic.';
    end if;
  end if;

  if not (v_tenant.is_active and v_service.is_active and v_centre.is_active
          and (p_clinician_id is null or v_clinician.is_active)) then
    raise exception using errcode = 'PT422', message = 'this service, clinician or centre is not taking bookings',
      hint = 'Pick an active service, clinician and centre.';
  end if;
  if p_clinician_id is not null then
    if not exists (select 1 from public.clinician_centres as cc
                   where cc.tenant_id = v_service.tenant_id and cc.clinician_id = p_clinician_id and cc.centre_id = p_centre_id) then
      raise exception using errcode = 'PT422', message = 'the clinician does not work at this centre',
        hint = 'Pick a centre where the clinician works.';
    end if;
    if not exists (select 1 from public.clinician_services as cs
                   where cs.tenant_id = v_service.tenant_id and cs.clinician_id = p_clinician_id and cs.service_id = p_service_id) then
      raise exception using errcode = 'PT422', message = 'the clinician does not offer this service',
        hint = 'Pick a clinician who offers the service, or leave clinician_id out for any clinician.';
    end if;
  elsif not exists (
      select 1
      from public.clinicians as c
      join public.clinician_centres as cc on cc.tenant_id = c.tenant_id and cc.clinician_id = c.id and cc.centre_id = p_centre_id
      join public.clinician_services as cs on cs.tenant_id = c.tenant_id and cs.clinician_id = c.id and cs.service_id = p_service_id
      where c.tenant_id = v_service.tenant_id and c.is_active and (v_staff or c.is_public)) then
    raise exception using errcode = 'PT422', message = 'nobody offers this service at this centre',
      hint = 'Pick a centre where the service is offered.';
  end if;

  -- one live entry per patient, service, centre and clinician: concurrent joins queue here
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(
    'slotbase.waitlist.patient:' || v_service.tenant_id::text || ':' || v_patient_id::text, 0));
  select e.* into v_existing
  from public.waitlist_entries as e
  where e.tenant_id = v_service.tenant_id and e.patient_id = v_patient_id
    and e.service_id = p_service_id and e.centre_id = p_centre_id
    and e.clinician_id is not distinct from p_clinician_id
    and e.status in ('waiting', 'offered');
  if found then
    if (v_existing.earliest, v_existing.latest) = (p_earliest, p_latest) then
      return v_existing.id;
    end if;
    raise exception using errcode = 'PT409', message = 'already on the waitlist for this service, centre and clinician',
      detail = pg_catalog.format('The waiting entry %s covers %s to %s.', v_existing.id, v_existing.earliest, v_existing.latest),
      hint = 'Leave that entry first (leave_waitlist) to change the window.';
  end if;

  insert into public.waitlist_entries (
    tenant_id, patient_id, service_id, centre_id, clinician_id, earliest, latest, joined_via, created_by)
  values (
    v_service.tenant_id, v_patient_id, p_service_id, p_centre_id, p_clinician_id, p_earliest, p_latest,
    case when v_staff then 'staff' else 'patient' end, v_uid)
  returning id into v_id;
  return v_id;
end
$$;
comment on function private.join_waitlist(uuid, uuid, timestamptz, timestamptz, uuid, uuid) is
  'Implementation of public.join_waitlist (security definer: nobody inserts waitlist entries directly). Validates the window, who, what; returns the live entry of an identical join; PT409 for a live entry with another window.';
revoke execute on function private.join_waitlist(uuid, uuid, timestamptz, timestamptz, uuid, uuid) from public, anon, authenticated, service_role;
grant execute on function private.join_waitlist(uuid, uuid, timestamptz, timestamptz, uuid, uuid) to authenticated, service_role;

create function private.leave_waitlist(p_entry_id uuid)
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
 * Errors:  22023, PT403, PT404, PT409 (already booked, expired or cancelled).
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
comment on function private.leave_waitlist(uuid) is
  'Implementation of public.leave_waitlist (security definer): entry -> cancelled; a live offer is withdrawn and its hold cancelled (waitlist_offer_withdrawn).';
revoke execute on function private.leave_waitlist(uuid) from public, anon, authenticated, service_role;
grant execute on function private.leave_waitlist(uuid) to authenticated, service_role;

create function private.accept_waitlist_offer(p_entry_id uuid, p_offer_id uuid)
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
 * Errors:  22023, PT403, PT404, PT409 ('this offer has expired', no open offer).
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
  where a.tenant_id = v_entry.tenant_id and a.id = v_entry.offered_appointment_id
  for update;
  if v_appointment.status is distinct from 'pending' then
    raise exception using errcode = 'PT409', message = 'this offer is no longer open',
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
comment on function private.accept_waitlist_offer(uuid, uuid) is
  'Implementation of public.accept_waitlist_offer (security definer): the hold becomes booked (or, for payment-required services, stays pending for the payment hold); entry booked, offer accepted. PT409 after offer_expires_at.';
revoke execute on function private.accept_waitlist_offer(uuid, uuid) from public, anon, authenticated, service_role;
grant execute on function private.accept_waitlist_offer(uuid, uuid) to authenticated, service_role;

create function private.decline_waitlist_offer(p_entry_id uuid, p_offer_id uuid)
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
 * Errors:  22023, PT403, PT404, PT409 (no open offer).
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
comment on function private.decline_waitlist_offer(uuid, uuid) is
  'Implementation of public.decline_waitlist_offer (security definer): offer declined, entry back to waiting, hold cancelled (waitlist_offer_declined) so the slot goes to the next entry.';
revoke execute on function private.decline_waitlist_offer(uuid, uuid) from public, anon, authenticated, service_role;
grant execute on function private.decline_waitlist_offer(uuid, uuid) to authenticated, service_role;

-- The public RPCs: thin security-invoker wrappers returning the row (the private call is made
-- exactly once, then the row is read through the caller's RLS).
create function public.join_waitlist(
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
 *          PT409 already waiting with another window, PT422 inactive or not offered there.
 * Example: supabase.rpc('join_waitlist', { service_id, centre_id,
 *            earliest: '2026-12-01T08:00:00Z', latest: '2026-12-08T18:00:00Z' })
 */
declare
  v_id uuid;
  v_entry public.waitlist_entries;
begin
  v_id := private.join_waitlist(join_waitlist.service_id, join_waitlist.centre_id, join_waitlist.earliest,
                                join_waitlist.latest, join_waitlist.clinician_id, join_waitlist.patient_id);
  select e.* into v_entry from public.waitlist_entries as e where e.id = v_id;
  return v_entry;
end
$$;
comment on function public.join_waitlist(uuid, uuid, timestamptz, timestamptz, uuid, uuid) is
  'Joins the waitlist for a service at a centre (one clinician or any) for starts in [earliest, latest): patients for themselves, staff for a patient. Returns the entry (the same live entry for a repeated join). Errors: 22023, PT403, PT404, PT409, PT422. See docs/waitlist.md.';

create function public.leave_waitlist(id uuid)
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
 * Errors: 22023, PT403, PT404, PT409 (already booked, expired or cancelled).
 * Example: supabase.rpc('leave_waitlist', { id })
 */
declare
  v_id uuid;
  v_entry public.waitlist_entries;
begin
  v_id := private.leave_waitlist(leave_waitlist.id);
  select e.* into v_entry from public.waitlist_entries as e where e.id = v_id;
  return v_entry;
end
$$;
comment on function public.leave_waitlist(uuid) is
  'Leaves the waitlist (entry cancelled; a live offer is withdrawn and its hold cancelled). Returns the entry. Errors: 22023, PT403, PT404, PT409.';

create function public.accept_waitlist_offer(id uuid, offer_id uuid default null)
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
 *             different or older offer gives PT409).
 * Errors: 22023, PT403, PT404, PT409 ('this offer has expired', no open offer).
 * Example: supabase.rpc('accept_waitlist_offer', { id: entry.id })
 */
declare
  v_id uuid;
  v_appointment public.appointments;
begin
  v_id := private.accept_waitlist_offer(accept_waitlist_offer.id, accept_waitlist_offer.offer_id);
  select a.* into v_appointment from public.appointments as a where a.id = v_id;
  return v_appointment;
end
$$;
comment on function public.accept_waitlist_offer(uuid, uuid) is
  'Accepts a waitlist offer: the held appointment becomes booked (payment-required: stays pending for the payment hold); entry booked. Returns the appointment. Errors: 22023, PT403, PT404, PT409 (this offer has expired).';

create function public.decline_waitlist_offer(id uuid, offer_id uuid default null)
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
 * Errors: 22023, PT403, PT404, PT409 (no open offer).
 * Example: supabase.rpc('decline_waitlist_offer', { id: entry.id })
 */
declare
  v_id uuid;
  v_entry public.waitlist_entries;
begin
  v_id := private.decline_waitlist_offer(decline_waitlist_offer.id, decline_waitlist_offer.offer_id);
  select e.* into v_entry from public.waitlist_entries as e where e.id = v_id;
  return v_entry;
end
$$;
comment on function public.decline_waitlist_offer(uuid, uuid) is
  'Declines a waitlist offer: hold cancelled and passed to the next patient, entry back to waiting. Returns the entry. Errors: 22023, PT403, PT404, PT409.';

revoke execute on function public.join_waitlist(uuid, uuid, timestamptz, timestamptz, uuid, uuid) from public, anon, authenticated, service_role;
revoke execute on function public.leave_waitlist(uuid) from public, anon, authenticated, service_role;
revoke execute on function public.accept_waitlist_offer(uuid, uuid) from public, anon, authenticated, service_role;
revoke execute on function public.decline_waitlist_offer(uuid, uuid) from public, anon, authenticated, service_role;
grant execute on function public.join_waitlist(uuid, uuid, timestamptz, timestamptz, uuid, uuid) to authenticated, service_role;
grant execute on function public.leave_waitlist(uuid) to authenticated, service_role;
grant execute on function public.accept_waitlist_offer(uuid, uuid) to authenticated, service_role;
grant execute on function public.decline_waitlist_offer(uuid, uuid) to authenticated, service_role;

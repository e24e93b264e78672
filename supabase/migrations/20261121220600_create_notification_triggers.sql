-- Queueing notifications from booking events (issue 5, notifications). AFTER row triggers:
--
-- on public.appointments
--   booked (inserted as booked, or pending -> booked)  booking_confirmed + one reminder per
--       tenants.reminder_offsets whose send time (starts_at - offset) is still in the future
--       (no confirmation for an appointment that has already started); queued payment_link and
--       waitlist_offer messages of the hold are voided;
--   booked and moved (starts_at changed)  booking_rescheduled (payload previous_starts_at) and the
--       queued reminders follow: send_after = new start - offset, voided when that is past;
--       offsets without a live reminder for the new start are added;
--   booked/arrived/checked_in -> cancelled  every queued message of the appointment voided, then
--       booking_cancelled;
--   pending -> cancelled (an abandoned or expired hold)  queued messages voided, NOTHING sent;
--   -> entered_in_error  queued messages voided, nothing sent;
--   -> arrived, checked_in, fulfilled, noshow  queued reminders voided.
-- on public.waitlist_offers
--   insert  waitlist_offer to the entry's patient (payload: offer_id, starts_at, ends_at,
--       offer_expires_at), about the holding appointment.
--
-- A trigger never makes the booking statement fail: a patient without any address is queued as
-- suppressed (private.enqueue_notification), and any unexpected error is caught, reported as a
-- WARNING and the booking goes on without its messages.
-- Security definer (owner postgres): the writer (a patient, staff, the waitlist job) has no
-- rights on public.notifications.

create function private.reminder_dedupe_key(p_appointment_id uuid, p_offset interval, p_starts_at timestamptz)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * Dedupe key of a reminder: reminder:<appointment>:<offset in seconds>:<start as epoch seconds>.
   * Example: select private.reminder_dedupe_key(gen_random_uuid(), '2 hours', now());
   */
  select 'reminder:' || p_appointment_id::text || ':' || (extract(epoch from p_offset))::bigint::text
         || ':' || (extract(epoch from p_starts_at))::bigint::text
$$;
comment on function private.reminder_dedupe_key(uuid, interval, timestamptz) is
  'Notifications: the dedupe key of a reminder, reminder:<appointment>:<offset seconds>:<start epoch>.';
revoke execute on function private.reminder_dedupe_key(uuid, interval, timestamptz) from public, anon, authenticated, service_role;

create function private.queue_booking_messages(p_appointment public.appointments)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Queues booking_confirmed and the reminders of a booked appointment (see the migration header).
 * Dedupe keys: booking_confirmed:<appointment>, reminder:<appointment>:<offset seconds>:<start epoch>.
 *
 * Parameters: the appointment (booked).
 * Returns:    nothing.
 */
declare
  v_offsets interval[];
  v_offset interval;
  v_now timestamptz := pg_catalog.now();
begin
  if p_appointment.starts_at <= v_now then
    return;
  end if;
  perform private.enqueue_notification(p_appointment.tenant_id, p_appointment.patient_id, p_appointment.id,
    'booking_confirmed', pg_catalog.jsonb_build_object('starts_at', p_appointment.starts_at),
    'booking_confirmed:' || p_appointment.id::text, v_now);
  select t.reminder_offsets into v_offsets from public.tenants as t where t.id = p_appointment.tenant_id;
  foreach v_offset in array coalesce(v_offsets, '{}'::interval[]) loop
    continue when p_appointment.starts_at - v_offset <= v_now;
    perform private.enqueue_notification(p_appointment.tenant_id, p_appointment.patient_id, p_appointment.id,
      'reminder', pg_catalog.jsonb_build_object('starts_at', p_appointment.starts_at, 'offset', v_offset::text),
      private.reminder_dedupe_key(p_appointment.id, v_offset, p_appointment.starts_at),
      p_appointment.starts_at - v_offset);
  end loop;
end
$$;

comment on function private.queue_booking_messages(public.appointments) is
  'Notifications: queues booking_confirmed and the future reminders (tenants.reminder_offsets) of a booked appointment.';
revoke execute on function private.queue_booking_messages(public.appointments) from public, anon, authenticated, service_role;

create function private.void_queued_notifications(
  p_tenant_id uuid, p_appointment_id uuid, p_kinds public.notification_kind[], p_reason text)
returns integer
language sql
volatile
security definer
set search_path = ''
as $$
  /**
   * Voids the queued (not yet claimed) notifications of an appointment, of the given kinds
   * (null = all kinds), with p_reason in last_error.
   * Returns: how many were voided.
   * Example: select private.void_queued_notifications(:tenant, :appointment, array['reminder']::public.notification_kind[], 'cancelled');
   */
  with voided as (
    update public.notifications as n
       set status = 'voided', last_error = p_reason
     where n.tenant_id = p_tenant_id and n.appointment_id = p_appointment_id
       and n.status = 'queued'
       and (p_kinds is null or n.kind = any (p_kinds))
    returning 1
  )
  select pg_catalog.count(*)::integer from voided
$$;
comment on function private.void_queued_notifications(uuid, uuid, public.notification_kind[], text) is
  'Notifications: voids an appointment''s queued messages (of some kinds, or all) with a reason; returns how many.';
revoke execute on function private.void_queued_notifications(uuid, uuid, public.notification_kind[], text) from public, anon, authenticated, service_role;

create function private.move_reminders(p_new public.appointments)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * After a booked appointment moved: each queued reminder gets send_after = new start - its
 * offset (payload.offset), the new start in its payload and the new dedupe key; one whose new
 * time is not in the future (or whose key is already taken by a live reminder) is voided. Then
 * the tenant's offsets without a live reminder for the new start are added (future ones only).
 *
 * Parameters: the appointment after the move.
 * Returns:    nothing.
 */
declare
  v_reminder record;
  v_offset interval;
  v_key text;
  v_now timestamptz := pg_catalog.now();
begin
  for v_reminder in
    select n.id, n.payload
    from public.notifications as n
    where n.tenant_id = p_new.tenant_id and n.appointment_id = p_new.id
      and n.kind = 'reminder' and n.status = 'queued'
    for update of n
  loop
    v_offset := coalesce((v_reminder.payload ->> 'offset')::interval, interval '0');
    v_key := private.reminder_dedupe_key(p_new.id, v_offset, p_new.starts_at);
    if p_new.starts_at - v_offset <= v_now
       or exists (select 1 from public.notifications as n
                  where n.tenant_id = p_new.tenant_id and n.dedupe_key = v_key and n.status <> 'voided'
                    and n.id <> v_reminder.id) then
      update public.notifications as n
         set status = 'voided', last_error = 'moved: the appointment now starts too soon for this reminder'
       where n.id = v_reminder.id;
    else
      update public.notifications as n
         set send_after = p_new.starts_at - v_offset,
             dedupe_key = v_key,
             payload = n.payload || pg_catalog.jsonb_build_object('starts_at', p_new.starts_at)
       where n.id = v_reminder.id;
    end if;
  end loop;
  -- offsets that had no reminder (e.g. skipped because the old time was too close) or whose
  -- reminder was already sent for the old time: queued for the new time (idempotent on the key)
  for v_offset in
    select o from pg_catalog.unnest((select t.reminder_offsets from public.tenants as t where t.id = p_new.tenant_id)) as o
  loop
    continue when p_new.starts_at - v_offset <= v_now;
    perform private.enqueue_notification(p_new.tenant_id, p_new.patient_id, p_new.id, 'reminder',
      pg_catalog.jsonb_build_object('starts_at', p_new.starts_at, 'offset', v_offset::text),
      private.reminder_dedupe_key(p_new.id, v_offset, p_new.starts_at), p_new.starts_at - v_offset);
  end loop;
end
$$;
comment on function private.move_reminders(public.appointments) is
  'Notifications: after a booked appointment moved, its queued reminders follow the new start (voided when their time has passed) and missing offsets are added.';
revoke execute on function private.move_reminders(public.appointments) from public, anon, authenticated, service_role;

create function private.enqueue_appointment_notifications()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
/**
 * AFTER INSERT / UPDATE row trigger on public.appointments: queues and voids notifications as
 * the migration header describes. Never raises: errors become a WARNING and the statement goes
 * on. Returns null (after trigger).
 */
begin
  begin
    if tg_op = 'INSERT' then
      if new.status = 'booked' then
        perform private.queue_booking_messages(new);
      end if;
      return null;
    end if;

    if new.status is distinct from old.status then
      if old.status = 'pending' then
        perform private.void_queued_notifications(new.tenant_id, new.id,
          array['payment_link', 'waitlist_offer']::public.notification_kind[],
          pg_catalog.format('the hold ended: the appointment is %s', new.status));
      end if;
      if new.status = 'booked' then
        perform private.queue_booking_messages(new);
      elsif new.status in ('cancelled', 'entered_in_error') then
        perform private.void_queued_notifications(new.tenant_id, new.id, null,
          pg_catalog.format('the appointment is %s', new.status));
        if new.status = 'cancelled' and old.status <> 'pending' and new.starts_at > pg_catalog.now() then
          perform private.enqueue_notification(new.tenant_id, new.patient_id, new.id, 'booking_cancelled',
            pg_catalog.jsonb_build_object('starts_at', new.starts_at),
            'booking_cancelled:' || new.id::text, pg_catalog.now());
        end if;
      elsif new.status <> 'pending' then
        perform private.void_queued_notifications(new.tenant_id, new.id,
          array['reminder']::public.notification_kind[], pg_catalog.format('the appointment is %s', new.status));
      end if;
    elsif new.status = 'booked' and new.starts_at is distinct from old.starts_at then
      if new.starts_at > pg_catalog.now() then
        perform private.enqueue_notification(new.tenant_id, new.patient_id, new.id, 'booking_rescheduled',
          pg_catalog.jsonb_build_object('starts_at', new.starts_at, 'previous_starts_at', old.starts_at),
          'booking_rescheduled:' || new.id::text || ':' || (extract(epoch from old.starts_at))::bigint::text
            || ':' || (extract(epoch from new.starts_at))::bigint::text,
          pg_catalog.now());
      end if;
      perform private.move_reminders(new);
    end if;
  exception when others then
    raise warning 'notifications: the messages of appointment % could not be queued: % (SQLSTATE %)',
      new.id, sqlerrm, sqlstate;
  end;
  return null;
end
$$;
comment on function private.enqueue_appointment_notifications() is
  'Trigger function on appointments (security definer): queues booking_confirmed, reminders, booking_rescheduled and booking_cancelled, moves and voids queued ones; abandoned holds send nothing. Never fails the booking (WARNING instead).';
revoke execute on function private.enqueue_appointment_notifications() from public, anon, authenticated, service_role;

create trigger enqueue_notifications_on_insert after insert on public.appointments
  for each row
  when (new.status = 'booked')
  execute function private.enqueue_appointment_notifications();
comment on trigger enqueue_notifications_on_insert on public.appointments is
  'Notifications: an appointment inserted as booked queues booking_confirmed and its reminders (private.enqueue_appointment_notifications).';

create trigger enqueue_notifications_on_update after update on public.appointments
  for each row
  when (old.status is distinct from new.status or old.starts_at is distinct from new.starts_at)
  execute function private.enqueue_appointment_notifications();
comment on trigger enqueue_notifications_on_update on public.appointments is
  'Notifications: status changes and moves queue, move or void messages (private.enqueue_appointment_notifications).';

create function private.enqueue_waitlist_offer_notification()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
/**
 * AFTER INSERT row trigger on public.waitlist_offers: queues waitlist_offer for the entry's
 * patient about the holding appointment (dedupe key waitlist_offer:<offer>; payload offer_id,
 * starts_at, ends_at, offer_expires_at). Never raises (WARNING instead). Returns null.
 */
declare
  v_patient_id uuid;
begin
  begin
    select e.patient_id into v_patient_id from public.waitlist_entries as e
    where e.tenant_id = new.tenant_id and e.id = new.entry_id;
    perform private.enqueue_notification(new.tenant_id, v_patient_id, new.appointment_id, 'waitlist_offer',
      pg_catalog.jsonb_build_object('offer_id', new.id, 'starts_at', new.starts_at, 'ends_at', new.ends_at,
                                    'offer_expires_at', new.expires_at),
      'waitlist_offer:' || new.id::text, pg_catalog.now());
  exception when others then
    raise warning 'notifications: the waitlist offer % could not be queued: % (SQLSTATE %)', new.id, sqlerrm, sqlstate;
  end;
  return null;
end
$$;
comment on function private.enqueue_waitlist_offer_notification() is
  'Trigger function on waitlist_offers (security definer): queues the waitlist_offer message for the entry''s patient. Never fails the offer (WARNING instead).';
revoke execute on function private.enqueue_waitlist_offer_notification() from public, anon, authenticated, service_role;

create trigger enqueue_notification_on_insert after insert on public.waitlist_offers
  for each row execute function private.enqueue_waitlist_offer_notification();
comment on trigger enqueue_notification_on_insert on public.waitlist_offers is
  'Notifications: a new offer queues the waitlist_offer message to its patient (private.enqueue_waitlist_offer_notification).';

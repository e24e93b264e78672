-- The notification triggers catch no errors: turning errors into WARNINGs would let a bug (or a
-- payload the queue refuses) silently cost a patient their confirmation while the booking goes
-- on. The cases that are expected are not errors: a patient without any address is
-- queued as suppressed, a message already queued for its dedupe key is kept (both in
-- private.enqueue_notification), and a reminder whose offset is not an interval is voided when its
-- appointment moves (private.move_reminders, below). Anything else fails the booking, offer or
-- payment statement with its own SQLSTATE, where it is seen and fixed.
--   private.enqueue_appointment_notifications()    on public.appointments
--   private.enqueue_waitlist_offer_notification()  on public.waitlist_offers
--   private.enqueue_payment_notifications()        on public.payments
-- Their behaviour is otherwise unchanged (20261121220600, 20261121230000), except that an offer
-- inserted already closed queues no offer message.

create or replace function private.move_reminders(p_new public.appointments)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * After a booked appointment moved: each queued reminder gets send_after = new start - its
 * offset (payload.offset), the new start in its payload and the new dedupe key; one whose new
 * time is not in the future (or whose key is already taken by a live reminder) is voided, and so
 * is one whose offset is not an interval (inserted around enqueue_notification: it cannot be
 * moved correctly). Then the tenant's offsets without a live reminder for the new start
 * are added (future ones only).
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
    if private.notification_payload_value_problem(v_reminder.payload -> 'offset', 'interval') is not null then
      update public.notifications as n
         set status = 'voided', last_error = 'invalid_payload: offset ' || private.notification_payload_value_problem(v_reminder.payload -> 'offset', 'interval')
       where n.id = v_reminder.id;
      continue;
    end if;
    v_offset := (v_reminder.payload ->> 'offset')::interval;
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

create or replace function private.enqueue_appointment_notifications()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
/**
 * AFTER INSERT / UPDATE row trigger on public.appointments: queues and voids notifications as
 * 20261121220600 describes. Catches nothing: the expected cases (no address: suppressed; a
 * message already queued for the key: kept) are handled by the functions it calls, so an error
 * here is a bug and fails the statement. Returns null (after trigger).
 */
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
  return null;
end
$$;
comment on function private.enqueue_appointment_notifications() is
  'Trigger function on appointments (security definer): queues booking_confirmed, reminders, booking_rescheduled and booking_cancelled, moves and voids queued ones; abandoned holds send nothing. Catches no errors: a failure fails the statement.';
revoke execute on function private.enqueue_appointment_notifications() from public, anon, authenticated, service_role;

create or replace function private.enqueue_waitlist_offer_notification()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
/**
 * AFTER INSERT row trigger on public.waitlist_offers: queues waitlist_offer for the entry's
 * patient about the holding appointment (dedupe key waitlist_offer:<offer>; payload offer_id,
 * starts_at, ends_at, offer_expires_at). An offer inserted already closed (outcome set, e.g. a
 * record written by an operator) offers nothing and queues nothing. Catches nothing: an error
 * fails the offer. Returns null.
 */
declare
  v_patient_id uuid;
begin
  if new.outcome is not null then
    return null;
  end if;
  select e.patient_id into v_patient_id from public.waitlist_entries as e
  where e.tenant_id = new.tenant_id and e.id = new.entry_id;
  perform private.enqueue_notification(new.tenant_id, v_patient_id, new.appointment_id, 'waitlist_offer',
    pg_catalog.jsonb_build_object('offer_id', new.id, 'starts_at', new.starts_at, 'ends_at', new.ends_at,
                                  'offer_expires_at', new.expires_at),
    'waitlist_offer:' || new.id::text, pg_catalog.now());
  return null;
end
$$;
comment on function private.enqueue_waitlist_offer_notification() is
  'Trigger function on waitlist_offers (security definer): queues the waitlist_offer message for the entry''s patient when the offer is open. Catches no errors: a failure fails the offer.';
revoke execute on function private.enqueue_waitlist_offer_notification() from public, anon, authenticated, service_role;

create or replace function private.enqueue_payment_notifications()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
/**
 * AFTER UPDATE row trigger on public.payments: queues payment_link (checkout URL attached to an
 * open payment of a staff-booked pending appointment) and payment_receipt (status became
 * succeeded). Catches nothing: an error fails the payment change. Returns null.
 */
begin
  if new.checkout_url is not null and old.checkout_url is null and new.status = 'requires_payment'
     and exists (select 1 from public.appointments as a
                 where a.tenant_id = new.tenant_id and a.id = new.appointment_id
                   and a.status = 'pending' and a.booked_via = 'staff') then
    perform private.enqueue_notification(new.tenant_id, new.patient_id, new.appointment_id, 'payment_link',
      pg_catalog.jsonb_build_object('payment_url', new.checkout_url, 'amount', new.amount, 'currency', new.currency),
      'payment_link:' || new.id::text, pg_catalog.now());
  end if;
  if new.status = 'succeeded' and old.status <> 'succeeded' then
    perform private.enqueue_notification(new.tenant_id, new.patient_id, new.appointment_id, 'payment_receipt',
      pg_catalog.jsonb_build_object('amount', new.amount, 'currency', new.currency),
      'payment_receipt:' || new.id::text, pg_catalog.now());
  end if;
  return null;
end
$$;
comment on function private.enqueue_payment_notifications() is
  'Trigger function on payments (security definer): queues payment_link (checkout link for a staff-booked hold) and payment_receipt (payment succeeded). Catches no errors: a failure fails the payment change.';
revoke execute on function private.enqueue_payment_notifications() from public, anon, authenticated, service_role;

-- Payments -> notifications (issue 5): the two messages that come from payments rather than from
-- appointments, queued through private.enqueue_notification (20261121220500):
--   payment_link     when a Checkout page exists for a hold the clinic booked (booked_via staff,
--                    e.g. a phone booking): the patient gets the link. A patient paying in the
--                    app is already on the page, so they get no link. Voided when the hold ends
--                    (20261121220600).
--   payment_receipt  when a payment succeeds: amount and currency (Stripe's own receipt URL is
--                    on payments.receipt_url for the apps).
-- Dedupe keys payment_link:<payment> and payment_receipt:<payment>: a replayed event or a
-- repeated attach queues nothing twice. Like the other notification triggers, this never fails
-- the payment change: a problem becomes a WARNING.

create function private.enqueue_payment_notifications()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
/**
 * AFTER UPDATE row trigger on public.payments: queues payment_link (checkout URL attached to an
 * open payment of a staff-booked pending appointment) and payment_receipt (status became
 * succeeded). Never raises (WARNING instead). Returns null.
 */
begin
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
  exception when others then
    raise warning 'notifications: the messages of payment % could not be queued: % (SQLSTATE %)', new.id, sqlerrm, sqlstate;
  end;
  return null;
end
$$;
comment on function private.enqueue_payment_notifications() is
  'Trigger function on payments (security definer): queues payment_link (checkout link for a staff-booked hold) and payment_receipt (payment succeeded). Never fails the payment change (WARNING instead).';
revoke execute on function private.enqueue_payment_notifications() from public, anon, authenticated, service_role;

create trigger enqueue_notifications after update on public.payments
  for each row
  when (old.checkout_url is distinct from new.checkout_url or old.status is distinct from new.status)
  execute function private.enqueue_payment_notifications();
comment on trigger enqueue_notifications on public.payments is
  'Notifications: payment_link for a staff-booked hold''s checkout page, payment_receipt on success (private.enqueue_payment_notifications).';

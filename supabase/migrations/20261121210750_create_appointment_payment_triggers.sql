-- What happens to payments when an appointment changes (issue 5): two AFTER UPDATE triggers on
-- public.appointments.
--
--   settle_open_payments     pending -> cancelled | entered_in_error (a released hold: the
--                            expire-appointment-holds job, a booking that took the expired time,
--                            the patient or staff cancelling the hold): its open payments become
--                            expired (reason hold_expired) or cancelled (any other reason). A
--                            payment that still succeeds at Stripe afterwards is refunded by
--                            handle_stripe_event (slot_released).
--   refund_on_cancellation   booked (or later) -> cancelled: every succeeded payment is refunded
--                            what is still refundable minus the cancellation fee of
--                            cancellation_outcome (charged once, in the payment's currency): a
--                            cancellation outside the window, by staff or the clinician, costs
--                            nothing; a patient's late cancellation keeps the fee. A refunds row
--                            (reason cancellation) per payment with something to give back, then
--                            the process-refunds Edge Function is invoked right away (best
--                            effort; the process-refunds cron job is the backstop).
-- Both are security definer (no API role writes payments or refunds) and never make the
-- cancellation fail for payment reasons.
-- Not refunded automatically: entered_in_error of a paid appointment (staff decide with
-- request_refund), noshow.

create function private.settle_open_payments_of_released_hold()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
/**
 * AFTER UPDATE OF status row trigger on public.appointments, pending -> cancelled or
 * entered_in_error: the appointment's open payments (requires_payment, processing) become
 * expired when the hold expired (cancellation_reason hold_expired), else cancelled.
 *
 * Returns: null.
 */
begin
  update public.payments as p
     set status = case when new.cancellation_reason = 'hold_expired' then 'expired' else 'cancelled' end::public.payment_status,
         failure_message = coalesce(p.failure_message,
                                    case when new.cancellation_reason = 'hold_expired'
                                         then 'The hold on the appointment expired before the payment completed.'
                                         else 'The appointment was cancelled before the payment completed.' end)
   where p.tenant_id = new.tenant_id and p.appointment_id = new.id
     and p.status in ('requires_payment', 'processing');
  return null;
end
$$;
comment on function private.settle_open_payments_of_released_hold() is
  'Trigger function on appointments (pending -> cancelled/entered_in_error): open payments become expired (hold expired) or cancelled.';
revoke execute on function private.settle_open_payments_of_released_hold() from public, anon, authenticated, service_role;

create trigger settle_open_payments after update of status on public.appointments
  for each row
  when (old.status = 'pending' and new.status in ('cancelled', 'entered_in_error'))
  execute function private.settle_open_payments_of_released_hold();
comment on trigger settle_open_payments on public.appointments is
  'A released hold (pending -> cancelled/entered_in_error) expires or cancels its open payments.';

create function private.refund_cancelled_appointment()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
/**
 * AFTER UPDATE OF status row trigger on public.appointments, booked (or later) -> cancelled:
 * for each succeeded payment (oldest first), refund = what is still refundable minus what is
 * left of the cancellation fee (cancellation_outcome.fee, in cancellation_outcome.currency; a
 * fee in another currency than the payment's is not deducted); a refunds row (reason
 * cancellation, requested_by = who cancelled) when positive; then process-refunds is invoked.
 *
 * Returns: null.
 */
declare
  v_fee_text text := new.cancellation_outcome ->> 'fee';
  v_fee_left numeric := case when v_fee_text ~ '^[0-9]+(\.[0-9]+)?$' then v_fee_text::numeric else 0 end;
  v_fee_currency text := new.cancellation_outcome ->> 'currency';
  v_payment public.payments;
  v_refundable numeric;
  v_kept numeric;
  v_created integer := 0;
begin
  for v_payment in
    select p.* from public.payments as p
    where p.tenant_id = new.tenant_id and p.appointment_id = new.id and p.status = 'succeeded'
    order by p.succeeded_at, p.id
    for update
  loop
    v_refundable := private.refundable_amount(v_payment.tenant_id, v_payment.id);
    v_kept := case when v_fee_currency is null or pg_catalog.upper(v_fee_currency) = v_payment.currency::text
                   then least(v_fee_left, v_refundable) else 0 end;
    v_fee_left := v_fee_left - v_kept;
    if private.insert_refund(v_payment, v_refundable - v_kept, 'cancellation', new.cancelled_by, null) is not null then
      v_created := v_created + 1;
    end if;
  end loop;
  if v_created > 0 then
    perform private.kick_process_refunds();
  end if;
  return null;
end
$$;
comment on function private.refund_cancelled_appointment() is
  'Trigger function on appointments (booked or later -> cancelled): refunds each succeeded payment minus the cancellation fee, then invokes process-refunds.';
revoke execute on function private.refund_cancelled_appointment() from public, anon, authenticated, service_role;

create trigger refund_on_cancellation after update of status on public.appointments
  for each row
  when (new.status = 'cancelled' and old.status not in ('pending', 'cancelled'))
  execute function private.refund_cancelled_appointment();
comment on trigger refund_on_cancellation on public.appointments is
  'Cancelling a booked appointment refunds its succeeded payments minus the cancellation fee (refunds rows, reason cancellation; process-refunds invoked).';

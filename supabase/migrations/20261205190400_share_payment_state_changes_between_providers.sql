-- Every state change of a payment or refund is written once and used by both providers' paths
-- (handle_stripe_event, and handle_razorpay_event / confirm_razorpay_payment of 20261205190700):
--
--   private.lock_payment          the payment's appointment, then the payment (docs/booking.md#lock-order)
--   private.succeed_payment       amount and currency checked against the database; succeeded;
--                                 a pending appointment is booked, money for a released or
--                                 already paid slot is refunded (slot_released)
--   private.end_payment           an open payment failed / expired / cancelled; its hold released
--   private.mark_payment_processing  on its way, not settled: requires_payment -> processing
--   private.note_payment_failure  an attempt failed but the payment stays open (Razorpay Checkout
--                                 and Payment Links let the patient try again on the same order)
--   private.move_refund_forward   a refund's provider status, forward only; amount_refunded synced
--
-- The Stripe functions of 20261121210700 now call these (private.apply_stripe_event is redefined
-- below only to do so); their behaviour is unchanged.
-- private.insert_refund records the payment's provider on the refund, and
-- private.match_stripe_payment matches only Stripe payments.

create function private.lock_payment(p_payment public.payments)
returns public.payments
language plpgsql
volatile
set search_path = ''
as $$
/**
 * Locks the payment's appointment, then the payment (`for update`), and returns the payment as
 * it is now. Appointment first, like open_payment and the cancellation path
 * (change_appointment_status -> refund trigger), so a webhook, a Checkout confirmation and a
 * cancellation of the same appointment queue instead of deadlocking.
 *
 * Returns: the locked, current payment row.
 * Example: v_payment := private.lock_payment(v_payment);
 */
declare
  v_payment public.payments;
begin
  perform 1 from public.appointments as a
   where a.tenant_id = p_payment.tenant_id and a.id = p_payment.appointment_id
  for update;
  select p.* into v_payment from public.payments as p
   where p.tenant_id = p_payment.tenant_id and p.id = p_payment.id
  for update;
  return v_payment;
end
$$;
comment on function private.lock_payment(public.payments) is
  'Locks a payment''s appointment, then the payment (the order every payment path uses), and returns the current payment row.';
revoke execute on function private.lock_payment(public.payments) from public, anon, authenticated, service_role;

-- Stripe's own name for it is no longer used: private.apply_stripe_event (below) calls lock_payment.
drop function private.lock_stripe_payment(public.payments);

create function private.succeed_payment(
  p_payment public.payments, p_amount_minor bigint, p_currency text, p_ids jsonb)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
/**
 * A payment its provider reports as paid. The caller has locked it (private.lock_payment).
 * The amount (minor units) and currency must be the payment's, else nothing changes (detail
 * amount_mismatch). Then: succeeded, with the provider ids of p_ids filled in where still empty;
 * a pending appointment is booked (history reason payment_succeeded); a cancelled or
 * entered_in_error appointment, or one another payment already paid, gets a refund of everything
 * refundable (reason slot_released) whose id is returned in refund_ids. A payment that already
 * succeeded is left alone.
 *
 * Parameters: p_ids  provider ids to record: stripe_payment_intent_id, stripe_checkout_session_id,
 *                    razorpay_order_id, razorpay_payment_id (each optional).
 * Returns:    {"outcome": "processed", "payment_id", "refund_ids"?, "detail"?}.
 */
declare
  v_ids jsonb := case when pg_catalog.jsonb_typeof(p_ids) = 'object' then p_ids else '{}'::jsonb end;
  v_appointment public.appointments;
  v_refund_id uuid;
  v_result jsonb := pg_catalog.jsonb_build_object('outcome', 'processed', 'payment_id', p_payment.id);
begin
  if p_payment.status = 'succeeded' then
    return v_result || '{"detail": {"no_change": "the payment had already succeeded"}}'::jsonb;
  end if;
  if p_amount_minor is distinct from p_payment.amount_minor
     or pg_catalog.lower(p_currency) is distinct from pg_catalog.lower(p_payment.currency) then
    return v_result || pg_catalog.jsonb_build_object('detail', pg_catalog.jsonb_build_object('amount_mismatch',
      pg_catalog.jsonb_build_object('expected_amount_minor', p_payment.amount_minor,
                                    'expected_currency', pg_catalog.lower(p_payment.currency),
                                    'received_amount_minor', p_amount_minor,
                                    'received_currency', pg_catalog.lower(p_currency))));
  end if;

  update public.payments as p
     set status = 'succeeded',
         succeeded_at = pg_catalog.now(),
         failure_message = null,
         stripe_payment_intent_id = coalesce(p.stripe_payment_intent_id, v_ids ->> 'stripe_payment_intent_id'),
         stripe_checkout_session_id = coalesce(p.stripe_checkout_session_id, v_ids ->> 'stripe_checkout_session_id'),
         razorpay_order_id = coalesce(p.razorpay_order_id, v_ids ->> 'razorpay_order_id'),
         razorpay_payment_id = coalesce(p.razorpay_payment_id, v_ids ->> 'razorpay_payment_id')
   where p.tenant_id = p_payment.tenant_id and p.id = p_payment.id
  returning * into p_payment;

  select a.* into v_appointment
  from public.appointments as a
  where a.tenant_id = p_payment.tenant_id and a.id = p_payment.appointment_id
  for update;
  if v_appointment.status = 'pending' then
    perform pg_catalog.set_config('slotbase.appointment_change_reason', 'payment_succeeded', true);
    update public.appointments as a
       set status = 'booked'
     where a.tenant_id = v_appointment.tenant_id and a.id = v_appointment.id;
    perform pg_catalog.set_config('slotbase.appointment_change_reason', '', true);
    return v_result || '{"detail": {"appointment": "booked"}}'::jsonb;
  end if;
  if v_appointment.status in ('cancelled', 'entered_in_error')
     or exists (select 1 from public.payments as o
                where o.tenant_id = p_payment.tenant_id and o.appointment_id = p_payment.appointment_id
                  and o.id <> p_payment.id and o.status = 'succeeded') then
    v_refund_id := private.insert_refund(p_payment, private.refundable_amount(p_payment.tenant_id, p_payment.id),
                                         'slot_released', null, null);
    return v_result || pg_catalog.jsonb_build_object(
      'refund_ids', case when v_refund_id is null then '[]'::jsonb else pg_catalog.jsonb_build_array(v_refund_id) end,
      'detail', pg_catalog.jsonb_build_object('appointment', v_appointment.status, 'refund', 'slot_released'));
  end if;
  return v_result || pg_catalog.jsonb_build_object('detail', pg_catalog.jsonb_build_object('appointment', v_appointment.status));
end
$$;
comment on function private.succeed_payment(public.payments, bigint, text, jsonb) is
  'A paid payment of either provider (amount/currency checked) -> succeeded with its provider ids; books the pending appointment, or refunds (slot_released) when the appointment is gone or already paid.';
revoke execute on function private.succeed_payment(public.payments, bigint, text, jsonb) from public, anon, authenticated, service_role;

create or replace function private.succeed_stripe_payment(
  p_payment public.payments, p_amount_minor bigint, p_currency text, p_payment_intent_id text,
  p_checkout_session_id text)
returns jsonb
language sql
volatile
set search_path = ''
as $$
  /**
   * handle_stripe_event: a paid Stripe payment (private.succeed_payment with the PaymentIntent
   * and Checkout Session ids).
   * Returns: {"outcome": "processed", "payment_id", "refund_ids"?, "detail"?}.
   */
  select private.succeed_payment(p_payment, p_amount_minor, p_currency,
                                 pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
                                   'stripe_payment_intent_id', p_payment_intent_id,
                                   'stripe_checkout_session_id', p_checkout_session_id)))
$$;
comment on function private.succeed_stripe_payment(public.payments, bigint, text, text, text) is
  'handle_stripe_event: a paid payment (amount/currency checked) -> succeeded (private.succeed_payment); books the pending appointment, or refunds (slot_released) when the appointment is gone or already paid.';

create function private.end_payment(
  p_payment public.payments, p_status public.payment_status, p_message text, p_reason text)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
/**
 * An open payment its provider reports as failed, expired or cancelled (the caller has locked it):
 * -> p_status with failure_message, and the appointment's hold (if still pending) released with
 * reason p_reason (payment_failed, payment_expired, payment_cancelled). A payment that is no
 * longer open is left alone.
 *
 * Returns: {"outcome": "processed", "payment_id", "detail"}.
 */
declare
  v_released boolean;
  v_result jsonb := pg_catalog.jsonb_build_object('outcome', 'processed', 'payment_id', p_payment.id);
begin
  if p_payment.status not in ('requires_payment', 'processing') then
    return v_result || pg_catalog.jsonb_build_object('detail', pg_catalog.jsonb_build_object(
      'no_change', pg_catalog.format('the payment is already %s', p_payment.status)));
  end if;
  update public.payments as p
     set status = p_status,
         failure_message = pg_catalog.left(p_message, 1000)
   where p.tenant_id = p_payment.tenant_id and p.id = p_payment.id;
  v_released := private.release_payment_hold(p_payment.tenant_id, p_payment.appointment_id, p_reason);
  return v_result || pg_catalog.jsonb_build_object('detail', pg_catalog.jsonb_build_object(
    'payment', p_status, 'hold_released', v_released));
end
$$;
comment on function private.end_payment(public.payments, public.payment_status, text, text) is
  'An open payment of either provider -> failed/expired/cancelled, releasing the appointment''s hold (payment_failed / payment_expired / payment_cancelled).';
revoke execute on function private.end_payment(public.payments, public.payment_status, text, text) from public, anon, authenticated, service_role;

create or replace function private.end_stripe_payment(
  p_payment public.payments, p_status public.payment_status, p_message text, p_reason text)
returns jsonb
language sql
volatile
set search_path = ''
as $$
  /**
   * handle_stripe_event: an open payment Stripe reports as failed or expired (private.end_payment).
   * Returns: {"outcome": "processed", "payment_id", "detail"}.
   */
  select private.end_payment(p_payment, p_status, p_message, p_reason)
$$;
comment on function private.end_stripe_payment(public.payments, public.payment_status, text, text) is
  'handle_stripe_event: an open payment -> failed/expired, releasing the appointment''s hold (private.end_payment).';

create function private.note_payment_failure(p_payment public.payments, p_message text)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
/**
 * One attempt to pay an open payment failed, and the provider lets the patient try again on the
 * same object (Razorpay Checkout retries on the same order; a Payment Link stays payable): the
 * reason is kept in failure_message for the app and the front desk, the payment stays open and
 * the hold stays until it expires or a later attempt succeeds. A payment that is no longer open
 * is left alone (a failure reported after success changes nothing).
 *
 * Returns: {"outcome": "processed", "payment_id", "detail"}.
 */
declare
  v_result jsonb := pg_catalog.jsonb_build_object('outcome', 'processed', 'payment_id', p_payment.id);
begin
  if p_payment.status not in ('requires_payment', 'processing') then
    return v_result || pg_catalog.jsonb_build_object('detail', pg_catalog.jsonb_build_object(
      'no_change', pg_catalog.format('the payment is already %s', p_payment.status)));
  end if;
  update public.payments as p
     set failure_message = pg_catalog.left(coalesce(p_message, 'The payment attempt failed.'), 1000)
   where p.tenant_id = p_payment.tenant_id and p.id = p_payment.id;
  return v_result || pg_catalog.jsonb_build_object('detail', pg_catalog.jsonb_build_object(
    'payment', p_payment.status, 'attempt_failed', true));
end
$$;
comment on function private.note_payment_failure(public.payments, text) is
  'A failed attempt on a payment that stays payable (Razorpay): failure_message recorded, the payment and its hold stay open; nothing once the payment is no longer open.';
revoke execute on function private.note_payment_failure(public.payments, text) from public, anon, authenticated, service_role;

create function private.move_refund_forward(p_refund public.refunds, p_status text, p_ids jsonb, p_error text)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
/**
 * Applies a provider's refund status to a refund the caller has locked: only forward
 * (requested, processing -> submitted -> succeeded -> failed), recording the provider's refund
 * id where still empty (p_ids: stripe_refund_id, razorpay_refund_id) and p_error as last_error
 * when it fails; then the payment's amount_refunded is recomputed.
 *
 * Parameters: p_status  submitted, succeeded or failed.
 * Returns:    {"outcome": "processed", "payment_id", "detail": {"refund_id", "refund"}}.
 */
declare
  v_ids jsonb := case when pg_catalog.jsonb_typeof(p_ids) = 'object' then p_ids else '{}'::jsonb end;
  v_rank_old integer := case p_refund.status when 'submitted' then 1 when 'succeeded' then 2 when 'failed' then 3 else 0 end;
  v_rank_new integer := case p_status when 'submitted' then 1 when 'succeeded' then 2 when 'failed' then 3 else 0 end;
begin
  update public.refunds as r
     set stripe_refund_id = coalesce(r.stripe_refund_id, v_ids ->> 'stripe_refund_id'),
         razorpay_refund_id = coalesce(r.razorpay_refund_id, v_ids ->> 'razorpay_refund_id'),
         status = case when v_rank_new > v_rank_old then p_status else r.status end,
         claimed_until = case when v_rank_new > v_rank_old then null else r.claimed_until end,
         last_error = case when v_rank_new > v_rank_old and p_status = 'failed'
                           then pg_catalog.left(p_error, 1000)
                           else r.last_error end
   where r.tenant_id = p_refund.tenant_id and r.id = p_refund.id;
  perform private.sync_amount_refunded(p_refund.tenant_id, p_refund.payment_id);
  return pg_catalog.jsonb_build_object('outcome', 'processed', 'payment_id', p_refund.payment_id,
                                       'detail', pg_catalog.jsonb_build_object(
                                         'refund_id', p_refund.id,
                                         'refund', case when v_rank_new > v_rank_old then p_status else p_refund.status end));
end
$$;
comment on function private.move_refund_forward(public.refunds, text, jsonb, text) is
  'Applies a provider''s refund status (submitted / succeeded / failed) to a locked refund, forward only, with the provider''s refund id; recomputes amount_refunded.';
revoke execute on function private.move_refund_forward(public.refunds, text, jsonb, text) from public, anon, authenticated, service_role;

create or replace function private.sync_stripe_refund(p_account text, p_payment public.payments, p_refund jsonb)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
/**
 * Applies a Stripe Refund object: finds the refund by stripe_refund_id, else by
 * metadata.refund_id (tenant must agree), else - for a known payment (p_payment, or by the
 * refund's payment_intent) - inserts it with reason stripe_dashboard. Stripe statuses map to
 * succeeded / submitted (pending, requires_action) / failed (failed, canceled); the refund moves
 * only forward (private.move_refund_forward), then the payment's amount_refunded is recomputed.
 *
 * Returns: {"outcome": "processed"|"unmatched", "payment_id"?, "detail"?}.
 */
declare
  v_stripe_id text := private.stripe_id_or_null(p_refund, array['re', 'pyr']);
  v_metadata jsonb := case when pg_catalog.jsonb_typeof(p_refund -> 'metadata') = 'object' then p_refund -> 'metadata' else '{}'::jsonb end;
  v_status text := case p_refund ->> 'status'
                     when 'succeeded' then 'succeeded'
                     when 'pending' then 'submitted'
                     when 'requires_action' then 'submitted'
                     when 'failed' then 'failed'
                     when 'canceled' then 'failed'
                   end;
  v_refund public.refunds;
  v_payment public.payments := p_payment;
  v_amount_minor bigint := private.bigint_or_null(p_refund -> 'amount');
begin
  if v_stripe_id is null or v_status is null then
    return '{"outcome": "unmatched", "detail": {"refund": "no refund id or unknown status"}}'::jsonb;
  end if;
  select r.* into v_refund from public.refunds as r where r.stripe_refund_id = v_stripe_id for update;
  if v_refund.id is null and private.uuid_or_null(v_metadata ->> 'refund_id') is not null then
    select r.* into v_refund from public.refunds as r
    where r.id = private.uuid_or_null(v_metadata ->> 'refund_id')
      and r.provider = 'stripe'
      and (r.stripe_refund_id is null or r.stripe_refund_id = v_stripe_id)
      and (not v_metadata ? 'tenant_id' or r.tenant_id = private.uuid_or_null(v_metadata ->> 'tenant_id'))
    for update;
  end if;

  if v_refund.id is null then
    if v_payment.id is null then
      v_payment := private.match_stripe_payment(p_account, private.stripe_id_or_null(p_refund -> 'payment_intent', array['pi']),
                                                null, '{}'::jsonb);
    end if;
    if v_payment.id is null then
      return '{"outcome": "unmatched"}'::jsonb;
    end if;
    if v_amount_minor is null or v_amount_minor <= 0
       or pg_catalog.lower(p_refund ->> 'currency') is distinct from pg_catalog.lower(v_payment.currency) then
      return pg_catalog.jsonb_build_object('outcome', 'processed', 'payment_id', v_payment.id,
                                           'detail', '{"no_change": "refund amount or currency not usable"}'::jsonb);
    end if;
    insert into public.refunds (tenant_id, payment_id, appointment_id, patient_id, provider, amount, currency, amount_minor,
                                reason, status, stripe_refund_id, last_error)
    values (v_payment.tenant_id, v_payment.id, v_payment.appointment_id, v_payment.patient_id, 'stripe',
            private.from_minor_units(v_amount_minor, v_payment.currency), v_payment.currency, v_amount_minor,
            'stripe_dashboard', v_status, v_stripe_id,
            case when v_status = 'failed' then pg_catalog.left(p_refund ->> 'failure_reason', 1000) end)
    returning * into v_refund;
    perform private.sync_amount_refunded(v_refund.tenant_id, v_refund.payment_id);
    return pg_catalog.jsonb_build_object('outcome', 'processed', 'payment_id', v_refund.payment_id,
                                         'detail', pg_catalog.jsonb_build_object('refund_id', v_refund.id, 'refund', v_status,
                                                                                 'new', 'stripe_dashboard'));
  end if;

  return private.move_refund_forward(v_refund, v_status, pg_catalog.jsonb_build_object('stripe_refund_id', v_stripe_id),
                                     coalesce(pg_catalog.left(p_refund ->> 'failure_reason', 1000), 'failed at Stripe'));
end
$$;
comment on function private.sync_stripe_refund(text, public.payments, jsonb) is
  'handle_stripe_event: applies a Stripe Refund object to public.refunds (by stripe id or metadata.refund_id; unknown refunds of known payments become stripe_dashboard rows); forward-only statuses (private.move_refund_forward); recomputes amount_refunded.';

create or replace function private.match_stripe_payment(
  p_account text, p_payment_intent_id text, p_checkout_session_id text, p_metadata jsonb)
returns public.payments
language plpgsql
volatile
set search_path = ''
as $$
/**
 * Finds the Stripe payment a Stripe object belongs to (without locking it; see
 * private.lock_payment): by PaymentIntent id, else Checkout Session id, else
 * metadata.payment_id. Refuses (null) when metadata.tenant_id or metadata.payment_id is present
 * and disagrees, when the event comes from another connected account than the payment's, when
 * the payment already has a different Stripe id, or when the payment is not a Stripe payment.
 *
 * Returns: the payment row, or null.
 */
declare
  v_payment public.payments;
  v_metadata jsonb := case when pg_catalog.jsonb_typeof(p_metadata) = 'object' then p_metadata else '{}'::jsonb end;
  v_meta_payment uuid := private.uuid_or_null(v_metadata ->> 'payment_id');
  v_meta_tenant uuid := private.uuid_or_null(v_metadata ->> 'tenant_id');
begin
  if p_payment_intent_id is not null then
    select p.* into v_payment from public.payments as p where p.stripe_payment_intent_id = p_payment_intent_id;
  end if;
  if v_payment.id is null and p_checkout_session_id is not null then
    select p.* into v_payment from public.payments as p where p.stripe_checkout_session_id = p_checkout_session_id;
  end if;
  if v_payment.id is null and v_meta_payment is not null then
    select p.* into v_payment from public.payments as p where p.id = v_meta_payment;
  end if;
  if v_payment.id is null then
    return null;
  end if;
  if v_payment.provider <> 'stripe'
     or (v_metadata ? 'tenant_id' and v_meta_tenant is distinct from v_payment.tenant_id)
     or (v_metadata ? 'payment_id' and v_meta_payment is distinct from v_payment.id)
     or (p_account is not null and p_account is distinct from v_payment.stripe_account_id)
     or (p_payment_intent_id is not null and v_payment.stripe_payment_intent_id <> p_payment_intent_id)
     or (p_checkout_session_id is not null and v_payment.stripe_checkout_session_id <> p_checkout_session_id) then
    return null;
  end if;
  return v_payment;
end
$$;
comment on function private.match_stripe_payment(text, text, text, jsonb) is
  'Finds the Stripe payment of a Stripe object (by PaymentIntent id, Checkout Session id, else metadata.payment_id); null when nothing matches, tenant/payment/account/ids disagree, or the payment is another provider''s.';

create or replace function private.insert_refund(
  p_payment public.payments, p_amount numeric, p_reason text, p_requested_by uuid, p_note text)
returns uuid
language plpgsql
volatile
set search_path = ''
as $$
/**
 * Inserts a requested refund of p_amount (rounded DOWN to the currency's decimals) for the
 * payment, through the payment's provider; nothing when that is not positive. The caller locks
 * the payment first and checks the amount against private.refundable_amount.
 *
 * Returns: the refund id, or null when nothing was inserted.
 */
declare
  v_amount numeric := pg_catalog.trunc(p_amount, private.currency_minor_unit_exponent(p_payment.currency));
  v_id uuid;
begin
  if v_amount is null or v_amount <= 0 then
    return null;
  end if;
  insert into public.refunds (tenant_id, payment_id, appointment_id, patient_id, provider, amount, currency, amount_minor,
                              reason, note, status, requested_by)
  values (p_payment.tenant_id, p_payment.id, p_payment.appointment_id, p_payment.patient_id, p_payment.provider, v_amount,
          p_payment.currency, private.to_minor_units(v_amount, p_payment.currency), p_reason, p_note, 'requested', p_requested_by)
  returning id into v_id;
  return v_id;
end
$$;
comment on function private.insert_refund(public.payments, numeric, text, uuid, text) is
  'Inserts a requested refund for a payment, through the payment''s provider (amount truncated to the currency''s decimals; nothing when not positive) and returns its id.';

create function private.mark_payment_processing(p_payment public.payments, p_ids jsonb)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
/**
 * A payment its provider reports as on its way but not settled (Stripe: a delayed payment
 * method; Razorpay: authorised, not captured yet), locked by the caller: requires_payment ->
 * processing, with the Stripe ids of p_ids filled in where still empty (stripe_payment_intent_id,
 * stripe_checkout_session_id). Any other status is left alone (an authorisation reported after
 * the capture changes nothing).
 *
 * Returns: {"outcome": "processed", "payment_id", "detail"}.
 */
declare
  v_ids jsonb := case when pg_catalog.jsonb_typeof(p_ids) = 'object' then p_ids else '{}'::jsonb end;
begin
  if p_payment.status <> 'requires_payment' then
    return pg_catalog.jsonb_build_object('outcome', 'processed', 'payment_id', p_payment.id,
      'detail', pg_catalog.jsonb_build_object('no_change', pg_catalog.format('the payment is already %s', p_payment.status)));
  end if;
  update public.payments as p
     set status = 'processing',
         stripe_payment_intent_id = coalesce(p.stripe_payment_intent_id, v_ids ->> 'stripe_payment_intent_id'),
         stripe_checkout_session_id = coalesce(p.stripe_checkout_session_id, v_ids ->> 'stripe_checkout_session_id')
   where p.tenant_id = p_payment.tenant_id and p.id = p_payment.id;
  return pg_catalog.jsonb_build_object('outcome', 'processed', 'payment_id', p_payment.id, 'detail', '{"payment": "processing"}'::jsonb);
end
$$;
comment on function private.mark_payment_processing(public.payments, jsonb) is
  'A payment of either provider on its way but not settled: requires_payment -> processing (with Stripe ids); nothing otherwise.';
revoke execute on function private.mark_payment_processing(public.payments, jsonb) from public, anon, authenticated, service_role;

create or replace function private.apply_stripe_event(p_type text, p_account text, p_object jsonb)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
/**
 * Dispatches one Stripe event by type (see the migration header) and returns its result
 * {"outcome": "processed"|"ignored"|"unmatched", "payment_id"?, "refund_ids"?, "detail"?}.
 */
declare
  v_object jsonb := case when pg_catalog.jsonb_typeof(p_object) = 'object' then p_object else '{}'::jsonb end;
  v_metadata jsonb := case when pg_catalog.jsonb_typeof(p_object -> 'metadata') = 'object' then p_object -> 'metadata' else '{}'::jsonb end;
  v_pi text;
  v_cs text;
  v_payment public.payments;
  v_url text;
  v_refund jsonb;
  v_one jsonb;
  v_details jsonb := '[]'::jsonb;
begin
  if p_type like 'payment_intent.%' then
    if p_type not in ('payment_intent.succeeded', 'payment_intent.processing', 'payment_intent.payment_failed',
                      'payment_intent.canceled') then
      return '{"outcome": "ignored"}'::jsonb;
    end if;
    v_pi := private.stripe_id_or_null(v_object, array['pi']);
    v_payment := private.match_stripe_payment(p_account, v_pi, null, v_metadata);
    if v_payment.id is null then
      return '{"outcome": "unmatched"}'::jsonb;
    end if;
    v_payment := private.lock_payment(v_payment);
    if p_type = 'payment_intent.succeeded' then
      return private.succeed_stripe_payment(v_payment, coalesce(private.bigint_or_null(v_object -> 'amount_received'),
                                                                private.bigint_or_null(v_object -> 'amount')),
                                            v_object ->> 'currency', v_pi, null);
    elsif p_type = 'payment_intent.processing' then
      return private.mark_payment_processing(v_payment, pg_catalog.jsonb_build_object('stripe_payment_intent_id', v_pi));
    elsif p_type = 'payment_intent.payment_failed' then
      if v_payment.flow = 'checkout' then
        return pg_catalog.jsonb_build_object('outcome', 'processed', 'payment_id', v_payment.id,
          'detail', '{"no_change": "a checkout payment ends with the Checkout Session''s events"}'::jsonb);
      end if;
      return private.end_stripe_payment(v_payment, 'failed',
                                        coalesce(v_object #>> '{last_payment_error,message}', 'The payment failed.'),
                                        'payment_failed');
    else
      return private.end_stripe_payment(v_payment, 'expired',
                                        'The payment was canceled at Stripe' || coalesce(' (' || (v_object ->> 'cancellation_reason') || ')', '') || '.',
                                        'payment_expired');
    end if;
  end if;

  if p_type like 'checkout.session.%' then
    if p_type not in ('checkout.session.completed', 'checkout.session.async_payment_succeeded',
                      'checkout.session.async_payment_failed', 'checkout.session.expired') then
      return '{"outcome": "ignored"}'::jsonb;
    end if;
    v_cs := private.stripe_id_or_null(v_object, array['cs']);
    v_pi := private.stripe_id_or_null(v_object -> 'payment_intent', array['pi']);
    if not v_metadata ? 'payment_id' and private.uuid_or_null(v_object ->> 'client_reference_id') is not null then
      v_metadata := v_metadata || pg_catalog.jsonb_build_object('payment_id', v_object ->> 'client_reference_id');
    end if;
    v_payment := private.match_stripe_payment(p_account, null, v_cs, v_metadata);
    if v_payment.id is null or (v_pi is not null and v_payment.stripe_payment_intent_id <> v_pi) then
      return '{"outcome": "unmatched"}'::jsonb;
    end if;
    v_payment := private.lock_payment(v_payment);
    if p_type = 'checkout.session.async_payment_succeeded'
       or (p_type = 'checkout.session.completed' and v_object ->> 'payment_status' = 'paid') then
      return private.succeed_stripe_payment(v_payment, private.bigint_or_null(v_object -> 'amount_total'),
                                            v_object ->> 'currency', v_pi, v_cs);
    elsif p_type = 'checkout.session.completed' and v_object ->> 'payment_status' = 'unpaid' then
      return private.mark_payment_processing(v_payment, pg_catalog.jsonb_build_object('stripe_payment_intent_id', v_pi,
                                                                                      'stripe_checkout_session_id', v_cs));
    elsif p_type = 'checkout.session.completed' then
      return pg_catalog.jsonb_build_object('outcome', 'processed', 'payment_id', v_payment.id,
        'detail', pg_catalog.jsonb_build_object('no_change', 'payment_status ' || coalesce(v_object ->> 'payment_status', 'missing')));
    elsif p_type = 'checkout.session.async_payment_failed' then
      return private.end_stripe_payment(v_payment, 'failed', 'The payment did not go through.', 'payment_failed');
    else
      return private.end_stripe_payment(v_payment, 'expired', 'The Checkout Session expired.', 'payment_expired');
    end if;
  end if;

  if p_type in ('charge.succeeded', 'charge.updated', 'charge.refunded') then
    v_pi := private.stripe_id_or_null(v_object -> 'payment_intent', array['pi']);
    v_payment := private.match_stripe_payment(p_account, v_pi, null, v_metadata);
    if v_payment.id is null then
      return '{"outcome": "unmatched"}'::jsonb;
    end if;
    v_payment := private.lock_payment(v_payment);
    if p_type = 'charge.refunded' then
      for v_refund in
        select e.value from pg_catalog.jsonb_array_elements(
          case when pg_catalog.jsonb_typeof(v_object #> '{refunds,data}') = 'array' then v_object #> '{refunds,data}' else '[]'::jsonb end) as e
      loop
        v_one := private.sync_stripe_refund(p_account, v_payment, v_refund);
        v_details := v_details || pg_catalog.jsonb_build_array(coalesce(v_one -> 'detail', pg_catalog.jsonb_build_object('outcome', v_one -> 'outcome')));
      end loop;
      return pg_catalog.jsonb_build_object('outcome', 'processed', 'payment_id', v_payment.id,
                                           'detail', pg_catalog.jsonb_build_object('refunds', v_details));
    end if;
    v_url := v_object ->> 'receipt_url';
    if v_url !~ '^https?://' or pg_catalog.char_length(v_url) > 4096 then
      v_url := null;
    end if;
    update public.payments as p
       set receipt_url = coalesce(v_url, p.receipt_url),
           stripe_payment_intent_id = coalesce(p.stripe_payment_intent_id, v_pi)
     where p.tenant_id = v_payment.tenant_id and p.id = v_payment.id
       and (p.receipt_url is distinct from coalesce(v_url, p.receipt_url)
            or p.stripe_payment_intent_id is distinct from coalesce(p.stripe_payment_intent_id, v_pi));
    return pg_catalog.jsonb_build_object('outcome', 'processed', 'payment_id', v_payment.id,
                                         'detail', pg_catalog.jsonb_build_object('receipt_url', v_url is not null));
  end if;

  if p_type in ('refund.created', 'refund.updated', 'refund.failed', 'charge.refund.updated') then
    return private.sync_stripe_refund(p_account, null, v_object);
  end if;

  return '{"outcome": "ignored"}'::jsonb;
end
$$;
comment on function private.apply_stripe_event(text, text, jsonb) is
  'handle_stripe_event: dispatches one Stripe event by type to the shared payment and refund state changes (private.succeed_payment, end_payment, mark_payment_processing, move_refund_forward); returns the outcome.';

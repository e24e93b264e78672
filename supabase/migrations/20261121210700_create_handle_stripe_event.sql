-- public.handle_stripe_event(event jsonb): every state change Stripe tells us about, exactly once
-- (issue 5). Called by the stripe-webhook Edge Function as service_role after it verified the
-- signature on the raw body.
--
-- Exactly once: the event id goes into private.stripe_events FIRST (`on conflict do nothing`);
-- a redelivery finds it and returns {"outcome": "duplicate"} without changing anything. The
-- insert and the state change commit together, so a failed delivery is processed on retry.
--
-- Matching: a payment by its Stripe ids (PaymentIntent, Checkout Session), else by
-- metadata.payment_id (or the Checkout client_reference_id); metadata.tenant_id and
-- metadata.payment_id, when present, must agree with the payment, and an event from a connected
-- account (event.account) must come from the payment's account. Otherwise: "unmatched".
--
-- Events:
--   payment_intent.succeeded, checkout.session.completed (payment_status paid),
--   checkout.session.async_payment_succeeded
--       amount (amount_received / amount_total) and currency must equal the payment's, else
--       "processed" with detail amount_mismatch and NO state change. Payment succeeded; a
--       pending appointment becomes booked; a cancelled (or entered_in_error) appointment, or one
--       already paid by another payment, gets a refund (reason slot_released, everything
--       refundable) whose id is returned in refund_ids for the webhook to send right away.
--   checkout.session.completed (unpaid), payment_intent.processing
--       requires_payment -> processing (delayed payment methods).
--   payment_intent.payment_failed, checkout.session.async_payment_failed
--       open payment -> failed (failure_message), a pending appointment is released (cancelled,
--       reason payment_failed, cancellation_outcome by system). A PaymentIntent failure of a
--       CHECKOUT payment changes nothing: the hosted page lets the patient try another card, and
--       the session's own events (async_payment_failed, expired) decide.
--   payment_intent.canceled, checkout.session.expired
--       open payment -> expired, a pending appointment is released (reason payment_expired).
--   charge.succeeded, charge.updated       receipt_url.
--   refund.created, refund.updated, refund.failed, charge.refund.updated, charge.refunded
--       refunds by stripe_refund_id or metadata.refund_id (an unknown refund of a known payment:
--       a new refunds row, reason stripe_dashboard); statuses only move forward; then
--       payments.amount_refunded = sum of succeeded refunds.
--   anything else: "ignored" (still recorded).
-- A payment that is no longer open is never moved back (e.g. a failure after success).

create function private.uuid_or_null(p_value text)
returns uuid
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * p_value as a uuid when it is one, else null (never raises).
   * Example: select private.uuid_or_null('not a uuid');  -- null
   */
  select case when p_value ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then p_value::uuid end
$$;
comment on function private.uuid_or_null(text) is 'The text as a uuid when it is one, else null (never raises).';
revoke execute on function private.uuid_or_null(text) from public, anon, authenticated, service_role;

create function private.stripe_id_or_null(p_value jsonb, p_prefixes text[])
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * The Stripe id in p_value — a string, or an expanded object's "id" — when it starts with one
   * of p_prefixes followed by "_", else null.
   * Example: select private.stripe_id_or_null('"pi_123"', array['pi']);  -- pi_123
   */
  select case when v ~ ('^(' || pg_catalog.array_to_string(p_prefixes, '|') || ')_[A-Za-z0-9_]{1,250}$') then v end
  from (select case pg_catalog.jsonb_typeof(p_value)
                 when 'string' then p_value #>> '{}'
                 when 'object' then p_value ->> 'id'
               end as v) as x
$$;
comment on function private.stripe_id_or_null(jsonb, text[]) is
  'A Stripe id (string or expanded object) with one of the given prefixes, else null (never raises).';
revoke execute on function private.stripe_id_or_null(jsonb, text[]) from public, anon, authenticated, service_role;

create function private.bigint_or_null(p_value jsonb)
returns bigint
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * A JSON integer as bigint, else null (never raises).
   * Example: select private.bigint_or_null('1250');  -- 1250
   */
  select case when pg_catalog.jsonb_typeof(p_value) = 'number' and (p_value #>> '{}') ~ '^-?[0-9]{1,18}$'
              then (p_value #>> '{}')::bigint end
$$;
comment on function private.bigint_or_null(jsonb) is 'A JSON integer as bigint, else null (never raises).';
revoke execute on function private.bigint_or_null(jsonb) from public, anon, authenticated, service_role;

create function private.match_stripe_payment(
  p_account text, p_payment_intent_id text, p_checkout_session_id text, p_metadata jsonb)
returns public.payments
language plpgsql
volatile
set search_path = ''
as $$
/**
 * Finds the payment a Stripe object belongs to (without locking it; see
 * private.lock_stripe_payment): by PaymentIntent id,
 * else Checkout Session id, else metadata.payment_id. Refuses (null) when metadata.tenant_id or
 * metadata.payment_id is present and disagrees, when the event comes from another connected
 * account than the payment's, or when the payment already has a different Stripe id.
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
  if (v_metadata ? 'tenant_id' and v_meta_tenant is distinct from v_payment.tenant_id)
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
  'Finds the payment of a Stripe object (by PaymentIntent id, Checkout Session id, else metadata.payment_id); null when nothing matches or tenant/payment/account/ids disagree.';
revoke execute on function private.match_stripe_payment(text, text, text, jsonb) from public, anon, authenticated, service_role;

create function private.lock_stripe_payment(p_payment public.payments)
returns public.payments
language plpgsql
volatile
set search_path = ''
as $$
/**
 * Locks the payment's appointment, then the payment (`for update`), and returns the payment as
 * it is now. Always appointment first, like open_payment and the cancellation path
 * (change_appointment_status -> refund trigger), so a webhook and a cancellation of the same
 * appointment queue instead of deadlocking.
 *
 * Returns: the locked, current payment row.
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
comment on function private.lock_stripe_payment(public.payments) is
  'Locks a payment''s appointment, then the payment (the order every payment path uses), and returns the current payment row.';
revoke execute on function private.lock_stripe_payment(public.payments) from public, anon, authenticated, service_role;

create function private.release_payment_hold(p_tenant_id uuid, p_appointment_id uuid, p_reason text)
returns boolean
language plpgsql
volatile
set search_path = ''
as $$
/**
 * Cancels the appointment when it is still pending (its hold), with reason p_reason
 * (payment_failed, payment_expired), cancelled by the system: cancellation_outcome
 * {by: system, late: false, fee: 0, currency, payment_required: true}.
 *
 * Returns: true when a hold was released.
 */
declare
  v_count integer;
begin
  perform pg_catalog.set_config('slotbase.appointment_change_reason', p_reason, true);
  update public.appointments as a
     set status = 'cancelled',
         cancellation_reason = p_reason,
         cancellation_outcome = pg_catalog.jsonb_build_object(
           'by', 'system', 'late', false, 'fee', 0,
           'currency', (select s.currency::text from public.services as s where s.tenant_id = a.tenant_id and s.id = a.service_id),
           'payment_required', true)
   where a.tenant_id = p_tenant_id and a.id = p_appointment_id and a.status = 'pending';
  get diagnostics v_count = row_count;
  perform pg_catalog.set_config('slotbase.appointment_change_reason', '', true);
  return v_count > 0;
end
$$;
comment on function private.release_payment_hold(uuid, uuid, text) is
  'Cancels a still-pending appointment (its hold) for a failed or expired payment, as the system.';
revoke execute on function private.release_payment_hold(uuid, uuid, text) from public, anon, authenticated, service_role;

create function private.succeed_stripe_payment(
  p_payment public.payments, p_amount_minor bigint, p_currency text, p_payment_intent_id text,
  p_checkout_session_id text)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
/**
 * A payment Stripe reports as paid (see the migration header): checks amount and currency,
 * marks it succeeded, books a pending appointment, or creates a slot_released refund when the
 * appointment is gone (cancelled, entered_in_error) or was already paid by another payment.
 *
 * Returns: {"outcome": "processed", "payment_id", "refund_ids"?, "detail"?}.
 */
declare
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
         stripe_payment_intent_id = coalesce(p.stripe_payment_intent_id, p_payment_intent_id),
         stripe_checkout_session_id = coalesce(p.stripe_checkout_session_id, p_checkout_session_id)
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
comment on function private.succeed_stripe_payment(public.payments, bigint, text, text, text) is
  'handle_stripe_event: a paid payment (amount/currency checked) -> succeeded; books the pending appointment, or refunds (slot_released) when the appointment is gone or already paid.';
revoke execute on function private.succeed_stripe_payment(public.payments, bigint, text, text, text) from public, anon, authenticated, service_role;

create function private.end_stripe_payment(
  p_payment public.payments, p_status public.payment_status, p_message text, p_reason text)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
/**
 * An open payment Stripe reports as failed or expired: -> p_status with failure_message, and
 * the appointment's hold (if still pending) released with reason p_reason. A payment that is
 * no longer open is left alone.
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
comment on function private.end_stripe_payment(public.payments, public.payment_status, text, text) is
  'handle_stripe_event: an open payment -> failed/expired, releasing the appointment''s hold (payment_failed / payment_expired).';
revoke execute on function private.end_stripe_payment(public.payments, public.payment_status, text, text) from public, anon, authenticated, service_role;

create function private.sync_stripe_refund(p_account text, p_payment public.payments, p_refund jsonb)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
/**
 * Applies a Stripe Refund object: finds the refund by stripe_refund_id, else by
 * metadata.refund_id (tenant must agree), else — for a known payment (p_payment, or by the
 * refund's payment_intent) — inserts it with reason stripe_dashboard. Stripe statuses map to
 * succeeded / submitted (pending, requires_action) / failed (failed, canceled); a refund only
 * moves forward (requested, processing -> submitted -> succeeded -> failed). Then the payment's
 * amount_refunded is recomputed.
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
  v_rank_old integer;
  v_rank_new integer;
begin
  if v_stripe_id is null or v_status is null then
    return '{"outcome": "unmatched", "detail": {"refund": "no refund id or unknown status"}}'::jsonb;
  end if;
  select r.* into v_refund from public.refunds as r where r.stripe_refund_id = v_stripe_id for update;
  if v_refund.id is null and private.uuid_or_null(v_metadata ->> 'refund_id') is not null then
    select r.* into v_refund from public.refunds as r
    where r.id = private.uuid_or_null(v_metadata ->> 'refund_id')
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
    insert into public.refunds (tenant_id, payment_id, appointment_id, patient_id, amount, currency, amount_minor,
                                reason, status, stripe_refund_id, last_error)
    values (v_payment.tenant_id, v_payment.id, v_payment.appointment_id, v_payment.patient_id,
            private.from_minor_units(v_amount_minor, v_payment.currency), v_payment.currency, v_amount_minor,
            'stripe_dashboard', v_status, v_stripe_id,
            case when v_status = 'failed' then pg_catalog.left(p_refund ->> 'failure_reason', 1000) end)
    returning * into v_refund;
    perform private.sync_amount_refunded(v_refund.tenant_id, v_refund.payment_id);
    return pg_catalog.jsonb_build_object('outcome', 'processed', 'payment_id', v_refund.payment_id,
                                         'detail', pg_catalog.jsonb_build_object('refund_id', v_refund.id, 'refund', v_status,
                                                                                 'new', 'stripe_dashboard'));
  end if;

  v_rank_old := case v_refund.status when 'submitted' then 1 when 'succeeded' then 2 when 'failed' then 3 else 0 end;
  v_rank_new := case v_status when 'submitted' then 1 when 'succeeded' then 2 when 'failed' then 3 else 0 end;
  update public.refunds as r
     set stripe_refund_id = coalesce(r.stripe_refund_id, v_stripe_id),
         status = case when v_rank_new > v_rank_old then v_status else r.status end,
         claimed_until = case when v_rank_new > v_rank_old then null else r.claimed_until end,
         last_error = case when v_rank_new > v_rank_old and v_status = 'failed'
                           then coalesce(pg_catalog.left(p_refund ->> 'failure_reason', 1000), 'failed at Stripe')
                           else r.last_error end
   where r.tenant_id = v_refund.tenant_id and r.id = v_refund.id;
  perform private.sync_amount_refunded(v_refund.tenant_id, v_refund.payment_id);
  return pg_catalog.jsonb_build_object('outcome', 'processed', 'payment_id', v_refund.payment_id,
                                       'detail', pg_catalog.jsonb_build_object(
                                         'refund_id', v_refund.id,
                                         'refund', case when v_rank_new > v_rank_old then v_status else v_refund.status end));
end
$$;
comment on function private.sync_stripe_refund(text, public.payments, jsonb) is
  'handle_stripe_event: applies a Stripe Refund object to public.refunds (by stripe id or metadata.refund_id; unknown refunds of known payments become stripe_dashboard rows); forward-only statuses; recomputes amount_refunded.';
revoke execute on function private.sync_stripe_refund(text, public.payments, jsonb) from public, anon, authenticated, service_role;

create function private.apply_stripe_event(p_type text, p_account text, p_object jsonb)
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
    v_payment := private.lock_stripe_payment(v_payment);
    if p_type = 'payment_intent.succeeded' then
      return private.succeed_stripe_payment(v_payment, coalesce(private.bigint_or_null(v_object -> 'amount_received'),
                                                                private.bigint_or_null(v_object -> 'amount')),
                                            v_object ->> 'currency', v_pi, null);
    elsif p_type = 'payment_intent.processing' then
      if v_payment.status <> 'requires_payment' then
        return pg_catalog.jsonb_build_object('outcome', 'processed', 'payment_id', v_payment.id,
          'detail', pg_catalog.jsonb_build_object('no_change', pg_catalog.format('the payment is already %s', v_payment.status)));
      end if;
      update public.payments as p
         set status = 'processing', stripe_payment_intent_id = coalesce(p.stripe_payment_intent_id, v_pi)
       where p.tenant_id = v_payment.tenant_id and p.id = v_payment.id;
      return pg_catalog.jsonb_build_object('outcome', 'processed', 'payment_id', v_payment.id, 'detail', '{"payment": "processing"}'::jsonb);
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
    v_payment := private.lock_stripe_payment(v_payment);
    if p_type = 'checkout.session.async_payment_succeeded'
       or (p_type = 'checkout.session.completed' and v_object ->> 'payment_status' = 'paid') then
      return private.succeed_stripe_payment(v_payment, private.bigint_or_null(v_object -> 'amount_total'),
                                            v_object ->> 'currency', v_pi, v_cs);
    elsif p_type = 'checkout.session.completed' and v_object ->> 'payment_status' = 'unpaid' then
      if v_payment.status <> 'requires_payment' then
        return pg_catalog.jsonb_build_object('outcome', 'processed', 'payment_id', v_payment.id,
          'detail', pg_catalog.jsonb_build_object('no_change', pg_catalog.format('the payment is already %s', v_payment.status)));
      end if;
      update public.payments as p
         set status = 'processing',
             stripe_payment_intent_id = coalesce(p.stripe_payment_intent_id, v_pi),
             stripe_checkout_session_id = coalesce(p.stripe_checkout_session_id, v_cs)
       where p.tenant_id = v_payment.tenant_id and p.id = v_payment.id;
      return pg_catalog.jsonb_build_object('outcome', 'processed', 'payment_id', v_payment.id, 'detail', '{"payment": "processing"}'::jsonb);
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
    v_payment := private.lock_stripe_payment(v_payment);
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
  'handle_stripe_event: dispatches one Stripe event by type to the payment and refund state changes; returns the outcome.';
revoke execute on function private.apply_stripe_event(text, text, jsonb) from public, anon, authenticated, service_role;

create function private.handle_stripe_event(p_event jsonb)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Implementation of public.handle_stripe_event (security definer: writes private.stripe_events
 * and moves payments, refunds and appointments). Records the event first (exactly once), then
 * applies it and stores the outcome with the event.
 */
declare
  v_id text;
  v_type text;
  v_inserted text;
  v_result jsonb;
  v_previous private.stripe_events;
begin
  if pg_catalog.jsonb_typeof(p_event) is distinct from 'object' then
    raise exception using errcode = '22023', message = 'event must be a Stripe event object',
      hint = 'Pass the verified event (stripe.webhooks.constructEventAsync) as JSON.';
  end if;
  v_id := p_event ->> 'id';
  v_type := p_event ->> 'type';
  if v_id is null or v_id = '' or pg_catalog.char_length(v_id) > 255 or v_type is null or v_type = '' then
    raise exception using errcode = '22023', message = 'the event has no id or type',
      hint = 'Pass the verified event (stripe.webhooks.constructEventAsync) as JSON.';
  end if;

  insert into private.stripe_events (id, type, account, livemode)
  values (v_id, v_type, nullif(p_event ->> 'account', ''),
          case when pg_catalog.jsonb_typeof(p_event -> 'livemode') = 'boolean' then (p_event -> 'livemode')::boolean else false end)
  on conflict (id) do nothing
  returning id into v_inserted;
  if v_inserted is null then
    select e.* into v_previous from private.stripe_events as e where e.id = v_id;
    return pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('outcome', 'duplicate', 'payment_id', v_previous.payment_id));
  end if;

  v_result := private.apply_stripe_event(v_type, nullif(p_event ->> 'account', ''), p_event #> '{data,object}');
  if v_result ? 'refund_ids' and pg_catalog.jsonb_array_length(v_result -> 'refund_ids') = 0 then
    v_result := v_result - 'refund_ids';
  end if;

  update private.stripe_events as e
     set outcome = v_result ->> 'outcome',
         payment_id = (v_result ->> 'payment_id')::uuid,
         detail = nullif((v_result - 'outcome' - 'payment_id' - 'detail')
                         || case when pg_catalog.jsonb_typeof(v_result -> 'detail') = 'object' then v_result -> 'detail' else '{}'::jsonb end,
                         '{}'::jsonb)
   where e.id = v_id;
  return v_result;
end
$$;
comment on function private.handle_stripe_event(jsonb) is
  'Implementation of public.handle_stripe_event (security definer, service_role only): exactly-once via private.stripe_events, then the state change.';
revoke execute on function private.handle_stripe_event(jsonb) from public, anon, authenticated, service_role;
grant execute on function private.handle_stripe_event(jsonb) to service_role;

create function public.handle_stripe_event(event jsonb)
returns jsonb
language sql
volatile
security invoker
set search_path = ''
as $$
  /**
   * Applies a VERIFIED Stripe webhook event, exactly once (service_role: the stripe-webhook Edge
   * Function, after checking the signature on the raw body).
   *
   * Parameters: event  the Stripe event object as JSON (id, type, account?, livemode, data.object).
   * Returns:    {"outcome": "processed" | "duplicate" | "ignored" | "unmatched",
   *              "payment_id"?: uuid, "refund_ids"?: [uuid, ...], "detail"?: {...}}.
   *             duplicate: this event id was handled before (nothing changed now);
   *             refund_ids: refunds created now (a payment arrived for a slot no longer held):
   *             send them right away (claim_refunds(refund_ids => ...)).
   *             Answer Stripe 2xx for every outcome.
   * Errors:     22023 when the event has no id or type (answer 400).
   * Example:    select public.handle_stripe_event('{"id": "evt_1", "type": "payment_intent.succeeded", "data": {"object": {...}}}');
   */
  select private.handle_stripe_event(event)
$$;
comment on function public.handle_stripe_event(jsonb) is
  'Applies a verified Stripe webhook event exactly once (service_role only): payments succeed/fail/expire, holds are booked or released, refunds are recorded. Returns {"outcome", "payment_id"?, "refund_ids"?, "detail"?}. See docs/payments.md.';
revoke execute on function public.handle_stripe_event(jsonb) from public, anon, authenticated, service_role;
grant execute on function public.handle_stripe_event(jsonb) to service_role;

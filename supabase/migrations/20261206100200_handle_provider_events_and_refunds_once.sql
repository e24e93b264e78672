-- How a provider's webhook event is handled exactly once, how a provider's refund is brought in
-- step, and how an attempt to pay ends, each written once for Stripe and Razorpay:
--
--   private.handle_payment_event   the event id recorded first (a redelivery is "duplicate"), the
--                                  provider's dispatcher applied, the outcome stored with the event
--   private.payment_event_result   the result an event or Checkout confirmation returns
--   private.sync_provider_refund   a provider's refund: found by its id or our refund id, moved
--                                  forward, or a new dashboard refund of a known payment
--   private.end_payment            an attempt ended: the provider ended the object (the hold is
--                                  released) or the patient may try again on it (the hold is kept)
--
-- handle_stripe_event / handle_razorpay_event check their provider's envelope;
-- sync_stripe_refund / sync_razorpay_refund read their provider's Refund object;
-- note_payment_failure is end_payment without an end. Behaviour unchanged, except that a Stripe
-- refund is now locked after its payment's appointment and payment, as the Razorpay one always
-- was (docs/booking.md#lock-order), and a Stripe Dashboard refund that failed without a reason
-- records "failed at Stripe".

create function private.payment_event_result(p_result jsonb)
returns jsonb
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * The result of an applied event or Checkout confirmation as callers get it: refund_ids only
   * when refunds were created.
   * Example: select private.payment_event_result('{"outcome": "processed", "refund_ids": []}');  -- {"outcome": "processed"}
   */
  select case when pg_catalog.jsonb_typeof(p_result -> 'refund_ids') = 'array'
                   and pg_catalog.jsonb_array_length(p_result -> 'refund_ids') = 0
              then p_result - 'refund_ids' else p_result end
$$;
comment on function private.payment_event_result(jsonb) is
  'The result of an applied payment event as returned: refund_ids left out when empty.';
revoke execute on function private.payment_event_result(jsonb) from public, anon, authenticated, service_role;

create function private.handle_payment_event(p_provider public.payment_provider, p_event_id text, p_type text, p_account text,
                                             p_livemode boolean, p_object jsonb)
returns jsonb
language plpgsql
volatile
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * Handles a verified provider event exactly once: its id is inserted into the provider's event
 * table first (private.stripe_events, private.razorpay_events; on conflict nothing), so a
 * redelivery returns {"outcome": "duplicate", "payment_id"?} and changes nothing; otherwise the
 * provider's dispatcher (private.apply_stripe_event, private.apply_razorpay_event) applies it and
 * the outcome is stored with the event. Insert and state change commit together.
 *
 * Parameters: p_account   the connected account (Stripe account, Razorpay account_id), or null;
 *             p_livemode  Stripe's livemode (not recorded for Razorpay);
 *             p_object    what the dispatcher reads (Stripe data.object, Razorpay payload).
 * Returns:    {"outcome", "payment_id"?, "refund_ids"?, "detail"?}.
 */
declare
  v_inserted text;
  v_result jsonb;
  v_detail jsonb;
begin
  if p_provider = 'stripe' then
    insert into private.stripe_events (id, type, account, livemode)
    values (p_event_id, p_type, p_account, coalesce(p_livemode, false))
    on conflict (id) do nothing
    returning id into v_inserted;
  else
    insert into private.razorpay_events (id, type, account_id)
    values (p_event_id, p_type, p_account)
    on conflict (id) do nothing
    returning id into v_inserted;
  end if;
  if v_inserted is null then
    return pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('outcome', 'duplicate', 'payment_id',
      case p_provider
        when 'stripe' then (select e.payment_id from private.stripe_events as e where e.id = p_event_id)
        else (select e.payment_id from private.razorpay_events as e where e.id = p_event_id)
      end));
  end if;

  v_result := private.payment_event_result(case p_provider
                                             when 'stripe' then private.apply_stripe_event(p_type, p_account, p_object)
                                             else private.apply_razorpay_event(p_type, p_object)
                                           end);
  v_detail := nullif((v_result - 'outcome' - 'payment_id' - 'detail')
                     || case when pg_catalog.jsonb_typeof(v_result -> 'detail') = 'object' then v_result -> 'detail' else '{}'::jsonb end,
                     '{}'::jsonb);
  if p_provider = 'stripe' then
    update private.stripe_events as e set outcome = v_result ->> 'outcome', payment_id = (v_result ->> 'payment_id')::uuid, detail = v_detail
     where e.id = p_event_id;
  else
    update private.razorpay_events as e set outcome = v_result ->> 'outcome', payment_id = (v_result ->> 'payment_id')::uuid, detail = v_detail
     where e.id = p_event_id;
  end if;
  return v_result;
end
$$;
comment on function private.handle_payment_event(public.payment_provider, text, text, text, boolean, jsonb) is
  'Handles a verified Stripe or Razorpay event exactly once (its id recorded first), applies it and stores the outcome with it.';
revoke execute on function private.handle_payment_event(public.payment_provider, text, text, text, boolean, jsonb) from public, anon, authenticated, service_role;

create or replace function private.handle_stripe_event(p_event jsonb)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * Implementation of public.handle_stripe_event (security definer: writes private.stripe_events
 * and moves payments, refunds and appointments): checks the Stripe event's envelope, then
 * private.handle_payment_event.
 */
declare
  v_id text := p_event ->> 'id';
  v_type text := p_event ->> 'type';
begin
  if pg_catalog.jsonb_typeof(p_event) is distinct from 'object' then
    raise exception using errcode = '22023', message = 'event must be a Stripe event object',
      hint = 'Pass the verified event (stripe.webhooks.constructEventAsync) as JSON.';
  end if;
  if v_id is null or v_id = '' or pg_catalog.char_length(v_id) > 255 or v_type is null or v_type = '' then
    raise exception using errcode = '22023', message = 'the event has no id or type',
      hint = 'Pass the verified event (stripe.webhooks.constructEventAsync) as JSON.';
  end if;
  return private.handle_payment_event('stripe', v_id, v_type, nullif(p_event ->> 'account', ''),
    case when pg_catalog.jsonb_typeof(p_event -> 'livemode') = 'boolean' then (p_event -> 'livemode')::boolean else false end,
    p_event #> '{data,object}');
end
$$;

create or replace function private.handle_razorpay_event(p_event_id text, p_event jsonb)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * Implementation of public.handle_razorpay_event (security definer: writes
 * private.razorpay_events and moves payments, refunds and appointments): checks the event id and
 * the Razorpay event's envelope, then private.handle_payment_event.
 */
declare
  v_type text;
begin
  if p_event_id is null or p_event_id = '' or pg_catalog.char_length(p_event_id) > 255 then
    raise exception using errcode = '22023', message = 'the event id is missing or too long',
      hint = 'Pass the x-razorpay-event-id header of the delivery.';
  end if;
  if pg_catalog.jsonb_typeof(p_event) is distinct from 'object' then
    raise exception using errcode = '22023', message = 'event must be a Razorpay event object',
      hint = 'Pass the verified webhook body as JSON.';
  end if;
  v_type := p_event ->> 'event';
  if v_type is null or v_type = '' or pg_catalog.char_length(v_type) > 255 then
    raise exception using errcode = '22023', message = 'the event has no name',
      hint = 'Pass the verified webhook body (its "event" names it, e.g. payment.captured).';
  end if;
  return private.handle_payment_event('razorpay', p_event_id, v_type, nullif(pg_catalog.left(p_event ->> 'account_id', 255), ''),
                                      null, p_event -> 'payload');
end
$$;

create or replace function private.confirm_razorpay_payment(p_payment_id uuid, p_entity jsonb)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * Implementation of public.confirm_razorpay_payment (security definer, service_role only).
 */
declare
  v_payment public.payments;
  v_razorpay_id text := private.razorpay_id_or_null(p_entity, array['pay']);
  v_result jsonb;
begin
  if p_payment_id is null or v_razorpay_id is null then
    raise exception using errcode = '22023', message = 'payment_id and a Razorpay Payment (pay_...) are required',
      hint = 'Pass the payment and the Payment entity fetched from Razorpay (GET /v1/payments/:id).';
  end if;
  select p.* into v_payment from public.payments as p where p.id = p_payment_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'payment not found', hint = 'Pass the id open_payment returned.';
  end if;
  if v_payment.provider <> 'razorpay' or v_payment.flow <> 'payment_intent' or v_payment.razorpay_order_id is null then
    raise exception using errcode = '22023', message = 'this payment is not paid with Razorpay Checkout',
      hint = 'Only a Razorpay payment of the payment_intent flow, with its Order created, has a Checkout result.';
  end if;
  if private.razorpay_id_or_null(p_entity -> 'order_id', array['order']) is distinct from v_payment.razorpay_order_id then
    raise exception using errcode = '22023', message = 'the Razorpay payment is for another order',
      hint = 'The Checkout result belongs to another payment.';
  end if;
  v_payment := private.lock_payment(v_payment);
  v_result := private.payment_event_result(private.apply_razorpay_payment(v_payment, p_entity, v_payment.razorpay_order_id,
                                             case p_entity ->> 'status' when 'captured' then 'paid'
                                                                        when 'authorized' then 'authorized'
                                                                        when 'failed' then 'failed' end));
  return v_result || (select pg_catalog.jsonb_build_object('payment_status', p.status, 'appointment_status', a.status)
                      from public.payments as p
                      join public.appointments as a on a.tenant_id = p.tenant_id and a.id = p.appointment_id
                      where p.tenant_id = v_payment.tenant_id and p.id = v_payment.id);
end
$$;

create function private.sync_provider_refund(p_provider public.payment_provider, p_refund_id text, p_status text, p_refs jsonb,
                                             p_payment public.payments, p_amount_minor bigint, p_currency text, p_error text)
returns jsonb
language plpgsql
volatile
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * Brings a provider's refund in step: the refund by its provider id, else by p_refs.refund_id (a
 * refund of this provider without another provider id; p_refs.tenant_id, when present, must
 * agree), moved forward (private.move_refund_forward); else, for the known payment p_payment, a
 * new refund with reason <provider>_dashboard (money given back in the provider's Dashboard).
 * Locks the payment's appointment and the payment before the refund (docs/booking.md#lock-order).
 *
 * Parameters: p_refund_id  the provider's refund id (re_/pyr_, rfnd_); p_status  submitted,
 *             succeeded or failed (mapped from the provider's status); p_refs  Stripe metadata /
 *             Razorpay notes; p_payment  the payment the refund names, or null; p_amount_minor,
 *             p_currency  the refund's amount; p_error  last_error when it failed.
 * Returns:    {"outcome": "processed"|"unmatched", "payment_id"?, "detail"?}.
 */
declare
  v_refs jsonb := case when pg_catalog.jsonb_typeof(p_refs) = 'object' then p_refs else '{}'::jsonb end;
  v_ids jsonb := pg_catalog.jsonb_build_object(p_provider::text || '_refund_id', p_refund_id);
  v_refund public.refunds;
  v_payment public.payments;
begin
  if p_refund_id is null or p_status is null then
    return '{"outcome": "unmatched", "detail": {"refund": "no refund id or unknown status"}}'::jsonb;
  end if;
  if p_provider = 'stripe' then
    select r.* into v_refund from public.refunds as r where r.stripe_refund_id = p_refund_id;
  else
    select r.* into v_refund from public.refunds as r where r.razorpay_refund_id = p_refund_id;
  end if;
  if v_refund.id is null and private.uuid_or_null(v_refs ->> 'refund_id') is not null then
    select r.* into v_refund from public.refunds as r
    where r.id = private.uuid_or_null(v_refs ->> 'refund_id')
      and r.provider = p_provider
      and coalesce(r.stripe_refund_id, r.razorpay_refund_id, p_refund_id) = p_refund_id
      and (not v_refs ? 'tenant_id' or r.tenant_id = private.uuid_or_null(v_refs ->> 'tenant_id'));
  end if;

  if v_refund.id is not null then
    select p.* into v_payment from public.payments as p where p.tenant_id = v_refund.tenant_id and p.id = v_refund.payment_id;
    perform private.lock_payment(v_payment);
    select r.* into v_refund from public.refunds as r where r.tenant_id = v_refund.tenant_id and r.id = v_refund.id for update;
    return private.move_refund_forward(v_refund, p_status, v_ids, p_error);
  end if;

  if p_payment.id is null then
    return '{"outcome": "unmatched"}'::jsonb;
  end if;
  v_payment := private.lock_payment(p_payment);
  if p_amount_minor is null or p_amount_minor <= 0
     or pg_catalog.lower(p_currency) is distinct from pg_catalog.lower(v_payment.currency) then
    return pg_catalog.jsonb_build_object('outcome', 'processed', 'payment_id', v_payment.id,
                                         'detail', '{"no_change": "refund amount or currency not usable"}'::jsonb);
  end if;
  insert into public.refunds (tenant_id, payment_id, appointment_id, patient_id, provider, amount, currency, amount_minor,
                              reason, status, stripe_refund_id, razorpay_refund_id, last_error)
  values (v_payment.tenant_id, v_payment.id, v_payment.appointment_id, v_payment.patient_id, p_provider,
          private.from_minor_units(p_amount_minor, v_payment.currency), v_payment.currency, p_amount_minor,
          p_provider::text || '_dashboard', p_status, v_ids ->> 'stripe_refund_id', v_ids ->> 'razorpay_refund_id',
          case when p_status = 'failed' then pg_catalog.left(p_error, 1000) end)
  returning * into v_refund;
  perform private.sync_amount_refunded(v_refund.tenant_id, v_refund.payment_id);
  return pg_catalog.jsonb_build_object('outcome', 'processed', 'payment_id', v_refund.payment_id,
                                       'detail', pg_catalog.jsonb_build_object('refund_id', v_refund.id, 'refund', p_status,
                                                                               'new', v_refund.reason));
end
$$;
comment on function private.sync_provider_refund(public.payment_provider, text, text, jsonb, public.payments, bigint, text, text) is
  'Brings a Stripe or Razorpay refund in step (forward only), or records a refund made in the provider''s Dashboard for a known payment.';
revoke execute on function private.sync_provider_refund(public.payment_provider, text, text, jsonb, public.payments, bigint, text, text)
  from public, anon, authenticated, service_role;

create or replace function private.sync_stripe_refund(p_account text, p_payment public.payments, p_refund jsonb)
returns jsonb
language sql
volatile
set search_path = ''
set timezone to 'UTC'
as $$
  /**
   * Applies a Stripe Refund object (private.sync_provider_refund): Stripe's succeeded ->
   * succeeded, pending / requires_action -> submitted, failed / canceled -> failed
   * (failure_reason as last_error); our refund id and tenant in its metadata; its payment
   * p_payment, else the one of its payment_intent.
   *
   * Returns: {"outcome": "processed"|"unmatched", "payment_id"?, "detail"?}.
   */
  select private.sync_provider_refund(
    'stripe',
    private.stripe_id_or_null(p_refund, array['re', 'pyr']),
    case p_refund ->> 'status'
      when 'succeeded' then 'succeeded'
      when 'pending' then 'submitted'
      when 'requires_action' then 'submitted'
      when 'failed' then 'failed'
      when 'canceled' then 'failed'
    end,
    p_refund -> 'metadata',
    case when (p_payment).id is not null then p_payment
         else private.match_stripe_payment(p_account, private.stripe_id_or_null(p_refund -> 'payment_intent', array['pi']), null, '{}'::jsonb)
    end,
    private.bigint_or_null(p_refund -> 'amount'),
    p_refund ->> 'currency',
    coalesce(pg_catalog.left(p_refund ->> 'failure_reason', 1000), 'failed at Stripe'))
$$;

create or replace function private.sync_razorpay_refund(p_refund jsonb)
returns jsonb
language sql
volatile
set search_path = ''
set timezone to 'UTC'
as $$
  /**
   * Applies a Razorpay Refund entity (private.sync_provider_refund): pending -> submitted,
   * processed -> succeeded, failed -> failed; our refund id and tenant in its notes; its payment
   * the Razorpay payment of its payment_id.
   *
   * Returns: {"outcome": "processed"|"unmatched", "payment_id"?, "detail"?}.
   */
  select private.sync_provider_refund(
    'razorpay',
    private.razorpay_id_or_null(p_refund, array['rfnd']),
    case p_refund ->> 'status'
      when 'processed' then 'succeeded'
      when 'pending' then 'submitted'
      when 'failed' then 'failed'
    end,
    private.razorpay_notes(p_refund),
    (select p from public.payments as p
     where p.razorpay_payment_id = private.razorpay_id_or_null(p_refund -> 'payment_id', array['pay']) and p.provider = 'razorpay'),
    private.bigint_or_null(p_refund -> 'amount'),
    p_refund ->> 'currency',
    'failed at Razorpay')
$$;

create or replace function private.end_payment(p_payment public.payments, p_status public.payment_status, p_message text, p_reason text)
returns jsonb
language plpgsql
volatile
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * An attempt to pay an open payment ended as its provider reports it (the caller has locked the
 * payment); the reason is kept in failure_message for the app and the front desk.
 * p_status failed / expired / cancelled: the provider ended the payment's object -> p_status,
 * and the appointment's hold (if still pending) released with reason p_reason (payment_failed,
 * payment_expired, payment_cancelled). p_status null: the provider lets the patient try again on
 * the same object (private.note_payment_failure) -> the payment stays open and the hold stays.
 * A payment that is no longer open is left alone (a failure reported after success changes
 * nothing).
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
     set status = coalesce(p_status, p.status),
         failure_message = pg_catalog.left(p_message, 1000)
   where p.tenant_id = p_payment.tenant_id and p.id = p_payment.id;
  if p_status is null then
    return v_result || pg_catalog.jsonb_build_object('detail', pg_catalog.jsonb_build_object(
      'payment', p_payment.status, 'attempt_failed', true));
  end if;
  return v_result || pg_catalog.jsonb_build_object('detail', pg_catalog.jsonb_build_object(
    'payment', p_status, 'hold_released', private.release_payment_hold(p_payment.tenant_id, p_payment.appointment_id, p_reason)));
end
$$;

create or replace function private.note_payment_failure(p_payment public.payments, p_message text)
returns jsonb
language sql
volatile
set search_path = ''
set timezone to 'UTC'
as $$
  /**
   * One attempt to pay an open payment failed, and the provider lets the patient try again on
   * the same object (Razorpay Checkout retries on the same order; a Payment Link stays payable):
   * private.end_payment without an end - the reason noted, the payment and its hold kept.
   *
   * Returns: {"outcome": "processed", "payment_id", "detail"}.
   */
  select private.end_payment(p_payment, null, coalesce(p_message, 'The payment attempt failed.'), null)
$$;

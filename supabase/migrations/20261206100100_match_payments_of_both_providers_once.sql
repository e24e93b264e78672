-- Which payment a provider's object belongs to is decided once for Stripe and Razorpay
-- (private.match_payment); private.match_stripe_payment and private.match_razorpay_payment only
-- name their provider's ids. The event dispatchers private.apply_stripe_event and
-- private.apply_razorpay_event match once and lock once (private.lock_payment) before they hand
-- the event's effect to the shared state changes. Behaviour unchanged.

create function private.match_payment(p_provider public.payment_provider, p_ids jsonb, p_refs jsonb, p_account text)
returns public.payments
language plpgsql
stable
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * Finds the payment of the provider an object belongs to (without locking it; see
 * private.lock_payment): by the provider ids in p_ids - a PaymentIntent before a Checkout
 * Session, a Payment Link before an Order - else by p_refs.payment_id (Stripe metadata, Razorpay
 * notes). Refuses (null) when the payment is of another provider, when p_refs.tenant_id or
 * p_refs.payment_id is present and disagrees, when p_account (the connected account an event
 * came from) is not the payment's, when the payment already has a different id than one in
 * p_ids, or when a Payment Link is reported for a payment that has none (a link is recorded
 * before it can be paid).
 *
 * Parameters: p_ids  any of stripe_payment_intent_id, stripe_checkout_session_id,
 *                    razorpay_payment_link_id, razorpay_order_id (nulls ignored).
 * Returns:    the payment row, or null.
 */
declare
  v_ids jsonb := pg_catalog.jsonb_strip_nulls(case when pg_catalog.jsonb_typeof(p_ids) = 'object' then p_ids else '{}'::jsonb end);
  v_refs jsonb := case when pg_catalog.jsonb_typeof(p_refs) = 'object' then p_refs else '{}'::jsonb end;
  v_ref_payment uuid := private.uuid_or_null(v_refs ->> 'payment_id');
  v_ref_tenant uuid := private.uuid_or_null(v_refs ->> 'tenant_id');
  v_payment public.payments;
begin
  if v_ids <> '{}'::jsonb then
    select p.* into v_payment
    from public.payments as p
    where p.stripe_payment_intent_id = v_ids ->> 'stripe_payment_intent_id'
       or p.stripe_checkout_session_id = v_ids ->> 'stripe_checkout_session_id'
       or p.razorpay_payment_link_id = v_ids ->> 'razorpay_payment_link_id'
       or p.razorpay_order_id = v_ids ->> 'razorpay_order_id'
    order by case when p.stripe_payment_intent_id = v_ids ->> 'stripe_payment_intent_id' then 0
                  when p.razorpay_payment_link_id = v_ids ->> 'razorpay_payment_link_id' then 0
                  else 1 end
    limit 1;
  end if;
  if v_payment.id is null and v_ref_payment is not null then
    select p.* into v_payment from public.payments as p where p.id = v_ref_payment;
  end if;
  if v_payment.id is null
     or v_payment.provider <> p_provider
     or (v_refs ? 'tenant_id' and v_ref_tenant is distinct from v_payment.tenant_id)
     or (v_refs ? 'payment_id' and v_ref_payment is distinct from v_payment.id)
     or (p_account is not null and p_account is distinct from coalesce(v_payment.stripe_account_id, v_payment.razorpay_account_id))
     or exists (select 1 from pg_catalog.jsonb_each_text(v_ids) as o where pg_catalog.to_jsonb(v_payment) ->> o.key <> o.value)
     or (v_ids ? 'razorpay_payment_link_id' and v_payment.razorpay_payment_link_id is null) then
    return null;
  end if;
  return v_payment;
end
$$;
comment on function private.match_payment(public.payment_provider, jsonb, jsonb, text) is
  'The payment a Stripe or Razorpay object belongs to (by provider ids, else metadata / notes payment_id), or null when anything disagrees; does not lock.';
revoke execute on function private.match_payment(public.payment_provider, jsonb, jsonb, text) from public, anon, authenticated, service_role;

create or replace function private.match_stripe_payment(p_account text, p_payment_intent_id text, p_checkout_session_id text, p_metadata jsonb)
returns public.payments
language sql
stable
set search_path = ''
set timezone to 'UTC'
as $$
  /**
   * The Stripe payment of a PaymentIntent / Checkout Session (private.match_payment), from the
   * connected account p_account when an event names one.
   * Returns: the payment row, or null.
   */
  select private.match_payment('stripe', pg_catalog.jsonb_build_object('stripe_payment_intent_id', p_payment_intent_id,
                                                                       'stripe_checkout_session_id', p_checkout_session_id),
                               p_metadata, p_account)
$$;

create or replace function private.match_razorpay_payment(p_order_id text, p_payment_link_id text, p_notes jsonb)
returns public.payments
language sql
stable
set search_path = ''
set timezone to 'UTC'
as $$
  /**
   * The Razorpay payment of an Order / Payment Link (private.match_payment).
   * Returns: the payment row, or null.
   */
  select private.match_payment('razorpay', pg_catalog.jsonb_build_object('razorpay_order_id', p_order_id,
                                                                         'razorpay_payment_link_id', p_payment_link_id),
                               p_notes, null)
$$;

create or replace function private.apply_stripe_event(p_type text, p_account text, p_object jsonb)
returns jsonb
language plpgsql
volatile
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * Dispatches one Stripe event by type (docs/payments.md): finds its payment
 * (private.match_stripe_payment), locks it (private.lock_payment) and applies the shared state
 * change; refund events go to private.sync_stripe_refund. Returns its result
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
  if p_type in ('payment_intent.succeeded', 'payment_intent.processing', 'payment_intent.payment_failed', 'payment_intent.canceled',
                'charge.succeeded', 'charge.updated', 'charge.refunded') then
    v_pi := private.stripe_id_or_null(case when p_type like 'charge.%' then v_object -> 'payment_intent' else v_object end, array['pi']);
    v_payment := private.match_stripe_payment(p_account, v_pi, null, v_metadata);
  elsif p_type in ('checkout.session.completed', 'checkout.session.async_payment_succeeded',
                   'checkout.session.async_payment_failed', 'checkout.session.expired') then
    v_cs := private.stripe_id_or_null(v_object, array['cs']);
    v_pi := private.stripe_id_or_null(v_object -> 'payment_intent', array['pi']);
    if not v_metadata ? 'payment_id' and private.uuid_or_null(v_object ->> 'client_reference_id') is not null then
      v_metadata := v_metadata || pg_catalog.jsonb_build_object('payment_id', v_object ->> 'client_reference_id');
    end if;
    v_payment := private.match_stripe_payment(p_account, null, v_cs, v_metadata);
    if v_pi is not null and v_payment.stripe_payment_intent_id <> v_pi then
      v_payment := null;
    end if;
  elsif p_type in ('refund.created', 'refund.updated', 'refund.failed', 'charge.refund.updated') then
    return private.sync_stripe_refund(p_account, null, v_object);
  else
    return '{"outcome": "ignored"}'::jsonb;
  end if;
  if v_payment.id is null then
    return '{"outcome": "unmatched"}'::jsonb;
  end if;
  v_payment := private.lock_payment(v_payment);

  if p_type = 'payment_intent.succeeded' then
    return private.succeed_stripe_payment(v_payment, coalesce(private.bigint_or_null(v_object -> 'amount_received'),
                                                              private.bigint_or_null(v_object -> 'amount')),
                                          v_object ->> 'currency', v_pi, null);
  elsif p_type = 'checkout.session.async_payment_succeeded'
        or (p_type = 'checkout.session.completed' and v_object ->> 'payment_status' = 'paid') then
    return private.succeed_stripe_payment(v_payment, private.bigint_or_null(v_object -> 'amount_total'),
                                          v_object ->> 'currency', v_pi, v_cs);
  elsif p_type = 'payment_intent.processing' or (p_type = 'checkout.session.completed' and v_object ->> 'payment_status' = 'unpaid') then
    return private.mark_payment_processing(v_payment, pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'stripe_payment_intent_id', v_pi, 'stripe_checkout_session_id', v_cs)));
  elsif p_type = 'checkout.session.completed' then
    return pg_catalog.jsonb_build_object('outcome', 'processed', 'payment_id', v_payment.id,
      'detail', pg_catalog.jsonb_build_object('no_change', 'payment_status ' || coalesce(v_object ->> 'payment_status', 'missing')));
  elsif p_type = 'payment_intent.payment_failed' and v_payment.flow = 'checkout' then
    return pg_catalog.jsonb_build_object('outcome', 'processed', 'payment_id', v_payment.id,
      'detail', '{"no_change": "a checkout payment ends with the Checkout Session''s events"}'::jsonb);
  elsif p_type = 'payment_intent.payment_failed' then
    return private.end_stripe_payment(v_payment, 'failed',
                                      coalesce(v_object #>> '{last_payment_error,message}', 'The payment failed.'), 'payment_failed');
  elsif p_type = 'checkout.session.async_payment_failed' then
    return private.end_stripe_payment(v_payment, 'failed', 'The payment did not go through.', 'payment_failed');
  elsif p_type = 'payment_intent.canceled' then
    return private.end_stripe_payment(v_payment, 'expired',
                                      'The payment was canceled at Stripe' || coalesce(' (' || (v_object ->> 'cancellation_reason') || ')', '') || '.',
                                      'payment_expired');
  elsif p_type = 'checkout.session.expired' then
    return private.end_stripe_payment(v_payment, 'expired', 'The Checkout Session expired.', 'payment_expired');
  elsif p_type = 'charge.refunded' then
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

  -- charge.succeeded, charge.updated: the receipt
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
end
$$;

create or replace function private.apply_razorpay_event(p_type text, p_payload jsonb)
returns jsonb
language plpgsql
volatile
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * Dispatches one Razorpay event by name (docs/payments.md): finds its payment
 * (private.match_razorpay_payment), locks it (private.lock_payment) and applies the shared state
 * change; refund events go to private.sync_razorpay_refund. Returns its result
 * {"outcome": "processed"|"ignored"|"unmatched", "payment_id"?, "refund_ids"?, "detail"?}.
 */
declare
  v_payload jsonb := case when pg_catalog.jsonb_typeof(p_payload) = 'object' then p_payload else '{}'::jsonb end;
  v_entity jsonb := case when pg_catalog.jsonb_typeof(p_payload #> '{payment,entity}') = 'object' then p_payload #> '{payment,entity}' else '{}'::jsonb end;
  v_order jsonb := case when pg_catalog.jsonb_typeof(p_payload #> '{order,entity}') = 'object' then p_payload #> '{order,entity}' else '{}'::jsonb end;
  v_link jsonb := case when pg_catalog.jsonb_typeof(p_payload #> '{payment_link,entity}') = 'object' then p_payload #> '{payment_link,entity}' else '{}'::jsonb end;
  v_order_id text;
  v_link_id text;
  v_payment public.payments;
begin
  if p_type in ('refund.created', 'refund.processed', 'refund.failed') then
    return private.sync_razorpay_refund(v_payload #> '{refund,entity}');
  end if;
  if coalesce(p_type, '') not in ('payment.captured', 'payment.authorized', 'payment.failed', 'order.paid',
                                  'payment_link.paid', 'payment_link.expired', 'payment_link.cancelled') then
    return '{"outcome": "ignored"}'::jsonb;
  end if;
  if p_type like 'payment_link.%' then
    v_link_id := private.razorpay_id_or_null(v_link, array['plink']);
    v_order_id := coalesce(private.razorpay_id_or_null(v_link -> 'order_id', array['order']),
                           private.razorpay_id_or_null(v_entity -> 'order_id', array['order']));
    if v_link_id is not null then
      v_payment := private.match_razorpay_payment(null, v_link_id, private.razorpay_notes(v_link));
    end if;
  else
    v_order_id := coalesce(private.razorpay_id_or_null(v_order, array['order']),
                           private.razorpay_id_or_null(v_entity -> 'order_id', array['order']));
    v_payment := private.match_razorpay_payment(v_order_id, null,
                                                private.razorpay_notes(v_order) || private.razorpay_notes(v_entity));
  end if;
  if v_payment.id is null then
    return '{"outcome": "unmatched"}'::jsonb;
  end if;
  v_payment := private.lock_payment(v_payment);

  if p_type = 'payment_link.expired' then
    return private.end_payment(v_payment, 'expired', 'The Payment Link expired.', 'payment_expired');
  elsif p_type = 'payment_link.cancelled' then
    return private.end_payment(v_payment, 'cancelled', 'The Payment Link was cancelled.', 'payment_cancelled');
  end if;
  return private.apply_razorpay_payment(v_payment, v_entity, v_order_id,
                                        case p_type when 'payment.authorized' then 'authorized'
                                                    when 'payment.failed' then 'failed'
                                                    else 'paid' end);
end
$$;

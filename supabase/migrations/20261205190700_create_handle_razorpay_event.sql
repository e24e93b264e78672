-- What Razorpay tells us about payments and refunds, applied with the rules both providers share
-- (20261205190400):
--
--   public.handle_razorpay_event(event_id, event)   service_role: the razorpay-webhook Edge
--       Function, after it verified X-Razorpay-Signature on the raw body. Exactly once by event id
--       (the x-razorpay-event-id header; private.razorpay_events).
--   public.confirm_razorpay_payment(payment_id, payment)   service_role: the
--       verify-razorpay-payment Edge Function, after it verified the Checkout signature
--       (order_id|payment_id, HMAC-SHA256 with the key secret) and fetched the Payment from
--       Razorpay. The booking is confirmed at once instead of when the webhook arrives; both are
--       safe in any order (a second success changes nothing).
--
-- Matching: a payment by its Payment Link id, else its Order id, else notes.payment_id (the notes
-- create-payment gives the Order, the Checkout form and the Payment Link); notes.tenant_id and
-- notes.payment_id, when present, must agree, an id the payment already has must be the one
-- reported, and only Razorpay payments match. Otherwise: "unmatched".
--
-- Events (out of order is fine: every step only moves forward):
--   payment.captured, order.paid, payment_link.paid
--       amount and currency of the Payment must equal the payment's (else amount_mismatch, no
--       change); succeeded with the Order and Payment ids; the held appointment booked, or money
--       for a released slot refunded (slot_released, refund_ids returned).
--   payment.authorized    requires_payment -> processing (captured later; Razorpay captures
--                         automatically when the account is set to).
--   payment.failed        the attempt failed: failure_message; the payment and its hold stay open,
--                         because Checkout and Payment Links let the patient retry on the same
--                         order. The hold expiry ends it (expired), as for every payment.
--   payment_link.expired  open payment -> expired, hold released (payment_expired).
--   payment_link.cancelled  open payment -> cancelled, hold released (payment_cancelled).
--   refund.created, refund.processed, refund.failed
--       the refund by its rfnd_ id, else notes.refund_id; an unknown refund of a known payment (by
--       its pay_ id) becomes a row with reason razorpay_dashboard; pending -> submitted,
--       processed -> succeeded, failed -> failed; forward only; amount_refunded recomputed.
--   anything else: "ignored" (still recorded).

create function private.razorpay_id_or_null(p_value jsonb, p_prefixes text[])
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * The Razorpay id in p_value - a string, or an object's "id" - when it is one of p_prefixes,
   * "_", then 1-64 letters or digits; else null (never raises).
   * Example: select private.razorpay_id_or_null('"pay_29QQoUBi66xm2f"', array['pay']);  -- pay_29QQoUBi66xm2f
   */
  select case when v ~ ('^(' || pg_catalog.array_to_string(p_prefixes, '|') || ')_[A-Za-z0-9]{1,64}$') then v end
  from (select case pg_catalog.jsonb_typeof(p_value)
                 when 'string' then p_value #>> '{}'
                 when 'object' then p_value ->> 'id'
               end as v) as x
$$;
comment on function private.razorpay_id_or_null(jsonb, text[]) is
  'A Razorpay id (string or an object''s id) with one of the given prefixes, else null (never raises).';
revoke execute on function private.razorpay_id_or_null(jsonb, text[]) from public, anon, authenticated, service_role;

create function private.razorpay_notes(p_entity jsonb)
returns jsonb
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * The notes of a Razorpay entity as an object: Razorpay sends [] (or null) when there are none.
   * Example: select private.razorpay_notes('{"notes": []}');  -- {}
   */
  select case when pg_catalog.jsonb_typeof(p_entity -> 'notes') = 'object' then p_entity -> 'notes' else '{}'::jsonb end
$$;
comment on function private.razorpay_notes(jsonb) is 'The notes object of a Razorpay entity ({} for [] or null).';
revoke execute on function private.razorpay_notes(jsonb) from public, anon, authenticated, service_role;

create function private.match_razorpay_payment(p_order_id text, p_payment_link_id text, p_notes jsonb)
returns public.payments
language plpgsql
stable
set search_path = ''
as $$
/**
 * Finds the Razorpay payment a Razorpay object belongs to (without locking it; see
 * private.lock_payment): by Payment Link id, else Order id, else notes.payment_id. Refuses
 * (null) when notes.tenant_id or notes.payment_id is present and disagrees, when the payment
 * already has a different Order or Payment Link id than the one reported, or when it is not a
 * Razorpay payment.
 *
 * Returns: the payment row, or null.
 */
declare
  v_payment public.payments;
  v_notes jsonb := case when pg_catalog.jsonb_typeof(p_notes) = 'object' then p_notes else '{}'::jsonb end;
  v_note_payment uuid := private.uuid_or_null(v_notes ->> 'payment_id');
  v_note_tenant uuid := private.uuid_or_null(v_notes ->> 'tenant_id');
begin
  if p_payment_link_id is not null then
    select p.* into v_payment from public.payments as p where p.razorpay_payment_link_id = p_payment_link_id;
  end if;
  if v_payment.id is null and p_order_id is not null then
    select p.* into v_payment from public.payments as p where p.razorpay_order_id = p_order_id;
  end if;
  if v_payment.id is null and v_note_payment is not null then
    select p.* into v_payment from public.payments as p where p.id = v_note_payment;
  end if;
  if v_payment.id is null then
    return null;
  end if;
  if v_payment.provider <> 'razorpay'
     or (v_notes ? 'tenant_id' and v_note_tenant is distinct from v_payment.tenant_id)
     or (v_notes ? 'payment_id' and v_note_payment is distinct from v_payment.id)
     or (p_order_id is not null and v_payment.razorpay_order_id <> p_order_id)
     or (p_payment_link_id is not null and v_payment.razorpay_payment_link_id is distinct from p_payment_link_id) then
    return null;
  end if;
  return v_payment;
end
$$;
comment on function private.match_razorpay_payment(text, text, jsonb) is
  'Finds the Razorpay payment of a Razorpay object (by Payment Link id, Order id, else notes.payment_id); null when nothing matches, tenant/payment/ids disagree, or the payment is another provider''s.';
revoke execute on function private.match_razorpay_payment(text, text, jsonb) from public, anon, authenticated, service_role;

create function private.apply_razorpay_payment(p_payment public.payments, p_entity jsonb, p_order_id text, p_outcome text)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
/**
 * Applies what happened to a Razorpay Payment entity to the payment (locked by the caller):
 * p_outcome paid -> private.succeed_payment with the Payment's amount and currency (and the
 * Order and Payment ids); authorized -> private.mark_payment_processing; failed ->
 * private.note_payment_failure with Razorpay's error_description.
 *
 * Parameters: p_order_id  the Order the Payment paid (its order_id, or the Payment Link's order).
 * Returns:    {"outcome": "processed", "payment_id", "refund_ids"?, "detail"}.
 */
begin
  if p_outcome = 'paid' then
    return private.succeed_payment(p_payment, private.bigint_or_null(p_entity -> 'amount'), p_entity ->> 'currency',
                                   pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
                                     'razorpay_order_id', p_order_id,
                                     'razorpay_payment_id', private.razorpay_id_or_null(p_entity, array['pay']))));
  elsif p_outcome = 'authorized' then
    return private.mark_payment_processing(p_payment, '{}'::jsonb);
  elsif p_outcome = 'failed' then
    return private.note_payment_failure(p_payment,
      coalesce(nullif(pg_catalog.left(p_entity ->> 'error_description', 900), ''), 'The payment attempt failed')
      || coalesce(' (' || nullif(pg_catalog.left(p_entity ->> 'error_reason', 80), '') || ')', '') || '.');
  end if;
  return pg_catalog.jsonb_build_object('outcome', 'processed', 'payment_id', p_payment.id,
    'detail', pg_catalog.jsonb_build_object('no_change', 'Razorpay payment status ' || coalesce(p_entity ->> 'status', 'missing')));
end
$$;
comment on function private.apply_razorpay_payment(public.payments, jsonb, text, text) is
  'Applies a Razorpay Payment entity (paid, authorized or failed) to a locked payment through the shared state changes.';
revoke execute on function private.apply_razorpay_payment(public.payments, jsonb, text, text) from public, anon, authenticated, service_role;

create function private.sync_razorpay_refund(p_refund jsonb)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
/**
 * Applies a Razorpay Refund entity: the refund by razorpay_refund_id, else notes.refund_id (tenant
 * must agree, a Razorpay refund without another rfnd_ id), else - for a known Razorpay payment (by
 * the refund's payment_id) - a new row with reason razorpay_dashboard. pending -> submitted,
 * processed -> succeeded, failed -> failed, forward only (private.move_refund_forward). Locks the
 * payment's appointment and the payment before the refund (docs/booking.md#lock-order).
 *
 * Returns: {"outcome": "processed"|"unmatched", "payment_id"?, "detail"?}.
 */
declare
  v_razorpay_id text := private.razorpay_id_or_null(p_refund, array['rfnd']);
  v_notes jsonb := private.razorpay_notes(p_refund);
  v_status text := case p_refund ->> 'status'
                     when 'processed' then 'succeeded'
                     when 'pending' then 'submitted'
                     when 'failed' then 'failed'
                   end;
  v_refund public.refunds;
  v_payment public.payments;
  v_amount_minor bigint := private.bigint_or_null(p_refund -> 'amount');
begin
  if v_razorpay_id is null or v_status is null then
    return '{"outcome": "unmatched", "detail": {"refund": "no refund id or unknown status"}}'::jsonb;
  end if;
  select r.* into v_refund from public.refunds as r where r.razorpay_refund_id = v_razorpay_id;
  if v_refund.id is null and private.uuid_or_null(v_notes ->> 'refund_id') is not null then
    select r.* into v_refund from public.refunds as r
    where r.id = private.uuid_or_null(v_notes ->> 'refund_id')
      and r.provider = 'razorpay'
      and (r.razorpay_refund_id is null or r.razorpay_refund_id = v_razorpay_id)
      and (not v_notes ? 'tenant_id' or r.tenant_id = private.uuid_or_null(v_notes ->> 'tenant_id'));
  end if;

  if v_refund.id is not null then
    select p.* into v_payment from public.payments as p where p.tenant_id = v_refund.tenant_id and p.id = v_refund.payment_id;
    perform private.lock_payment(v_payment);
    select r.* into v_refund from public.refunds as r where r.tenant_id = v_refund.tenant_id and r.id = v_refund.id for update;
    return private.move_refund_forward(v_refund, v_status, pg_catalog.jsonb_build_object('razorpay_refund_id', v_razorpay_id),
                                       'failed at Razorpay');
  end if;

  select p.* into v_payment from public.payments as p
  where p.razorpay_payment_id = private.razorpay_id_or_null(p_refund -> 'payment_id', array['pay']) and p.provider = 'razorpay';
  if v_payment.id is null then
    return '{"outcome": "unmatched"}'::jsonb;
  end if;
  v_payment := private.lock_payment(v_payment);
  if v_amount_minor is null or v_amount_minor <= 0
     or pg_catalog.lower(p_refund ->> 'currency') is distinct from pg_catalog.lower(v_payment.currency) then
    return pg_catalog.jsonb_build_object('outcome', 'processed', 'payment_id', v_payment.id,
                                         'detail', '{"no_change": "refund amount or currency not usable"}'::jsonb);
  end if;
  insert into public.refunds (tenant_id, payment_id, appointment_id, patient_id, provider, amount, currency, amount_minor,
                              reason, status, razorpay_refund_id, last_error)
  values (v_payment.tenant_id, v_payment.id, v_payment.appointment_id, v_payment.patient_id, 'razorpay',
          private.from_minor_units(v_amount_minor, v_payment.currency), v_payment.currency, v_amount_minor,
          'razorpay_dashboard', v_status, v_razorpay_id, case when v_status = 'failed' then 'failed at Razorpay' end)
  returning * into v_refund;
  perform private.sync_amount_refunded(v_refund.tenant_id, v_refund.payment_id);
  return pg_catalog.jsonb_build_object('outcome', 'processed', 'payment_id', v_refund.payment_id,
                                       'detail', pg_catalog.jsonb_build_object('refund_id', v_refund.id, 'refund', v_status,
                                                                               'new', 'razorpay_dashboard'));
end
$$;
comment on function private.sync_razorpay_refund(jsonb) is
  'handle_razorpay_event: applies a Razorpay Refund entity to public.refunds (by rfnd_ id or notes.refund_id; unknown refunds of known payments become razorpay_dashboard rows); forward-only statuses; recomputes amount_refunded.';
revoke execute on function private.sync_razorpay_refund(jsonb) from public, anon, authenticated, service_role;

create function private.apply_razorpay_event(p_type text, p_payload jsonb)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
/**
 * Dispatches one Razorpay event by name (see the migration header) and returns its result
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
  if p_type in ('payment.captured', 'payment.authorized', 'payment.failed', 'order.paid') then
    v_order_id := coalesce(private.razorpay_id_or_null(v_order, array['order']),
                           private.razorpay_id_or_null(v_entity -> 'order_id', array['order']));
    v_payment := private.match_razorpay_payment(v_order_id, null,
                                                private.razorpay_notes(v_order) || private.razorpay_notes(v_entity));
    if v_payment.id is null then
      return '{"outcome": "unmatched"}'::jsonb;
    end if;
    v_payment := private.lock_payment(v_payment);
    return private.apply_razorpay_payment(v_payment, v_entity, v_order_id,
                                          case p_type when 'payment.authorized' then 'authorized'
                                                      when 'payment.failed' then 'failed'
                                                      else 'paid' end);
  end if;

  if p_type in ('payment_link.paid', 'payment_link.expired', 'payment_link.cancelled') then
    v_link_id := private.razorpay_id_or_null(v_link, array['plink']);
    v_order_id := coalesce(private.razorpay_id_or_null(v_link -> 'order_id', array['order']),
                           private.razorpay_id_or_null(v_entity -> 'order_id', array['order']));
    if v_link_id is null then
      return '{"outcome": "unmatched"}'::jsonb;
    end if;
    v_payment := private.match_razorpay_payment(null, v_link_id, private.razorpay_notes(v_link));
    if v_payment.id is null then
      return '{"outcome": "unmatched"}'::jsonb;
    end if;
    v_payment := private.lock_payment(v_payment);
    if p_type = 'payment_link.paid' then
      return private.apply_razorpay_payment(v_payment, v_entity, v_order_id, 'paid');
    elsif p_type = 'payment_link.expired' then
      return private.end_payment(v_payment, 'expired', 'The Payment Link expired.', 'payment_expired');
    else
      return private.end_payment(v_payment, 'cancelled', 'The Payment Link was cancelled.', 'payment_cancelled');
    end if;
  end if;

  if p_type in ('refund.created', 'refund.processed', 'refund.failed') then
    return private.sync_razorpay_refund(v_payload #> '{refund,entity}');
  end if;

  return '{"outcome": "ignored"}'::jsonb;
end
$$;
comment on function private.apply_razorpay_event(text, jsonb) is
  'handle_razorpay_event: dispatches one Razorpay event by name to the shared payment and refund state changes; returns the outcome.';
revoke execute on function private.apply_razorpay_event(text, jsonb) from public, anon, authenticated, service_role;

create function private.handle_razorpay_event(p_event_id text, p_event jsonb)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Implementation of public.handle_razorpay_event (security definer: writes
 * private.razorpay_events and moves payments, refunds and appointments). Records the event id
 * first (exactly once), then applies the event and stores the outcome with it.
 */
declare
  v_type text;
  v_inserted text;
  v_result jsonb;
  v_previous private.razorpay_events;
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

  insert into private.razorpay_events (id, type, account_id)
  values (p_event_id, v_type, nullif(pg_catalog.left(p_event ->> 'account_id', 255), ''))
  on conflict (id) do nothing
  returning id into v_inserted;
  if v_inserted is null then
    select e.* into v_previous from private.razorpay_events as e where e.id = p_event_id;
    return pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('outcome', 'duplicate', 'payment_id', v_previous.payment_id));
  end if;

  v_result := private.apply_razorpay_event(v_type, p_event -> 'payload');
  if v_result ? 'refund_ids' and pg_catalog.jsonb_array_length(v_result -> 'refund_ids') = 0 then
    v_result := v_result - 'refund_ids';
  end if;

  update private.razorpay_events as e
     set outcome = v_result ->> 'outcome',
         payment_id = (v_result ->> 'payment_id')::uuid,
         detail = nullif((v_result - 'outcome' - 'payment_id' - 'detail')
                         || case when pg_catalog.jsonb_typeof(v_result -> 'detail') = 'object' then v_result -> 'detail' else '{}'::jsonb end,
                         '{}'::jsonb)
   where e.id = p_event_id;
  return v_result;
end
$$;
comment on function private.handle_razorpay_event(text, jsonb) is
  'Implementation of public.handle_razorpay_event (security definer, service_role only): exactly-once via private.razorpay_events, then the state change.';
revoke execute on function private.handle_razorpay_event(text, jsonb) from public, anon, authenticated, service_role;
grant execute on function private.handle_razorpay_event(text, jsonb) to service_role;

create function public.handle_razorpay_event(event_id text, event jsonb)
returns jsonb
language sql
volatile
security invoker
set search_path = ''
as $$
  /**
   * Applies a VERIFIED Razorpay webhook event, exactly once (service_role: the razorpay-webhook
   * Edge Function, after checking X-Razorpay-Signature on the raw body).
   *
   * Parameters: event_id  the delivery's x-razorpay-event-id header (unique per event);
   *             event     the body as JSON (entity "event", event, account_id, payload, created_at).
   * Returns:    {"outcome": "processed" | "duplicate" | "ignored" | "unmatched",
   *              "payment_id"?: uuid, "refund_ids"?: [uuid, ...], "detail"?: {...}}.
   *             duplicate: this event id was handled before (nothing changed now);
   *             refund_ids: refunds created now (a payment arrived for a slot no longer held):
   *             send them right away (claim_refunds(refund_ids => ...)).
   *             Answer Razorpay 2xx for every outcome.
   * Errors:     22023 when the id or the event name is missing (answer 400).
   * Example:    select public.handle_razorpay_event('Fk8lAbCdEf1234', '{"event": "payment.captured", "payload": {...}}');
   */
  select private.handle_razorpay_event(event_id, event)
$$;
comment on function public.handle_razorpay_event(text, jsonb) is
  'Applies a verified Razorpay webhook event exactly once by its event id (service_role only): payments succeed/authorise/fail/expire, holds are booked or released, refunds are recorded. Returns {"outcome", "payment_id"?, "refund_ids"?, "detail"?}. See docs/payments.md.';
revoke execute on function public.handle_razorpay_event(text, jsonb) from public, anon, authenticated, service_role;
grant execute on function public.handle_razorpay_event(text, jsonb) to service_role;

create function private.confirm_razorpay_payment(p_payment_id uuid, p_entity jsonb)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
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
  v_result := private.apply_razorpay_payment(v_payment, p_entity, v_payment.razorpay_order_id,
                                             case p_entity ->> 'status' when 'captured' then 'paid'
                                                                        when 'authorized' then 'authorized'
                                                                        when 'failed' then 'failed' end);
  if v_result ? 'refund_ids' and pg_catalog.jsonb_array_length(v_result -> 'refund_ids') = 0 then
    v_result := v_result - 'refund_ids';
  end if;
  return v_result || (select pg_catalog.jsonb_build_object('payment_status', p.status, 'appointment_status', a.status)
                      from public.payments as p
                      join public.appointments as a on a.tenant_id = p.tenant_id and a.id = p.appointment_id
                      where p.tenant_id = v_payment.tenant_id and p.id = v_payment.id);
end
$$;
comment on function private.confirm_razorpay_payment(uuid, jsonb) is
  'Implementation of public.confirm_razorpay_payment (security definer, service_role only): a verified Checkout result through the shared state changes.';
revoke execute on function private.confirm_razorpay_payment(uuid, jsonb) from public, anon, authenticated, service_role;
grant execute on function private.confirm_razorpay_payment(uuid, jsonb) to service_role;

create function public.confirm_razorpay_payment(payment_id uuid, payment jsonb)
returns jsonb
language sql
volatile
security invoker
set search_path = ''
as $$
  /**
   * Applies a Razorpay Checkout result the server has VERIFIED (service_role: the
   * verify-razorpay-payment Edge Function, after checking razorpay_signature against the stored
   * order id and fetching the Payment from Razorpay): captured -> succeeded (the held appointment
   * booked, or money for a released slot refunded), authorized -> processing, failed -> the
   * failure is noted and the payment stays open. Idempotent with the webhook: whichever comes
   * second changes nothing.
   *
   * Parameters: payment_id  ours; payment  the Razorpay Payment entity (id, order_id, status,
   *             amount, currency, error_description).
   * Returns:    {"outcome": "processed", "payment_id", "refund_ids"?, "detail", "payment_status",
   *             "appointment_status"}.
   * Errors:     22023 (no Razorpay payment, not a Checkout payment, another order's payment),
   *             PT404 unknown payment.
   * Example:    select public.confirm_razorpay_payment(id, '{"id": "pay_1", "order_id": "order_1", "status": "captured", ...}');
   */
  select private.confirm_razorpay_payment(payment_id, payment)
$$;
comment on function public.confirm_razorpay_payment(uuid, jsonb) is
  'Applies a verified Razorpay Checkout result (service_role only): captured -> succeeded, authorized -> processing, failed -> noted. Errors: 22023, PT404. See docs/payments.md.';
revoke execute on function public.confirm_razorpay_payment(uuid, jsonb) from public, anon, authenticated, service_role;
grant execute on function public.confirm_razorpay_payment(uuid, jsonb) to service_role;

-- What a payment provider's id looks like, and how the objects a provider created are recorded on
-- a payment, written once for Stripe and Razorpay (docs/payments.md#one-place-for-each-rule-both-providers):
--
--   private.provider_name            Stripe / Razorpay, as messages name them
--   private.is_provider_id           an id of the given prefixes in the provider's alphabet
--   private.provider_id_or_null      the id in a provider's JSON (a string or an object's "id")
--   private.attach_provider_objects  records a payment's provider objects: locks, provider and
--                                    flow checks, conflicts, idempotency
--
-- The provider functions become thin: private.stripe_id_or_null and private.razorpay_id_or_null
-- name their provider; private.attach_stripe_payment and private.attach_razorpay_payment check
-- their provider's argument shapes and call private.attach_provider_objects. Those two now return
-- the payment row, so the public wrappers are a single query. A payment of the other provider is
-- now refused by the Stripe path too (22023, as the Razorpay path always did).

create function private.provider_name(p_provider public.payment_provider)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * The provider's name as messages and hints spell it.
   * Example: select private.provider_name('razorpay');  -- Razorpay
   */
  select case p_provider when 'stripe' then 'Stripe' when 'razorpay' then 'Razorpay' end
$$;
comment on function private.provider_name(public.payment_provider) is
  'The payment provider''s name for messages: Stripe or Razorpay.';
revoke execute on function private.provider_name(public.payment_provider) from public, anon, authenticated, service_role;

create function private.is_provider_id(p_provider public.payment_provider, p_value text, p_prefixes text[])
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * Whether p_value is an id of the provider with one of p_prefixes: the prefix, "_", then
   * letters, digits and "_" (at most 250) for Stripe, letters and digits (at most 64) for
   * Razorpay. Null for a null value, so `if not private.is_provider_id(...)` lets an omitted
   * argument pass.
   * Example: select private.is_provider_id('stripe', 'pi_123', array['pi']);  -- true
   */
  select p_value ~ ('^(' || pg_catalog.array_to_string(p_prefixes, '|') || ')_'
                    || case p_provider when 'stripe' then '[A-Za-z0-9_]{1,250}' else '[A-Za-z0-9]{1,64}' end
                    || '$')
$$;
comment on function private.is_provider_id(public.payment_provider, text, text[]) is
  'Whether a text is a Stripe or Razorpay id with one of the given prefixes (null for null).';
revoke execute on function private.is_provider_id(public.payment_provider, text, text[]) from public, anon, authenticated, service_role;

create function private.provider_id_or_null(p_provider public.payment_provider, p_value jsonb, p_prefixes text[])
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * The provider id in p_value - a string, or an (expanded) object's "id" - when it is one of
   * p_prefixes (private.is_provider_id), else null; never raises.
   * Example: select private.provider_id_or_null('razorpay', '{"id": "pay_29QQoUBi66xm2f"}', array['pay']);
   */
  select case when private.is_provider_id(p_provider, v, p_prefixes) then v end
  from (select case pg_catalog.jsonb_typeof(p_value)
                 when 'string' then p_value #>> '{}'
                 when 'object' then p_value ->> 'id'
               end as v) as x
$$;
comment on function private.provider_id_or_null(public.payment_provider, jsonb, text[]) is
  'A Stripe or Razorpay id (string or an object''s id) with one of the given prefixes, else null (never raises).';
revoke execute on function private.provider_id_or_null(public.payment_provider, jsonb, text[]) from public, anon, authenticated, service_role;

create or replace function private.stripe_id_or_null(p_value jsonb, p_prefixes text[])
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * The Stripe id in p_value (private.provider_id_or_null).
   * Example: select private.stripe_id_or_null('"pi_123"', array['pi']);  -- pi_123
   */
  select private.provider_id_or_null('stripe', p_value, p_prefixes)
$$;

create or replace function private.razorpay_id_or_null(p_value jsonb, p_prefixes text[])
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * The Razorpay id in p_value (private.provider_id_or_null).
   * Example: select private.razorpay_id_or_null('"pay_29QQoUBi66xm2f"', array['pay']);  -- pay_29QQoUBi66xm2f
   */
  select private.provider_id_or_null('razorpay', p_value, p_prefixes)
$$;

create function private.attach_provider_objects(p_payment_id uuid, p_provider public.payment_provider, p_objects jsonb)
returns public.payments
language plpgsql
volatile
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * Records the objects a provider created for a payment, the callers having checked their shapes.
 * Locks the payment's appointment, then the payment (private.lock_payment). 22023 when the payment
 * is of another provider, or the objects do not fit its flow (a payment_intent payment has no
 * hosted page; a Razorpay checkout payment is paid through its Payment Link). The same objects
 * again change nothing; others are PT409 provider_object_conflict, as is an object already
 * recorded for another payment.
 *
 * Parameters: p_objects  the columns to fill: stripe_payment_intent_id, stripe_checkout_session_id,
 *                        razorpay_order_id, razorpay_payment_link_id, checkout_url (nulls ignored).
 * Returns:    the payment as it is now.
 */
declare
  v_objects jsonb := pg_catalog.jsonb_strip_nulls(coalesce(p_objects, '{}'::jsonb));
  v_name text := private.provider_name(p_provider);
  v_payment public.payments;
  v_current jsonb;
begin
  if p_payment_id is null then
    raise exception using errcode = '22023', message = 'payment_id is required', hint = 'Pass the id open_payment returned.';
  end if;
  select p.* into v_payment from public.payments as p where p.id = p_payment_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'payment not found', hint = 'Pass the id open_payment returned.';
  end if;
  v_payment := private.lock_payment(v_payment);
  if v_payment.provider <> p_provider then
    raise exception using errcode = '22023', message = pg_catalog.format('this is not a %s payment', v_name),
      hint = 'The payment was opened for the clinic''s other provider: create its object there.';
  end if;
  if v_payment.flow = 'payment_intent'
     and v_objects ?| array['stripe_checkout_session_id', 'razorpay_payment_link_id', 'checkout_url'] then
    raise exception using errcode = '22023',
      message = pg_catalog.format('a payment_intent payment has no %s',
                                  case p_provider when 'stripe' then 'Checkout Session' else 'Payment Link' end),
      hint = pg_catalog.format('Attach only the %s id to a payment_intent payment.',
                               case p_provider when 'stripe' then 'PaymentIntent' else 'Order' end);
  end if;
  -- Stripe reports a Checkout payment's PaymentIntent on its own; a Razorpay one is its Payment Link.
  if v_payment.flow = 'checkout' and p_provider = 'razorpay' and not v_objects ? 'razorpay_payment_link_id' then
    raise exception using errcode = '22023', message = 'a checkout payment is paid through its Payment Link',
      hint = 'Attach the Payment Link (id and short URL) to a checkout payment.';
  end if;

  v_current := pg_catalog.to_jsonb(v_payment);
  if exists (select 1 from pg_catalog.jsonb_each_text(v_objects) as o where v_current ->> o.key <> o.value) then
    raise exception using errcode = 'PT409', message = pg_catalog.format('this payment is already attached to other %s objects', v_name),
      detail = 'provider_object_conflict',
      hint = case p_provider
               when 'stripe' then 'Create Stripe objects with the payment''s idempotency_key, so a retry returns the same object.'
               else 'Look the payment''s Order or Payment Link up by its receipt / reference_id (the payment id) before creating one.'
             end;
  end if;
  if not exists (select 1 from pg_catalog.jsonb_each_text(v_objects) as o where v_current ->> o.key is null) then
    return v_payment;
  end if;
  begin
    -- every given object is either recorded already or new (conflicts were refused above)
    update public.payments as p
       set (stripe_payment_intent_id, stripe_checkout_session_id, razorpay_order_id, razorpay_payment_link_id, checkout_url)
         = (select n.stripe_payment_intent_id, n.stripe_checkout_session_id, n.razorpay_order_id, n.razorpay_payment_link_id, n.checkout_url
            from pg_catalog.jsonb_populate_record(p, v_objects) as n)
     where p.tenant_id = v_payment.tenant_id and p.id = v_payment.id
    returning * into v_payment;
  exception when unique_violation then
    raise exception using errcode = 'PT409', message = pg_catalog.format('that %s object belongs to another payment', v_name),
      detail = 'provider_object_conflict',
      hint = case p_provider
               when 'stripe' then 'Create Stripe objects with the payment''s idempotency_key.'
               else 'Create Razorpay objects with the payment id as receipt / reference_id, and look them up by it first.'
             end;
  end;
  return v_payment;
end
$$;
comment on function private.attach_provider_objects(uuid, public.payment_provider, jsonb) is
  'Records the objects a provider created for a payment (lock order, provider and flow checks, PT409 provider_object_conflict); idempotent. Used by attach_stripe_payment and attach_razorpay_payment.';
revoke execute on function private.attach_provider_objects(uuid, public.payment_provider, jsonb) from public, anon, authenticated, service_role;

drop function private.attach_stripe_payment(uuid, text, text, text);
create function private.attach_stripe_payment(p_payment_id uuid, p_payment_intent_id text, p_checkout_session_id text, p_checkout_url text)
returns public.payments
language plpgsql
volatile
security definer
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * Implementation of public.attach_stripe_payment (see there): checks the Stripe ids' shapes,
 * then private.attach_provider_objects.
 * Returns: the payment.
 */
begin
  if p_payment_intent_id is null and p_checkout_session_id is null and p_checkout_url is null then
    raise exception using errcode = '22023', message = 'nothing to attach',
      hint = 'Pass the PaymentIntent id (pi_...) or the Checkout Session id (cs_...) and its URL.';
  end if;
  if not private.is_provider_id('stripe', p_payment_intent_id, array['pi']) then
    raise exception using errcode = '22023', message = 'payment_intent_id is not a Stripe PaymentIntent id',
      hint = 'PaymentIntent ids look like pi_...';
  end if;
  if not private.is_provider_id('stripe', p_checkout_session_id, array['cs']) then
    raise exception using errcode = '22023', message = 'checkout_session_id is not a Stripe Checkout Session id',
      hint = 'Checkout Session ids look like cs_...';
  end if;
  if p_checkout_url !~ '^https?://' or pg_catalog.char_length(p_checkout_url) > 4096 then
    raise exception using errcode = '22023', message = 'checkout_url is not an http(s) URL',
      hint = 'Pass the url of the Checkout Session.';
  end if;
  return private.attach_provider_objects(p_payment_id, 'stripe', pg_catalog.jsonb_build_object(
    'stripe_payment_intent_id', p_payment_intent_id, 'stripe_checkout_session_id', p_checkout_session_id,
    'checkout_url', p_checkout_url));
end
$$;
comment on function private.attach_stripe_payment(uuid, text, text, text) is
  'Implementation of public.attach_stripe_payment (security definer, service_role only): the Stripe shapes, then private.attach_provider_objects.';
revoke execute on function private.attach_stripe_payment(uuid, text, text, text) from public, anon, authenticated, service_role;
grant execute on function private.attach_stripe_payment(uuid, text, text, text) to service_role;

drop function private.attach_razorpay_payment(uuid, text, text, text);
create function private.attach_razorpay_payment(p_payment_id uuid, p_order_id text, p_payment_link_id text, p_payment_link_url text)
returns public.payments
language plpgsql
volatile
security definer
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * Implementation of public.attach_razorpay_payment (see there): checks the Razorpay ids' shapes
 * (a Payment Link comes with its short URL), then private.attach_provider_objects.
 * Returns: the payment.
 */
begin
  if p_order_id is null and p_payment_link_id is null then
    raise exception using errcode = '22023', message = 'nothing to attach',
      hint = 'Pass the Razorpay Order id (order_...) or the Payment Link id (plink_...) and its short URL.';
  end if;
  if not private.is_provider_id('razorpay', p_order_id, array['order']) then
    raise exception using errcode = '22023', message = 'order_id is not a Razorpay Order id', hint = 'Order ids look like order_...';
  end if;
  if not private.is_provider_id('razorpay', p_payment_link_id, array['plink']) then
    raise exception using errcode = '22023', message = 'payment_link_id is not a Razorpay Payment Link id',
      hint = 'Payment Link ids look like plink_...';
  end if;
  if (p_payment_link_id is null) <> (p_payment_link_url is null) then
    raise exception using errcode = '22023', message = 'a Payment Link is attached with its short URL',
      hint = 'Pass both payment_link_id and payment_link_url (the link''s short_url).';
  end if;
  if p_payment_link_url !~ '^https?://' or pg_catalog.char_length(p_payment_link_url) > 4096 then
    raise exception using errcode = '22023', message = 'payment_link_url is not an http(s) URL',
      hint = 'Pass the short_url of the Payment Link.';
  end if;
  return private.attach_provider_objects(p_payment_id, 'razorpay', pg_catalog.jsonb_build_object(
    'razorpay_order_id', p_order_id, 'razorpay_payment_link_id', p_payment_link_id, 'checkout_url', p_payment_link_url));
end
$$;
comment on function private.attach_razorpay_payment(uuid, text, text, text) is
  'Implementation of public.attach_razorpay_payment (security definer, service_role only): the Razorpay shapes, then private.attach_provider_objects.';
revoke execute on function private.attach_razorpay_payment(uuid, text, text, text) from public, anon, authenticated, service_role;
grant execute on function private.attach_razorpay_payment(uuid, text, text, text) to service_role;

create or replace function public.attach_stripe_payment(
  payment_id uuid, payment_intent_id text default null, checkout_session_id text default null,
  checkout_url text default null)
returns public.payments
language sql
volatile
security invoker
set search_path = ''
set timezone to 'UTC'
as $$
  /**
   * Records the Stripe objects created for a payment (service_role: the create-payment Edge
   * Function after creating them). Idempotent: the same ids again change nothing. The ids are
   * recorded whatever the payment's status; check `status` of the returned row.
   *
   * Parameters: payment_id (from open_payment); payment_intent_id (pi_...; the payment_intent
   *             flow, optional for checkout); checkout_session_id (cs_...) and checkout_url
   *             (checkout flow).
   * Returns:    the payment.
   * Errors:     22023 bad ids, nothing to attach, not a Stripe payment; PT404 unknown payment;
   *             PT409 the payment has other Stripe objects already, or the object belongs to
   *             another payment.
   * Example:    select * from public.attach_stripe_payment(id, 'pi_123', null, null);
   */
  select * from private.attach_stripe_payment(attach_stripe_payment.payment_id, attach_stripe_payment.payment_intent_id,
                                              attach_stripe_payment.checkout_session_id, attach_stripe_payment.checkout_url)
$$;

create or replace function public.attach_razorpay_payment(
  payment_id uuid, order_id text default null, payment_link_id text default null, payment_link_url text default null)
returns public.payments
language sql
volatile
security invoker
set search_path = ''
set timezone to 'UTC'
as $$
  /**
   * Records the Razorpay object created for a payment (service_role: the create-payment Edge
   * Function after creating it). Idempotent: the same ids again change nothing. The ids are
   * recorded whatever the payment's status; check `status` of the returned row.
   *
   * Parameters: payment_id (from open_payment); order_id (order_..., the payment_intent flow);
   *             payment_link_id (plink_...) and payment_link_url (its short_url, stored as
   *             checkout_url; the checkout flow).
   * Returns:    the payment.
   * Errors:     22023 bad ids, nothing to attach, not a Razorpay payment, an object of the other
   *             flow; PT404 unknown payment; PT409 provider_object_conflict (the payment has other
   *             Razorpay objects, or the object belongs to another payment).
   * Example:    select * from public.attach_razorpay_payment(id, order_id => 'order_123');
   */
  select * from private.attach_razorpay_payment(attach_razorpay_payment.payment_id, attach_razorpay_payment.order_id,
                                                attach_razorpay_payment.payment_link_id, attach_razorpay_payment.payment_link_url)
$$;

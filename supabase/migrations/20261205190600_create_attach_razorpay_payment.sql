-- public.attach_razorpay_payment (service_role: the create-payment Edge Function) records the
-- Razorpay object created for a payment: the Order of the payment_intent flow (paid in Razorpay
-- Checkout), or the Payment Link of the checkout flow with its short URL as checkout_url (so a
-- staff-booked hold's patient gets the link by the payment_link message, 20261121230000). Like
-- attach_stripe_payment: the same ids again change nothing, other ids are PT409
-- provider_object_conflict, and the ids are recorded whatever the payment's status.

create function private.attach_razorpay_payment(
  p_payment_id uuid, p_order_id text, p_payment_link_id text, p_payment_link_url text)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Implementation of public.attach_razorpay_payment (see there).
 * Returns: the payment id.
 */
declare
  v_payment public.payments;
begin
  if p_payment_id is null then
    raise exception using errcode = '22023', message = 'payment_id is required', hint = 'Pass the id open_payment returned.';
  end if;
  if p_order_id is null and p_payment_link_id is null then
    raise exception using errcode = '22023', message = 'nothing to attach',
      hint = 'Pass the Razorpay Order id (order_...) or the Payment Link id (plink_...) and its short URL.';
  end if;
  if p_order_id !~ '^order_[A-Za-z0-9]{1,64}$' then
    raise exception using errcode = '22023', message = 'order_id is not a Razorpay Order id', hint = 'Order ids look like order_...';
  end if;
  if p_payment_link_id !~ '^plink_[A-Za-z0-9]{1,64}$' then
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

  select p.* into v_payment from public.payments as p where p.id = p_payment_id for update;
  if not found then
    raise exception using errcode = 'PT404', message = 'payment not found', hint = 'Pass the id open_payment returned.';
  end if;
  if v_payment.provider <> 'razorpay' then
    raise exception using errcode = '22023', message = 'this is not a Razorpay payment',
      hint = 'The payment was opened for the clinic''s other provider: create its object there.';
  end if;
  if v_payment.flow = 'payment_intent' and p_payment_link_id is not null then
    raise exception using errcode = '22023', message = 'a payment_intent payment has no Payment Link',
      hint = 'Attach only the Order id to a payment_intent payment.';
  end if;
  if v_payment.flow = 'checkout' and p_payment_link_id is null then
    raise exception using errcode = '22023', message = 'a checkout payment is paid through its Payment Link',
      hint = 'Attach the Payment Link (id and short URL) to a checkout payment.';
  end if;
  if (p_order_id is not null and v_payment.razorpay_order_id <> p_order_id)
     or (p_payment_link_id is not null and v_payment.razorpay_payment_link_id <> p_payment_link_id)
     or (p_payment_link_url is not null and v_payment.checkout_url <> p_payment_link_url) then
    raise exception using errcode = 'PT409', message = 'this payment is already attached to other Razorpay objects',
      detail = 'provider_object_conflict',
      hint = 'Look the payment''s Order or Payment Link up by its receipt / reference_id (the payment id) before creating one.';
  end if;

  begin
    update public.payments as p
       set razorpay_order_id = coalesce(p.razorpay_order_id, p_order_id),
           razorpay_payment_link_id = coalesce(p.razorpay_payment_link_id, p_payment_link_id),
           checkout_url = coalesce(p.checkout_url, p_payment_link_url)
     where p.tenant_id = v_payment.tenant_id and p.id = v_payment.id
       and (p.razorpay_order_id is distinct from coalesce(p.razorpay_order_id, p_order_id)
            or p.razorpay_payment_link_id is distinct from coalesce(p.razorpay_payment_link_id, p_payment_link_id)
            or p.checkout_url is distinct from coalesce(p.checkout_url, p_payment_link_url));
  exception when unique_violation then
    raise exception using errcode = 'PT409', message = 'that Razorpay object belongs to another payment',
      detail = 'provider_object_conflict',
      hint = 'Create Razorpay objects with the payment id as receipt / reference_id, and look them up by it first.';
  end;
  return v_payment.id;
end
$$;
comment on function private.attach_razorpay_payment(uuid, text, text, text) is
  'Implementation of public.attach_razorpay_payment (security definer, service_role only).';
revoke execute on function private.attach_razorpay_payment(uuid, text, text, text) from public, anon, authenticated, service_role;
grant execute on function private.attach_razorpay_payment(uuid, text, text, text) to service_role;

create function public.attach_razorpay_payment(
  payment_id uuid, order_id text default null, payment_link_id text default null, payment_link_url text default null)
returns public.payments
language plpgsql
volatile
security invoker
set search_path = ''
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
declare
  v_id uuid;
  v_payment public.payments;
begin
  v_id := private.attach_razorpay_payment(attach_razorpay_payment.payment_id, attach_razorpay_payment.order_id,
                                          attach_razorpay_payment.payment_link_id, attach_razorpay_payment.payment_link_url);
  select p.* into v_payment from public.payments as p where p.id = v_id;
  return v_payment;
end
$$;
comment on function public.attach_razorpay_payment(uuid, text, text, text) is
  'Records the Razorpay Order / Payment Link of a payment (service_role only); idempotent. Errors: 22023, PT404, PT409 provider_object_conflict. See docs/payments.md.';
revoke execute on function public.attach_razorpay_payment(uuid, text, text, text) from public, anon, authenticated, service_role;
grant execute on function public.attach_razorpay_payment(uuid, text, text, text) to service_role;

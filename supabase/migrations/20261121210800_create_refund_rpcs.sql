-- Refund RPCs (issue 5):
--   public.request_refund(payment_id, amount, reason)   owners, admins, managers of the tenant
--                                                       (and service_role): a staff refund
--   public.claim_refunds(max_count, lease, refund_ids)  service_role: the process-refunds worker
--                                                       takes due refunds (`for update skip locked`)
--   public.record_refund_result(refund_id, stripe_refund_id, status, error)
--                                                       service_role: what Stripe answered
-- The worker (process-refunds Edge Function) calls Stripe with the idempotency key refund:<id>,
-- so a refund claimed again after its lease ended (worker crashed) is still made once.
-- Retry backoff after a transport error: 1, 2, 4, 8, ... minutes (capped at 1 hour) after the
-- attempt; after 8 attempts the refund is failed with its last error.

create function private.request_refund(p_payment_id uuid, p_amount numeric, p_reason text)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Implementation of public.request_refund (security definer: nobody but service_role inserts
 * refunds). Locks the payment so concurrent requests cannot refund more than was paid.
 *
 * Returns: the refund id.
 */
declare
  v_payment public.payments;
  v_server boolean := private.is_server_caller();
  v_refundable numeric;
  v_amount numeric;
  v_exponent integer;
  v_id uuid;
begin
  if p_payment_id is null then
    raise exception using errcode = '22023', message = 'payment_id is required', hint = 'Pass the payment to refund.';
  end if;
  if p_reason is null or pg_catalog.btrim(p_reason) = '' or pg_catalog.char_length(pg_catalog.btrim(p_reason)) > 500 then
    raise exception using errcode = '22023', message = 'reason is required (at most 500 characters)',
      hint = 'Say why the money goes back, e.g. "clinician ran late, goodwill refund".';
  end if;
  select p.* into v_payment from public.payments as p where p.id = p_payment_id for update;
  if not found or not (v_server
                       or v_payment.tenant_id in (select private.member_tenant_ids())
                       or (v_payment.tenant_id, v_payment.patient_id) in (
                            select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k)) then
    raise exception using errcode = 'PT404', message = 'payment not found',
      hint = 'Check the id; you only see your own payments, or those of your clinic.';
  end if;
  if not (v_server or v_payment.tenant_id in (
            select private.tenant_ids_with_role(array['owner', 'admin', 'manager']::public.staff_role[]))) then
    raise exception using errcode = 'PT403', message = 'only owners, admins and managers may refund payments',
      hint = 'Ask an owner, admin or manager of the clinic.';
  end if;
  if v_payment.status <> 'succeeded' then
    raise exception using errcode = 'PT409',
      message = pg_catalog.format('a %s payment cannot be refunded', v_payment.status),
      hint = 'Only succeeded payments can be refunded.';
  end if;
  v_exponent := private.currency_minor_unit_exponent(v_payment.currency);
  if p_amount is not null and (p_amount <= 0 or p_amount <> pg_catalog.trunc(p_amount, v_exponent)) then
    raise exception using errcode = '22023',
      message = pg_catalog.format('amount must be positive with at most %s decimals in %s', v_exponent, v_payment.currency),
      hint = 'Pass the amount to give back in the payment''s currency, or leave it out to refund everything left.';
  end if;
  v_refundable := private.refundable_amount(v_payment.tenant_id, v_payment.id);
  v_amount := coalesce(p_amount, v_refundable);
  if v_amount > v_refundable or v_amount <= 0 then
    raise exception using errcode = 'PT422', message = 'that is more than can still be refunded',
      detail = pg_catalog.format('At most %s %s of this payment can still be refunded.', pg_catalog.round(v_refundable, v_exponent), v_payment.currency),
      hint = 'Refund at most what was paid minus the refunds already made or on their way.';
  end if;
  v_id := private.insert_refund(v_payment, v_amount, 'staff', (select auth.uid()), pg_catalog.btrim(p_reason));
  perform private.kick_process_refunds();
  return v_id;
end
$$;
comment on function private.request_refund(uuid, numeric, text) is
  'Implementation of public.request_refund (security definer): checks caller (PT404/PT403), state (PT409) and amount (22023/PT422), inserts a staff refund and invokes process-refunds.';
revoke execute on function private.request_refund(uuid, numeric, text) from public, anon, authenticated, service_role;
grant execute on function private.request_refund(uuid, numeric, text) to authenticated, service_role;

create function public.request_refund(payment_id uuid, amount numeric, reason text)
returns public.refunds
language plpgsql
volatile
security invoker
set search_path = ''
as $$
/**
 * Refunds (part of) a succeeded payment, sent to Stripe by process-refunds right away.
 *
 * Parameters: payment_id; amount in the payment's currency (null: everything still
 *             refundable); reason (required, shown to staff; stored as the refund's note).
 * Who:        owners, admins and managers of the payment's tenant; service_role.
 * Returns:    the refund (status requested, reason staff).
 * Errors:     22023 (missing reason, amount not positive or too many decimals), PT403 (other
 *             staff, the patient), PT404 (not visible), PT409 (payment not succeeded), PT422
 *             (more than what is still refundable: amount minus refunds made or on their way).
 * Example:    supabase.rpc('request_refund', { payment_id, amount: 20, reason: 'goodwill' })
 */
declare
  v_id uuid;
  v_refund public.refunds;
begin
  v_id := private.request_refund(request_refund.payment_id, request_refund.amount, request_refund.reason);
  select r.* into v_refund from public.refunds as r where r.id = v_id;
  return v_refund;
end
$$;
comment on function public.request_refund(uuid, numeric, text) is
  'Refunds (part of) a succeeded payment (owners, admins, managers of the tenant; service_role); returns the refund. Errors: 22023, PT403, PT404, PT409, PT422. See docs/payments.md.';
revoke execute on function public.request_refund(uuid, numeric, text) from public, anon, authenticated, service_role;
grant execute on function public.request_refund(uuid, numeric, text) to authenticated, service_role;

create function private.claim_refunds(p_max_count integer, p_lease interval, p_refund_ids uuid[])
returns table (
  refund_id uuid, tenant_id uuid, payment_id uuid, appointment_id uuid, amount numeric, amount_minor bigint,
  currency text, stripe_payment_intent_id text, stripe_account_id text, idempotency_key text, metadata jsonb,
  attempts integer)
language plpgsql
volatile
security definer
set search_path = ''
as $$
#variable_conflict use_column
/**
 * Implementation of public.claim_refunds (security definer, service_role only).
 */
begin
  if p_max_count is null or p_max_count not between 1 and 100 then
    raise exception using errcode = '22023', message = 'max_count must be between 1 and 100',
      hint = 'Claim a small batch, e.g. 10.';
  end if;
  if p_lease is null or p_lease < interval '5 seconds' or p_lease > interval '1 hour' then
    raise exception using errcode = '22023', message = 'lease must be between 5 seconds and 1 hour',
      hint = 'Use a lease longer than one Stripe call takes, e.g. 2 minutes.';
  end if;
  return query
  with due as (
    select r.tenant_id, r.id
    from public.refunds as r
    where ((r.status = 'requested' and r.next_attempt_at <= pg_catalog.now())
           or (r.status = 'processing' and r.claimed_until < pg_catalog.now()))
      and (p_refund_ids is null or r.id = any (p_refund_ids))
    order by r.next_attempt_at, r.created_at, r.id
    limit p_max_count
    for update skip locked
  ), claimed as (
    update public.refunds as r
       set status = 'processing',
           attempts = r.attempts + 1,
           claimed_until = pg_catalog.now() + p_lease
      from due
     where r.tenant_id = due.tenant_id and r.id = due.id
    returning r.*
  )
  select c.id, c.tenant_id, c.payment_id, c.appointment_id, c.amount::numeric, c.amount_minor, c.currency::text,
         p.stripe_payment_intent_id, p.stripe_account_id, 'refund:' || c.id::text,
         pg_catalog.jsonb_build_object('refund_id', c.id::text, 'tenant_id', c.tenant_id::text,
                                       'payment_id', c.payment_id::text, 'appointment_id', c.appointment_id::text),
         c.attempts
  from claimed as c
  join public.payments as p on p.tenant_id = c.tenant_id and p.id = c.payment_id
  order by c.next_attempt_at, c.created_at, c.id;
end
$$;
comment on function private.claim_refunds(integer, interval, uuid[]) is
  'Implementation of public.claim_refunds (security definer, service_role only): due requested refunds and processing ones whose lease ended, for update skip locked, -> processing with a lease.';
revoke execute on function private.claim_refunds(integer, interval, uuid[]) from public, anon, authenticated, service_role;
grant execute on function private.claim_refunds(integer, interval, uuid[]) to service_role;

create function public.claim_refunds(max_count integer default 10, lease interval default '2 minutes',
                                     refund_ids uuid[] default null)
returns table (
  refund_id uuid, tenant_id uuid, payment_id uuid, appointment_id uuid, amount numeric, amount_minor bigint,
  currency text, stripe_payment_intent_id text, stripe_account_id text, idempotency_key text, metadata jsonb,
  attempts integer)
language sql
volatile
security invoker
set search_path = ''
as $$
  /**
   * Claims refunds to send to Stripe (service_role: the process-refunds Edge Function).
   * Takes requested refunds that are due (next_attempt_at <= now) and processing refunds whose
   * lease ended (a worker crashed), `for update skip locked` (concurrent workers get different
   * refunds), and marks them processing with attempts + 1 and claimed_until = now + lease.
   *
   * Parameters: max_count 1..100; lease 5 seconds..1 hour; refund_ids: only these (e.g. the
   *             refund_ids handle_stripe_event returned), null: any.
   * Returns:    per refund: refund_id, tenant_id, payment_id, appointment_id, amount,
   *             amount_minor (Stripe's amount), currency (ISO upper-case),
   *             stripe_payment_intent_id (refund it), stripe_account_id (Stripe-Account header,
   *             null = platform), idempotency_key ('refund:<id>'), metadata {refund_id,
   *             tenant_id, payment_id, appointment_id} for Stripe, attempts.
   * Then:       record_refund_result for each one.
   * Errors:     22023 bad max_count or lease.
   * Example:    select * from public.claim_refunds(10, '2 minutes');
   */
  select * from private.claim_refunds(claim_refunds.max_count, claim_refunds.lease, claim_refunds.refund_ids)
$$;
comment on function public.claim_refunds(integer, interval, uuid[]) is
  'Claims due refunds for the process-refunds worker (service_role only; for update skip locked; lease): returns what the Stripe refund call needs. Errors: 22023.';
revoke execute on function public.claim_refunds(integer, interval, uuid[]) from public, anon, authenticated, service_role;
grant execute on function public.claim_refunds(integer, interval, uuid[]) to service_role;

create function private.record_refund_result(p_refund_id uuid, p_stripe_refund_id text, p_status text, p_error text)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Implementation of public.record_refund_result (security definer, service_role only).
 * Returns: the refund id.
 */
declare
  v_refund public.refunds;
begin
  if p_refund_id is null then
    raise exception using errcode = '22023', message = 'refund_id is required', hint = 'Pass the refund_id claim_refunds returned.';
  end if;
  if p_status is null or p_status not in ('succeeded', 'pending', 'failed', 'retry') then
    raise exception using errcode = '22023', message = 'status must be succeeded, pending, failed or retry',
      hint = 'succeeded / pending: what Stripe answered; failed: Stripe refused it; retry: no answer (network, 5xx, 429).';
  end if;
  if p_stripe_refund_id !~ '^(re|pyr)_[A-Za-z0-9_]{1,250}$' then
    raise exception using errcode = '22023', message = 'stripe_refund_id is not a Stripe refund id',
      hint = 'Stripe refund ids look like re_...';
  end if;
  if p_status in ('succeeded', 'pending') and p_stripe_refund_id is null then
    raise exception using errcode = '22023', message = 'stripe_refund_id is required for succeeded and pending',
      hint = 'Pass the id of the refund Stripe created.';
  end if;
  select r.* into v_refund from public.refunds as r where r.id = p_refund_id for update;
  if not found then
    raise exception using errcode = 'PT404', message = 'refund not found', hint = 'Pass the refund_id claim_refunds returned.';
  end if;
  if p_stripe_refund_id is not null and v_refund.stripe_refund_id <> p_stripe_refund_id then
    raise exception using errcode = 'PT409', message = 'this refund is already recorded with another Stripe refund',
      hint = 'Create Stripe refunds with the idempotency key refund:<id>, so a retry returns the same refund.';
  end if;

  begin
    update public.refunds as r
       set stripe_refund_id = coalesce(r.stripe_refund_id, p_stripe_refund_id),
           status = case
             when p_status = 'succeeded' and r.status in ('requested', 'processing', 'submitted') then 'succeeded'
             when p_status = 'pending' and r.status in ('requested', 'processing') then 'submitted'
             when p_status = 'failed' and r.status in ('requested', 'processing', 'submitted') then 'failed'
             when p_status = 'retry' and r.status = 'processing' then
               case when r.attempts >= 8 then 'failed' else 'requested' end
             else r.status end,
           next_attempt_at = case
             when p_status = 'retry' and r.status = 'processing' and r.attempts < 8
               then pg_catalog.now() + least(pg_catalog.make_interval(mins => (2 ^ least(greatest(r.attempts, 1) - 1, 10))::integer),
                                                        interval '1 hour')
             else r.next_attempt_at end,
           claimed_until = case
             when (p_status in ('succeeded', 'pending', 'failed') and r.status in ('requested', 'processing'))
                  or (p_status = 'retry' and r.status = 'processing') then null
             else r.claimed_until end,
           last_error = case
             when p_status = 'succeeded' and r.status in ('requested', 'processing', 'submitted') then null
             when p_status = 'failed' and r.status in ('requested', 'processing', 'submitted')
               then coalesce(pg_catalog.left(p_error, 1000), 'Stripe refused the refund.')
             when p_status = 'retry' and r.status = 'processing'
               then coalesce(pg_catalog.left(p_error, 1000), 'No answer from Stripe.')
                    || case when r.attempts >= 8 then ' (gave up after ' || r.attempts || ' attempts)' else '' end
             else r.last_error end
     where r.tenant_id = v_refund.tenant_id and r.id = v_refund.id;
  exception when unique_violation then
    raise exception using errcode = 'PT409', message = 'that Stripe refund belongs to another refund',
      hint = 'Create Stripe refunds with the idempotency key refund:<id>.';
  end;
  perform private.sync_amount_refunded(v_refund.tenant_id, v_refund.payment_id);
  return v_refund.id;
end
$$;
comment on function private.record_refund_result(uuid, text, text, text) is
  'Implementation of public.record_refund_result (security definer, service_role only): forward-only refund status, retry backoff, amount_refunded.';
revoke execute on function private.record_refund_result(uuid, text, text, text) from public, anon, authenticated, service_role;
grant execute on function private.record_refund_result(uuid, text, text, text) to service_role;

create function public.record_refund_result(refund_id uuid, stripe_refund_id text, status text, error text default null)
returns public.refunds
language plpgsql
volatile
security invoker
set search_path = ''
as $$
/**
 * Records what Stripe answered for a claimed refund (service_role: process-refunds).
 *
 * Parameters: refund_id (from claim_refunds); stripe_refund_id (re_..., required for
 *             succeeded and pending); status:
 *               succeeded  Stripe made the refund            -> succeeded
 *               pending    Stripe accepted it, not settled   -> submitted (the webhook finishes it)
 *               failed     Stripe refused it (4xx)           -> failed, last_error = error
 *               retry      no usable answer (network, 5xx, 429) -> requested again after 1, 2, 4,
 *                          8 ... minutes (at most 1 hour); after 8 attempts -> failed
 *             error: Stripe's message (failed, retry).
 *             A refund a webhook already moved on is not moved back (no error), so recording
 *             late is safe.
 * Returns:    the refund.
 * Errors:     22023 bad status or id, PT404 unknown refund, PT409 a different Stripe refund.
 * Example:    select * from public.record_refund_result(refund_id, 're_123', 'succeeded', null);
 */
declare
  v_id uuid;
  v_refund public.refunds;
begin
  v_id := private.record_refund_result(record_refund_result.refund_id, record_refund_result.stripe_refund_id,
                                       record_refund_result.status, record_refund_result.error);
  select r.* into v_refund from public.refunds as r where r.id = v_id;
  return v_refund;
end
$$;
comment on function public.record_refund_result(uuid, text, text, text) is
  'Records Stripe''s answer for a claimed refund (service_role only): succeeded | pending (-> submitted) | failed | retry (backoff 1, 2, 4 ... min, capped 1 h; failed after 8 attempts). Errors: 22023, PT404, PT409.';
revoke execute on function public.record_refund_result(uuid, text, text, text) from public, anon, authenticated, service_role;
grant execute on function public.record_refund_result(uuid, text, text, text) to service_role;

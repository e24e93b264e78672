-- The refund queue is provider-aware. The process-refunds worker claims only the refunds of the
-- providers it has keys for (a refund never fails because a provider was not configured yet: it
-- waits in requested), and each claimed refund says how to send it: its provider, the Stripe
-- PaymentIntent and Connect account, or the Razorpay Payment and whether Route transfers are
-- reversed (a linked account), and its idempotency key (refund:<id> for Stripe; refund_<id> for
-- Razorpay's X-Refund-Idempotency, which allows letters, digits, hyphens and underscores).
-- record_refund_result takes the provider's refund id (re_/pyr_ or rfnd_, checked against the
-- refund's provider). Backoff, leases and forward-only statuses are unchanged.
-- Both functions change their signature or result columns, so they are dropped and created again.

drop function public.claim_refunds(integer, interval, uuid[]);
drop function private.claim_refunds(integer, interval, uuid[]);

create function private.claim_refunds(p_max_count integer, p_lease interval, p_refund_ids uuid[],
                                      p_providers public.payment_provider[])
returns table (
  refund_id uuid, tenant_id uuid, payment_id uuid, appointment_id uuid, amount numeric, amount_minor bigint,
  currency text, provider public.payment_provider, stripe_payment_intent_id text, stripe_account_id text,
  razorpay_payment_id text, razorpay_account_id text, idempotency_key text, metadata jsonb, attempts integer)
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
      hint = 'Use a lease longer than one provider call takes, e.g. 2 minutes.';
  end if;
  return query
  with due as (
    select r.tenant_id, r.id
    from public.refunds as r
    where ((r.status = 'requested' and r.next_attempt_at <= pg_catalog.now())
           or (r.status = 'processing' and r.claimed_until < pg_catalog.now()))
      and (p_refund_ids is null or r.id = any (p_refund_ids))
      and (p_providers is null or r.provider = any (p_providers))
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
  select c.id, c.tenant_id, c.payment_id, c.appointment_id, c.amount::numeric, c.amount_minor, c.currency::text, c.provider,
         p.stripe_payment_intent_id, p.stripe_account_id, p.razorpay_payment_id, p.razorpay_account_id,
         case c.provider when 'stripe' then 'refund:' else 'refund_' end || c.id::text,
         pg_catalog.jsonb_build_object('refund_id', c.id::text, 'tenant_id', c.tenant_id::text,
                                       'payment_id', c.payment_id::text, 'appointment_id', c.appointment_id::text),
         c.attempts
  from claimed as c
  join public.payments as p on p.tenant_id = c.tenant_id and p.id = c.payment_id
  order by c.next_attempt_at, c.created_at, c.id;
end
$$;
comment on function private.claim_refunds(integer, interval, uuid[], public.payment_provider[]) is
  'Implementation of public.claim_refunds (security definer, service_role only): due requested refunds and processing ones whose lease ended, of the given providers, for update skip locked, -> processing with a lease.';
revoke execute on function private.claim_refunds(integer, interval, uuid[], public.payment_provider[]) from public, anon, authenticated, service_role;
grant execute on function private.claim_refunds(integer, interval, uuid[], public.payment_provider[]) to service_role;

create function public.claim_refunds(max_count integer default 10, lease interval default '2 minutes',
                                     refund_ids uuid[] default null, providers public.payment_provider[] default null)
returns table (
  refund_id uuid, tenant_id uuid, payment_id uuid, appointment_id uuid, amount numeric, amount_minor bigint,
  currency text, provider public.payment_provider, stripe_payment_intent_id text, stripe_account_id text,
  razorpay_payment_id text, razorpay_account_id text, idempotency_key text, metadata jsonb, attempts integer)
language sql
volatile
security invoker
set search_path = ''
as $$
  /**
   * Claims refunds to send to their provider (service_role: the process-refunds Edge Function).
   * Takes requested refunds that are due (next_attempt_at <= now) and processing refunds whose
   * lease ended (a worker crashed), `for update skip locked` (concurrent workers get different
   * refunds), and marks them processing with attempts + 1 and claimed_until = now + lease.
   *
   * Parameters: max_count 1..100; lease 5 seconds..1 hour; refund_ids: only these (e.g. the
   *             refund_ids a webhook returned), null: any; providers: only refunds through these
   *             (the providers the worker has keys for), null: any.
   * Returns:    per refund: refund_id, tenant_id, payment_id, appointment_id, amount,
   *             amount_minor (the provider's amount), currency (ISO upper-case), provider;
   *             Stripe: stripe_payment_intent_id (refund it), stripe_account_id (Stripe-Account
   *             header, null = platform); Razorpay: razorpay_payment_id (refund it),
   *             razorpay_account_id (a Route linked account: reverse its transfer, reverse_all);
   *             idempotency_key ('refund:<id>' for Stripe, 'refund_<id>' for Razorpay),
   *             metadata {refund_id, tenant_id, payment_id, appointment_id} (Stripe metadata,
   *             Razorpay notes), attempts.
   * Then:       record_refund_result for each one.
   * Errors:     22023 bad max_count or lease.
   * Example:    select * from public.claim_refunds(10, '2 minutes', null, array['razorpay']::payment_provider[]);
   */
  select * from private.claim_refunds(claim_refunds.max_count, claim_refunds.lease, claim_refunds.refund_ids, claim_refunds.providers)
$$;
comment on function public.claim_refunds(integer, interval, uuid[], public.payment_provider[]) is
  'Claims due refunds of the given providers for the process-refunds worker (service_role only; for update skip locked; lease): returns what the provider''s refund call needs. Errors: 22023.';
revoke execute on function public.claim_refunds(integer, interval, uuid[], public.payment_provider[]) from public, anon, authenticated, service_role;
grant execute on function public.claim_refunds(integer, interval, uuid[], public.payment_provider[]) to service_role;

drop function public.record_refund_result(uuid, text, text, text);
drop function private.record_refund_result(uuid, text, text, text);

create function private.record_refund_result(p_refund_id uuid, p_provider_refund_id text, p_status text, p_error text)
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
  v_name text;
  v_key text;
begin
  if p_refund_id is null then
    raise exception using errcode = '22023', message = 'refund_id is required', hint = 'Pass the refund_id claim_refunds returned.';
  end if;
  if p_status is null or p_status not in ('succeeded', 'pending', 'failed', 'retry') then
    raise exception using errcode = '22023', message = 'status must be succeeded, pending, failed or retry',
      hint = 'succeeded / pending: what the provider answered; failed: the provider refused it; retry: no answer (network, 5xx, 429).';
  end if;
  select r.* into v_refund from public.refunds as r where r.id = p_refund_id for update;
  if not found then
    raise exception using errcode = 'PT404', message = 'refund not found', hint = 'Pass the refund_id claim_refunds returned.';
  end if;
  v_name := case v_refund.provider when 'stripe' then 'Stripe' else 'Razorpay' end;
  v_key := case v_refund.provider when 'stripe' then 'the idempotency key refund:<id>' else 'the X-Refund-Idempotency key refund_<id>' end;
  if (v_refund.provider = 'stripe' and p_provider_refund_id !~ '^(re|pyr)_[A-Za-z0-9_]{1,250}$')
     or (v_refund.provider = 'razorpay' and p_provider_refund_id !~ '^rfnd_[A-Za-z0-9]{1,64}$') then
    raise exception using errcode = '22023', message = pg_catalog.format('provider_refund_id is not a %s refund id', v_name),
      hint = case v_refund.provider when 'stripe' then 'Stripe refund ids look like re_...' else 'Razorpay refund ids look like rfnd_...' end;
  end if;
  if p_status in ('succeeded', 'pending') and p_provider_refund_id is null then
    raise exception using errcode = '22023', message = 'provider_refund_id is required for succeeded and pending',
      hint = pg_catalog.format('Pass the id of the refund %s created.', v_name);
  end if;
  if p_provider_refund_id is not null
     and coalesce(v_refund.stripe_refund_id, v_refund.razorpay_refund_id) <> p_provider_refund_id then
    raise exception using errcode = 'PT409', message = pg_catalog.format('this refund is already recorded with another %s refund', v_name),
      detail = 'provider_object_conflict',
      hint = pg_catalog.format('Create %s refunds with %s, so a retry returns the same refund.', v_name, v_key);
  end if;

  begin
    update public.refunds as r
       set stripe_refund_id = case when r.provider = 'stripe' then coalesce(r.stripe_refund_id, p_provider_refund_id) end,
           razorpay_refund_id = case when r.provider = 'razorpay' then coalesce(r.razorpay_refund_id, p_provider_refund_id) end,
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
               then coalesce(pg_catalog.left(p_error, 1000), v_name || ' refused the refund.')
             when p_status = 'retry' and r.status = 'processing'
               then coalesce(pg_catalog.left(p_error, 1000), 'No answer from ' || v_name || '.')
                    || case when r.attempts >= 8 then ' (gave up after ' || r.attempts || ' attempts)' else '' end
             else r.last_error end
     where r.tenant_id = v_refund.tenant_id and r.id = v_refund.id;
  exception when unique_violation then
    raise exception using errcode = 'PT409', message = pg_catalog.format('that %s refund belongs to another refund', v_name),
      detail = 'provider_object_conflict',
      hint = pg_catalog.format('Create %s refunds with %s.', v_name, v_key);
  end;
  perform private.sync_amount_refunded(v_refund.tenant_id, v_refund.payment_id);
  return v_refund.id;
end
$$;
comment on function private.record_refund_result(uuid, text, text, text) is
  'Implementation of public.record_refund_result (security definer, service_role only): forward-only refund status, retry backoff, amount_refunded.';
revoke execute on function private.record_refund_result(uuid, text, text, text) from public, anon, authenticated, service_role;
grant execute on function private.record_refund_result(uuid, text, text, text) to service_role;

create function public.record_refund_result(refund_id uuid, provider_refund_id text, status text, error text default null)
returns public.refunds
language plpgsql
volatile
security invoker
set search_path = ''
as $$
/**
 * Records what the provider answered for a claimed refund (service_role: process-refunds).
 *
 * Parameters: refund_id (from claim_refunds); provider_refund_id (Stripe re_... or Razorpay
 *             rfnd_..., as the refund's provider; required for succeeded and pending); status:
 *               succeeded  the provider made the refund            -> succeeded
 *               pending    accepted, not settled                   -> submitted (the webhook finishes it)
 *               failed     the provider refused it (4xx)           -> failed, last_error = error
 *               retry      no usable answer (network, 5xx, 429)    -> requested again after 1, 2, 4,
 *                          8 ... minutes (at most 1 hour); after 8 attempts -> failed
 *             error: the provider's message (failed, retry).
 *             A refund a webhook already moved on is not moved back (no error), so recording
 *             late is safe.
 * Returns:    the refund.
 * Errors:     22023 bad status or id, PT404 unknown refund, PT409 provider_object_conflict (a
 *             different provider refund).
 * Example:    select * from public.record_refund_result(refund_id, 'rfnd_FP8QHiV938haTz', 'succeeded', null);
 */
declare
  v_id uuid;
  v_refund public.refunds;
begin
  v_id := private.record_refund_result(record_refund_result.refund_id, record_refund_result.provider_refund_id,
                                       record_refund_result.status, record_refund_result.error);
  select r.* into v_refund from public.refunds as r where r.id = v_id;
  return v_refund;
end
$$;
comment on function public.record_refund_result(uuid, text, text, text) is
  'Records the provider''s answer for a claimed refund (service_role only): succeeded | pending (-> submitted) | failed | retry (backoff 1, 2, 4 ... min, capped 1 h; failed after 8 attempts). Errors: 22023, PT404, PT409. See docs/payments.md.';
revoke execute on function public.record_refund_result(uuid, text, text, text) from public, anon, authenticated, service_role;
grant execute on function public.record_refund_result(uuid, text, text, text) to service_role;

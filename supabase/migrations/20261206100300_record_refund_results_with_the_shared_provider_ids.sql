-- private.record_refund_result checks the provider's refund id with private.is_provider_id and
-- names the provider with private.provider_name (20261206100000), and returns the refund row, so
-- public.record_refund_result is a single query like the attach functions. Behaviour unchanged.

drop function private.record_refund_result(uuid, text, text, text);
create function private.record_refund_result(p_refund_id uuid, p_provider_refund_id text, p_status text, p_error text)
returns public.refunds
language plpgsql
volatile
security definer
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * Implementation of public.record_refund_result (security definer, service_role only).
 * Returns: the refund as it is now.
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
  v_name := private.provider_name(v_refund.provider);
  v_key := case v_refund.provider when 'stripe' then 'the idempotency key refund:<id>' else 'the X-Refund-Idempotency key refund_<id>' end;
  if not private.is_provider_id(v_refund.provider, p_provider_refund_id,
                                case v_refund.provider when 'stripe' then array['re', 'pyr'] else array['rfnd'] end) then
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
  select r.* into v_refund from public.refunds as r where r.tenant_id = v_refund.tenant_id and r.id = v_refund.id;
  return v_refund;
end
$$;
comment on function private.record_refund_result(uuid, text, text, text) is
  'Implementation of public.record_refund_result (security definer, service_role only): the provider''s answer for a claimed refund.';
revoke execute on function private.record_refund_result(uuid, text, text, text) from public, anon, authenticated, service_role;
grant execute on function private.record_refund_result(uuid, text, text, text) to service_role;

create or replace function public.record_refund_result(refund_id uuid, provider_refund_id text, status text, error text default null)
returns public.refunds
language sql
volatile
security invoker
set search_path = ''
set timezone to 'UTC'
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
  select * from private.record_refund_result(record_refund_result.refund_id, record_refund_result.provider_refund_id,
                                             record_refund_result.status, record_refund_result.error)
$$;

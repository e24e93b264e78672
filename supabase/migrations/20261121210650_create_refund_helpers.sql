-- Shared internals of refunds (issue 5), used by handle_stripe_event (20261121210700), the
-- cancellation trigger (20261121210750) and request_refund (20261121210800):
--   private.refundable_amount   what can still be refunded of a payment
--   private.insert_refund       a new requested refund (amount rounded DOWN to the currency)
--   private.sync_amount_refunded  payments.amount_refunded := sum of succeeded refunds
--   private.kick_process_refunds  best-effort immediate call of the process-refunds function
-- None is granted to an API role: only the definer functions (owner postgres) call them.

create function private.refundable_amount(p_tenant_id uuid, p_payment_id uuid)
returns numeric
language sql
stable
set search_path = ''
as $$
  /**
   * What can still be refunded of a payment: its amount minus every refund that is not failed
   * (requested, processing, submitted, succeeded). 0 for a payment that did not succeed.
   * Example: select private.refundable_amount(tenant_id, payment_id);
   */
  select case when p.status = 'succeeded' then
           p.amount - coalesce((select pg_catalog.sum(r.amount) from public.refunds as r
                                 where r.tenant_id = p.tenant_id and r.payment_id = p.id and r.status <> 'failed'), 0)
         else 0 end
  from public.payments as p
  where p.tenant_id = p_tenant_id and p.id = p_payment_id
$$;
comment on function private.refundable_amount(uuid, uuid) is
  'Amount of a succeeded payment not yet refunded or on its way back (all refunds except failed ones count); 0 unless succeeded.';
revoke execute on function private.refundable_amount(uuid, uuid) from public, anon, authenticated, service_role;

create function private.insert_refund(
  p_payment public.payments, p_amount numeric, p_reason text, p_requested_by uuid, p_note text)
returns uuid
language plpgsql
volatile
set search_path = ''
as $$
/**
 * Inserts a requested refund of p_amount (rounded DOWN to the currency's decimals) for the
 * payment; nothing when that is not positive. The caller locks the payment first and checks
 * the amount against private.refundable_amount.
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
  insert into public.refunds (tenant_id, payment_id, appointment_id, patient_id, amount, currency, amount_minor,
                              reason, note, status, requested_by)
  values (p_payment.tenant_id, p_payment.id, p_payment.appointment_id, p_payment.patient_id, v_amount, p_payment.currency,
          private.to_minor_units(v_amount, p_payment.currency), p_reason, p_note, 'requested', p_requested_by)
  returning id into v_id;
  return v_id;
end
$$;
comment on function private.insert_refund(public.payments, numeric, text, uuid, text) is
  'Inserts a requested refund for a payment (amount truncated to the currency''s decimals; nothing when not positive) and returns its id.';
revoke execute on function private.insert_refund(public.payments, numeric, text, uuid, text) from public, anon, authenticated, service_role;

create function private.sync_amount_refunded(p_tenant_id uuid, p_payment_id uuid)
returns void
language sql
volatile
set search_path = ''
as $$
  /**
   * payments.amount_refunded := the sum of the payment's succeeded refunds (at most its amount).
   * Example: select private.sync_amount_refunded(tenant_id, payment_id);
   */
  update public.payments as p
     set amount_refunded = s.total
    from (select least(coalesce(pg_catalog.sum(r.amount) filter (where r.status = 'succeeded'), 0),
                                  (select x.amount from public.payments as x where x.tenant_id = p_tenant_id and x.id = p_payment_id)) as total
          from public.refunds as r
          where r.tenant_id = p_tenant_id and r.payment_id = p_payment_id) as s
   where p.tenant_id = p_tenant_id and p.id = p_payment_id
     and p.amount_refunded is distinct from s.total
$$;
comment on function private.sync_amount_refunded(uuid, uuid) is
  'Sets payments.amount_refunded to the sum of the payment''s succeeded refunds.';
revoke execute on function private.sync_amount_refunded(uuid, uuid) from public, anon, authenticated, service_role;

create function private.kick_process_refunds()
returns void
language plpgsql
volatile
set search_path = ''
as $$
/**
 * Asks the process-refunds Edge Function to run now (private.invoke_edge_function, sent after
 * commit by pg_net), so a new refund goes out right away; the process-refunds cron job is the
 * backstop. Best effort: any error becomes a notice, so the statement that created the refund
 * (e.g. a cancellation) never fails because of it.
 */
begin
  perform private.invoke_edge_function('process-refunds');
exception when others then
  raise notice 'process-refunds was not invoked (%); the cron job will send the refund', sqlerrm;
end
$$;
comment on function private.kick_process_refunds() is
  'Best-effort immediate invocation of the process-refunds Edge Function after a refund was created (errors become notices; the cron job is the backstop).';
revoke execute on function private.kick_process_refunds() from public, anon, authenticated, service_role;

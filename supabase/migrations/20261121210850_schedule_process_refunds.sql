-- The pg_cron job `process-refunds` (issue 5): every minute, when a refund is waiting to go to
-- Stripe (requested and due, or processing with an ended lease), the process-refunds Edge
-- Function is invoked through pg_net (private.invoke_edge_function, 20261121205000). It is the
-- backstop: new refunds already invoke the function right away (private.kick_process_refunds).
-- Nothing is sent when nothing is due, so an idle project makes no requests.
-- cron.schedule with a name is an upsert, so re-running this migration keeps one job.

create extension if not exists pg_cron with schema pg_catalog;

create function private.process_refunds_when_due()
returns bigint
language plpgsql
volatile
set search_path = ''
as $$
/**
 * Invokes the process-refunds Edge Function when some refund can be claimed now (what
 * public.claim_refunds would take). Run by pg_cron every minute as postgres.
 *
 * Returns: the pg_net request id, or null when nothing is due (or the Vault secrets are missing).
 * Example: select private.process_refunds_when_due();
 */
begin
  if not exists (select 1 from public.refunds as r where r.status = 'requested' and r.next_attempt_at <= pg_catalog.now())
     and not exists (select 1 from public.refunds as r where r.status = 'processing' and r.claimed_until < pg_catalog.now()) then
    return null;
  end if;
  return private.invoke_edge_function('process-refunds');
end
$$;
comment on function private.process_refunds_when_due() is
  'pg_cron job process-refunds (every minute): invokes the process-refunds Edge Function when a refund is due (requested and due, or processing with an ended lease).';
revoke execute on function private.process_refunds_when_due() from public, anon, authenticated, service_role;

select cron.schedule('process-refunds', '* * * * *', 'select private.process_refunds_when_due()');

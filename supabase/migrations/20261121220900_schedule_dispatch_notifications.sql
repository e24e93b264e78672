-- The pg_cron job `dispatch-notifications` (issue 5, notifications): every minute, when a
-- notification is due (queued and due, or sending with an expired lease), the
-- dispatch-notifications Edge Function is invoked through private.invoke_edge_function
-- (20261121205000; pg_net + Vault secrets project_url and service_role_key). Nothing is posted
-- when nothing is due. cron.schedule with a name is an upsert: re-running keeps one job.

create extension if not exists pg_cron with schema pg_catalog;

create function private.dispatch_due_notifications()
returns bigint
language plpgsql
volatile
set search_path = ''
as $$
/**
 * Invokes the dispatch-notifications Edge Function when at least one notification is due.
 * Run by pg_cron every minute as postgres.
 *
 * Returns: the pg_net request id; null when nothing is due or the Vault secrets are missing.
 * Example: select private.dispatch_due_notifications();
 */
begin
  if exists (select 1 from public.notifications as n
             where n.status = 'queued' and n.send_after <= pg_catalog.now()
               and (n.next_attempt_at is null or n.next_attempt_at <= pg_catalog.now()))
     or exists (select 1 from public.notifications as n
                where n.status = 'sending' and n.claimed_until < pg_catalog.now()) then
    return private.invoke_edge_function('dispatch-notifications');
  end if;
  return null;
end
$$;
comment on function private.dispatch_due_notifications() is
  'pg_cron job dispatch-notifications (every minute): invokes the dispatch-notifications Edge Function when a notification is due; null otherwise.';
revoke execute on function private.dispatch_due_notifications() from public, anon, authenticated, service_role;

select cron.schedule('dispatch-notifications', '* * * * *', 'select private.dispatch_due_notifications()');

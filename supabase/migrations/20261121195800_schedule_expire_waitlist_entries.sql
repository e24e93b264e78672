-- The pg_cron job `expire-waitlist-entries` (issue 4, part 2: waitlist): every 5 minutes,
-- waiting entries whose window is over (latest <= now()) become expired, so staff lists and the
-- patient app show them as closed. Offered entries are left to their offer: when it ends, the
-- entry goes to expired instead of waiting if its window is over by then (20261121195600).
-- cron.schedule with a name is an upsert, so re-running this migration keeps one job.

create extension if not exists pg_cron with schema pg_catalog;

create function private.expire_waitlist_entries()
returns integer
language sql
volatile
set search_path = ''
as $$
  /**
   * Marks every waiting entry whose window is over as expired, in every tenant. Run by pg_cron
   * every 5 minutes as postgres.
   * Returns: how many entries expired.
   * Example: select private.expire_waitlist_entries();
   */
  with expired as (
    update public.waitlist_entries as e
       set status = 'expired'
     where e.status = 'waiting' and e.latest <= pg_catalog.now()
    returning 1
  )
  select pg_catalog.count(*)::integer from expired
$$;
comment on function private.expire_waitlist_entries() is
  'pg_cron job expire-waitlist-entries (every 5 minutes): waiting waitlist entries whose window is over become expired.';
revoke execute on function private.expire_waitlist_entries() from public, anon, authenticated, service_role;

select cron.schedule('expire-waitlist-entries', '*/5 * * * *', 'select private.expire_waitlist_entries()');

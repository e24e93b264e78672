-- The pg_cron job `expire-appointment-holds`: every minute, pending appointments whose hold has
-- expired (hold_expires_at <= now()) are cancelled with reason hold_expired, freeing their time
-- (issue 4). Booking also releases an expired hold that overlaps the requested time, so a slot
-- never waits for the job.
-- cron.schedule with a name is an upsert, so re-running this migration keeps one job.

create extension if not exists pg_cron with schema pg_catalog;

create function private.expire_appointment_holds()
returns integer
language sql
volatile
set search_path = ''
as $$
  /**
   * Cancels every expired hold in every tenant (reason hold_expired, cancelled_by null, history
   * actor = the job's database role). Run by pg_cron every minute as postgres.
   * Returns: how many holds were released.
   * Example: select private.expire_appointment_holds();
   */
  select private.release_expired_holds(null, null)
$$;
comment on function private.expire_appointment_holds() is
  'pg_cron job expire-appointment-holds (every minute): cancels pending appointments past hold_expires_at with reason hold_expired.';
revoke execute on function private.expire_appointment_holds() from public, anon, authenticated, service_role;

select cron.schedule('expire-appointment-holds', '* * * * *', 'select private.expire_appointment_holds()');

-- The pg_cron job expire-waitlist-entries (every 5 minutes): waiting entries whose window is
-- over (latest <= now()) become expired; entries still in their window, offered and closed ones
-- are left alone.
begin;
select plan(4);

-- SETUP
select tests.create_waitlist_fixtures();
select tests.insert_waitlist_entry('over', 'patient_a', 'appt_checkup', now() - interval '3 days', now() - interval '1 minute');
select tests.insert_waitlist_entry('ends_now', 'patient_a_2', 'appt_checkup', now() - interval '3 days', now());
select tests.insert_waitlist_entry('open', 'patient_a_3', 'appt_checkup', now() - interval '3 days', now() + interval '1 day');
select tests.insert_waitlist_entry('left', 'patient_a_walk_in', 'appt_checkup', now() - interval '3 days', now() - interval '1 minute');
update public.waitlist_entries set status = 'cancelled' where id = tests.tenancy_id('left');

-- TEST
select is((select schedule from cron.job where jobname = 'expire-waitlist-entries'), '*/5 * * * *', 'the job runs every 5 minutes');
select is((select command from cron.job where jobname = 'expire-waitlist-entries'), 'select private.expire_waitlist_entries()', 'the job calls private.expire_waitlist_entries()');
select set_config('request.jwt.claims', '', true);
do $$ begin execute (select command from cron.job where jobname = 'expire-waitlist-entries'); end $$;
select results_eq(
  $$ select id, status::text from public.waitlist_entries order by created_at $$,
  $$ values (tests.tenancy_id('over'), 'expired'), (tests.tenancy_id('ends_now'), 'expired'), (tests.tenancy_id('open'), 'waiting'), (tests.tenancy_id('left'), 'cancelled') $$,
  'waiting entries whose window is over expire; the others keep their status');
select is(private.expire_waitlist_entries(), 0, 'running it again changes nothing');

select * from finish();
rollback;

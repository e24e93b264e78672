-- The pg_cron job dispatch-notifications runs every minute and posts to the
-- dispatch-notifications Edge Function (private.invoke_edge_function: pg_net + Vault) only when
-- a notification is due - queued and due, or sending with an expired lease.
begin;
select plan(5);

-- SETUP
select tests.create_notification_fixtures();
select vault.create_secret('http://127.0.0.1:54321', 'project_url', 'test');
select vault.create_secret('test-service-role-key', 'service_role_key', 'test');
update public.tenants set reminder_offsets = '{}' where id = tests.tenancy_id('tenant_a');

-- TEST
select results_eq($$ select schedule, command from cron.job where jobname = 'dispatch-notifications' $$,
  $$ values ('* * * * *'::text, 'select private.dispatch_due_notifications()'::text) $$, 'the job runs every minute');
select is(private.dispatch_due_notifications(), null, 'nothing due: nothing is posted');
select tests.insert_appointment('visit', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));
select isnt(private.dispatch_due_notifications(), null, 'a due message: the function is invoked');
select results_eq($$ select url, headers ->> 'Authorization' from net.http_request_queue where url like '%dispatch-notifications' $$,
  $$ values ('http://127.0.0.1:54321/functions/v1/dispatch-notifications', 'Bearer test-service-role-key') $$,
  'with the project URL and the service role key from Vault');
update public.notifications set status = 'sending', attempts = 1, claimed_until = now() - interval '1 second';
delete from net.http_request_queue;
select isnt(private.dispatch_due_notifications(), null, 'a claim whose lease expired also triggers a dispatch');

select * from finish();
rollback;

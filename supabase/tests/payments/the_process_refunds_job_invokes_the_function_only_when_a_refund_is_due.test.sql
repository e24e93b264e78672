-- The pg_cron job process-refunds runs every minute and invokes the process-refunds Edge
-- Function (pg_net, URL and key from Vault) only when a refund can be claimed: requested and
-- due, or processing with an ended lease. A new refund (here: a cancellation) invokes the
-- function at once; without the Vault secrets nothing is sent and nothing fails.
begin;
select plan(8);

-- SETUP
select tests.create_payment_fixtures();
select tests.insert_appointment('paid', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));
select tests.insert_payment('pay', 'paid', 'succeeded');

-- TEST
select results_eq($$ select schedule, command from cron.job where jobname = 'process-refunds' $$,
  $$ values ('* * * * *', 'select private.process_refunds_when_due()') $$, 'the job runs every minute');
select lives_ok($$ update public.appointments set status = 'cancelled', cancellation_reason = 'ops',
                   cancellation_outcome = '{"by": "system", "late": false, "fee": 0, "currency": "GBP", "payment_required": true}'
                   where id = tests.tenancy_id('paid') $$,
  'without the Vault secrets a cancellation with a refund still succeeds (nothing is sent)');
select vault.create_secret('http://127.0.0.1:54321', 'project_url');
select vault.create_secret('test-service-role-key', 'service_role_key');
update public.refunds set next_attempt_at = now() + interval '5 minutes';
select is(private.process_refunds_when_due(), null, 'a refund waiting for its backoff is not due: nothing is sent');
update public.refunds set next_attempt_at = now() - interval '1 second';
select isnt(private.process_refunds_when_due(), null, 'a due refund: the function is invoked');
select results_eq($$ select method::text, url, headers ->> 'Authorization' from net.http_request_queue order by id desc limit 1 $$,
  $$ values ('POST', 'http://127.0.0.1:54321/functions/v1/process-refunds', 'Bearer test-service-role-key') $$,
  'a POST to the process-refunds function with the service_role key');
update public.refunds set status = 'processing', claimed_until = now() + interval '1 minute';
select is(private.process_refunds_when_due(), null, 'a refund a worker holds (lease running) is not due');
update public.refunds set claimed_until = now() - interval '1 second';
select isnt(private.process_refunds_when_due(), null, 'a refund whose lease ended is due again (crash recovery)');

-- TEST: a new refund invokes the function right away
select tests.insert_appointment('paid_2', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(3, '12:00'));
select tests.insert_payment('pay_2', 'paid_2', 'succeeded');
create temporary table queued_before on commit drop as select count(*) as n from net.http_request_queue;
select tests.authenticate_as('patient');
select public.cancel_appointment(tests.tenancy_id('paid_2'), 'patient_request');
reset role;
select is((select count(*) from net.http_request_queue) - (select n from queued_before), 1::bigint,
  'cancelling a paid appointment queues one call of process-refunds at once');

select * from finish();
rollback;

-- record_notification_result 'retry' puts a message back in the queue with next_attempt_at =
-- now() + 1, 2, 4, 8 ... minutes (capped at 1 hour) and parks it once attempts reached
-- max_attempts (default 5); a retried message is not claimed before its next attempt time.
begin;
select plan(9);

-- SETUP
select tests.create_notification_fixtures();
update public.tenants set reminder_offsets = '{}' where id = tests.tenancy_id('tenant_a');
select tests.insert_appointment('visit', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));
create temporary table backoff (attempt integer, status text, next_in interval);
grant all on backoff to service_role;

-- TEST
select tests.authenticate_as_service_role();
select is(public.record_notification_result((select id from public.claim_notifications()), 'retry', null, null, 'twilio 503'),
  'queued'::public.notification_status, 'a retryable failure goes back to the queue');
select is_empty($$ select * from public.claim_notifications() $$, 'it is not claimed before its next attempt time');
reset role;
insert into backoff select attempts, status, next_attempt_at - now() from tests.notifications_of('visit');
do $$
begin
  for i in 2 .. 5 loop
    perform tests.make_notifications_due();
    perform set_config('role', 'service_role', true);
    perform public.record_notification_result((select id from public.claim_notifications()), 'retry', null, null, 'twilio 503');
    perform set_config('role', 'postgres', true);
    insert into backoff select attempts, status, next_attempt_at - now() from tests.notifications_of('visit');
  end loop;
end
$$;
select results_eq($$ select attempt, status, next_in from backoff where attempt <= 4 order by attempt $$,
  $$ values (1, 'queued', interval '1 minute'), (2, 'queued', interval '2 minutes'), (3, 'queued', interval '4 minutes'), (4, 'queued', interval '8 minutes') $$,
  'the backoff doubles: 1, 2, 4, 8 minutes');
select results_eq($$ select status::text, attempts, last_error, claimed_until from tests.notifications_of('visit') $$,
  $$ values ('parked', 5, 'gave up after 5 attempts: twilio 503', null::timestamptz) $$,
  'the fifth failure parks it with the reason');
select tests.make_notifications_due();
select tests.authenticate_as_service_role();
select is_empty($$ select * from public.claim_notifications() $$, 'a parked message is never claimed again');
reset role;

-- TEST: the cap
update public.notifications set status = 'queued', attempts = 9, max_attempts = 20, last_error = null where appointment_id = tests.tenancy_id('visit');
select tests.authenticate_as_service_role();
select is(public.record_notification_result((select id from public.claim_notifications()), 'retry', null, null, null),
  'queued'::public.notification_status, 'the tenth attempt is retried too (max_attempts 20)');
reset role;
select results_eq($$ select next_attempt_at - now(), last_error from tests.notifications_of('visit') $$,
  $$ values (interval '1 hour', 'unknown error') $$, 'the backoff is capped at 1 hour; a missing error is recorded as unknown');

-- TEST: permanent failure
update public.notifications set next_attempt_at = null where appointment_id = tests.tenancy_id('visit');
select tests.authenticate_as_service_role();
select is(public.record_notification_result((select id from public.claim_notifications()), 'failed', 'twilio', null, '21610 unsubscribed recipient'),
  'parked'::public.notification_status, 'a permanent failure parks at once');
reset role;
select results_eq($$ select status::text, attempts, last_error from tests.notifications_of('visit') $$,
  $$ values ('parked', 11, '21610 unsubscribed recipient') $$, 'with the provider''s reason');

select * from finish();
rollback;

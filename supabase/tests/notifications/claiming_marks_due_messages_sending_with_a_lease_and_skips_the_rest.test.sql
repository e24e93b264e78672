-- claim_notifications takes due messages only (queued with send_after and next_attempt_at
-- passed), oldest send_after first, at most max_count, resolves the recipient, renders the text
-- and marks them sending with attempts + 1 and claimed_until = now() + lease; rows being sent
-- (lease running) and future rows are left alone. It locks with `for update skip locked`, so
-- concurrent dispatchers skip each other's rows instead of waiting or sending twice.
begin;
select plan(9);

-- SETUP
select tests.create_notification_fixtures();
select tests.insert_appointment('visit', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));

-- TEST
select tests.authenticate_as_service_role();
select results_eq(
  $$ select id, tenant_id, kind::text, channel::text, recipient, subject, attempts, dedupe_key
       from public.claim_notifications(10, '2 minutes') $$,
  $$ select id, tenant_id, 'booking_confirmed', 'sms', '+447700900101', null::text, 1, 'booking_confirmed:' || tests.tenancy_id('visit')
       from tests.notifications_of('visit') where kind = 'booking_confirmed' $$,
  'only the due confirmation is claimed, addressed to the patient''s phone, without a subject (sms)');
reset role;
select results_eq(
  $$ select status::text, attempts, claimed_until, language::text, body like 'Alpha Clinics: your Check-up is booked for %' from tests.notifications_of('visit') where kind = 'booking_confirmed' $$,
  $$ values ('sending', 1, now() + interval '2 minutes', 'en', true) $$,
  'the claimed row is sending with a lease, its language and rendered body stored');
select tests.authenticate_as_service_role();
select is_empty($$ select * from public.claim_notifications() $$, 'claiming again returns nothing: the lease runs and the reminders are not due');
reset role;
select is((select array_agg(distinct status::text) from tests.notifications_of('visit') where kind = 'reminder'), array['queued'],
  'future reminders stay queued');

select tests.make_notifications_due();
select tests.authenticate_as_service_role();
select is((select count(*)::integer from public.claim_notifications(1)), 1, 'max_count limits the batch');
select is((select count(*)::integer from public.claim_notifications(5)), 1, 'the next call takes the rest');
reset role;

select throws_ok($$ select * from public.claim_notifications(0) $$, '22023', 'max_count must be between 1 and 1000',
  'max_count below 1 is refused');
select throws_ok($$ select * from public.claim_notifications(10, '0 seconds') $$, '22023', 'lease must be between 1 second and 1 hour',
  'a lease of zero is refused');
select matches(pg_get_functiondef('private.claim_notifications(integer, interval, boolean)'::regprocedure),
  'for update of n skip locked', 'rows are locked with for update skip locked (concurrent dispatchers skip each other''s rows)');

select * from finish();
rollback;

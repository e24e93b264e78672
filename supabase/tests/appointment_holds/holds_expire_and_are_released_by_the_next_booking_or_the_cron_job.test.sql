-- A payment-required service books a pending hold with hold_expires_at = now() + the tenant's
-- payment_hold_duration; an expired overlapping hold is released (cancelled, hold_expired) by the
-- next booking of that time; the expire-appointment-holds job's command expires the others.
begin;
select plan(8);

-- SETUP
select tests.create_appointment_fixtures();
select tests.authenticate_as('patient');

-- TEST: pending with expiry
select results_eq(
  $$ select status::text, hold_expires_at = now() + interval '15 minutes'
       from public.book_appointment(tests.tenancy_id('appt_paid'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                    tests.appointment_slot(2, '10:00')) $$,
  $$ values ('pending', true) $$, 'a payment-required booking is a pending hold expiring after the tenant''s payment hold');
select tests.authenticate_as('a_patient_2');
select throws_ok(
  $$ select public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                    tests.appointment_slot(2, '10:00')) $$,
  'PT409', 'That time is no longer available', 'a live hold occupies the time');

-- TEST: an expired hold is released by the next booking
reset role;
update public.appointments set hold_expires_at = now() - interval '1 second' where status = 'pending';
select tests.authenticate_as('a_patient_2');
select results_eq(
  $$ select status::text from public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                    tests.appointment_slot(2, '10:00')) $$,
  $$ values ('booked') $$, 'the next booking of the time succeeds');
reset role;
select results_eq(
  $$ select status::text, cancellation_reason, hold_expires_at is null from public.appointments where patient_id = tests.tenancy_id('patient_a') $$,
  $$ values ('cancelled', 'hold_expired', true) $$, 'the expired hold was cancelled with reason hold_expired');
select results_eq(
  $$ select h.actor_user_id, h.actor_role, a.cancellation_outcome->>'currency'
       from public.appointment_status_history as h
       join public.appointments as a on a.tenant_id = h.tenant_id and a.id = h.appointment_id
      where a.patient_id = tests.tenancy_id('patient_a') and h.to_status = 'cancelled' $$,
  $$ values (null::uuid, 'system', 'GBP') $$,
  'the release is recorded as the system''s, not as the other patient''s, with the service''s currency');

-- TEST: the cron job
select tests.insert_appointment('hold_2', 'appt_paid', 'clinician_a_visiting', 'patient_a_walk_in', tests.appointment_slot(4, '10:00'), 'pending');
select tests.insert_appointment('hold_3', 'appt_paid', 'clinician_a_visiting', 'patient_a_walk_in', tests.appointment_slot(4, '12:00'), 'pending');
update public.appointments set hold_expires_at = now() - interval '1 minute' where id = tests.tenancy_id('hold_2');
select is((select schedule from cron.job where jobname = 'expire-appointment-holds'), '* * * * *', 'the job runs every minute');
-- as pg_cron runs it: postgres, no API request
select set_config('request.jwt.claims', '', true), set_config('request.jwt.claim.sub', '', true);
do $$ begin execute (select command from cron.job where jobname = 'expire-appointment-holds'); end $$;
select results_eq(
  $$ select id, status::text from public.appointments where id in (tests.tenancy_id('hold_2'), tests.tenancy_id('hold_3')) order by starts_at $$,
  $$ values (tests.tenancy_id('hold_2'), 'cancelled'), (tests.tenancy_id('hold_3'), 'pending') $$,
  'the job''s command cancels the expired hold and keeps the live one');
select results_eq(
  $$ select reason, actor_role from public.appointment_status_history where appointment_id = tests.tenancy_id('hold_2') and to_status = 'cancelled' $$,
  $$ values ('hold_expired', 'system') $$, 'the history records the expiry as the system''s');

select * from finish();
rollback;

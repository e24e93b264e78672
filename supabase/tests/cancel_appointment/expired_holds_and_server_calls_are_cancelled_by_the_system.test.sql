-- Cancellations without a signed-in user are the system's: the expire-appointment-holds job
-- cancels an expired hold with reason hold_expired, cancelled_by null and cancellation_outcome
-- {by: system, late: false, fee: 0}; cancel_appointment called by service_role records by:
-- system, no cancelled_by and no fee, and the history names the database role as actor.
begin;
select plan(5);

-- SETUP
select tests.create_appointment_fixtures();
select tests.insert_appointment('hold', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'), 'pending');
select tests.insert_appointment('scan', 'appt_scan', 'clinician_a', 'patient_a_2', date_trunc('minute', now()) + interval '30 hours');
update public.appointments set hold_expires_at = now() - interval '1 minute' where id = tests.tenancy_id('hold');

-- TEST: the job (as pg_cron runs it: postgres, no API request)
select set_config('request.jwt.claims', '', true), set_config('request.jwt.claim.sub', '', true);
do $$ begin execute (select command from cron.job where jobname = 'expire-appointment-holds'); end $$;
select results_eq(
  $$ select status::text, cancellation_reason, cancelled_by, cancelled_at = now(),
            cancellation_outcome ->> 'by', (cancellation_outcome ->> 'late')::boolean, (cancellation_outcome ->> 'fee')::numeric
       from public.appointments where id = tests.tenancy_id('hold') $$,
  $$ values ('cancelled', 'hold_expired', null::uuid, true, 'system', false, 0::numeric) $$,
  'the job cancels the expired hold: reason hold_expired, no user, by system, not late, no fee');
select results_eq($$ select from_status, to_status, actor_user_id, actor_role, reason from tests.history_of('hold') offset 1 $$,
  $$ values ('pending', 'cancelled', null::uuid, 'system', 'hold_expired') $$, 'the history names the system as the actor of an expiry');

-- TEST: service_role
select tests.authenticate_as_service_role();
select results_eq(
  $$ select status::text, cancelled_by, cancellation_outcome from public.cancel_appointment(tests.tenancy_id('scan'), 'clinic_closed') $$,
  $$ values ('cancelled', null::uuid, '{"by": "system", "late": true, "fee": 0, "currency": "GBP", "payment_required": false}'::jsonb) $$,
  'service_role cancels a scan inside its window: by system, no user, no fee');
reset role;
select results_eq($$ select from_status, to_status, actor_user_id, actor_role, reason from tests.history_of('scan') offset 1 $$,
  $$ values ('booked', 'cancelled', null::uuid, 'service_role', 'clinic_closed') $$, 'the history names service_role');
select is((select count(*)::integer from public.appointments where tenant_id = tests.tenancy_id('tenant_a') and status <> 'cancelled'), 0,
  'both are cancelled');

select * from finish();
rollback;

-- Crash recovery: a dispatcher that dies between claim and result leaves the row 'sending';
-- once its lease (claimed_until) has run out the row is claimed again (attempts + 1) - nothing is
-- lost. A row that used up max_attempts that way is parked instead.
begin;
select plan(5);

-- SETUP
select tests.create_notification_fixtures();
update public.tenants set reminder_offsets = '{}' where id = tests.tenancy_id('tenant_a');
select tests.insert_appointment('visit', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));
select tests.insert_appointment('visit_2', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(3, '12:00'));

-- TEST
select tests.authenticate_as_service_role();
select is((select count(*)::integer from public.claim_notifications(10, '1 second')), 2, 'both confirmations are claimed (then the dispatcher "crashes")');
select is_empty($$ select * from public.claim_notifications(10) $$, 'while the lease runs nobody else gets them');
reset role;
-- the lease runs out (a later transaction would see claimed_until < now())
update public.notifications set claimed_until = now() - interval '1 second' where appointment_id = tests.tenancy_id('visit');
update public.notifications set claimed_until = now() - interval '1 second', attempts = 5 where appointment_id = tests.tenancy_id('visit_2');
select tests.authenticate_as_service_role();
select results_eq($$ select id, attempts from public.claim_notifications(10) $$,
  $$ select id, 2 from tests.notifications_of('visit') $$,
  'the expired claim is claimed again, counting a second attempt');
reset role;
select results_eq($$ select status::text, claimed_until > now() from tests.notifications_of('visit') $$,
  $$ values ('sending', true) $$, 'it is sending again under a new lease');
select results_eq($$ select status::text, last_error, claimed_until from tests.notifications_of('visit_2') $$,
  $$ values ('parked', 'gave up after 5 attempts (the last claim expired without a result)', null::timestamptz) $$,
  'an expired claim that used all its attempts is parked, not sent again');

select * from finish();
rollback;

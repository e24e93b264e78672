-- The visit itself: the front desk marks the patient arrived and checked in, the clinician
-- completes the visit (fulfilled). Each RPC returns the appointment in its new status, each step
-- is one history row with the actor, and the visit keeps its time, rooms and equipment (a
-- fulfilled visit still occupies its time).
begin;
select plan(7);

-- SETUP: a scan that started ten minutes ago, with its ultrasound
select tests.create_appointment_fixtures();
select tests.insert_appointment('visit', 'appt_scan', 'clinician_a', 'patient_a', date_trunc('minute', now()) - interval '10 minutes');
insert into public.appointment_resources (tenant_id, appointment_id, resource_id, occupied, active)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('visit'), tests.tenancy_id('resource_a1_ultrasound'), 'empty', true);

-- TEST
select tests.authenticate_as('a_front_desk');
select results_eq($$ select id, status::text from public.mark_arrived(tests.tenancy_id('visit')) $$,
  $$ values (tests.tenancy_id('visit'), 'arrived') $$, 'the front desk marks the patient arrived');
select results_eq($$ select status::text from public.check_in_appointment(tests.tenancy_id('visit')) $$,
  $$ values ('checked_in') $$, 'and checks them in');
select tests.authenticate_as('a_clinician');
select results_eq($$ select status::text from public.complete_appointment(tests.tenancy_id('visit')) $$,
  $$ values ('fulfilled') $$, 'the clinician completes the visit');

reset role;
select results_eq($$ select from_status, to_status, actor_user_id, actor_role, reason from tests.history_of('visit') offset 1 $$,
  $$ values ('booked', 'arrived', tests.get_supabase_uid('a_front_desk'), 'staff', null::text),
            ('arrived', 'checked_in', tests.get_supabase_uid('a_front_desk'), 'staff', null),
            ('checked_in', 'fulfilled', tests.get_supabase_uid('a_clinician'), 'staff', null) $$,
  'each step is a history row with its actor (the clinician counts as staff)');
select results_eq($$ select starts_at_before = starts_at_after, ends_at_before = ends_at_after from public.appointment_status_history
                      where appointment_id = tests.tenancy_id('visit') and from_status is not null $$,
  $$ values (true, true), (true, true), (true, true) $$, 'no step moves the appointment');
select is((select active from public.appointment_resources where appointment_id = tests.tenancy_id('visit')), true,
  'the ultrasound stays allocated through the visit (fulfilled still occupies its time)');
select throws_ok($$ select tests.insert_appointment('overlap', 'appt_checkup', 'clinician_a', 'patient_a_2', date_trunc('minute', now())) $$,
  '23P01', null, 'the clinician''s time of a fulfilled visit cannot be booked again');

select * from finish();
rollback;

-- mark_no_show only after the appointment's start: before it, PT409 with a hint; after it, a
-- booked or arrived appointment becomes noshow, with a history row, and stops occupying its
-- time and its resources.
begin;
select plan(7);

-- SETUP
select tests.create_appointment_fixtures();
select tests.insert_appointment('future', 'appt_checkup', 'clinician_a_2', 'patient_a', date_trunc('minute', now()) + interval '5 minutes');
select tests.insert_appointment('started', 'appt_scan', 'clinician_a', 'patient_a_2', date_trunc('minute', now()) - interval '5 minutes');
select tests.insert_appointment('arrived', 'appt_checkup', 'clinician_a_visiting', 'patient_a_walk_in', date_trunc('minute', now()) - interval '20 minutes', 'arrived');
insert into public.appointment_resources (tenant_id, appointment_id, resource_id, occupied, active)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('started'), tests.tenancy_id('resource_a1_ultrasound'), 'empty', true);

-- TEST: before the start
select tests.authenticate_as('a_front_desk');
select is(tests.error_of($$ select public.mark_no_show(tests.tenancy_id('future')) $$),
  array['PT409', 'an appointment cannot be marked no-show before it starts', 'Mark no-show after the start time.'],
  'five minutes before the start a no-show is PT409 with a hint');
reset role;
select is((select status::text from public.appointments where id = tests.tenancy_id('future')), 'booked', 'and the appointment stays booked');

-- TEST: after the start
select tests.authenticate_as('a_front_desk');
select results_eq($$ select status::text from public.mark_no_show(tests.tenancy_id('started')) $$, $$ values ('noshow') $$,
  'five minutes after the start the front desk marks a booked appointment no-show');
select tests.authenticate_as('a_clinician');
select throws_ok($$ select public.mark_no_show(tests.tenancy_id('arrived')) $$, 'PT403', 'you may not mark this appointment noshow',
  'a clinician may not mark another clinician''s patient');
select tests.authenticate_as('a_front_desk');
select results_eq($$ select status::text from public.mark_no_show(tests.tenancy_id('arrived')) $$, $$ values ('noshow') $$,
  'an arrived patient who left can be marked no-show too');

reset role;
select results_eq($$ select from_status, to_status, actor_user_id, actor_role from tests.history_of('started') offset 1 $$,
  $$ values ('booked', 'noshow', tests.get_supabase_uid('a_front_desk'), 'staff') $$, 'the history records the no-show and who marked it');
select is((select active from public.appointment_resources where appointment_id = tests.tenancy_id('started')), false,
  'a no-show releases its ultrasound');

select * from finish();
rollback;

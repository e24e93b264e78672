-- join_waitlist window validation: missing arguments, latest not after earliest, a window longer
-- than 90 days and a window that is already over are 22023 with a message and hint; a window
-- that began in the past but ends in the future, and one of exactly 90 days, are fine. A refused
-- call writes nothing.
begin;
select plan(9);

-- SETUP
select tests.create_waitlist_fixtures();
select tests.authenticate_as('patient');

-- TEST
select throws_ok($$ select public.join_waitlist(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), null, now() + interval '1 day') $$,
  '22023', 'service_id, centre_id, earliest and latest are required', 'earliest is required');
select throws_ok($$ select public.join_waitlist(null, tests.tenancy_id('centre_a1'), now(), now() + interval '1 day') $$,
  '22023', 'service_id, centre_id, earliest and latest are required', 'service_id is required');
select throws_ok($$ select public.join_waitlist(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), now() + interval '2 days', now() + interval '2 days') $$,
  '22023', 'latest must be after earliest', 'an empty window is refused');
select is(tests.error_details_of($$ select public.join_waitlist(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), now() + interval '2 days', now() + interval '1 day') $$),
  '{"code": "22023", "message": "latest must be after earliest", "hint": "Pass the window as earliest < latest."}'::jsonb, 'a reversed window is refused with a hint');
select throws_ok($$ select public.join_waitlist(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), now(), now() + interval '90 days 1 minute') $$,
  '22023', 'the window can be at most 90 days long', 'a window longer than 90 days is refused');
select throws_ok($$ select public.join_waitlist(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), now() - interval '2 days', now()) $$,
  '22023', 'the window is already over', 'a window that is over is refused');
select results_eq($$ select latest - earliest from public.join_waitlist(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), now(), now() + interval '90 days') $$,
  $$ values (interval '90 days') $$, 'a window of exactly 90 days is accepted');
select results_eq($$ select status::text from public.join_waitlist(tests.tenancy_id('appt_video'), tests.tenancy_id('centre_a1'), now() - interval '1 day', now() + interval '1 day') $$,
  $$ values ('waiting') $$, 'a window that is already open is accepted');
reset role;
select is((select count(*)::integer from public.waitlist_entries), 2, 'only the two valid joins wrote entries');

select * from finish();
rollback;

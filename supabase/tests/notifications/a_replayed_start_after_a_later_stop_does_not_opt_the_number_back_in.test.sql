-- Opt-outs and opt-ins are ordered by their own identity and time: a replayed event (the same
-- provider event id, e.g. a genuine Twilio START delivered again after a later STOP) changes
-- nothing, and an event older than the latest one of the address (a late delivery) is recorded
-- but does not undo it. Events without an id or time (staff) happen now, in the order they come.
begin;
select plan(14);

-- SETUP
select tests.create_notification_fixtures();
create temporary view opted_out as
  select exists (select 1 from private.notification_opt_outs where channel = 'sms' and address = '+447700900101') as yes;
grant select on opted_out to service_role;

-- TEST
select tests.authenticate_as_service_role();
select is(public.record_opt_out('sms', '+447700900101', 'sms_stop', 'SMstop1', null), true, 'STOP opts the number out');
select is(public.record_opt_in('sms', '+447700900101', 'SMstart2', null), true, 'START opts it back in');
select is(public.record_opt_out('sms', '+447700900101', 'sms_stop', 'SMstop3', null), true, 'a later STOP opts it out again');
select is(public.record_opt_in('sms', '+447700900101', 'SMstart2', null), false, 'the first START delivered again changes nothing');
select is((select yes from opted_out), true, 'the number stays opted out');
select is(public.record_opt_out('sms', '+447700900101', 'sms_stop', 'SMstop1', null), false, 'a replayed STOP changes nothing either');
select is(public.record_opt_in('sms', '+447700900101', 'SMstart4', now() - interval '1 hour'), false,
  'a START that happened before the latest STOP (delivered late) changes nothing');
select is((select yes from opted_out), true, 'the number is still opted out');
select is(public.record_opt_in('sms', '+447700900101', 'SMstart5', null), true, 'a new START opts it back in');
select is(public.record_opt_out('email', 'Ana.ES@example.com', 'email_complaint', 'msg_1', now() - interval '1 day'), true,
  'an e-mail complaint with its own time opts the address out');
select is(public.record_opt_in('email', 'ana.es@example.com', null, now() - interval '2 days'), false,
  'an opt-in from before the complaint does not undo it');
reset role;
select results_eq(
  $$ select event_id, count(*)::integer from private.notification_opt_events where event_id like 'SM%' group by event_id order by event_id $$,
  $$ values ('SMstart2', 1), ('SMstart4', 1), ('SMstart5', 1), ('SMstop1', 1), ('SMstop3', 1) $$,
  'each event is recorded once; replays are not recorded again');
select tests.authenticate_as_service_role();
select throws_ok($$ select public.record_opt_out('sms', '+447700900101', 'sms_stop', null, now() + interval '1 day') $$,
  '22023', 'occurred_at is in the future', 'an event from the future is refused');
select throws_ok($$ select public.record_opt_in('sms', '+447700900101', repeat('x', 201), null) $$,
  '22023', 'event_id must be at most 200 characters', 'an overlong event id is refused');
reset role;

select * from finish();
rollback;

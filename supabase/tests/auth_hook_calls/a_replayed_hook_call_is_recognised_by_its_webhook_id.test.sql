-- public.record_auth_hook_call records each Send SMS / Send Email hook call by its webhook-id:
-- true the first time (the function sends), false for the same call again (a replay: nothing is
-- sent). Ids are per hook, kept an hour and then removed; bad input is 22023; only service_role
-- may call it and nobody reads the table through the API.
begin;
select plan(12);

-- SETUP
select tests.create_supabase_user('someone');

-- TEST
select tests.authenticate_as_service_role();
select is(public.record_auth_hook_call('send_sms', 'msg_1'), true, 'a new call is recorded: send');
select is(public.record_auth_hook_call('send_sms', 'msg_1'), false, 'the same call again is a replay: do not send');
select is(public.record_auth_hook_call('send_email', 'msg_1'), true, 'ids are per hook');
select throws_ok($$ select public.record_auth_hook_call('send_fax', 'msg_2') $$, '22023', 'hook must be send_sms or send_email', 'an unknown hook is refused');
select throws_ok($$ select public.record_auth_hook_call('send_sms', '') $$, '22023', 'webhook_id must be 1 to 200 printable characters', 'an empty id is refused');
select throws_ok($$ select public.record_auth_hook_call('send_sms', repeat('x', 201)) $$, '22023', null, 'an overlong id is refused');
select throws_ok($$ select public.record_auth_hook_call('send_sms', 'msg 3') $$, '22023', null, 'an id with spaces is refused');
select throws_ok($$ select 1 from private.auth_hook_calls $$, '42501', null, 'service_role does not read the table');
reset role;
update private.auth_hook_calls set received_at = now() - interval '61 minutes' where webhook_id = 'msg_1' and hook = 'send_sms';
select tests.authenticate_as_service_role();
select is(public.record_auth_hook_call('send_sms', 'msg_4'), true, 'another call');
reset role;
select is_empty($$ select 1 from private.auth_hook_calls where hook = 'send_sms' and webhook_id = 'msg_1' $$, 'ids older than an hour are removed');
select tests.clear_authentication();
select throws_ok($$ select public.record_auth_hook_call('send_sms', 'msg_5') $$, '42501', null, 'anon cannot call it');
select tests.authenticate_as('someone');
select throws_ok($$ select public.record_auth_hook_call('send_sms', 'msg_5') $$, '42501', null, 'a signed-in user cannot call it');
reset role;

select * from finish();
rollback;

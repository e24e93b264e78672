-- record_opt_out / record_opt_in keep one platform-wide list per channel in
-- private.notification_opt_outs: addresses are normalised (E.164 with +, lower-case e-mail),
-- recording twice keeps the first entry (false the second time), opting in removes it; bad
-- channels, addresses and sources are 22023. The list is not readable through the API roles.
begin;
select plan(11);

-- SETUP
select tests.create_notification_fixtures();

-- TEST
select tests.authenticate_as_service_role();
select is(public.record_opt_out('sms', '44 7700-900101', 'sms_stop'), true, 'a new opt-out is recorded');
select is(public.record_opt_out('sms', '+447700900101', 'staff'), false, 'recording it again changes nothing');
select is(public.record_opt_out('email', ' Ana.ES@Example.com ', 'email_complaint'), true, 'e-mail opt-outs too');
reset role;
select results_eq($$ select channel::text, address, source from private.notification_opt_outs order by channel::text desc $$,
  $$ values ('sms', '+447700900101', 'sms_stop'), ('email', 'ana.es@example.com', 'email_complaint') $$,
  'addresses are stored normalised, with their first source');
select tests.authenticate_as_service_role();
select is(public.record_opt_in('sms', '+447700900101'), true, 'opting in removes the opt-out');
select is(public.record_opt_in('sms', '+447700900101'), false, 'opting in again finds nothing');
select throws_ok($$ select public.record_opt_out('sms', 'not a number', 'sms_stop') $$, '22023', 'not a phone number', 'a malformed phone number is refused');
select throws_ok($$ select public.record_opt_out('email', 'nobody', 'email_unsubscribe') $$, '22023', 'not an e-mail address', 'a malformed e-mail address is refused');
select throws_ok($$ select public.record_opt_out('sms', '+447700900101', 'because') $$, '22023', null, 'an unknown source is refused');
select throws_ok($$ select 1 from private.notification_opt_outs $$, '42501', null, 'service_role cannot read the list directly');
select tests.authenticate_as('a_owner');
select throws_ok($$ select 1 from private.notification_opt_outs $$, '42501', null, 'nor can staff');
reset role;

select * from finish();
rollback;

-- public.record_otp_request, called by the Send SMS / Send Email hooks before a code goes out:
-- 5 codes an hour per phone number or e-mail address and 30 per client IP of the sign-in, across
-- clinics. Past a limit it answers the seconds to wait and counts nothing; the hook then sends
-- nothing and answers Auth 429. Only service_role may call it.
begin;
select plan(8);

-- TEST
select tests.authenticate_as_service_role();
select is(array(select public.record_otp_request('sms', '447700900555', '203.0.113.40') from generate_series(1, 5)),
  array[null, null, null, null, null]::integer[], 'five codes to one number go out');
select ok(public.record_otp_request('sms', '+447700900555', '198.51.100.41') between 3590 and 3600,
  'the sixth (the same number with +, from another address) waits for the hour to pass');
select is(public.record_otp_request('email', 'Someone@Example.test', '203.0.113.40'), null, 'an e-mail address counts on its own');
select is(
  (select count(*)::integer from (select public.record_otp_request('sms', '+4477009006' || lpad(n::text, 2, '0'), '203.0.113.40') as wait
                                  from generate_series(1, 30) as n) as r where r.wait is not null),
  6, 'thirty codes to different numbers from one address: the address''s limit (30 an hour) stops the last six');
select is(public.record_otp_request('sms', '+447700900777', null), null, 'without a client address only the recipient counts');
select throws_ok($$ select public.record_otp_request('fax', '+447700900555', null) $$, '22023', null, 'an unknown channel is refused');
select throws_ok($$ select public.record_otp_request('sms', 'not a number', null) $$, '22023', null, 'a recipient that is no phone number is refused');

-- TEST: who
select ok(not has_function_privilege('authenticated', 'public.record_otp_request(text,text,text)', 'execute')
          and not has_function_privilege('anon', 'public.record_otp_request(text,text,text)', 'execute'),
  'only service_role (the hooks) may record codes');

select * from finish();
rollback;

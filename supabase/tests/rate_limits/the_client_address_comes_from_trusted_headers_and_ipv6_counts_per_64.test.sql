-- The client IP a request is counted by comes from the trusted headers of
-- private.rate_limit_settings, first present wins: cf-connecting-ip (Cloudflare sets and
-- overwrites it on hosted Supabase), then x-real-ip (the gateway sets it). x-forwarded-for, whose
-- first entry the client chooses, is never read. IPv6 addresses count per /64; a value that is
-- not an address counts as none.
begin;
select plan(9);

create function pg_temp.ip_of(p_headers jsonb) returns text language plpgsql as $$
begin
  perform set_config('request.headers', p_headers::text, true);
  return private.request_client_ip();
end
$$;

-- TEST
select is(pg_temp.ip_of('{"cf-connecting-ip": "203.0.113.7", "x-real-ip": "10.0.0.1"}'), '203.0.113.7',
  'cf-connecting-ip wins over x-real-ip');
select is(pg_temp.ip_of('{"x-real-ip": "198.51.100.2", "x-forwarded-for": "1.2.3.4, 198.51.100.2"}'), '198.51.100.2',
  'without it, x-real-ip as the gateway set it');
select is(pg_temp.ip_of('{"x-forwarded-for": "1.2.3.4"}'), null, 'x-forwarded-for (chosen by the client) is not read');
select is(pg_temp.ip_of('{"cf-connecting-ip": "2001:db8:aa:bb:1:2:3:4"}'), '2001:db8:aa:bb::/64', 'an IPv6 address counts as its /64 ...');
select is(pg_temp.ip_of('{"cf-connecting-ip": "2001:db8:aa:bb:ffff::9"}'), '2001:db8:aa:bb::/64', '... so another address of the same block is the same subject');
select is(pg_temp.ip_of('{"cf-connecting-ip": "not-an-ip", "x-real-ip": "198.51.100.3"}'), '198.51.100.3',
  'a header that does not hold an address is skipped');
select is(pg_temp.ip_of('{"cf-connecting-ip": "999.1.1.1"}'), null, 'an impossible address is none');
select set_config('request.headers', '', true);
select is(private.request_client_ip(), null, 'outside a request (no headers) there is no client address');
update private.rate_limit_settings set client_ip_headers = array['fly-client-ip'];
select is(pg_temp.ip_of('{"fly-client-ip": "192.0.2.44", "cf-connecting-ip": "203.0.113.7"}'), '192.0.2.44',
  'a platform behind another proxy names its header in the settings');

select * from finish();
rollback;

-- The validation domains accept well-formed values and refuse the rest with 23514.
begin;
select plan(16);

-- TEST: accepted
select lives_ok($$ select '+447700900123'::public.e164_phone, 'amira.haddad@northside.test'::public.email_address,
  'northside-health'::public.slug, 'GBP'::public.currency_code, 'Europe/London'::public.iana_timezone,
  'Northside Health'::public.non_empty_text, 'en-GB'::public.language_tag $$, 'well-formed values are accepted');

-- TEST: refused
select throws_ok($$ select '447700900123'::public.e164_phone $$, '23514', null, 'a phone without + is refused');
select throws_ok($$ select '+4477'::public.e164_phone $$, '23514', null, 'a too-short phone is refused');
select throws_ok($$ select 'Amira@Northside.test'::public.email_address $$, '23514', null, 'an upper-case e-mail is refused');
select throws_ok($$ select 'amira@northside'::public.email_address $$, '23514', null, 'an e-mail without a dot in the domain is refused');
select throws_ok($$ select (repeat('a', 250) || '@x.test')::public.email_address $$, '23514', null, 'an e-mail over 254 characters is refused');
select throws_ok($$ select 'Northside'::public.slug $$, '23514', null, 'an upper-case slug is refused');
select throws_ok($$ select 'north--side'::public.slug $$, '23514', null, 'a slug with a double hyphen is refused');
select throws_ok($$ select 'n'::public.slug $$, '23514', null, 'a one-character slug is refused');
select throws_ok($$ select 'gbp'::public.currency_code $$, '23514', null, 'a lower-case currency is refused');
select throws_ok($$ select 'UTC+5'::public.iana_timezone $$, '23514', null, 'a POSIX offset is not a time zone');
select throws_ok($$ select 'Europe/Atlantis'::public.iana_timezone $$, '23514', null, 'an unknown zone is refused');
select throws_ok($$ select '   '::public.non_empty_text $$, '23514', null, 'blank text is refused');
select throws_ok($$ select repeat('x', 501)::public.non_empty_text $$, '23514', null, 'text over 500 characters is refused');
select throws_ok($$ select 'EN'::public.language_tag $$, '23514', null, 'an upper-case language is refused');
select lives_ok($$ select 'America/Argentina/Buenos_Aires'::public.iana_timezone, 'UTC'::public.iana_timezone $$, 'three-part zone names and UTC are accepted');

select * from finish();
rollback;

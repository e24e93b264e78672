-- Registering oneself as a patient needs a phone or e-mail verified with Supabase Auth (a
-- one-time code), and the record carries only the account's verified contacts (left out, they
-- are filled in): nobody makes a clinic text a stranger's number. A patient changing the phone or
-- e-mail of their own record is held to the same rule; staff are not. Self-registrations are
-- counted against the registration limit across clinics (5 a day per account).
begin;
select plan(12);

-- SETUP: six clinics
select tests.create_tenancy_fixtures();
insert into public.tenants (id, name, slug, timezone, currency, locale)
select tests.tenancy_id('reg_' || n), 'Clinic ' || n, 'reg-clinic-' || n, 'Europe/London', 'GBP', 'en-GB' from generate_series(1, 6) as n;
select tests.create_supabase_user('phone_user', phone => '+15550107001');
select tests.create_supabase_user('unverified', 'unverified@example.test', '+15550107002');
update auth.users set phone_confirmed_at = null, email_confirmed_at = null where id = tests.get_supabase_uid('unverified');
select tests.create_supabase_user('guest');
update auth.users set is_anonymous = true where id = tests.get_supabase_uid('guest');

-- TEST: verified contacts only
select tests.authenticate_as('phone_user');
select results_eq(
  $$ insert into public.patients (tenant_id, user_id, full_name) values (tests.tenancy_id('tenant_a'), auth.uid(), 'Phone User')
     returning phone::text, email::text $$,
  $$ values ('+15550107001', null::text) $$, 'registering without contacts: the verified phone is filled in');
select is(tests.error_details_of(
  $$ insert into public.patients (tenant_id, user_id, full_name, phone) values (tests.tenancy_id('tenant_b'), auth.uid(), 'Phone User', '+15550107099') $$),
  '{"code": "PT422", "message": "use the phone number and e-mail address you verified", "detail": "unverified_contact", "hint": "Leave phone and email out to use the ones you signed in with; the clinic''s front desk can add others."}'::jsonb,
  'another phone number: PT422 unverified_contact');
select is(tests.error_details_of(
  $$ insert into public.patients (tenant_id, user_id, full_name, email) values (tests.tenancy_id('tenant_b'), auth.uid(), 'Phone User', 'someone@example.test') $$) ->> 'detail',
  'unverified_contact', 'an e-mail address the account never verified: refused too');
select tests.authenticate_as('unverified');
select is(tests.error_details_of(
  $$ insert into public.patients (tenant_id, user_id, full_name) values (tests.tenancy_id('tenant_a'), auth.uid(), 'Not Yet') $$),
  '{"code": "PT403", "message": "verify your phone number or e-mail address first", "detail": "verification_required", "hint": "Sign in with a one-time code sent to your phone or e-mail first."}'::jsonb,
  'an account whose phone and e-mail are not verified: PT403 verification_required');
select tests.authenticate_as('guest');
select is(tests.error_details_of(
  $$ insert into public.patients (tenant_id, user_id, full_name) values (tests.tenancy_id('tenant_a'), auth.uid(), 'Anonymous') $$) ->> 'detail',
  'verification_required', 'an anonymous sign-in cannot register');

-- TEST: changing one's own contacts
select tests.authenticate_as('phone_user');
select is(tests.error_details_of(
  $$ update public.patients set phone = '+15550107098' where user_id = auth.uid() $$) ->> 'detail',
  'unverified_contact', 'a patient cannot put an unverified number on their record');
select lives_ok($$ update public.patients set phone = null, full_name = 'P. User' where user_id = auth.uid() $$,
  'removing a contact or changing other fields is fine');
select tests.authenticate_as('a_front_desk');
select results_eq(
  $$ update public.patients set phone = '+15550107097' where user_id = tests.get_supabase_uid('phone_user') returning phone::text $$,
  $$ values ('+15550107097') $$, 'the front desk records the number the patient gives them');

-- TEST: five registrations a day per account, across clinics
select tests.authenticate_as('outsider');
select tests.as_api_request('203.0.113.70', '/patients');
select is(
  array(select tests.rate_limit_refusal_of(pg_catalog.format(
          'insert into public.patients (tenant_id, user_id, full_name) values (tests.tenancy_id(%L), auth.uid(), %L)', 'reg_' || n, 'Out Sider')) is null
        from generate_series(1, 5) as n),
  array[true, true, true, true, true], 'an account registers with five clinics in a day ...');
create temporary table refusal on commit drop as
  select tests.rate_limit_refusal_of($$ insert into public.patients (tenant_id, user_id, full_name) values (tests.tenancy_id('reg_6'), auth.uid(), 'Out Sider') $$) as r;
select is((select r - 'hint' - 'retry_after' from refusal),
  '{"status": 429, "code": "PT429", "message": "too many registrations in a short time", "details": "rate_limited"}'::jsonb,
  '... a sixth is refused with 429');
select ok((select (r ->> 'retry_after')::integer between 86390 and 86400 from refusal), 'until a day after the first');
reset role;
select is((select count(*)::integer from public.patients where user_id = tests.get_supabase_uid('outsider')), 5, 'the refused registration wrote nothing');

select * from finish();
rollback;

-- tests.create_supabase_user() writes auth.users / auth.identities rows the way GoTrue does, so
-- policies, triggers and the Custom Access Token hook see realistic users.
-- Source: supabase/tests/_setup/00_test_helpers.sql; GoTrue internal/api/phone.go (E.164 without '+'),
-- internal/models/user.go; research supabase-platform.md §2.2, §2.3, §6.2.
begin;
select plan(10);

select tests.create_supabase_user('staff', 'Staff@Clinic.Test', null, '{"full_name": "Dr Staff"}');
select tests.create_supabase_user('patient', null, '+44 7700 900901');

select results_eq(
  $$ select instance_id, aud::text, role::text, email::text, phone, confirmation_token::text, recovery_token::text,
            email_change_token_new::text, email_change::text, is_anonymous, is_sso_user
       from auth.users where id = tests.get_supabase_uid('staff') $$,
  $$ values ('00000000-0000-0000-0000-000000000000'::uuid, 'authenticated', 'authenticated', 'staff@clinic.test', null::text,
             '', '', '', '', false, false) $$,
  'an e-mail user has GoTrue''s aud/role/instance_id, a lower-cased e-mail and '''' token columns'
);
select is(
  (select raw_app_meta_data from auth.users where id = tests.get_supabase_uid('staff')),
  '{"provider": "email", "providers": ["email"]}'::jsonb,
  'raw_app_meta_data names the provider like GoTrue'
);
select is(
  (select raw_user_meta_data ->> 'full_name' from auth.users where id = tests.get_supabase_uid('staff')),
  'Dr Staff', 'extra metadata lands in raw_user_meta_data');
select ok(
  (select confirmed_at is not null and email_confirmed_at is not null from auth.users where id = tests.get_supabase_uid('staff')),
  'the user is confirmed (confirmed_at is generated from email_confirmed_at)');
select results_eq(
  $$ select provider, provider_id, email from auth.identities where user_id = tests.get_supabase_uid('staff') $$,
  $$ values ('email'::text, tests.get_supabase_uid('staff')::text, 'staff@clinic.test'::text) $$,
  'an email identity exists, with the user id as provider_id');

select is(
  (select phone from auth.users where id = tests.get_supabase_uid('patient')),
  '447700900901', 'the phone is stored as E.164 digits without ''+'' or spaces');
select results_eq(
  $$ select email, raw_app_meta_data ->> 'provider', phone_confirmed_at is not null from auth.users where id = tests.get_supabase_uid('patient') $$,
  $$ values (null::varchar, 'phone'::text, true) $$,
  'a phone-only user has no e-mail, provider phone, a confirmed phone');
select is(
  (select count(*) from auth.identities where user_id = tests.get_supabase_uid('patient') and provider = 'phone'),
  1::bigint, 'a phone identity exists');

select throws_ok($$ select tests.create_supabase_user('bad', null, '0123') $$, '22023', 'Invalid phone number format (E.164 required)',
  'a phone that is not E.164 is refused like GoTrue refuses it');
select throws_ok($$ select tests.get_supabase_uid('nobody') $$, 'P0001', 'User with identifier nobody not found',
  'an unknown identifier raises');

select * from finish();
rollback;

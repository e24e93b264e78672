-- Only VERIFIED identities count: a user whose phone (or e-mail) is not confirmed is not linked
-- to the patient record with that phone; the link happens when GoTrue confirms it.
begin;
select plan(4);

-- SETUP
insert into public.tenants (id, name, slug, timezone, currency, locale)
values ('d2000000-0000-4000-8000-000000000001', 'Unverified', 'unverified', 'Europe/London', 'GBP', 'en-GB');
insert into public.patients (tenant_id, id, full_name, phone, email)
values ('d2000000-0000-4000-8000-000000000001', 'd2000000-0000-4000-8000-0000000000a1', 'Una Verified', '+15550100701', 'una@unverified.test');

-- TEST: GoTrue creates the user at sign-up, before the OTP is verified
insert into auth.users (instance_id, id, aud, role, email, phone, email_confirmed_at, phone_confirmed_at,
                        raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
                        confirmation_token, recovery_token, email_change_token_new, email_change)
values ('00000000-0000-0000-0000-000000000000', 'd2000000-0000-4000-8000-0000000000f1', 'authenticated', 'authenticated',
        'una@unverified.test', '15550100701', null, null,
        '{"provider": "phone", "providers": ["phone", "email"]}', '{"phone_verified": true, "email_verified": true}', now(), now(),
        '', '', '', '');
select is((select user_id from public.patients where id = 'd2000000-0000-4000-8000-0000000000a1'), null,
  'an unverified phone and e-mail link nothing, whatever user_metadata claims');

-- TEST: an unrelated update of the user does not link either
update auth.users set phone = '15550100701', email = 'una@unverified.test' where id = 'd2000000-0000-4000-8000-0000000000f1';
select is((select user_id from public.patients where id = 'd2000000-0000-4000-8000-0000000000a1'), null,
  'rewriting an unverified phone links nothing');

-- TEST: GoTrue verifies the phone
update auth.users set phone_confirmed_at = now() where id = 'd2000000-0000-4000-8000-0000000000f1';
select is((select user_id from public.patients where id = 'd2000000-0000-4000-8000-0000000000a1'), 'd2000000-0000-4000-8000-0000000000f1'::uuid,
  'the record is linked once the phone is verified');

-- TEST: the e-mail route: unverified e-mail of another user links nothing
insert into public.patients (tenant_id, id, full_name, email)
values ('d2000000-0000-4000-8000-000000000001', 'd2000000-0000-4000-8000-0000000000a2', 'Eve Mail', 'eve@unverified.test');
insert into auth.users (instance_id, id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
values ('00000000-0000-0000-0000-000000000000', 'd2000000-0000-4000-8000-0000000000f2', 'authenticated', 'authenticated',
        'eve@unverified.test', null, '{"provider": "email", "providers": ["email"]}', '{}', now(), now());
select is((select user_id from public.patients where id = 'd2000000-0000-4000-8000-0000000000a2'), null,
  'an unverified e-mail links nothing');

select * from finish();
rollback;

-- Expired, revoked and already accepted invitations give nothing at sign-in, and neither does a
-- pending invitation to an address that is not verified.
begin;
select plan(6);

-- SETUP: four invitations for the same e-mail in four tenants
insert into public.tenants (id, name, slug, timezone, currency, locale) values
  ('e2000000-0000-4000-8000-000000000001', 'Expired', 'expired-clinic', 'Europe/London', 'GBP', 'en-GB'),
  ('e2000000-0000-4000-8000-000000000002', 'Revoked', 'revoked-clinic', 'Europe/London', 'GBP', 'en-GB'),
  ('e2000000-0000-4000-8000-000000000003', 'Accepted', 'accepted-clinic', 'Europe/London', 'GBP', 'en-GB'),
  ('e2000000-0000-4000-8000-000000000004', 'Pending', 'pending-clinic', 'Europe/London', 'GBP', 'en-GB');
select tests.create_supabase_user('earlier_user', 'earlier@ignored.test');
insert into public.invitations (tenant_id, id, email, role, created_at, expires_at, revoked_at, accepted_at, accepted_user_id) values
  ('e2000000-0000-4000-8000-000000000001', 'e2000000-0000-4000-8000-0000000000b1', 'late@ignored.test', 'front_desk',
   now() - interval '10 days', now() - interval '3 days', null, null, null),
  ('e2000000-0000-4000-8000-000000000002', 'e2000000-0000-4000-8000-0000000000b2', 'late@ignored.test', 'front_desk',
   now() - interval '1 day', now() + interval '6 days', now() - interval '1 hour', null, null),
  ('e2000000-0000-4000-8000-000000000003', 'e2000000-0000-4000-8000-0000000000b3', 'late@ignored.test', 'front_desk',
   now() - interval '1 day', now() + interval '6 days', null, now() - interval '1 hour', tests.get_supabase_uid('earlier_user')),
  ('e2000000-0000-4000-8000-000000000004', 'e2000000-0000-4000-8000-0000000000b4', 'late@ignored.test', 'front_desk',
   now() - interval '1 day', now() + interval '6 days', null, null, null);

-- TEST: the user signs up, e-mail not yet verified
insert into auth.users (instance_id, id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
values ('00000000-0000-0000-0000-000000000000', 'e2000000-0000-4000-8000-0000000000f1', 'authenticated', 'authenticated',
        'late@ignored.test', null, '{"provider": "email", "providers": ["email"]}', '{"email_verified": true}', now(), now());
select is_empty($$ select 1 from public.members where user_id = 'e2000000-0000-4000-8000-0000000000f1' $$,
  'an unverified e-mail accepts nothing');

-- TEST: verified
update auth.users set email_confirmed_at = now() where id = 'e2000000-0000-4000-8000-0000000000f1';
select results_eq(
  $$ select tenant_id from public.members where user_id = 'e2000000-0000-4000-8000-0000000000f1' $$,
  $$ values ('e2000000-0000-4000-8000-000000000004'::uuid) $$,
  'only the pending invitation gives a membership'
);
select is((select accepted_at from public.invitations where id = 'e2000000-0000-4000-8000-0000000000b1'), null,
  'the expired invitation stays unaccepted');
select is((select accepted_at from public.invitations where id = 'e2000000-0000-4000-8000-0000000000b2'), null,
  'the revoked invitation stays unaccepted');
select is((select accepted_user_id from public.invitations where id = 'e2000000-0000-4000-8000-0000000000b3'), tests.get_supabase_uid('earlier_user'),
  'an invitation accepted by someone else is not taken over');
select is((select accepted_user_id from public.invitations where id = 'e2000000-0000-4000-8000-0000000000b4'), 'e2000000-0000-4000-8000-0000000000f1'::uuid,
  'the pending invitation is accepted');

select * from finish();
rollback;

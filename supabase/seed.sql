-- Demo data for the local stack (`npm start`, `npm run db:reset`, `npm test`). Seeds run only
-- where the CLI is asked to (`db push --include-seed`, `db reset`), never on a hosted deploy.
-- Auth users are written the way GoTrue writes them (token columns '' rather than NULL, phone
-- without '+'), so the same rows also work with a real GoTrue under `supabase start`.

insert into auth.users (
  instance_id, id, aud, role, email, phone, email_confirmed_at, phone_confirmed_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
  confirmation_token, recovery_token, email_change_token_new, email_change,
  email_change_token_current, phone_change, phone_change_token, reauthentication_token
)
values
  ('00000000-0000-0000-0000-000000000000', 'a0000000-0000-4000-8000-000000000001',
   'authenticated', 'authenticated', 'amira.haddad@northside.test', null, now(), null,
   '{"provider": "email", "providers": ["email"]}', '{"full_name": "Amira Haddad"}', now(), now(),
   '', '', '', '', '', '', '', ''),
  ('00000000-0000-0000-0000-000000000000', 'a0000000-0000-4000-8000-000000000101',
   'authenticated', 'authenticated', null, '447700900001', null, now(),
   '{"provider": "phone", "providers": ["phone"]}', '{"full_name": "Sam Patel"}', now() + interval '1 second', now(),
   '', '', '', '', '', '', '', '')
on conflict (id) do nothing;

insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
values
  ('a0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000001',
   '{"sub": "a0000000-0000-4000-8000-000000000001", "email": "amira.haddad@northside.test", "email_verified": true}',
   'email', now(), now(), now()),
  ('a0000000-0000-4000-8000-000000000101', 'a0000000-0000-4000-8000-000000000101',
   '{"sub": "a0000000-0000-4000-8000-000000000101", "phone": "447700900001", "phone_verified": true}',
   'phone', now(), now(), now())
on conflict (provider_id, provider) do nothing;

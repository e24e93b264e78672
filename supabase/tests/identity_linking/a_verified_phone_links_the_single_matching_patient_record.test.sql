-- When Auth records a verified phone (GoTrue stores it without '+'), the one unlinked patient
-- record with that E.164 phone in each tenant is linked to the user, and the link is audited.
begin;
select plan(6);

-- SETUP: the front desk created the patient in two tenants; another patient has another phone
insert into public.tenants (id, name, slug, timezone, currency, locale) values
  ('d1000000-0000-4000-8000-000000000001', 'Link One', 'link-one', 'Europe/London', 'GBP', 'en-GB'),
  ('d1000000-0000-4000-8000-000000000002', 'Link Two', 'link-two', 'Europe/London', 'GBP', 'en-GB');
insert into public.patients (tenant_id, id, full_name, phone) values
  ('d1000000-0000-4000-8000-000000000001', 'd1000000-0000-4000-8000-0000000000a1', 'Lena Link', '+15550100601'),
  ('d1000000-0000-4000-8000-000000000002', 'd1000000-0000-4000-8000-0000000000a2', 'Lena Link', '+15550100601'),
  ('d1000000-0000-4000-8000-000000000001', 'd1000000-0000-4000-8000-0000000000a3', 'Other Person', '+15550100602');

-- TEST: the user signs up with that phone, verified by OTP (as GoTrue: phone '15550100601')
select tests.create_supabase_user('lena', phone => '+1 5550100601');
select is((select phone from auth.users where id = tests.get_supabase_uid('lena')), '15550100601',
  'GoTrue stores the phone without +');
select results_eq(
  $$ select tenant_id, id from public.patients where user_id = tests.get_supabase_uid('lena') order by tenant_id $$,
  $$ values ('d1000000-0000-4000-8000-000000000001'::uuid, 'd1000000-0000-4000-8000-0000000000a1'::uuid),
            ('d1000000-0000-4000-8000-000000000002'::uuid, 'd1000000-0000-4000-8000-0000000000a2'::uuid) $$,
  'the matching record of each tenant is linked'
);
select is((select user_id from public.patients where id = 'd1000000-0000-4000-8000-0000000000a3'), null,
  'a record with another phone stays unlinked');

-- TEST: the link is audited
select results_eq(
  $$ select actor_role, old_row ->> 'user_id', new_row ->> 'user_id'
     from public.audit_log where table_name = 'public.patients' and action = 'update'
       and row_pk ->> 'id' = 'd1000000-0000-4000-8000-0000000000a1' $$,
  $$ values ('postgres', null, tests.get_supabase_uid('lena')::text) $$,
  'the link is recorded in the audit log with the user id before (none) and after (postgres stands in for GoTrue here; under Auth the role is supabase_auth_admin)'
);

-- TEST: signing in again (GoTrue updates the user) changes nothing
update auth.users set phone_confirmed_at = now() + interval '1 minute', updated_at = now() where id = tests.get_supabase_uid('lena');
select is(
  (select count(*)::int from public.audit_log where table_name = 'public.patients' and action = 'update'),
  2,
  'linking happens once: a later sign-in writes nothing'
);

-- TEST: the trigger and its function
select is(
  (select count(*)::int from pg_catalog.pg_trigger
    where tgrelid = 'auth.users'::regclass and tgname = 'slotbase_link_verified_identities'
      and tgfoid = 'private.link_verified_identities()'::regprocedure),
  1,
  'auth.users carries the linking trigger, whose function lives in private'
);

select * from finish();
rollback;

-- patients.user_id is set only by the linking trigger (and by self-registration, with the
-- caller's own id). Through the Data API nobody attaches an account to someone else's record:
-- every path ends in an error (42501, PT403) or touches zero rows.
begin;
select plan(11);

-- SETUP: a tenant; Pat has an account and a record; Quinn's record has no account yet; a
-- front desk member
insert into public.tenants (id, name, slug, timezone, currency, locale)
values ('d5000000-0000-4000-8000-000000000001', 'Attach', 'attach-clinic', 'Europe/London', 'GBP', 'en-GB');
select tests.create_supabase_user('attach_pat', phone => '+15550101201');
select tests.create_supabase_user('attach_desk', 'desk@attach.test');
insert into public.members (tenant_id, id, user_id, display_name)
values ('d5000000-0000-4000-8000-000000000001', 'd5000000-0000-4000-8000-0000000000e1', tests.get_supabase_uid('attach_desk'), 'Desk');
insert into public.member_roles (tenant_id, member_id, role)
values ('d5000000-0000-4000-8000-000000000001', 'd5000000-0000-4000-8000-0000000000e1', 'front_desk');
insert into public.patients (tenant_id, id, user_id, full_name, phone) values
  ('d5000000-0000-4000-8000-000000000001', 'd5000000-0000-4000-8000-0000000000a1', tests.get_supabase_uid('attach_pat'), 'Pat', '+15550101201'),
  ('d5000000-0000-4000-8000-000000000001', 'd5000000-0000-4000-8000-0000000000a2', null, 'Quinn', '+15550101202');

-- TEST: Pat (a patient) tries every path
select tests.authenticate_as('attach_pat');
select is_empty(
  $$ update public.patients set user_id = auth.uid() where id = 'd5000000-0000-4000-8000-0000000000a2' returning 1 $$,
  'a patient cannot set user_id on another record (hidden: zero rows)');
select throws_ok(
  $$ update public.patients set user_id = null where id = 'd5000000-0000-4000-8000-0000000000a1' $$,
  'PT403', null, 'a patient cannot change user_id on their own record either');
select is_empty(
  $$ update public.patients set phone = '+15550101201' where id = 'd5000000-0000-4000-8000-0000000000a2' returning 1 $$,
  'a patient cannot edit another record at all (zero rows)');
select throws_ok(
  $$ insert into public.patients (tenant_id, user_id, full_name)
     values ('d5000000-0000-4000-8000-000000000001', tests.get_supabase_uid('attach_desk'), 'Someone Else') $$,
  '42501', null, 'a patient cannot register a record for another user');
select throws_ok(
  $$ update auth.users set phone = '15550101202', phone_confirmed_at = now() where id = auth.uid() $$,
  '42501', null, 'a patient cannot claim a phone by writing auth.users');
select is(tests.error_details_of(
  $$ update public.patients set phone = '+15550101202' where id = 'd5000000-0000-4000-8000-0000000000a1' $$) ->> 'detail',
  'unverified_contact',
  'a patient cannot put a phone they have not verified (Quinn''s) on their own record');
reset role;
select is((select user_id from public.patients where id = 'd5000000-0000-4000-8000-0000000000a2'), null,
  'Quinn''s record is still unlinked');

-- TEST: the front desk cannot attach accounts either
select tests.authenticate_as('attach_desk');
select throws_ok(
  $$ update public.patients set user_id = tests.get_supabase_uid('attach_pat') where id = 'd5000000-0000-4000-8000-0000000000a2' $$,
  'PT403', null, 'the front desk cannot set user_id');
select throws_ok(
  $$ insert into public.patients (tenant_id, user_id, full_name)
     values ('d5000000-0000-4000-8000-000000000001', tests.get_supabase_uid('attach_pat'), 'Pat Again') $$,
  '42501', null, 'the front desk cannot create a record attached to an account');
reset role;

-- TEST: the linking function is not callable
select ok(
  not has_function_privilege('authenticated', 'private.link_verified_identities()', 'execute')
  and not has_function_privilege('anon', 'private.link_verified_identities()', 'execute')
  and not has_function_privilege('service_role', 'private.link_verified_identities()', 'execute'),
  'no API role may execute the linking function');
select is((select prosecdef from pg_catalog.pg_proc where oid = 'private.link_verified_identities()'::regprocedure), true,
  'the linking function is security definer (it runs as supabase_auth_admin, which has no rights on patients)');

select * from finish();
rollback;

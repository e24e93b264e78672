-- The account link of a patient record is refused to a signed-in user's own write (the statement
-- runs as authenticated), and only to that: a security definer function the same request calls
-- runs as its owner and may link (the request role is still authenticated there), and the server
-- (service_role, or a database session) may relink even when the request carries a user's sub.
begin;
select plan(6);

-- SETUP
select tests.create_tenancy_fixtures();
create function tests.relink_patient_as_owner(p_patient_id uuid, p_user_id uuid)
returns uuid
language sql
security definer
set search_path = ''
as $$
  update public.patients set user_id = p_user_id where id = p_patient_id returning user_id
$$;
grant execute on function tests.relink_patient_as_owner(uuid, uuid) to authenticated;

-- TEST
select tests.authenticate_as('patient');
select throws_ok(
  $$ update public.patients set user_id = null where id = tests.tenancy_id('patient_a') $$,
  'PT403', 'the account of a patient record cannot be changed',
  'a signed-in user''s own write (as authenticated) cannot change the account link');
select is(private.request_role(), 'authenticated', 'the request role is authenticated ...');
select is(tests.relink_patient_as_owner(tests.tenancy_id('patient_a_walk_in'), tests.get_supabase_uid('outsider')),
  tests.get_supabase_uid('outsider'),
  '... and a security definer function it calls (running as its owner) may link a record');

select tests.authenticate_as_service_role();
select pg_catalog.set_config('request.jwt.claims',
  pg_catalog.jsonb_build_object('role', 'service_role', 'sub', tests.get_supabase_uid('patient'))::text, true);
select results_eq(
  $$ update public.patients set user_id = null where id = tests.tenancy_id('patient_a_walk_in') returning user_id $$,
  $$ values (null::uuid) $$,
  'service_role relinks, even with a user''s sub in the claims');

reset role;
select pg_catalog.set_config('request.jwt.claims',
  pg_catalog.jsonb_build_object('sub', tests.get_supabase_uid('patient'))::text, true);
select results_eq(
  $$ update public.patients set user_id = tests.get_supabase_uid('outsider') where id = tests.tenancy_id('patient_a_walk_in') returning user_id $$,
  $$ values (tests.get_supabase_uid('outsider')) $$,
  'a database session (postgres) relinks, even with a user''s sub in the claims');
select is(private.request_role(), 'postgres', 'there the request role is the session user');

select * from finish();
rollback;

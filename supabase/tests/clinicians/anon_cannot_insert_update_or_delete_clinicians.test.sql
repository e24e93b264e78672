-- A visitor (anon key) changes nothing in the directory: anon holds no INSERT, UPDATE or DELETE
-- privilege on public.clinicians, so every write is refused with 42501 before RLS is consulted.
begin;
select plan(4);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.clear_authentication();

-- TEST
select throws_ok(
  $$ insert into public.clinicians (tenant_id, display_name) values (tests.tenancy_id('tenant_a'), 'Dr Anon') $$,
  '42501', 'permission denied for table clinicians',
  'anon cannot insert a clinician');
select throws_ok(
  $$ update public.clinicians set display_name = 'Hacked' where id = tests.tenancy_id('clinician_a') $$,
  '42501', 'permission denied for table clinicians',
  'anon cannot update a public clinician');
select throws_ok(
  $$ delete from public.clinicians where id = tests.tenancy_id('clinician_a') $$,
  '42501', 'permission denied for table clinicians',
  'anon cannot delete a public clinician');
reset role;
select is((select display_name::text from public.clinicians where id = tests.tenancy_id('clinician_a')), 'Dr Ada Alpha',
  'the profile is unchanged');

select * from finish();
rollback;

-- Patient records are never public: anon holds no privilege on public.patients, so every
-- command is refused with 42501.
begin;
select plan(4);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.clear_authentication();

-- TEST
select throws_ok(
  $$ select id from public.patients $$,
  '42501', 'permission denied for table patients',
  'anon cannot read patients');
select throws_ok(
  $$ insert into public.patients (tenant_id, full_name) values (tests.tenancy_id('tenant_a'), 'Anonymous') $$,
  '42501', 'permission denied for table patients',
  'anon cannot register a patient');
select throws_ok(
  $$ update public.patients set full_name = 'Renamed' where id = tests.tenancy_id('patient_a') $$,
  '42501', 'permission denied for table patients',
  'anon cannot edit a patient');
select throws_ok(
  $$ delete from public.patients where id = tests.tenancy_id('patient_a') $$,
  '42501', 'permission denied for table patients',
  'anon cannot delete a patient');

select * from finish();
rollback;

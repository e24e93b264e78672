-- Clinicians read patient records but do not edit them, and staff of another tenant touch none
-- of them (zero rows).
begin;
select plan(5);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.authenticate_as('a_clinician');
select is_empty(
  $$ update public.patients set full_name = 'Edited' where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'a clinician of tenant A reads patients but cannot edit them: zero rows');
select tests.authenticate_as('a_clinician_2');
select is_empty(
  $$ update public.patients set full_name = 'Edited' where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'a centre-scoped clinician of tenant A cannot edit patients: zero rows');
select tests.authenticate_as('b_owner');
select is_empty(
  $$ update public.patients set full_name = 'Edited' where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'the owner of tenant B cannot edit tenant A''s patients: zero rows');
select tests.authenticate_as('b_clinician');
select is_empty(
  $$ update public.patients set full_name = 'Edited' where id = tests.tenancy_id('patient_a') returning 1 $$,
  'staff of tenant B cannot edit the tenant-A record of a person who is also their patient: zero rows');
reset role;
select is((select count(*)::integer from public.patients where full_name = 'Edited'), 0, 'no record changed');

select * from finish();
rollback;

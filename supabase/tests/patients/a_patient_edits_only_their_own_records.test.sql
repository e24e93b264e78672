-- A patient edits their own records (in every tenant they belong to) and no one else's: other
-- patients' and unlinked records are filtered out (zero rows).
begin;
select plan(5);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: own records, in both tenants
select tests.authenticate_as('patient');
select results_eq(
  $$ update public.patients
        set full_name = 'Pat A. Alpha', preferred_channel = 'sms', preferred_language = 'en',
            consents = '{"sms_reminders": {"granted": true, "at": "2026-11-01T09:00:00Z"}}'
      where id = tests.tenancy_id('patient_a') returning full_name::text $$,
  $$ values ('Pat A. Alpha') $$,
  'a patient edits their own record in tenant A (name, contact preferences, consents)');
select results_eq(
  $$ update public.patients set emergency_contact = '{"name": "Kim", "phone": "+12025550199", "relationship": "sister"}'
      where id = tests.tenancy_id('patient_b') returning emergency_contact ->> 'name' $$,
  $$ values ('Kim') $$,
  'a patient edits their own record in tenant B');

-- TEST: other people's records
select is_empty(
  $$ update public.patients set full_name = 'Renamed' where id = tests.tenancy_id('patient_a_2') returning 1 $$,
  'a patient cannot edit another patient''s record: zero rows');
select is_empty(
  $$ update public.patients set full_name = 'Renamed' where id = tests.tenancy_id('patient_a_walk_in') returning 1 $$,
  'a patient cannot edit an unlinked record: zero rows');
reset role;
select is((select count(*)::integer from public.patients where full_name = 'Renamed'), 0, 'no other record changed');

select * from finish();
rollback;

-- Medical notes are read only by members holding the clinician role in that tenant (tenant-wide
-- or at a centre). Owners, admins, managers, centre managers, care coordinators, the front desk,
-- the patient and clinicians of another tenant read none (an empty result, not an error).
begin;
select plan(11);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: clinicians of the tenant
select tests.authenticate_as('a_clinician');
select results_eq(
  $$ select id from public.medical_notes where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ select id from (values (tests.tenancy_id('note_a')), (tests.tenancy_id('note_a_2'))) as v (id) order by 1 $$,
  'a clinician of tenant A reads every note of tenant A (a colleague''s too) and none of tenant B');
select tests.authenticate_as('a_clinician_2');
select results_eq(
  $$ select id from public.medical_notes where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ select id from (values (tests.tenancy_id('note_a')), (tests.tenancy_id('note_a_2'))) as v (id) order by 1 $$,
  'a clinician scoped to one centre of tenant A reads the notes of tenant A too');

-- TEST: staff of tenant A who are not clinicians
select tests.authenticate_as('a_owner');
select is_empty(
  $$ select id from public.medical_notes where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  'the owner of tenant A reads no medical note');
select tests.authenticate_as('a_admin');
select is_empty(
  $$ select id from public.medical_notes where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  'an admin of tenant A reads no medical note');
select tests.authenticate_as('a_manager');
select is_empty(
  $$ select id from public.medical_notes where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  'a manager of tenant A reads no medical note');
select tests.authenticate_as('a_centre_manager');
select is_empty(
  $$ select id from public.medical_notes where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  'a centre manager of tenant A reads no medical note');
select tests.authenticate_as('a_care_coordinator');
select is_empty(
  $$ select id from public.medical_notes where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  'a care coordinator of tenant A reads no medical note');
select tests.authenticate_as('a_front_desk');
select is_empty(
  $$ select id from public.medical_notes where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  'the front desk of tenant A reads no medical note');

-- TEST: the patient, and another tenant
select tests.authenticate_as('patient');
select is_empty(
  $$ select id from public.medical_notes where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  'the patient does not read the notes about them');
select tests.authenticate_as('b_clinician');
select results_eq(
  $$ select id from public.medical_notes where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ select id from (values (tests.tenancy_id('note_b'))) as v (id) order by 1 $$,
  'a clinician of tenant B reads only tenant B''s notes (not tenant A''s notes about the same person)');
select tests.authenticate_as('b_owner');
select is_empty(
  $$ select id from public.medical_notes where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  'the owner of tenant B reads no medical note');

select * from finish();
rollback;

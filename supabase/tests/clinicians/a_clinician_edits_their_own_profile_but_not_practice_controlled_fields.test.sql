-- A clinician edits their own profile (the one linked to their membership) but not what the
-- practice controls - is_public, is_active, consultation_fee, fee_currency - which raises PT403
-- (trigger guard_self_edit), nor which account a profile belongs to (public.clinician_members:
-- practice managers only); colleagues' profiles, unlinked profiles and other tenants' profiles
-- are untouched (zero rows).
begin;
select plan(10);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: own profile, own fields
select tests.authenticate_as('a_clinician');
select results_eq(
  $$ update public.clinicians
        set bio = 'I listen.', title = 'Consultant', languages = '{en,pt}', default_consultation_minutes = 45
      where id = tests.tenancy_id('clinician_a') returning bio, default_consultation_minutes $$,
  $$ values ('I listen.'::text, 45) $$,
  'a clinician edits the bio, title, languages and default length of their own profile');

-- TEST: own profile, practice-controlled fields
select throws_ok(
  $$ update public.clinicians set is_public = false where id = tests.tenancy_id('clinician_a') $$,
  'PT403', 'only the practice can change visibility, status or fee of a clinician profile',
  'a clinician cannot change the visibility of their own profile');
select throws_ok(
  $$ update public.clinicians set is_active = false where id = tests.tenancy_id('clinician_a') $$,
  'PT403', 'only the practice can change visibility, status or fee of a clinician profile',
  'a clinician cannot change the status of their own profile');
select throws_ok(
  $$ update public.clinicians set consultation_fee = 500 where id = tests.tenancy_id('clinician_a') $$,
  'PT403', 'only the practice can change visibility, status or fee of a clinician profile',
  'a clinician cannot change their own fee');
select throws_ok(
  $$ update public.clinicians set fee_currency = 'USD' where id = tests.tenancy_id('clinician_a') $$,
  'PT403', 'only the practice can change visibility, status or fee of a clinician profile',
  'a clinician cannot change their own fee currency');
select is_empty(
  $$ delete from public.clinician_members where clinician_id = tests.tenancy_id('clinician_a') returning 1 $$,
  'a clinician cannot unlink their own profile from their account: zero rows');

-- TEST: other profiles
select is_empty(
  $$ update public.clinicians set bio = 'Not mine' where id = tests.tenancy_id('clinician_a_2') returning 1 $$,
  'a clinician cannot edit a colleague''s profile: zero rows');
select throws_ok(
  $$ insert into public.clinician_members (tenant_id, clinician_id, member_id)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('a_clinician_2.member')) $$,
  '42501', 'new row violates row-level security policy for table "clinician_members"',
  'a clinician cannot take over an unlinked profile by linking it to an account');
select is_empty(
  $$ update public.clinicians set bio = 'Not mine' where id = tests.tenancy_id('clinician_b') returning 1 $$,
  'a clinician cannot edit a clinician of another tenant: zero rows');

reset role;
select results_eq(
  $$ select id, bio, is_public, consultation_fee from public.clinicians
     where id in (tests.tenancy_id('clinician_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('clinician_b'))
     order by display_name $$,
  $$ values (tests.tenancy_id('clinician_a'), 'I listen.'::text, true, 80.00::numeric(12, 2)),
            (tests.tenancy_id('clinician_b'), null, true, 150.00),
            (tests.tenancy_id('clinician_a_2'), null, false, 90.00),
            (tests.tenancy_id('clinician_a_visiting'), null, true, 60.00) $$,
  'only the own-field edit went through');

select * from finish();
rollback;

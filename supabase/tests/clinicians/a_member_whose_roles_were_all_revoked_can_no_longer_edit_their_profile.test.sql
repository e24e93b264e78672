-- Revocation takes effect on the next statement: a clinician whose roles are ALL removed (the
-- membership row stays active but holds no role) is no longer staff ("active member with any
-- role"), so they can no longer edit the clinician profile linked to their membership - even a
-- public one they can still see in the directory. Deactivation is covered by
-- deactivating_a_clinician_or_their_membership_takes_effect_on_the_next_statement.
-- The "own profile" path of policy clinicians_update_authenticated goes through
-- private.member_keys_of_current_user(), which needs an active membership that still holds a
-- role: this test fails if that check is dropped.
begin;
select plan(4);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.authenticate_as('a_clinician');
select results_eq(
  $$ update public.clinicians set bio = 'before revocation' where id = tests.tenancy_id('clinician_a') returning bio $$,
  $$ values ('before revocation'::text) $$,
  'before: the clinician edits their own (public) profile');
select tests.authenticate_as('a_owner');
select results_eq(
  $$ delete from public.member_roles where member_id = tests.tenancy_id('a_clinician.member') returning role::text $$,
  $$ values ('clinician') $$,
  'the owner revokes the clinician''s only role (the membership itself stays active)');
select tests.authenticate_as('a_clinician');
select ok(exists (select 1 from public.clinicians where id = tests.tenancy_id('clinician_a')),
  'after: the former clinician still sees the profile, as anyone sees the public directory');
select is_empty(
  $$ update public.clinicians set bio = 'after revocation' where id = tests.tenancy_id('clinician_a') returning 1 $$,
  'after: a member without any role can no longer edit the profile linked to them: zero rows');

select * from finish();
rollback;

-- Access is decided from the tables on every statement, never from the access token: a
-- deactivated profile leaves the public directory at once, and a deactivated member (or one whose
-- role was removed) loses staff access on their very next statement, with the same token.
begin;
select plan(10);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: the practice unlists a clinician; the very next visitor request no longer sees them
select tests.clear_authentication();
select ok(exists (select 1 from public.clinicians where id = tests.tenancy_id('clinician_a')),
  'before: visitors see Dr Ada Alpha');
select tests.authenticate_as('a_admin');
select results_eq(
  $$ update public.clinicians set is_active = false where id = tests.tenancy_id('clinician_a') returning is_active $$,
  $$ values (false) $$,
  'an admin deactivates the profile');
reset role;
select tests.clear_authentication();
select is_empty(
  $$ select 1 from public.clinicians where id = tests.tenancy_id('clinician_a') $$,
  'after: visitors no longer see the deactivated profile');

-- TEST: the clinician's membership is deactivated; their next statement is a stranger's
select tests.authenticate_as('a_clinician_2');
select ok(exists (select 1 from public.clinicians where id = tests.tenancy_id('clinician_a_retired')),
  'before: the clinician, as staff, sees the inactive profiles of the tenant');
select results_eq(
  $$ update public.clinicians set bio = 'still here' where id = tests.tenancy_id('clinician_a_2') returning bio $$,
  $$ values ('still here'::text) $$,
  'before: the clinician edits their own profile');
select tests.authenticate_as('a_admin');
select results_eq(
  $$ update public.members set is_active = false where id = tests.tenancy_id('a_clinician_2.member') returning is_active $$,
  $$ values (false) $$,
  'an admin deactivates the clinician''s membership');
select tests.authenticate_as('a_clinician_2');
select is_empty(
  $$ select 1 from public.clinicians where id in (tests.tenancy_id('clinician_a_retired'), tests.tenancy_id('clinician_a_2')) $$,
  'after: the deactivated clinician no longer sees the tenant''s unlisted or inactive profiles (own unlisted one included)');
select is_empty(
  $$ update public.clinicians set bio = 'after deactivation' where id = tests.tenancy_id('clinician_a_2') returning 1 $$,
  'after: the deactivated clinician can no longer edit their own profile');

-- TEST: a manager loses the manager role; their next statement cannot delete
select tests.authenticate_as('a_owner');
select results_eq(
  $$ delete from public.member_roles where member_id = tests.tenancy_id('a_manager.member') returning role::text $$,
  $$ values ('manager') $$,
  'the owner removes the manager role');
select tests.authenticate_as('a_manager');
select is_empty(
  $$ delete from public.clinicians where id = tests.tenancy_id('clinician_a_visiting') returning 1 $$,
  'after: the former manager cannot delete a profile');

select * from finish();
rollback;

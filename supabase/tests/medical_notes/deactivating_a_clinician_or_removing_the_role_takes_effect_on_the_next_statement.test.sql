-- Access to medical notes is decided from the membership tables on every statement: a
-- deactivated clinician, or a member who loses the clinician role (and stays staff), can no
-- longer read, write or edit notes on their very next statement, with the same token.
begin;
select plan(9);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: deactivating the clinician's membership
select tests.authenticate_as('a_clinician');
select results_eq(
  $$ select id from public.medical_notes where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ values (tests.tenancy_id('note_a')) $$,
  'before: the clinician reads the note they wrote');
select tests.authenticate_as('a_admin');
select results_eq(
  $$ update public.members set is_active = false where id = tests.tenancy_id('a_clinician.member') returning is_active $$,
  $$ values (false) $$,
  'an admin deactivates the clinician');
select tests.authenticate_as('a_clinician');
select is_empty(
  $$ select id from public.medical_notes where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  'after: the deactivated clinician reads no note on their next statement');
select is_empty(
  $$ update public.medical_notes set body = 'After deactivation' where id = tests.tenancy_id('note_a') returning 1 $$,
  'after: the deactivated clinician cannot edit their own note');
select throws_ok(
  $$ insert into public.medical_notes (tenant_id, patient_id, author_member_id, body)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('a_clinician.member'), 'After deactivation') $$,
  '42501', 'new row violates row-level security policy for table "medical_notes"',
  'after: the deactivated clinician cannot write a note');

-- TEST: removing the clinician role from a member who stays staff
select tests.authenticate_as('a_admin');
select lives_ok(
  $$ insert into public.member_roles (tenant_id, member_id, role)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_clinician_2.member'), 'front_desk') $$,
  'the centre clinician also becomes front desk');
select results_eq(
  $$ delete from public.member_roles where member_id = tests.tenancy_id('a_clinician_2.member') and role = 'clinician' returning role::text $$,
  $$ values ('clinician') $$,
  'an admin removes their clinician role');
select tests.authenticate_as('a_clinician_2');
select is_empty(
  $$ select id from public.medical_notes where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  'after: without the clinician role the member reads no note, not even their own');
select is_empty(
  $$ update public.medical_notes set body = 'After demotion' where id = tests.tenancy_id('note_a_2') returning 1 $$,
  'after: without the clinician role the member cannot edit their own note');

select * from finish();
rollback;

-- Owners and admins (tenant-wide, active) read the audit entries of their own tenant; other
-- staff, deactivated admins, patients, owners of other tenants and anon read nothing.
begin;
select plan(9);

-- SETUP: two tenants; staff of tenant 1 in several roles; an owner of tenant 2; a patient
insert into public.tenants (id, name, slug, timezone, currency, locale) values
  ('a4000000-0000-4000-8000-000000000001', 'Readers One', 'readers-one', 'Europe/London', 'GBP', 'en-GB'),
  ('a4000000-0000-4000-8000-000000000002', 'Readers Two', 'readers-two', 'Europe/London', 'GBP', 'en-GB');
select tests.create_supabase_user('reader_owner', 'owner@readers.test');
select tests.create_supabase_user('reader_admin', 'admin@readers.test');
select tests.create_supabase_user('reader_manager', 'manager@readers.test');
select tests.create_supabase_user('reader_clinician', 'clinician@readers.test');
select tests.create_supabase_user('reader_former_admin', 'former@readers.test');
select tests.create_supabase_user('reader_other_owner', 'owner@other.test');
select tests.create_supabase_user('reader_patient', phone => '+15550100401');
insert into public.members (tenant_id, id, user_id, display_name, is_active) values
  ('a4000000-0000-4000-8000-000000000001', 'a4000000-0000-4000-8000-0000000000e1', tests.get_supabase_uid('reader_owner'), 'Owner', true),
  ('a4000000-0000-4000-8000-000000000001', 'a4000000-0000-4000-8000-0000000000e2', tests.get_supabase_uid('reader_admin'), 'Admin', true),
  ('a4000000-0000-4000-8000-000000000001', 'a4000000-0000-4000-8000-0000000000e3', tests.get_supabase_uid('reader_manager'), 'Manager', true),
  ('a4000000-0000-4000-8000-000000000001', 'a4000000-0000-4000-8000-0000000000e4', tests.get_supabase_uid('reader_clinician'), 'Clinician', true),
  ('a4000000-0000-4000-8000-000000000001', 'a4000000-0000-4000-8000-0000000000e5', tests.get_supabase_uid('reader_former_admin'), 'Former', false),
  ('a4000000-0000-4000-8000-000000000002', 'a4000000-0000-4000-8000-0000000000e6', tests.get_supabase_uid('reader_other_owner'), 'Other', true);
insert into public.member_roles (tenant_id, member_id, role) values
  ('a4000000-0000-4000-8000-000000000001', 'a4000000-0000-4000-8000-0000000000e1', 'owner'),
  ('a4000000-0000-4000-8000-000000000001', 'a4000000-0000-4000-8000-0000000000e2', 'admin'),
  ('a4000000-0000-4000-8000-000000000001', 'a4000000-0000-4000-8000-0000000000e3', 'manager'),
  ('a4000000-0000-4000-8000-000000000001', 'a4000000-0000-4000-8000-0000000000e4', 'clinician'),
  ('a4000000-0000-4000-8000-000000000001', 'a4000000-0000-4000-8000-0000000000e5', 'admin'),
  ('a4000000-0000-4000-8000-000000000002', 'a4000000-0000-4000-8000-0000000000e6', 'owner');
insert into public.patients (tenant_id, id, user_id, full_name)
values ('a4000000-0000-4000-8000-000000000001', 'a4000000-0000-4000-8000-0000000000a1', tests.get_supabase_uid('reader_patient'), 'Reader Patient');

-- TEST: owner and admin of tenant 1 read its entries, and only its entries
select tests.authenticate_as('reader_owner');
select is(
  (select count(*)::int from public.audit_log),
  (select count(*)::int from public.audit_log where tenant_id = 'a4000000-0000-4000-8000-000000000001'),
  'the owner reads only entries of their tenant');
select isnt_empty($$ select 1 from public.audit_log where table_name = 'public.patients' $$, 'the owner reads the patient changes of their tenant');
reset role;
select tests.authenticate_as('reader_admin');
select isnt_empty($$ select 1 from public.audit_log where tenant_id = 'a4000000-0000-4000-8000-000000000001' $$, 'an admin reads the entries of their tenant');
reset role;

-- TEST: other staff of the tenant, a deactivated admin, an owner of another tenant, a patient
select tests.authenticate_as('reader_manager');
select is_empty($$ select 1 from public.audit_log $$, 'a manager reads no audit entries');
reset role;
select tests.authenticate_as('reader_clinician');
select is_empty($$ select 1 from public.audit_log $$, 'a clinician reads no audit entries');
reset role;
select tests.authenticate_as('reader_former_admin');
select is_empty($$ select 1 from public.audit_log $$, 'a deactivated admin reads no audit entries');
reset role;
select tests.authenticate_as('reader_other_owner');
select is_empty($$ select 1 from public.audit_log where tenant_id = 'a4000000-0000-4000-8000-000000000001' $$, 'the owner of another tenant reads none of tenant 1''s entries');
reset role;
select tests.authenticate_as('reader_patient');
select is_empty($$ select 1 from public.audit_log $$, 'a patient reads no audit entries, not even about their own record');
reset role;

-- TEST: anon
select tests.clear_authentication();
select throws_ok($$ select 1 from public.audit_log $$, '42501', null, 'anon cannot read the audit log at all');

select * from finish();
rollback;

-- RLS and grants of public.notifications, every role x command: owners, admins, managers, care
-- coordinators and front desk (tenant-wide) read all of their tenant's messages; clinicians and
-- centre managers read none; a patient reads the messages of their own records (in every
-- tenant), nobody else's; staff of another tenant read only their own; anon has no grant; only
-- service_role inserts, updates and deletes.
begin;
select plan(28);

-- SETUP
select tests.create_notification_fixtures();
update public.tenants set reminder_offsets = '{}' where id in (tests.tenancy_id('tenant_a'), tests.tenancy_id('tenant_b'));
select tests.insert_appointment('mine', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));
select tests.insert_appointment('theirs', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(3, '11:00'));
select tests.insert_appointment('beta', 'appt_b_checkup', 'clinician_b', 'patient_b', tests.appointment_slot(3, '10:00', 'America/New_York'), 'booked', 'tenant_b', 'centre_b1');
create temporary table writes (name text, statement text);
grant select on writes to anon, authenticated, service_role;
insert into writes values
  ('insert', $$ insert into public.notifications (tenant_id, patient_id, kind, dedupe_key) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), 'reminder', 'rls-test') $$),
  ('update', $$ update public.notifications set status = 'voided' $$),
  ('delete', $$ delete from public.notifications $$);

-- TEST: anon
select tests.clear_authentication();
select throws_ok($$ select 1 from public.notifications $$, '42501', null, 'anon cannot read notifications');
select throws_ok(statement, '42501', null, 'anon cannot ' || name || ' notifications') from writes order by name;

-- TEST: patients
select tests.authenticate_as('patient');
select results_eq($$ select appointment_id from public.notifications order by tenant_id = tests.tenancy_id('tenant_a') desc $$,
  $$ values (tests.tenancy_id('mine')), (tests.tenancy_id('beta')) $$,
  'a patient reads the messages of their own records, in every tenant');
select throws_ok(statement, '42501', null, 'a patient cannot ' || name || ' notifications') from writes order by name;
select tests.authenticate_as('a_patient_2');
select results_eq($$ select appointment_id from public.notifications $$, $$ values (tests.tenancy_id('theirs')) $$,
  'another patient reads only their own');
select tests.authenticate_as('outsider');
select is_empty($$ select 1 from public.notifications $$, 'a user without record or membership reads nothing');

-- TEST: staff
select tests.authenticate_as('a_owner');
select is((select count(*)::integer from public.notifications), 2, 'an owner reads every message of the tenant');
select throws_ok(statement, '42501', null, 'an owner cannot ' || name || ' notifications') from writes order by name;
select tests.authenticate_as('a_admin');
select is((select count(*)::integer from public.notifications), 2, 'an admin reads them');
select tests.authenticate_as('a_manager');
select is((select count(*)::integer from public.notifications), 2, 'a manager reads them');
select tests.authenticate_as('a_care_coordinator');
select is((select count(*)::integer from public.notifications), 2, 'a care coordinator reads them');
select tests.authenticate_as('a_front_desk');
select is((select count(*)::integer from public.notifications), 2, 'the front desk reads them');
select throws_ok(statement, '42501', null, 'the front desk cannot ' || name || ' notifications') from writes order by name;
select tests.authenticate_as('a_clinician');
select is_empty($$ select 1 from public.notifications $$, 'a clinician reads none');
select tests.authenticate_as('a_centre_manager');
select is_empty($$ select 1 from public.notifications $$, 'a centre manager reads none');
select tests.authenticate_as('b_owner');
select results_eq($$ select appointment_id from public.notifications $$, $$ values (tests.tenancy_id('beta')) $$,
  'staff of another tenant read only their own tenant''s messages');

-- TEST: service_role
select tests.authenticate_as_service_role();
select is((select count(*)::integer from public.notifications where tenant_id = any (tests.tenancy_tenant_ids())), 3, 'service_role reads all');
select lives_ok(statement, 'service_role can ' || name || ' notifications') from writes order by name;
reset role;

select * from finish();
rollback;

-- RLS and grants of waitlist_entries and waitlist_offers, every role x command: a patient reads
-- the entries (and offers) of their own records in every tenant; staff with a tenant-wide role
-- read all of the tenant's, staff holding roles only at another centre none of these (all at
-- centre_a1); other tenants, other patients and signed-in users without a record read
-- nothing; anon has no grant; nobody but service_role inserts, updates or deletes (42501).
begin;
select plan(39);

-- SETUP
select tests.create_waitlist_fixtures();
select tests.free_slot('freed_10', tests.appointment_slot(2, '10:00'));
select tests.free_slot('freed_12', tests.appointment_slot(2, '12:00'));
select tests.insert_waitlist_entry('mine', 'patient_a', 'appt_checkup', tests.appointment_slot(2, '09:00'), tests.appointment_slot(2, '11:00'));
select tests.insert_waitlist_entry('theirs', 'patient_a_2', 'appt_checkup', tests.appointment_slot(2, '11:00'), tests.appointment_slot(2, '13:00'));
select tests.insert_waitlist_entry('beta', 'patient_b', 'appt_b_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'), null, 'staff', 'tenant_b', 'centre_b1');
select public.cancel_appointment(tests.tenancy_id('freed_10'), 'patient_request');
select public.cancel_appointment(tests.tenancy_id('freed_12'), 'patient_request');

-- TEST: anon
select tests.clear_authentication();
select throws_ok($$ select 1 from public.waitlist_entries $$, '42501', null, 'anon cannot read waitlist entries');
select throws_ok($$ insert into public.waitlist_entries (tenant_id, patient_id, service_id, centre_id, earliest, latest, joined_via)
                    values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('appt_video'), tests.tenancy_id('centre_a1'), now(), now() + interval '1 day', 'patient') $$,
  '42501', null, 'anon cannot insert waitlist entries');
select throws_ok($$ update public.waitlist_entries set status = 'cancelled' $$, '42501', null, 'anon cannot update waitlist entries');
select throws_ok($$ delete from public.waitlist_entries $$, '42501', null, 'anon cannot delete waitlist entries');
select throws_ok($$ select 1 from public.waitlist_offers $$, '42501', null, 'anon cannot read waitlist offers');
select throws_ok($$ insert into public.waitlist_offers (tenant_id, entry_id, appointment_id, clinician_id, starts_at, ends_at, expires_at)
                    values (tests.tenancy_id('tenant_a'), tests.tenancy_id('mine'), tests.tenancy_id('freed_10'), tests.tenancy_id('clinician_a'), now(), now() + interval '1 hour', now()) $$,
  '42501', null, 'anon cannot insert waitlist offers');
select throws_ok($$ update public.waitlist_offers set outcome = 'accepted', decided_at = now() $$, '42501', null, 'anon cannot update waitlist offers');
select throws_ok($$ delete from public.waitlist_offers $$, '42501', null, 'anon cannot delete waitlist offers');

-- TEST: patients
select tests.authenticate_as('patient');
select results_eq($$ select id from public.waitlist_entries order by created_at $$,
  $$ values (tests.tenancy_id('mine')), (tests.tenancy_id('beta')) $$, 'a patient reads the entries of their own records in every tenant');
select results_eq($$ select entry_id, starts_at from public.waitlist_offers $$,
  $$ values (tests.tenancy_id('mine'), tests.appointment_slot(2, '10:00')) $$, 'a patient reads the offers made to their own entries');
select throws_ok($$ insert into public.waitlist_entries (tenant_id, patient_id, service_id, centre_id, earliest, latest, joined_via)
                    values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('appt_video'), tests.tenancy_id('centre_a1'), now(), now() + interval '1 day', 'patient') $$,
  '42501', null, 'a patient cannot insert entries directly (join_waitlist does)');
select throws_ok($$ update public.waitlist_entries set latest = latest + interval '1 day' where id = tests.tenancy_id('mine') $$,
  '42501', null, 'a patient cannot update their entry directly');
select throws_ok($$ delete from public.waitlist_entries where id = tests.tenancy_id('mine') $$,
  '42501', null, 'a patient cannot delete their entry directly (leave_waitlist does)');
select throws_ok($$ insert into public.waitlist_offers (tenant_id, entry_id, appointment_id, clinician_id, starts_at, ends_at, expires_at)
                    values (tests.tenancy_id('tenant_a'), tests.tenancy_id('mine'), tests.tenancy_id('freed_10'), tests.tenancy_id('clinician_a'), now(), now() + interval '1 hour', now()) $$,
  '42501', null, 'a patient cannot insert offers');
select throws_ok($$ update public.waitlist_offers set outcome = 'accepted', decided_at = now() $$, '42501', null, 'a patient cannot update offers (accept_waitlist_offer does)');
select throws_ok($$ delete from public.waitlist_offers $$, '42501', null, 'a patient cannot delete offers');
select tests.authenticate_as('a_patient_2');
select results_eq($$ select e.id, o.starts_at from public.waitlist_entries as e left join public.waitlist_offers as o on o.entry_id = e.id $$,
  $$ values (tests.tenancy_id('theirs'), tests.appointment_slot(2, '12:00')) $$, 'another patient reads only their own entry and offer');
select tests.authenticate_as('outsider');
select is_empty($$ select 1 from public.waitlist_entries union all select 1 from public.waitlist_offers $$,
  'a signed-in user without a patient record or membership reads nothing');

-- TEST: staff
select tests.authenticate_as('a_clinician');
select results_eq($$ select id from public.waitlist_entries order by created_at $$,
  $$ values (tests.tenancy_id('mine')), (tests.tenancy_id('theirs')) $$, 'tenant-wide staff (a clinician) read all its entries, none of another tenant');
select is((select count(*)::integer from public.waitlist_offers), 2, 'tenant-wide staff read all offers of the tenant');
select tests.authenticate_as('a_clinician_2');
select is_empty($$ select 1 from public.waitlist_entries union all select 1 from public.waitlist_offers $$,
  'a clinician of centre_a2 reads no entry or offer of centre_a1');
select tests.authenticate_as('a_front_desk');
select is((select count(*)::integer from public.waitlist_entries), 2, 'the front desk reads all entries of the tenant');
select tests.authenticate_as('b_owner');
select results_eq($$ select id from public.waitlist_entries $$, $$ values (tests.tenancy_id('beta')) $$, 'staff of another tenant read only their own tenant''s entries');
select is_empty($$ select 1 from public.waitlist_offers $$, 'staff of another tenant read none of tenant_a''s offers');
select tests.authenticate_as('a_owner');
select throws_ok($$ insert into public.waitlist_entries (tenant_id, patient_id, service_id, centre_id, earliest, latest, joined_via)
                    values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('appt_video'), tests.tenancy_id('centre_a1'), now(), now() + interval '1 day', 'staff') $$,
  '42501', null, 'not even an owner inserts entries directly');
select throws_ok($$ update public.waitlist_entries set status = 'cancelled' $$, '42501', null, 'not even an owner updates entries directly');
select throws_ok($$ delete from public.waitlist_entries $$, '42501', null, 'not even an owner deletes entries directly');
select throws_ok($$ insert into public.waitlist_offers (tenant_id, entry_id, appointment_id, clinician_id, starts_at, ends_at, expires_at)
                    values (tests.tenancy_id('tenant_a'), tests.tenancy_id('mine'), tests.tenancy_id('freed_10'), tests.tenancy_id('clinician_a'), now(), now() + interval '1 hour', now()) $$,
  '42501', null, 'not even an owner inserts offers directly');
select throws_ok($$ update public.waitlist_offers set outcome = 'withdrawn', decided_at = now() $$, '42501', null, 'not even an owner updates offers directly');
select throws_ok($$ delete from public.waitlist_offers $$, '42501', null, 'not even an owner deletes offers directly');

-- TEST: service_role
select tests.authenticate_as_service_role();
select is((select count(*)::integer from public.waitlist_entries where tenant_id = any (tests.tenancy_tenant_ids())), 3, 'service_role reads every entry');
select is((select count(*)::integer from public.waitlist_offers where tenant_id = any (tests.tenancy_tenant_ids())), 2, 'service_role reads every offer');
select lives_ok($$ insert into public.waitlist_entries (tenant_id, id, patient_id, service_id, centre_id, earliest, latest, joined_via)
                   values (tests.tenancy_id('tenant_a'), tests.tenancy_id('ops'), tests.tenancy_id('patient_a_3'), tests.tenancy_id('appt_video'), tests.tenancy_id('centre_a1'), now(), now() + interval '1 day', 'staff') $$,
  'service_role inserts entries directly');
select lives_ok($$ update public.waitlist_entries set latest = latest + interval '1 day' where id = tests.tenancy_id('ops') $$, 'service_role updates entries directly');
select lives_ok($$ insert into public.waitlist_offers (tenant_id, id, entry_id, appointment_id, clinician_id, starts_at, ends_at, expires_at, outcome, decided_at)
                   values (tests.tenancy_id('tenant_a'), tests.tenancy_id('ops offer'), tests.tenancy_id('theirs'), tests.tenancy_id('freed_10'), tests.tenancy_id('clinician_a'),
                           tests.appointment_slot(2, '10:00'), tests.appointment_slot(2, '10:30'), now(), 'withdrawn', now()) $$,
  'service_role inserts offers directly');
select lives_ok($$ update public.waitlist_offers set decided_at = now() where id = tests.tenancy_id('ops offer') $$, 'service_role updates offers directly');
select lives_ok($$ delete from public.waitlist_offers where id = tests.tenancy_id('ops offer') $$, 'service_role deletes offers directly');
select lives_ok($$ delete from public.waitlist_entries where id = tests.tenancy_id('ops') $$, 'service_role deletes entries directly');
reset role;
select is((select count(*)::integer from public.waitlist_entries where tenant_id = any (tests.tenancy_tenant_ids())), 3, 'only service_role''s own row came and went');

select * from finish();
rollback;

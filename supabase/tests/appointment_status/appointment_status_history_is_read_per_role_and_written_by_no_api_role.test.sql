-- RLS and grants of public.appointment_status_history for every role x command: patients read
-- the history of their own appointments (in every tenant where they have a record), every
-- active staff member with a tenant-wide role reads their tenant's whole history, centre-scoped
-- staff the history of their centres' appointments (and a clinician of their own), other tenants
-- and users without a record read nothing, service_role reads everything, anon nothing. Nobody
-- - not even service_role - inserts, updates or deletes history rows through the API (42501):
-- it is written only by the trigger on public.appointments.
begin;
select plan(67);

-- SETUP: tenant_a: 'mine' (patient_a, centre_a1; booked then cancelled: two rows), 'theirs'
-- (patient_a_2, centre_a1), 'north' (patient_a_2, centre_a2), 'walk_in' (no account);
-- tenant_b: 'beta' (patient_b, the same person as patient_a).
select tests.create_appointment_fixtures();
select tests.insert_appointment('mine', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'), 'cancelled');
select tests.insert_appointment('theirs', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(3, '12:00'));
select tests.insert_appointment('north', 'appt_checkup', 'clinician_a_visiting', 'patient_a_2', tests.appointment_slot(4, '10:00'), 'booked', 'tenant_a', 'centre_a2');
select tests.insert_appointment('walk_in', 'appt_checkup', 'clinician_a', 'patient_a_walk_in', tests.appointment_slot(5, '10:00'));
select tests.insert_appointment('beta', 'appt_b_checkup', 'clinician_b', 'patient_b', tests.appointment_slot(3, '10:00', 'America/New_York'), 'booked', 'tenant_b', 'centre_b1');

-- TEST: the table is protected by exactly one policy (select, authenticated)
select tests.rls_enabled('public', 'appointment_status_history');
select policies_are('public', 'appointment_status_history', array['appointment_status_history_select_authenticated'],
  'appointment_status_history has only its select policy: no API role writes it');

-- TEST: every role x select, insert, update, delete
-- anon
select tests.clear_authentication();
select throws_ok($$ select appointment_id from public.appointment_status_history where tenant_id = any (tests.tenancy_tenant_ids()) $$, '42501', null, 'anon: select is refused (no grant)');
select throws_ok($$ insert into public.appointment_status_history (tenant_id, appointment_id, to_status, starts_at_after, ends_at_after, actor_role) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('mine'), 'booked', now(), now(), 'forged') $$,
  '42501', null, 'anon: insert is refused (42501)');
select throws_ok($$ update public.appointment_status_history set reason = 'rewritten' $$, '42501', null, 'anon: update is refused (42501)');
select throws_ok($$ delete from public.appointment_status_history $$, '42501', null, 'anon: delete is refused (42501)');
-- patient
select tests.authenticate_as('patient');
select bag_eq($$ select appointment_id from public.appointment_status_history where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('mine')), (tests.tenancy_id('mine')), (tests.tenancy_id('beta')) $$,
  'patient: select - the patient sees the history of their own appointments, in every tenant');
select throws_ok($$ insert into public.appointment_status_history (tenant_id, appointment_id, to_status, starts_at_after, ends_at_after, actor_role) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('mine'), 'booked', now(), now(), 'forged') $$,
  '42501', null, 'patient: insert is refused (42501)');
select throws_ok($$ update public.appointment_status_history set reason = 'rewritten' $$, '42501', null, 'patient: update is refused (42501)');
select throws_ok($$ delete from public.appointment_status_history $$, '42501', null, 'patient: delete is refused (42501)');
-- a_patient_2
select tests.authenticate_as('a_patient_2');
select bag_eq($$ select appointment_id from public.appointment_status_history where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('theirs')), (tests.tenancy_id('north')) $$,
  'a_patient_2: select - another patient sees only theirs');
select throws_ok($$ insert into public.appointment_status_history (tenant_id, appointment_id, to_status, starts_at_after, ends_at_after, actor_role) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('mine'), 'booked', now(), now(), 'forged') $$,
  '42501', null, 'a_patient_2: insert is refused (42501)');
select throws_ok($$ update public.appointment_status_history set reason = 'rewritten' $$, '42501', null, 'a_patient_2: update is refused (42501)');
select throws_ok($$ delete from public.appointment_status_history $$, '42501', null, 'a_patient_2: delete is refused (42501)');
-- outsider
select tests.authenticate_as('outsider');
select is_empty($$ select appointment_id from public.appointment_status_history where tenant_id = any (tests.tenancy_tenant_ids()) $$, 'outsider: select - a user without a record or membership sees nothing');
select throws_ok($$ insert into public.appointment_status_history (tenant_id, appointment_id, to_status, starts_at_after, ends_at_after, actor_role) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('mine'), 'booked', now(), now(), 'forged') $$,
  '42501', null, 'outsider: insert is refused (42501)');
select throws_ok($$ update public.appointment_status_history set reason = 'rewritten' $$, '42501', null, 'outsider: update is refused (42501)');
select throws_ok($$ delete from public.appointment_status_history $$, '42501', null, 'outsider: delete is refused (42501)');
-- a_owner
select tests.authenticate_as('a_owner');
select bag_eq($$ select appointment_id from public.appointment_status_history where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('mine')), (tests.tenancy_id('mine')), (tests.tenancy_id('theirs')), (tests.tenancy_id('north')), (tests.tenancy_id('walk_in')) $$,
  'a_owner: select - the owner sees the whole history of tenant_a (every centre), none of tenant_b');
select throws_ok($$ insert into public.appointment_status_history (tenant_id, appointment_id, to_status, starts_at_after, ends_at_after, actor_role) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('mine'), 'booked', now(), now(), 'forged') $$,
  '42501', null, 'a_owner: insert is refused (42501)');
select throws_ok($$ update public.appointment_status_history set reason = 'rewritten' $$, '42501', null, 'a_owner: update is refused (42501)');
select throws_ok($$ delete from public.appointment_status_history $$, '42501', null, 'a_owner: delete is refused (42501)');
-- a_admin
select tests.authenticate_as('a_admin');
select bag_eq($$ select appointment_id from public.appointment_status_history where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('mine')), (tests.tenancy_id('mine')), (tests.tenancy_id('theirs')), (tests.tenancy_id('north')), (tests.tenancy_id('walk_in')) $$,
  'a_admin: select - the admin sees the whole history of tenant_a (every centre), none of tenant_b');
select throws_ok($$ insert into public.appointment_status_history (tenant_id, appointment_id, to_status, starts_at_after, ends_at_after, actor_role) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('mine'), 'booked', now(), now(), 'forged') $$,
  '42501', null, 'a_admin: insert is refused (42501)');
select throws_ok($$ update public.appointment_status_history set reason = 'rewritten' $$, '42501', null, 'a_admin: update is refused (42501)');
select throws_ok($$ delete from public.appointment_status_history $$, '42501', null, 'a_admin: delete is refused (42501)');
-- a_manager
select tests.authenticate_as('a_manager');
select bag_eq($$ select appointment_id from public.appointment_status_history where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('mine')), (tests.tenancy_id('mine')), (tests.tenancy_id('theirs')), (tests.tenancy_id('north')), (tests.tenancy_id('walk_in')) $$,
  'a_manager: select - the manager sees the whole history of tenant_a (every centre), none of tenant_b');
select throws_ok($$ insert into public.appointment_status_history (tenant_id, appointment_id, to_status, starts_at_after, ends_at_after, actor_role) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('mine'), 'booked', now(), now(), 'forged') $$,
  '42501', null, 'a_manager: insert is refused (42501)');
select throws_ok($$ update public.appointment_status_history set reason = 'rewritten' $$, '42501', null, 'a_manager: update is refused (42501)');
select throws_ok($$ delete from public.appointment_status_history $$, '42501', null, 'a_manager: delete is refused (42501)');
-- a_centre_manager
select tests.authenticate_as('a_centre_manager');
select bag_eq($$ select appointment_id from public.appointment_status_history where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('mine')), (tests.tenancy_id('mine')), (tests.tenancy_id('theirs')), (tests.tenancy_id('walk_in')) $$,
  'a_centre_manager: select - the centre manager of centre_a1 sees the history of centre_a1 only (not north at centre_a2), none of tenant_b');
select throws_ok($$ insert into public.appointment_status_history (tenant_id, appointment_id, to_status, starts_at_after, ends_at_after, actor_role) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('mine'), 'booked', now(), now(), 'forged') $$,
  '42501', null, 'a_centre_manager: insert is refused (42501)');
select throws_ok($$ update public.appointment_status_history set reason = 'rewritten' $$, '42501', null, 'a_centre_manager: update is refused (42501)');
select throws_ok($$ delete from public.appointment_status_history $$, '42501', null, 'a_centre_manager: delete is refused (42501)');
-- a_clinician
select tests.authenticate_as('a_clinician');
select bag_eq($$ select appointment_id from public.appointment_status_history where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('mine')), (tests.tenancy_id('mine')), (tests.tenancy_id('theirs')), (tests.tenancy_id('north')), (tests.tenancy_id('walk_in')) $$,
  'a_clinician: select - the clinician sees the whole history of tenant_a (every centre), none of tenant_b');
select throws_ok($$ insert into public.appointment_status_history (tenant_id, appointment_id, to_status, starts_at_after, ends_at_after, actor_role) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('mine'), 'booked', now(), now(), 'forged') $$,
  '42501', null, 'a_clinician: insert is refused (42501)');
select throws_ok($$ update public.appointment_status_history set reason = 'rewritten' $$, '42501', null, 'a_clinician: update is refused (42501)');
select throws_ok($$ delete from public.appointment_status_history $$, '42501', null, 'a_clinician: delete is refused (42501)');
-- a_clinician_2
select tests.authenticate_as('a_clinician_2');
select bag_eq($$ select appointment_id from public.appointment_status_history where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('north')) $$,
  'a_clinician_2: select - the clinician of centre_a2 sees the history of centre_a2 only (north), none of tenant_b');
select throws_ok($$ insert into public.appointment_status_history (tenant_id, appointment_id, to_status, starts_at_after, ends_at_after, actor_role) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('mine'), 'booked', now(), now(), 'forged') $$,
  '42501', null, 'a_clinician_2: insert is refused (42501)');
select throws_ok($$ update public.appointment_status_history set reason = 'rewritten' $$, '42501', null, 'a_clinician_2: update is refused (42501)');
select throws_ok($$ delete from public.appointment_status_history $$, '42501', null, 'a_clinician_2: delete is refused (42501)');
-- a_care_coordinator
select tests.authenticate_as('a_care_coordinator');
select bag_eq($$ select appointment_id from public.appointment_status_history where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('mine')), (tests.tenancy_id('mine')), (tests.tenancy_id('theirs')), (tests.tenancy_id('north')), (tests.tenancy_id('walk_in')) $$,
  'a_care_coordinator: select - the care coordinator sees the whole history of tenant_a (every centre), none of tenant_b');
select throws_ok($$ insert into public.appointment_status_history (tenant_id, appointment_id, to_status, starts_at_after, ends_at_after, actor_role) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('mine'), 'booked', now(), now(), 'forged') $$,
  '42501', null, 'a_care_coordinator: insert is refused (42501)');
select throws_ok($$ update public.appointment_status_history set reason = 'rewritten' $$, '42501', null, 'a_care_coordinator: update is refused (42501)');
select throws_ok($$ delete from public.appointment_status_history $$, '42501', null, 'a_care_coordinator: delete is refused (42501)');
-- a_front_desk
select tests.authenticate_as('a_front_desk');
select bag_eq($$ select appointment_id from public.appointment_status_history where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('mine')), (tests.tenancy_id('mine')), (tests.tenancy_id('theirs')), (tests.tenancy_id('north')), (tests.tenancy_id('walk_in')) $$,
  'a_front_desk: select - the front desk sees the whole history of tenant_a (every centre), none of tenant_b');
select throws_ok($$ insert into public.appointment_status_history (tenant_id, appointment_id, to_status, starts_at_after, ends_at_after, actor_role) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('mine'), 'booked', now(), now(), 'forged') $$,
  '42501', null, 'a_front_desk: insert is refused (42501)');
select throws_ok($$ update public.appointment_status_history set reason = 'rewritten' $$, '42501', null, 'a_front_desk: update is refused (42501)');
select throws_ok($$ delete from public.appointment_status_history $$, '42501', null, 'a_front_desk: delete is refused (42501)');
-- b_owner
select tests.authenticate_as('b_owner');
select bag_eq($$ select appointment_id from public.appointment_status_history where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('beta')) $$,
  'b_owner: select - the owner of tenant_b sees only tenant_b''s');
select throws_ok($$ insert into public.appointment_status_history (tenant_id, appointment_id, to_status, starts_at_after, ends_at_after, actor_role) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('mine'), 'booked', now(), now(), 'forged') $$,
  '42501', null, 'b_owner: insert is refused (42501)');
select throws_ok($$ update public.appointment_status_history set reason = 'rewritten' $$, '42501', null, 'b_owner: update is refused (42501)');
select throws_ok($$ delete from public.appointment_status_history $$, '42501', null, 'b_owner: delete is refused (42501)');
-- b_clinician
select tests.authenticate_as('b_clinician');
select bag_eq($$ select appointment_id from public.appointment_status_history where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('beta')) $$,
  'b_clinician: select - the clinician of tenant_b sees only tenant_b''s');
select throws_ok($$ insert into public.appointment_status_history (tenant_id, appointment_id, to_status, starts_at_after, ends_at_after, actor_role) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('mine'), 'booked', now(), now(), 'forged') $$,
  '42501', null, 'b_clinician: insert is refused (42501)');
select throws_ok($$ update public.appointment_status_history set reason = 'rewritten' $$, '42501', null, 'b_clinician: update is refused (42501)');
select throws_ok($$ delete from public.appointment_status_history $$, '42501', null, 'b_clinician: delete is refused (42501)');
-- c_owner
select tests.authenticate_as('c_owner');
select is_empty($$ select appointment_id from public.appointment_status_history where tenant_id = any (tests.tenancy_tenant_ids()) $$, 'c_owner: select - the owner of a tenant without appointments sees nothing');
select throws_ok($$ insert into public.appointment_status_history (tenant_id, appointment_id, to_status, starts_at_after, ends_at_after, actor_role) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('mine'), 'booked', now(), now(), 'forged') $$,
  '42501', null, 'c_owner: insert is refused (42501)');
select throws_ok($$ update public.appointment_status_history set reason = 'rewritten' $$, '42501', null, 'c_owner: update is refused (42501)');
select throws_ok($$ delete from public.appointment_status_history $$, '42501', null, 'c_owner: delete is refused (42501)');
-- service_role
select tests.authenticate_as_service_role();
select bag_eq($$ select appointment_id from public.appointment_status_history where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('mine')), (tests.tenancy_id('mine')), (tests.tenancy_id('theirs')), (tests.tenancy_id('north')), (tests.tenancy_id('walk_in')), (tests.tenancy_id('beta')) $$,
  'service_role: select - service_role sees everything');
select throws_ok($$ insert into public.appointment_status_history (tenant_id, appointment_id, to_status, starts_at_after, ends_at_after, actor_role) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('mine'), 'booked', now(), now(), 'forged') $$,
  '42501', null, 'service_role: insert is refused (42501)');
select throws_ok($$ update public.appointment_status_history set reason = 'rewritten' $$, '42501', null, 'service_role: update is refused (42501)');
select throws_ok($$ delete from public.appointment_status_history $$, '42501', null, 'service_role: delete is refused (42501)');

-- TEST: the history is intact
reset role;
select is((select count(*)::integer from public.appointment_status_history where tenant_id = any (tests.tenancy_tenant_ids()) and reason = 'rewritten'), 0,
  'no update went through');

select * from finish();
rollback;

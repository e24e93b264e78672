-- RLS and grants: a patient sees their own appointments (and their history, not resources);
-- staff with a tenant-wide role see all of its appointments, allocations and history, staff
-- holding roles only at another centre none of these (both at centre_a1); other tenants and anon
-- nothing; only service_role writes the tables directly.
begin;
select plan(15);

-- SETUP
select tests.create_appointment_fixtures();
select tests.insert_appointment('mine', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'));
select tests.insert_appointment('theirs', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(2, '12:00'));
select tests.insert_appointment('beta', 'appt_b_checkup', 'clinician_b', 'patient_b', tests.appointment_slot(2, '10:00', 'America/New_York'), 'booked', 'tenant_b', 'centre_b1');
insert into public.appointment_resources (tenant_id, appointment_id, resource_id, occupied, active)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('mine'), tests.tenancy_id('resource_a1_room'), 'empty', true);

-- TEST: patient
select tests.authenticate_as('patient');
select results_eq($$ select id from public.appointments order by starts_at $$,
  $$ values (tests.tenancy_id('mine')), (tests.tenancy_id('beta')) $$, 'a patient sees their own appointments in every tenant, and no one else''s');
select is((select count(*)::integer from public.appointment_status_history), 2, 'a patient sees the history of their own appointments');
select is_empty($$ select 1 from public.appointment_resources $$, 'a patient sees no resource allocations');
select throws_ok($$ update public.appointments set status = 'cancelled' where id = tests.tenancy_id('mine') $$, '42501', null,
  'a patient cannot update appointments directly');

-- TEST: staff
select tests.authenticate_as('a_care_coordinator');
select results_eq($$ select id from public.appointments order by starts_at $$,
  $$ values (tests.tenancy_id('mine')), (tests.tenancy_id('theirs')) $$, 'tenant-wide staff see all of the tenant''s appointments, none of another tenant');
select is((select count(*)::integer from public.appointment_resources), 1, 'tenant-wide staff see the tenant''s resource allocations');
select tests.authenticate_as('a_clinician_2');
select is_empty($$ select 1 from public.appointments $$, 'a clinician of centre_a2 sees no appointment of centre_a1 (not theirs)');
select is_empty($$ select 1 from public.appointment_resources $$, 'nor their resource allocations');
select tests.authenticate_as('a_owner');
select throws_ok($$ insert into public.appointments (tenant_id, service_id, clinician_id, centre_id, patient_id, starts_at, ends_at, occupied, status, booked_via)
                    select tenant_id, service_id, clinician_id, centre_id, patient_id, starts_at + interval '1 day', ends_at + interval '1 day', occupied, 'booked', 'staff'
                    from public.appointments where id = tests.tenancy_id('theirs') $$,
  '42501', null, 'not even an owner inserts appointments directly (book_appointment does)');
select throws_ok($$ delete from public.appointments $$, '42501', null, 'nobody but service_role deletes appointments');
select throws_ok($$ insert into public.appointment_status_history (tenant_id, appointment_id, to_status, starts_at_after, ends_at_after, actor_role)
                    values (tests.tenancy_id('tenant_a'), tests.tenancy_id('mine'), 'booked', now(), now(), 'x') $$,
  '42501', null, 'nobody writes the history directly');
select tests.authenticate_as('b_owner');
select results_eq($$ select id from public.appointments $$, $$ values (tests.tenancy_id('beta')) $$, 'staff of another tenant see only their own tenant''s');

-- TEST: anon and service_role
select tests.clear_authentication();
select throws_ok($$ select 1 from public.appointments $$, '42501', null, 'anon has no access to appointments');
select throws_ok($$ select public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), tests.appointment_slot(2, '14:00')) $$,
  '42501', null, 'anon cannot call book_appointment');
select tests.authenticate_as_service_role();
select lives_ok($$ update public.appointments set status = 'cancelled', cancellation_reason = 'ops' where id = tests.tenancy_id('theirs') $$,
  'service_role updates appointments directly (still through the status machine)');

select * from finish();
rollback;

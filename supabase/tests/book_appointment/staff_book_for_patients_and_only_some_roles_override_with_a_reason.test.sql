-- Staff book for any patient of their tenant; owners, admins, managers and front desk may book
-- outside the offered times with a reason (staff_override, audited); clinicians may not book for
-- patients through book_appointment, and nobody books across tenants.
begin;
select plan(8);

-- SETUP
select tests.create_appointment_fixtures();

-- TEST: staff booking and override
select tests.authenticate_as('a_care_coordinator');
select results_eq(
  $$ select booked_via, staff_override from public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'),
       tests.tenancy_id('centre_a1'), tests.appointment_slot(2, '10:00'), tests.tenancy_id('patient_a_walk_in')) $$,
  $$ values ('staff', false) $$, 'a care coordinator books for a patient without an account');
select throws_ok(
  $$ select public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
       tests.appointment_slot(2, '19:00'), tests.tenancy_id('patient_a_2'), staff_override => true, override_reason => 'late clinic') $$,
  'PT403', 'only owners, admins, managers and front desk may override availability', 'a care coordinator cannot override availability');
select tests.authenticate_as('a_front_desk');
select throws_ok(
  $$ select public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
       tests.appointment_slot(2, '19:00'), tests.tenancy_id('patient_a_2'), staff_override => true) $$,
  '22023', 'override_reason is required with staff_override', 'an override needs a reason');
select results_eq(
  $$ select staff_override, override_reason from public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'),
       tests.tenancy_id('centre_a1'), tests.appointment_slot(2, '19:00'), tests.tenancy_id('patient_a_2'),
       staff_override => true, override_reason => 'urgent evening slot') $$,
  $$ values (true, 'urgent evening slot') $$, 'the front desk books outside working hours with a reason');
reset role;
select ok(exists (select 1 from public.audit_log as e join public.audit_log_values as v on v.audit_id = e.id
                   where e.table_name = 'public.appointments' and e.action = 'insert'
                   and (e.new_row ->> 'staff_override')::boolean and v.new_values ->> 'override_reason' = 'urgent evening slot'
                   and e.actor_user_id = tests.get_supabase_uid('a_front_desk')),
  'the override is in the audit log with the front desk as actor');

-- TEST: clinicians and other tenants
select tests.authenticate_as('a_clinician');
select throws_ok(
  $$ select public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
       tests.appointment_slot(2, '14:00'), tests.tenancy_id('patient_a_2')) $$,
  'PT404', 'you have no patient record with this clinic', 'a clinician is not booking staff: they are treated as a patient, and have no record');
select tests.authenticate_as('b_owner');
select throws_ok(
  $$ select public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
       tests.appointment_slot(2, '14:00'), tests.tenancy_id('patient_a_2')) $$,
  'PT404', 'you have no patient record with this clinic', 'staff of another tenant cannot book in this one');
select throws_ok(
  $$ select public.book_appointment(tests.tenancy_id('appt_b_checkup'), tests.tenancy_id('clinician_b'), tests.tenancy_id('centre_b1'),
       tests.appointment_slot(2, '10:00', 'America/New_York'), tests.tenancy_id('patient_a_2')) $$,
  'PT404', 'patient not found', 'a patient of another tenant cannot be booked');

select * from finish();
rollback;

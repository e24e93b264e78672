-- supabase/tests/_setup/centre_scope_fixtures.sql — least privilege inside tenant_a: staff who
-- hold roles only at some centres, and patients who belong to centres in each of the ways the
-- rule knows, on top of the payment, appointment, catalogue and tenancy casts. Applied like the
-- other _setup files (as postgres, committed; creates no data); a test calls
-- `select tests.create_centre_scope_fixtures();` after `begin`.
--
--   centre-scoped staff (besides a_centre_manager, centre_manager of centre_a1, and
--   a_clinician_2, clinician at centre_a2, profile clinician_a_2)
--     a_front_desk_a1          front_desk at centre_a1
--     a_care_coordinator_a2    care_coordinator at centre_a2
--
--   tenant_a patients and how they belong to centres
--     patient_a           registered at centre_a1; appointments scope_a1 and scope_visit (centre_a1)
--     patient_a_2         registered at centre_a2
--     patient_a_walk_in   appointment scope_a2 at centre_a2
--     patient_a_waiting   on the waitlist at centre_a1 (entry scope_wait)
--     patient_a_unplaced  no centre at all: only tenant-wide staff see this record
--
--   appointments (service appt_paid, each with a succeeded payment pay_<appointment>)
--     scope_a1      patient_a          clinician_a     centre_a1
--     scope_visit   patient_a          clinician_a_2   centre_a1   (clinician_a_2 visiting centre_a1)
--     scope_a2      patient_a_walk_in  clinician_a_2   centre_a2   (refund refund_a2 on its payment)
--
-- So clinician_a_2 has patient_a and patient_a_walk_in in their care.

create schema if not exists tests;

create or replace function tests.create_centre_scope_fixtures()
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform tests.create_payment_fixtures();

  perform tests.create_supabase_user('a_front_desk_a1');
  perform tests.create_supabase_user('a_care_coordinator_a2');
  perform tests.add_tenancy_member('a_front_desk_a1', 'tenant_a', 'front_desk', 'centre_a1');
  perform tests.add_tenancy_member('a_care_coordinator_a2', 'tenant_a', 'care_coordinator', 'centre_a2');

  update public.patients set registered_centre_id = tests.tenancy_id('centre_a1') where id = tests.tenancy_id('patient_a');
  update public.patients set registered_centre_id = tests.tenancy_id('centre_a2') where id = tests.tenancy_id('patient_a_2');
  insert into public.patients (tenant_id, id, full_name, phone) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a_waiting'), 'Wait Ing', '+447700900104'),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a_unplaced'), 'Un Placed', '+447700900105');

  perform tests.insert_appointment('scope_a1', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));
  perform tests.insert_appointment('scope_visit', 'appt_paid', 'clinician_a_2', 'patient_a', tests.appointment_slot(4, '10:00'));
  perform tests.insert_appointment('scope_a2', 'appt_paid', 'clinician_a_2', 'patient_a_walk_in', tests.appointment_slot(3, '10:00'),
                                   'booked', 'tenant_a', 'centre_a2');
  perform tests.insert_payment('pay_scope_a1', 'scope_a1', 'succeeded');
  perform tests.insert_payment('pay_scope_visit', 'scope_visit', 'succeeded');
  perform tests.insert_payment('pay_scope_a2', 'scope_a2', 'succeeded');
  perform private.insert_refund(p, 10, 'staff', null, 'goodwill') from public.payments as p where p.id = tests.tenancy_id('pay_scope_a2');

  perform tests.insert_waitlist_entry('scope_wait', 'patient_a_waiting', 'appt_checkup',
                                      tests.appointment_slot(5, '09:00'), tests.appointment_slot(5, '17:00'));
end
$$;
comment on function tests.create_centre_scope_fixtures() is
  'pgTAP fixtures: centre-scoped staff and patients belonging to centres by registration, appointment and waitlist (see supabase/tests/_setup/centre_scope_fixtures.sql). Call as postgres after begin.';

revoke execute on function tests.create_centre_scope_fixtures() from public;

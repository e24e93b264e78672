-- Changing a waitlist entry answers by what the caller sees (least privilege): staff who see the
-- entry under its policy but may not change it (tenant-wide staff, staff of its centre, the
-- clinician it waits for) get PT403; staff who hold roles only at other centres do not see it
-- and get PT404, exactly like strangers.
begin;
select plan(5);

-- SETUP: scope_wait waits at centre_a1 (any clinician); another entry there waits for clinician_a_2
select tests.create_centre_scope_fixtures();
select tests.insert_waitlist_entry('for_clinician_2', 'patient_a_waiting', 'appt_paid', tests.appointment_slot(5, '09:00'),
                                   tests.appointment_slot(5, '17:00'), 'clinician_a_2');

-- TEST
select tests.authenticate_as('a_clinician_2');
select throws_ok($$ select public.leave_waitlist(tests.tenancy_id('scope_wait')) $$, 'PT404', 'waitlist entry not found',
  'a clinician of another centre does not see the entry: PT404');
select throws_ok($$ select public.leave_waitlist(tests.tenancy_id('for_clinician_2')) $$, 'PT403', 'you may not change this waitlist entry',
  'the clinician the entry waits for sees it but may not change it: PT403');
select tests.authenticate_as('a_care_coordinator_a2');
select throws_ok($$ select public.leave_waitlist(tests.tenancy_id('scope_wait')) $$, 'PT404', 'waitlist entry not found',
  'a care coordinator of another centre does not see it: PT404');
select tests.authenticate_as('a_clinician');
select throws_ok($$ select public.leave_waitlist(tests.tenancy_id('scope_wait')) $$, 'PT403', 'you may not change this waitlist entry',
  'a tenant-wide clinician sees it but may not change it: PT403');
select tests.authenticate_as('a_front_desk_a1');
select results_eq($$ select status::text from public.leave_waitlist(tests.tenancy_id('scope_wait')) $$, $$ values ('cancelled') $$,
  'the front desk of its centre takes it off the list');

select * from finish();
rollback;

-- leave_waitlist, accept_waitlist_offer, decline_waitlist_offer per role: the entry's patient,
-- appointment staff of its centre and service_role may; anon has no grant (42501); another
-- patient and another tenant's staff do not see the entry (PT404); other staff of the tenant see
-- it but may not change it (PT403); a null id is 22023. A refused call changes nothing.
begin;
select plan(21);

-- SETUP
select tests.create_waitlist_fixtures();
select tests.free_slot('freed', tests.appointment_slot(2, '10:00'));
select tests.free_slot('freed_paid', tests.appointment_slot(2, '12:00'), 'appt_paid');
select tests.insert_waitlist_entry('e_leave', 'patient_a', 'appt_video', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));
select tests.insert_waitlist_entry('e_leave_2', 'patient_a', 'appt_scan', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));
select tests.insert_waitlist_entry('e_accept', 'patient_a', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));
select tests.insert_waitlist_entry('e_decline', 'patient_a', 'appt_paid', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));
select public.cancel_appointment(tests.tenancy_id('freed'), 'patient_request');
select public.cancel_appointment(tests.tenancy_id('freed_paid'), 'patient_request');
create temporary table decline_hold on commit drop as select id from tests.waitlist_hold('e_decline');
grant select on decline_hold to service_role;

-- TEST: anon
select tests.clear_authentication();
select throws_ok($$ select public.leave_waitlist(tests.tenancy_id('e_leave')) $$, '42501', null, 'anon cannot leave');
select throws_ok($$ select public.accept_waitlist_offer(tests.tenancy_id('e_accept')) $$, '42501', null, 'anon cannot accept');
select throws_ok($$ select public.decline_waitlist_offer(tests.tenancy_id('e_decline')) $$, '42501', null, 'anon cannot decline');

-- TEST: another patient
select tests.authenticate_as('a_patient_2');
select throws_ok($$ select public.leave_waitlist(tests.tenancy_id('e_leave')) $$, 'PT404', 'waitlist entry not found', 'another patient cannot leave for them');
select throws_ok($$ select public.accept_waitlist_offer(tests.tenancy_id('e_accept')) $$, 'PT404', 'waitlist entry not found', 'another patient cannot accept their offer');
select throws_ok($$ select public.decline_waitlist_offer(tests.tenancy_id('e_decline')) $$, 'PT404', 'waitlist entry not found', 'another patient cannot decline their offer');

-- TEST: other staff of the tenant
select tests.authenticate_as('a_clinician');
select throws_ok($$ select public.leave_waitlist(tests.tenancy_id('e_leave')) $$, 'PT403', 'you may not change this waitlist entry', 'a clinician sees the entry but cannot take it off the list');
select throws_ok($$ select public.accept_waitlist_offer(tests.tenancy_id('e_accept')) $$, 'PT403', 'you may not change this waitlist entry', 'a clinician cannot accept for the patient');
select throws_ok($$ select public.decline_waitlist_offer(tests.tenancy_id('e_decline')) $$, 'PT403', 'you may not change this waitlist entry', 'a clinician cannot decline for the patient');

-- TEST: another tenant
select tests.authenticate_as('b_owner');
select throws_ok($$ select public.leave_waitlist(tests.tenancy_id('e_leave')) $$, 'PT404', 'waitlist entry not found', 'another tenant''s owner does not see the entry (leave)');
select throws_ok($$ select public.accept_waitlist_offer(tests.tenancy_id('e_accept')) $$, 'PT404', 'waitlist entry not found', 'another tenant''s owner does not see the entry (accept)');
select throws_ok($$ select public.decline_waitlist_offer(tests.tenancy_id('e_decline')) $$, 'PT404', 'waitlist entry not found', 'another tenant''s owner does not see the entry (decline)');

reset role;
select results_eq($$ select id, status::text from public.waitlist_entries order by created_at $$,
  $$ values (tests.tenancy_id('e_leave'), 'waiting'), (tests.tenancy_id('e_leave_2'), 'waiting'), (tests.tenancy_id('e_accept'), 'offered'), (tests.tenancy_id('e_decline'), 'offered') $$,
  'the refused calls changed nothing');

-- TEST: the patient, booking staff, the server
select tests.authenticate_as('patient');
select throws_ok($$ select public.leave_waitlist(null) $$, '22023', 'id is required', 'a null id is a bad argument');
select results_eq($$ select status::text from public.leave_waitlist(tests.tenancy_id('e_leave')) $$, $$ values ('cancelled') $$, 'the patient leaves');
select tests.authenticate_as('a_centre_manager');
select results_eq($$ select status::text from public.leave_waitlist(tests.tenancy_id('e_leave_2')) $$, $$ values ('cancelled') $$, 'the centre manager of the entry''s centre takes it off the list');
select tests.authenticate_as('a_front_desk');
select results_eq($$ select status::text, booked_by = tests.get_supabase_uid('a_front_desk') from public.accept_waitlist_offer(tests.tenancy_id('e_accept')) $$,
  $$ values ('booked', true) $$, 'the front desk accepts for the patient (e.g. on the phone)');
select tests.authenticate_as_service_role();
select results_eq($$ select status::text from public.decline_waitlist_offer(tests.tenancy_id('e_decline')) $$, $$ values ('waiting') $$, 'service_role declines');
select results_eq($$ select status::text, cancellation_outcome ->> 'by', cancelled_by is null from public.appointments where id = (select id from decline_hold) $$,
  $$ values ('cancelled', 'system', true) $$, 'the server''s decline is recorded as by the system');
select tests.authenticate_as('patient');
select results_eq($$ select id, status::text from public.waitlist_entries order by created_at $$,
  $$ values (tests.tenancy_id('e_leave'), 'cancelled'), (tests.tenancy_id('e_leave_2'), 'cancelled'), (tests.tenancy_id('e_accept'), 'booked'), (tests.tenancy_id('e_decline'), 'waiting') $$,
  'the patient sees the outcome of every call on their entries');
select throws_ok($$ select public.accept_waitlist_offer(tests.tenancy_id('e_decline')) $$, 'PT409', 'this waitlist entry has no open offer', 'nothing is left to accept');

select * from finish();
rollback;

-- confirm_appointment makes a pending appointment (a hold) booked: by appointment staff of its
-- centre (e.g. after a payment at the desk) and by service_role (the payment webhook). The hold
-- expiry is cleared and the history records the change with the actor.
begin;
select plan(9);

-- SETUP: three holds
select tests.create_appointment_fixtures();
select tests.insert_appointment('hold_desk', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'), 'pending');
select tests.insert_appointment('hold_manager', 'appt_paid', 'clinician_a', 'patient_a_2', tests.appointment_slot(3, '11:00'), 'pending');
select tests.insert_appointment('hold_server', 'appt_paid', 'clinician_a', 'patient_a_walk_in', tests.appointment_slot(3, '12:00'), 'pending');

-- TEST: the front desk
select tests.authenticate_as('a_front_desk');
select results_eq(
  $$ select id, status::text, hold_expires_at, starts_at from public.confirm_appointment(tests.tenancy_id('hold_desk')) $$,
  $$ values (tests.tenancy_id('hold_desk'), 'booked', null::timestamptz, tests.appointment_slot(3, '10:00')) $$,
  'the front desk confirms a hold: booked, hold_expires_at cleared, same time');
select tests.authenticate_as('a_centre_manager');
select results_eq($$ select status::text, hold_expires_at from public.confirm_appointment(tests.tenancy_id('hold_manager')) $$,
  $$ values ('booked', null::timestamptz) $$, 'the centre manager of its centre confirms one');
select tests.authenticate_as_service_role();
select results_eq($$ select status::text, hold_expires_at from public.confirm_appointment(tests.tenancy_id('hold_server')) $$,
  $$ values ('booked', null::timestamptz) $$, 'service_role (the payment webhook) confirms one');

-- TEST: stored and in the history
reset role;
select is((select count(*)::integer from public.appointments where tenant_id = tests.tenancy_id('tenant_a') and status = 'booked' and hold_expires_at is null), 3,
  'all three are stored as booked without a hold expiry');
select results_eq($$ select * from tests.history_of('hold_desk') $$,
  $$ values (null::text, 'pending'::text, null::uuid, 'postgres'::text, null::text), ('pending', 'booked', tests.get_supabase_uid('a_front_desk'), 'staff', null) $$,
  'the history has the hold and its confirmation by the front desk (staff)');
select results_eq($$ select from_status, to_status, actor_user_id, actor_role from tests.history_of('hold_manager') offset 1 $$,
  $$ values ('pending', 'booked', tests.get_supabase_uid('a_centre_manager'), 'staff') $$, 'the centre manager''s confirmation with its actor');
select results_eq($$ select from_status, to_status, actor_user_id, actor_role from tests.history_of('hold_server') offset 1 $$,
  $$ values ('pending', 'booked', null::uuid, 'service_role') $$, 'the server''s confirmation: no user, role service_role');

-- TEST: every other appointment staff role may
select tests.insert_appointment('role_' || r, 'appt_paid', 'clinician_a_visiting', 'patient_a_walk_in', tests.appointment_slot(4, '09:00') + n * interval '1 hour', 'pending')
from (values (1, 'owner'), (2, 'admin'), (3, 'manager'), (4, 'care_coordinator')) as v(n, r);
select tests.authenticate_as('a_owner');
select public.confirm_appointment(tests.tenancy_id('role_owner'));
select tests.authenticate_as('a_admin');
select public.confirm_appointment(tests.tenancy_id('role_admin'));
select tests.authenticate_as('a_manager');
select public.confirm_appointment(tests.tenancy_id('role_manager'));
select tests.authenticate_as('a_care_coordinator');
select public.confirm_appointment(tests.tenancy_id('role_care_coordinator'));
reset role;
select results_eq(
  $$ select h.actor_user_id from public.appointment_status_history as h join public.appointments as a on a.id = h.appointment_id
      where a.id in (tests.tenancy_id('role_owner'), tests.tenancy_id('role_admin'), tests.tenancy_id('role_manager'), tests.tenancy_id('role_care_coordinator'))
        and a.status = 'booked' and h.to_status = 'booked' order by a.starts_at $$,
  $$ values (tests.get_supabase_uid('a_owner')), (tests.get_supabase_uid('a_admin')), (tests.get_supabase_uid('a_manager')), (tests.get_supabase_uid('a_care_coordinator')) $$,
  'owners, admins, managers and care coordinators confirm holds too');
select is((select count(*)::integer from public.appointments where tenant_id = tests.tenancy_id('tenant_a') and status = 'pending'), 0, 'no hold is left');

select * from finish();
rollback;

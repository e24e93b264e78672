-- A suspended tenant (is_active = false) is frozen: its patients and staff still read what they
-- could read (their records, appointments, payments and receipts), a patient may still correct
-- their own record (contact details, consents), but nothing else changes through the API: every
-- booking, cancellation, reschedule, payment and waitlist decision is PT403 with reason
-- tenant_suspended, and staff writes change nothing. The server (service_role) still may, e.g.
-- to cancel and refund the appointments of a clinic that is being closed.
begin;
select plan(18);

-- SETUP: tenant_a with a booked appointment, a paid one, a hold, a waitlist offer (its own hold); then suspended
select tests.create_waitlist_fixtures();
select tests.insert_appointment('booked', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '09:00'));
select tests.insert_appointment('paid', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(3, '11:00'));
select tests.insert_payment('pay', 'paid', 'succeeded');
select tests.insert_appointment('held', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(4, '09:00'), 'pending');
select tests.insert_waitlist_entry('waiting', 'patient_a', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));
select tests.free_slot('freed', tests.appointment_slot(2, '10:00'));
select public.cancel_appointment(tests.tenancy_id('freed'), 'patient_request');
update public.tenants set is_active = false where id = tests.tenancy_id('tenant_a');
create function pg_temp.reason_of(p_statement text) returns text language sql as $$
  select tests.error_details_of(p_statement) ->> 'detail'
$$;

-- TEST: the patient reads and corrects their own record
select tests.authenticate_as('patient');
select is((select count(*)::integer from public.appointments where tenant_id = tests.tenancy_id('tenant_a')), 4,
  'the patient still sees their appointments (three and the hold of their waitlist offer)');
select is((select count(*)::integer from public.payments where tenant_id = tests.tenancy_id('tenant_a')), 1, 'and their payment (receipt)');
select results_eq($$ update public.patients set preferred_language = 'es' where id = tests.tenancy_id('patient_a') returning preferred_language::text $$,
  $$ values ('es') $$, 'and may still correct their own record');

-- TEST: but changes nothing else
select is(tests.error_details_of($$ select public.cancel_appointment(tests.tenancy_id('booked'), 'patient_request') $$),
  '{"code": "PT403", "message": "this clinic is not taking changes right now", "detail": "tenant_suspended", "hint": "The clinic''s account is suspended: your records stay readable; contact the clinic directly."}'::jsonb,
  'cancelling is PT403 tenant_suspended (no refund, no message)');
select is(pg_temp.reason_of($$ select public.reschedule_appointment(tests.tenancy_id('booked'), tests.appointment_slot(3, '14:00')) $$), 'tenant_suspended',
  'rescheduling is refused');
select is(pg_temp.reason_of($$ select public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), tests.appointment_slot(3, '15:00')) $$),
  'tenant_suspended', 'booking is refused');
select is(pg_temp.reason_of($$ select public.join_waitlist(tests.tenancy_id('appt_video'), tests.tenancy_id('centre_a1'), tests.appointment_slot(1, '09:00'), tests.appointment_slot(3, '17:00')) $$),
  'tenant_suspended', 'joining the waitlist is refused');
select is(pg_temp.reason_of($$ select public.accept_waitlist_offer(tests.tenancy_id('waiting')) $$), 'tenant_suspended', 'accepting a waitlist offer is refused');
select is(pg_temp.reason_of($$ select public.decline_waitlist_offer(tests.tenancy_id('waiting')) $$), 'tenant_suspended', 'declining it is refused');
select is(pg_temp.reason_of($$ select public.leave_waitlist(tests.tenancy_id('waiting')) $$), 'tenant_suspended', 'leaving the waitlist is refused');
select is(pg_temp.reason_of($$ select public.open_payment(tests.tenancy_id('held'), 'payment_intent') $$), 'tenant_suspended', 'paying is refused');

-- TEST: staff read but change nothing
select tests.authenticate_as('a_front_desk');
select is((select count(*)::integer from public.appointments where patient_id = tests.tenancy_id('patient_a')), 4, 'the front desk still reads the appointments');
select is(pg_temp.reason_of($$ select public.cancel_appointment(tests.tenancy_id('booked'), 'clinic_closed') $$), 'tenant_suspended',
  'the front desk cannot cancel either');
select is_empty($$ update public.patients set full_name = 'Renamed' where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'staff writes to the tables change nothing');
select tests.authenticate_as('a_owner');
select is(pg_temp.reason_of($$ select public.request_refund(tests.tenancy_id('pay'), 10, 'goodwill') $$), 'tenant_suspended',
  'the owner cannot refund');
reset role;
select results_eq($$ select status::text from public.appointments where patient_id = tests.tenancy_id('patient_a') order by starts_at $$,
  $$ values ('pending'), ('booked'), ('booked'), ('pending') $$,
  'the refused calls changed nothing (the offer''s hold, booked, paid, held)');

-- TEST: the server winds the clinic down
select tests.authenticate_as_service_role();
select results_eq($$ select status::text from public.cancel_appointment(tests.tenancy_id('paid'), 'clinic_closed') $$, $$ values ('cancelled') $$,
  'service_role cancels the paid appointment');
reset role;
select results_eq($$ select amount, reason from public.refunds where payment_id = tests.tenancy_id('pay') $$,
  $$ values (100.000::numeric, 'cancellation') $$, 'and it is refunded as the policy says');

select * from finish();
rollback;

-- What a patient changes for themself is counted too: cancellations, reschedules and waitlist
-- decisions against the clinic's appointment_change limits, payments they open against its
-- payment limits - each a 429 with Retry-After past the limit, before anything is locked or
-- changed. The same calls by staff are not counted.
begin;
select plan(10);

-- SETUP: one change and one payment per account an hour at tenant_a
select tests.create_appointment_fixtures();
insert into public.tenant_rate_limits (tenant_id, action, per_user, per_ip, period) values
  (tests.tenancy_id('tenant_a'), 'appointment_change', 1, 100, interval '1 hour'),
  (tests.tenancy_id('tenant_a'), 'payment', 1, 100, interval '1 hour');
select tests.insert_appointment('mine_1', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(2, '09:00'));
select tests.insert_appointment('mine_2', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(2, '11:00'));
select tests.insert_appointment('held_1', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(3, '09:00'), 'pending');
select tests.insert_appointment('held_2', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(3, '11:00'), 'pending');
select tests.insert_waitlist_entry('waiting', 'patient_a', 'appt_video', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));

-- TEST: changes
select tests.authenticate_as('patient');
select tests.as_api_request('203.0.113.30');
select is(tests.rate_limit_refusal_of($$ select public.reschedule_appointment(tests.tenancy_id('mine_1'), tests.appointment_slot(2, '13:00')) $$), null,
  'the patient moves an appointment');
select is(tests.rate_limit_refusal_of($$ select public.cancel_appointment(tests.tenancy_id('mine_2'), 'patient_request') $$) - 'hint' - 'retry_after',
  '{"status": 429, "code": "PT429", "message": "too many changes to appointments in a short time", "details": "rate_limited"}'::jsonb,
  'the next change (a cancellation) is refused with 429');
select is(tests.rate_limit_refusal_of($$ select public.leave_waitlist(tests.tenancy_id('waiting')) $$) ->> 'details', 'rate_limited',
  'a waitlist decision counts as a change too');
reset role;
select results_eq($$ select status::text from public.appointments where id = tests.tenancy_id('mine_2') $$, $$ values ('booked') $$,
  'the refused cancellation changed nothing');
select results_eq($$ select status::text from public.waitlist_entries where id = tests.tenancy_id('waiting') $$, $$ values ('waiting') $$,
  'the refused decision changed nothing');

-- TEST: payments
select tests.authenticate_as('patient');
select tests.as_api_request('203.0.113.30');
select is(tests.rate_limit_refusal_of($$ select public.open_payment(tests.tenancy_id('held_1'), 'payment_intent') $$), null,
  'the patient opens a payment (payments are counted apart from changes)');
select is(tests.rate_limit_refusal_of($$ select public.open_payment(tests.tenancy_id('held_2'), 'payment_intent') $$) ->> 'message',
  'too many payment attempts in a short time', 'the next payment is refused with 429');

-- TEST: staff are not counted
select tests.authenticate_as('a_front_desk');
select tests.as_api_request('203.0.113.30');
select is(tests.rate_limit_refusal_of($$ select public.cancel_appointment(tests.tenancy_id('mine_2'), 'patient_called') $$), null,
  'the front desk cancels for the patient');
select is(tests.rate_limit_refusal_of($$ select public.leave_waitlist(tests.tenancy_id('waiting')) $$), null,
  'and takes them off the waitlist');
select is(tests.rate_limit_refusal_of($$ select public.open_payment(tests.tenancy_id('held_2'), 'payment_intent') $$), null,
  'and opens a payment at the desk');

select * from finish();
rollback;

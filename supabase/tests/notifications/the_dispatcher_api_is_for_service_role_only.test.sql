-- The dispatcher API (claim_notifications, record_notification_result, record_delivery_status,
-- record_opt_out, record_opt_in, enqueue_notification) is executable by service_role only: anon,
-- patients, owners of the tenant and staff of other tenants get 42501 and change nothing.
begin;
select plan(25);

-- SETUP
select tests.create_notification_fixtures();
select tests.insert_appointment('visit', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));
create temporary table calls (name text, statement text);
grant select on calls to anon, authenticated, service_role;
insert into calls values
  ('claim_notifications', $$ select * from public.claim_notifications() $$),
  ('record_notification_result', $$ select public.record_notification_result(gen_random_uuid(), 'sent', 'twilio', 'SMx', null) $$),
  ('record_delivery_status', $$ select public.record_delivery_status('twilio', 'SMx', 'delivered', null) $$),
  ('record_opt_out', $$ select public.record_opt_out('sms', '+447700900101', 'staff') $$),
  ('record_opt_in', $$ select public.record_opt_in('sms', '+447700900101') $$),
  ('enqueue_notification', $$ select public.enqueue_notification(tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), null, 'payment_receipt', '{}', 'x') $$);

-- TEST
select tests.clear_authentication();
select throws_ok(statement, '42501', null, 'anon cannot call ' || name) from calls order by name;
select tests.authenticate_as('patient');
select throws_ok(statement, '42501', null, 'a patient cannot call ' || name) from calls order by name;
select tests.authenticate_as('a_owner');
select throws_ok(statement, '42501', null, 'an owner of the tenant cannot call ' || name) from calls order by name;
select tests.authenticate_as('b_owner');
select throws_ok(statement, '42501', null, 'staff of another tenant cannot call ' || name) from calls order by name;
reset role;
select results_eq($$ select status::text, count(*)::integer from public.notifications group by status $$,
  $$ values ('queued', 3) $$, 'nothing changed');

select * from finish();
rollback;

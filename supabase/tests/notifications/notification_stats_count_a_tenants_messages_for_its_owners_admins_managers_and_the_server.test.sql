-- notification_stats(tenant_id, from_date, to_date): counts of the tenant's messages created in
-- the window (tenant-local dates, inclusive) per channel, kind and status; for owners, admins,
-- managers of the tenant and service_role; other staff, patients and other tenants' staff
-- PT403; anon 42501; bad windows 22023.
begin;
select plan(12);

-- SETUP
select tests.create_notification_fixtures();
select tests.insert_appointment('a1', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));
select tests.insert_appointment('a2', 'appt_checkup', 'clinician_a', 'patient_a_es', tests.appointment_slot(3, '11:00'));
select tests.insert_appointment('a3', 'appt_checkup', 'clinician_a', 'patient_a_nobody', tests.appointment_slot(3, '12:00'));
select tests.insert_appointment('b1', 'appt_b_checkup', 'clinician_b', 'patient_b', tests.appointment_slot(3, '10:00', 'America/New_York'), 'booked', 'tenant_b', 'centre_b1');
update public.notifications set created_at = now() - interval '40 days' where appointment_id = tests.tenancy_id('a2') and kind = 'reminder';
create temporary table today as select (now() at time zone 'Europe/London')::date as d;
grant select on today to authenticated, service_role;

-- TEST
select tests.authenticate_as('a_owner');
select results_eq(
  $$ select channel::text, kind::text, status::text, count::integer from public.notification_stats(tests.tenancy_id('tenant_a'), (select d - 7 from today), (select d from today)) $$,
  $$ values ('sms', 'booking_confirmed', 'queued', 1), ('sms', 'reminder', 'queued', 2),
            ('email', 'booking_confirmed', 'queued', 1),
            (null, 'booking_confirmed', 'suppressed', 1), (null, 'reminder', 'suppressed', 2) $$,
  'an owner gets the counts per channel, kind and status of the window (older messages left out)');
select is((select sum(count)::integer from public.notification_stats(tests.tenancy_id('tenant_a'), (select d - 60 from today), (select d from today))), 9,
  'a wider window includes the older messages');
select tests.authenticate_as('a_admin');
select is((select sum(count)::integer from public.notification_stats(tests.tenancy_id('tenant_a'), (select d from today), (select d from today))), 7, 'an admin gets them');
select tests.authenticate_as('a_manager');
select is((select sum(count)::integer from public.notification_stats(tests.tenancy_id('tenant_a'), (select d from today), (select d from today))), 7, 'a manager gets them');
select tests.authenticate_as('a_front_desk');
select throws_ok($$ select * from public.notification_stats(tests.tenancy_id('tenant_a'), current_date, current_date) $$,
  'PT403', 'you may not see the notification statistics of this tenant', 'the front desk may not');
select tests.authenticate_as('a_centre_manager');
select throws_ok($$ select * from public.notification_stats(tests.tenancy_id('tenant_a'), current_date, current_date) $$, 'PT403', null, 'a centre manager may not');
select tests.authenticate_as('patient');
select throws_ok($$ select * from public.notification_stats(tests.tenancy_id('tenant_a'), current_date, current_date) $$, 'PT403', null, 'a patient may not');
select tests.authenticate_as('b_owner');
select throws_ok($$ select * from public.notification_stats(tests.tenancy_id('tenant_a'), current_date, current_date) $$, 'PT403', null, 'staff of another tenant may not');
select is((select sum(count)::integer from public.notification_stats(tests.tenancy_id('tenant_b'), current_date - 1, current_date + 1)), 3,
  'and get only their own tenant''s counts');
select tests.clear_authentication();
select throws_ok($$ select * from public.notification_stats(tests.tenancy_id('tenant_a'), current_date, current_date) $$, '42501', null, 'anon cannot call it');
select tests.authenticate_as_service_role();
select is((select sum(count)::integer from public.notification_stats(tests.tenancy_id('tenant_a'), current_date - 1, current_date + 1)), 7, 'service_role gets any tenant''s counts');
select throws_ok($$ select * from public.notification_stats(tests.tenancy_id('tenant_a'), current_date, current_date - 1) $$, '22023', null, 'an inverted window is refused');
reset role;

select * from finish();
rollback;

-- Availability drives the slots through private.clinician_open_windows: extra hours
-- (availability_overrides) add starts, time off removes the starts whose appointment would
-- overlap it, holidays of the centre or the whole tenant remove the day.
begin;
select plan(6);

-- SETUP: clinician_a works 09:00-17:00 daily at centre_a1 (appt_checkup: 30 minutes)
select tests.create_appointment_fixtures();
insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
        (now() at time zone 'Europe/London')::date + 2, '18:00', '19:00');
insert into public.time_off (tenant_id, clinician_id, during, reason)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'),
        tstzrange(tests.appointment_slot(2, '12:00'), tests.appointment_slot(2, '13:00')), 'Lunch meeting');

-- TEST: extra hours
select is(
  array(select tests.slot_starts('appt_checkup', 'centre_a1', tests.appointment_slot(2, '16:00'), tests.appointment_slot(3, '00:00'), 'clinician_a')),
  array['16:00', '16:15', '16:30', '18:00', '18:15', '18:30'],
  'extra hours 18:00-19:00 add 18:00 ... 18:30; nothing between 17:00 and 18:00');
update public.availability_overrides set local_start = '17:00'
where clinician_id = tests.tenancy_id('clinician_a') and local_date = (now() at time zone 'Europe/London')::date + 2;
select is(
  array(select tests.slot_starts('appt_checkup', 'centre_a1', tests.appointment_slot(2, '16:00'), tests.appointment_slot(3, '00:00'), 'clinician_a')),
  array(select pg_catalog.to_char(t, 'HH24:MI') from generate_series(timestamp '2000-01-01 16:00', '2000-01-01 18:30', '15 minutes') as t),
  'extra hours 17:00-19:00 join the regular ones: an appointment may span 17:00 (16:45, 17:00 ... 18:30)');

-- TEST: time off
select is(
  array(select tests.slot_starts('appt_checkup', 'centre_a1', tests.appointment_slot(2, '11:00'), tests.appointment_slot(2, '14:00'), 'clinician_a')),
  array['11:00', '11:15', '11:30', '13:00', '13:15', '13:30', '13:45'],
  'time off 12:00-13:00 removes 11:45 ... 12:45 (each would overlap it)');

-- TEST: holidays
insert into public.holidays (tenant_id, centre_id, local_date, name)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), (now() at time zone 'Europe/London')::date + 3, 'Refurbishment');
select is(
  (select count(*)::integer from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
     tests.appointment_slot(3, '00:00'), tests.appointment_slot(4, '00:00'), tests.tenancy_id('clinician_a'))),
  0, 'a holiday of the centre removes the whole local day');
insert into public.holidays (tenant_id, centre_id, local_date, name)
values (tests.tenancy_id('tenant_a'), null, (now() at time zone 'Europe/London')::date + 4, 'Bank holiday');
select is(
  (select count(*)::integer from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
     tests.appointment_slot(4, '00:00'), tests.appointment_slot(5, '00:00'))),
  0, 'a tenant-wide holiday removes the day for every clinician (any clinician search)');
select is(
  (select count(*)::integer from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
     tests.appointment_slot(5, '00:00'), tests.appointment_slot(6, '00:00'), tests.tenancy_id('clinician_a'))),
  31, 'the day after is a normal day (31 starts)');

select * from finish();
rollback;

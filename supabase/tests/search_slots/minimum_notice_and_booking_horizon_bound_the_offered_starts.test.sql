-- Notice and horizon: a start is offered only from now + min_booking_notice up to and including
-- now + max_booking_horizon, the service's values or, when they are null, the tenant's - the
-- bounds private.assert_slot_offered applies at booking.
begin;
select plan(6);

-- SETUP: clinician_a also works around the clock (the hours no longer hide the bounds)
select tests.create_appointment_fixtures();
insert into public.availability_rules (tenant_id, clinician_id, centre_id, timezone, local_start, local_end, rrule, valid_from)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), 'Europe/London',
        '00:00', '24:00', 'FREQ=DAILY', current_date - 1);
-- the first 15-minute mark at or after an instant (London's offset is whole hours: local and UTC
-- quarter hours coincide)
create function pg_temp.first_quarter_from(at timestamptz) returns timestamptz language sql as $$
  select date_bin('15 minutes', at - interval '1 microsecond', timestamptz '2000-01-01 00:00Z') + interval '15 minutes' $$;
create function pg_temp.last_quarter_until(at timestamptz) returns timestamptz language sql as $$
  select date_bin('15 minutes', at, timestamptz '2000-01-01 00:00Z') $$;

-- TEST: the service's notice (1 hour)
select is(
  (select min(starts_at) from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
     now() - interval '1 day', now() + interval '1 day', tests.tenancy_id('clinician_a'))),
  pg_temp.first_quarter_from(now() + interval '1 hour'),
  'the first start is the first quarter hour at least one hour from now');

-- TEST: the service's horizon (60 days, here 3 days)
update public.services set max_booking_horizon = '3 days' where id = tests.tenancy_id('appt_checkup');
select is(
  (select max(starts_at) from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
     now() + interval '2 days', now() + interval '4 days', tests.tenancy_id('clinician_a'))),
  pg_temp.last_quarter_until(now() + interval '3 days'),
  'the last start is the last quarter hour at most three days from now (the horizon is inclusive, as in booking)');
select is(
  (select count(*)::integer from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
     now() + interval '3 days 1 hour', now() + interval '5 days', tests.tenancy_id('clinician_a'))),
  0, 'nothing beyond the horizon');

-- TEST: null = the tenant's
update public.services set min_booking_notice = null, max_booking_horizon = null where id = tests.tenancy_id('appt_checkup');
update public.tenants set min_booking_notice = '5 hours', max_booking_horizon = '10 days' where id = tests.tenancy_id('tenant_a');
select is(
  (select min(starts_at) from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
     now(), now() + interval '1 day', tests.tenancy_id('clinician_a'))),
  pg_temp.first_quarter_from(now() + interval '5 hours'),
  'without a service notice, the tenant''s 5 hours apply');
select is(
  (select max(starts_at) from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
     now() + interval '9 days', now() + interval '11 days', tests.tenancy_id('clinician_a'))),
  pg_temp.last_quarter_until(now() + interval '10 days'),
  'without a service horizon, the tenant''s 10 days apply');

-- TEST: a zero notice offers the next quarter hour
update public.services set min_booking_notice = '0', max_booking_horizon = '2 days' where id = tests.tenancy_id('appt_checkup');
select is(
  (select min(starts_at) from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
     now() - interval '1 hour', now() + interval '1 day', tests.tenancy_id('clinician_a'))),
  pg_temp.first_quarter_from(now()),
  'with no notice the first start is the next quarter hour; nothing in the past');

select * from finish();
rollback;

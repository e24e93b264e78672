-- Slot search on the Sydney clock changes of 2026 (Australia/Sydney): a 30-minute service on a 30-minute
-- grid with 09:00-17:00 hours is offered at 09:00, 09:30 ... 16:30 on the centre's clock every day, so
-- the UTC instants move by the offset change (exact instants below, computed independently with
-- Python's zoneinfo). Night hours on the change days show the skipped and repeated hour: a start
-- is offered when the wall clock shows a grid time at that instant (booking's alignment rule), so a
-- skipped local time has no slot and a repeated one has two; the hours themselves follow
-- private.local_to_utc (docs/recurrence.md: a gap time is read with the offset before the gap, a
-- fold time is the earlier instant). Uses private.offered_slots as of 1 January 2026 (the engine of
-- public.search_slots; search passes now()), so these fixed dates stay testable.
begin;
select plan(6);

-- SETUP
select tests.create_appointment_fixtures();
select tests.dst_site('Australia/Sydney', 'dst_sydney');

-- TEST: 09:00-17:00 stays on the local grid before and after each change
select is(
  array(select tests.dst_slots('dst_sydney', '2026-04-04 00:00 Australia/Sydney', '2026-04-05 00:00 Australia/Sydney', '2026-01-01 00:00Z')),
  array[
  '09:00 = 2026-04-03T22:00Z', '09:30 = 2026-04-03T22:30Z', '10:00 = 2026-04-03T23:00Z', '10:30 = 2026-04-03T23:30Z',
  '11:00 = 2026-04-04T00:00Z', '11:30 = 2026-04-04T00:30Z', '12:00 = 2026-04-04T01:00Z', '12:30 = 2026-04-04T01:30Z',
  '13:00 = 2026-04-04T02:00Z', '13:30 = 2026-04-04T02:30Z', '14:00 = 2026-04-04T03:00Z', '14:30 = 2026-04-04T03:30Z',
  '15:00 = 2026-04-04T04:00Z', '15:30 = 2026-04-04T04:30Z', '16:00 = 2026-04-04T05:00Z', '16:30 = 2026-04-04T05:30Z'],
  'Saturday 4 April (AEDT): 09:00 ... 16:30 local');
select is(
  array(select tests.dst_slots('dst_sydney', '2026-04-05 00:00 Australia/Sydney', '2026-04-06 00:00 Australia/Sydney', '2026-01-01 00:00Z')),
  array[
  '09:00 = 2026-04-04T23:00Z', '09:30 = 2026-04-04T23:30Z', '10:00 = 2026-04-05T00:00Z', '10:30 = 2026-04-05T00:30Z',
  '11:00 = 2026-04-05T01:00Z', '11:30 = 2026-04-05T01:30Z', '12:00 = 2026-04-05T02:00Z', '12:30 = 2026-04-05T02:30Z',
  '13:00 = 2026-04-05T03:00Z', '13:30 = 2026-04-05T03:30Z', '14:00 = 2026-04-05T04:00Z', '14:30 = 2026-04-05T04:30Z',
  '15:00 = 2026-04-05T05:00Z', '15:30 = 2026-04-05T05:30Z', '16:00 = 2026-04-05T06:00Z', '16:30 = 2026-04-05T06:30Z'],
  'Sunday 5 April (clocks back: AEST): 09:00 ... 16:30 local');
select is(
  array(select tests.dst_slots('dst_sydney', '2026-10-03 00:00 Australia/Sydney', '2026-10-04 00:00 Australia/Sydney', '2026-01-01 00:00Z')),
  array[
  '09:00 = 2026-10-02T23:00Z', '09:30 = 2026-10-02T23:30Z', '10:00 = 2026-10-03T00:00Z', '10:30 = 2026-10-03T00:30Z',
  '11:00 = 2026-10-03T01:00Z', '11:30 = 2026-10-03T01:30Z', '12:00 = 2026-10-03T02:00Z', '12:30 = 2026-10-03T02:30Z',
  '13:00 = 2026-10-03T03:00Z', '13:30 = 2026-10-03T03:30Z', '14:00 = 2026-10-03T04:00Z', '14:30 = 2026-10-03T04:30Z',
  '15:00 = 2026-10-03T05:00Z', '15:30 = 2026-10-03T05:30Z', '16:00 = 2026-10-03T06:00Z', '16:30 = 2026-10-03T06:30Z'],
  'Saturday 3 October (AEST): 09:00 ... 16:30 local');
select is(
  array(select tests.dst_slots('dst_sydney', '2026-10-04 00:00 Australia/Sydney', '2026-10-05 00:00 Australia/Sydney', '2026-01-01 00:00Z')),
  array[
  '09:00 = 2026-10-03T22:00Z', '09:30 = 2026-10-03T22:30Z', '10:00 = 2026-10-03T23:00Z', '10:30 = 2026-10-03T23:30Z',
  '11:00 = 2026-10-04T00:00Z', '11:30 = 2026-10-04T00:30Z', '12:00 = 2026-10-04T01:00Z', '12:30 = 2026-10-04T01:30Z',
  '13:00 = 2026-10-04T02:00Z', '13:30 = 2026-10-04T02:30Z', '14:00 = 2026-10-04T03:00Z', '14:30 = 2026-10-04T03:30Z',
  '15:00 = 2026-10-04T04:00Z', '15:30 = 2026-10-04T04:30Z', '16:00 = 2026-10-04T05:00Z', '16:30 = 2026-10-04T05:30Z'],
  'Sunday 4 October (clocks forward: AEDT): 09:00 ... 16:30 local');

-- TEST: night hours on the change days (overrides)
insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('dst_sydney_clinician'), tests.tenancy_id('dst_sydney_centre'),
        date '2026-04-05', '01:00', '04:00');
select is(
  array(select tests.dst_slots('dst_sydney', '2026-04-05 00:00 Australia/Sydney', '2026-04-05 06:00 Australia/Sydney', '2026-01-01 00:00Z')),
  array[
  '01:00 = 2026-04-04T14:00Z', '01:30 = 2026-04-04T14:30Z', '02:00 = 2026-04-04T15:00Z', '02:30 = 2026-04-04T15:30Z',
  '02:00 = 2026-04-04T16:00Z', '02:30 = 2026-04-04T16:30Z', '03:00 = 2026-04-04T17:00Z', '03:30 = 2026-04-04T17:30Z'],
  '5 April (fold), 01:00-04:00 local: 02:00-03:00 happens twice: 02:00 and 02:30 are offered at both instants');
insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('dst_sydney_clinician'), tests.tenancy_id('dst_sydney_centre'),
        date '2026-10-04', '01:00', '04:00');
select is(
  array(select tests.dst_slots('dst_sydney', '2026-10-04 00:00 Australia/Sydney', '2026-10-04 06:00 Australia/Sydney', '2026-01-01 00:00Z')),
  array[
  '01:00 = 2026-10-03T15:00Z', '01:30 = 2026-10-03T15:30Z', '03:00 = 2026-10-03T16:00Z', '03:30 = 2026-10-03T16:30Z'],
  '4 October (gap), 01:00-04:00 local: 02:00-03:00 does not exist: no 02:00 or 02:30 slot');


select * from finish();
rollback;

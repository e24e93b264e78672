-- Slot search on the New York clock changes of 2026 (America/New_York): a 30-minute service on a 30-minute
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
select tests.dst_site('America/New_York', 'dst_new_york');

-- TEST: 09:00-17:00 stays on the local grid before and after each change
select is(
  array(select tests.dst_slots('dst_new_york', '2026-03-07 00:00 America/New_York', '2026-03-08 00:00 America/New_York', '2026-01-01 00:00Z')),
  array[
  '09:00 = 2026-03-07T14:00Z', '09:30 = 2026-03-07T14:30Z', '10:00 = 2026-03-07T15:00Z', '10:30 = 2026-03-07T15:30Z',
  '11:00 = 2026-03-07T16:00Z', '11:30 = 2026-03-07T16:30Z', '12:00 = 2026-03-07T17:00Z', '12:30 = 2026-03-07T17:30Z',
  '13:00 = 2026-03-07T18:00Z', '13:30 = 2026-03-07T18:30Z', '14:00 = 2026-03-07T19:00Z', '14:30 = 2026-03-07T19:30Z',
  '15:00 = 2026-03-07T20:00Z', '15:30 = 2026-03-07T20:30Z', '16:00 = 2026-03-07T21:00Z', '16:30 = 2026-03-07T21:30Z'],
  'Saturday 7 March (EST): 09:00 ... 16:30 local');
select is(
  array(select tests.dst_slots('dst_new_york', '2026-03-08 00:00 America/New_York', '2026-03-09 00:00 America/New_York', '2026-01-01 00:00Z')),
  array[
  '09:00 = 2026-03-08T13:00Z', '09:30 = 2026-03-08T13:30Z', '10:00 = 2026-03-08T14:00Z', '10:30 = 2026-03-08T14:30Z',
  '11:00 = 2026-03-08T15:00Z', '11:30 = 2026-03-08T15:30Z', '12:00 = 2026-03-08T16:00Z', '12:30 = 2026-03-08T16:30Z',
  '13:00 = 2026-03-08T17:00Z', '13:30 = 2026-03-08T17:30Z', '14:00 = 2026-03-08T18:00Z', '14:30 = 2026-03-08T18:30Z',
  '15:00 = 2026-03-08T19:00Z', '15:30 = 2026-03-08T19:30Z', '16:00 = 2026-03-08T20:00Z', '16:30 = 2026-03-08T20:30Z'],
  'Sunday 8 March (clocks forward: EDT): 09:00 ... 16:30 local');
select is(
  array(select tests.dst_slots('dst_new_york', '2026-10-31 00:00 America/New_York', '2026-11-01 00:00 America/New_York', '2026-01-01 00:00Z')),
  array[
  '09:00 = 2026-10-31T13:00Z', '09:30 = 2026-10-31T13:30Z', '10:00 = 2026-10-31T14:00Z', '10:30 = 2026-10-31T14:30Z',
  '11:00 = 2026-10-31T15:00Z', '11:30 = 2026-10-31T15:30Z', '12:00 = 2026-10-31T16:00Z', '12:30 = 2026-10-31T16:30Z',
  '13:00 = 2026-10-31T17:00Z', '13:30 = 2026-10-31T17:30Z', '14:00 = 2026-10-31T18:00Z', '14:30 = 2026-10-31T18:30Z',
  '15:00 = 2026-10-31T19:00Z', '15:30 = 2026-10-31T19:30Z', '16:00 = 2026-10-31T20:00Z', '16:30 = 2026-10-31T20:30Z'],
  'Saturday 31 October (EDT): 09:00 ... 16:30 local');
select is(
  array(select tests.dst_slots('dst_new_york', '2026-11-01 00:00 America/New_York', '2026-11-02 00:00 America/New_York', '2026-01-01 00:00Z')),
  array[
  '09:00 = 2026-11-01T14:00Z', '09:30 = 2026-11-01T14:30Z', '10:00 = 2026-11-01T15:00Z', '10:30 = 2026-11-01T15:30Z',
  '11:00 = 2026-11-01T16:00Z', '11:30 = 2026-11-01T16:30Z', '12:00 = 2026-11-01T17:00Z', '12:30 = 2026-11-01T17:30Z',
  '13:00 = 2026-11-01T18:00Z', '13:30 = 2026-11-01T18:30Z', '14:00 = 2026-11-01T19:00Z', '14:30 = 2026-11-01T19:30Z',
  '15:00 = 2026-11-01T20:00Z', '15:30 = 2026-11-01T20:30Z', '16:00 = 2026-11-01T21:00Z', '16:30 = 2026-11-01T21:30Z'],
  'Sunday 1 November (clocks back: EST): 09:00 ... 16:30 local');

-- TEST: night hours on the change days (overrides)
insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('dst_new_york_clinician'), tests.tenancy_id('dst_new_york_centre'),
        date '2026-03-08', '02:30', '04:00');
select is(
  array(select tests.dst_slots('dst_new_york', '2026-03-08 00:00 America/New_York', '2026-03-08 06:00 America/New_York', '2026-01-01 00:00Z')),
  array[
  '03:30 = 2026-03-08T07:30Z'],
  '8 March (gap), 02:30-04:00 local: hours from 02:30 (a time that does not exist) start at 03:30 EDT, as private.local_to_utc reads a gap time');
insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('dst_new_york_clinician'), tests.tenancy_id('dst_new_york_centre'),
        date '2026-11-01', '00:00', '03:00');
select is(
  array(select tests.dst_slots('dst_new_york', '2026-11-01 00:00 America/New_York', '2026-11-01 06:00 America/New_York', '2026-01-01 00:00Z')),
  array[
  '00:00 = 2026-11-01T04:00Z', '00:30 = 2026-11-01T04:30Z', '01:00 = 2026-11-01T05:00Z', '01:30 = 2026-11-01T05:30Z',
  '01:00 = 2026-11-01T06:00Z', '01:30 = 2026-11-01T06:30Z', '02:00 = 2026-11-01T07:00Z', '02:30 = 2026-11-01T07:30Z'],
  '1 November (fold), 00:00-03:00 local: 01:00-02:00 happens twice: 01:00 and 01:30 are offered at both instants');


select * from finish();
rollback;

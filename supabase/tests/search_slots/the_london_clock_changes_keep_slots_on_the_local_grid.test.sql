-- Slot search on the London clock changes of 2026 (Europe/London): a 30-minute service on a 30-minute
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
select tests.dst_site('Europe/London', 'dst_london');

-- TEST: 09:00-17:00 stays on the local grid before and after each change
select is(
  array(select tests.dst_slots('dst_london', '2026-03-28 00:00 Europe/London', '2026-03-29 00:00 Europe/London', '2026-01-01 00:00Z')),
  array[
  '09:00 = 2026-03-28T09:00Z', '09:30 = 2026-03-28T09:30Z', '10:00 = 2026-03-28T10:00Z', '10:30 = 2026-03-28T10:30Z',
  '11:00 = 2026-03-28T11:00Z', '11:30 = 2026-03-28T11:30Z', '12:00 = 2026-03-28T12:00Z', '12:30 = 2026-03-28T12:30Z',
  '13:00 = 2026-03-28T13:00Z', '13:30 = 2026-03-28T13:30Z', '14:00 = 2026-03-28T14:00Z', '14:30 = 2026-03-28T14:30Z',
  '15:00 = 2026-03-28T15:00Z', '15:30 = 2026-03-28T15:30Z', '16:00 = 2026-03-28T16:00Z', '16:30 = 2026-03-28T16:30Z'],
  'Saturday 28 March (GMT): 09:00 ... 16:30 local');
select is(
  array(select tests.dst_slots('dst_london', '2026-03-29 00:00 Europe/London', '2026-03-30 00:00 Europe/London', '2026-01-01 00:00Z')),
  array[
  '09:00 = 2026-03-29T08:00Z', '09:30 = 2026-03-29T08:30Z', '10:00 = 2026-03-29T09:00Z', '10:30 = 2026-03-29T09:30Z',
  '11:00 = 2026-03-29T10:00Z', '11:30 = 2026-03-29T10:30Z', '12:00 = 2026-03-29T11:00Z', '12:30 = 2026-03-29T11:30Z',
  '13:00 = 2026-03-29T12:00Z', '13:30 = 2026-03-29T12:30Z', '14:00 = 2026-03-29T13:00Z', '14:30 = 2026-03-29T13:30Z',
  '15:00 = 2026-03-29T14:00Z', '15:30 = 2026-03-29T14:30Z', '16:00 = 2026-03-29T15:00Z', '16:30 = 2026-03-29T15:30Z'],
  'Sunday 29 March (clocks forward: BST): 09:00 ... 16:30 local');
select is(
  array(select tests.dst_slots('dst_london', '2026-10-24 00:00 Europe/London', '2026-10-25 00:00 Europe/London', '2026-01-01 00:00Z')),
  array[
  '09:00 = 2026-10-24T08:00Z', '09:30 = 2026-10-24T08:30Z', '10:00 = 2026-10-24T09:00Z', '10:30 = 2026-10-24T09:30Z',
  '11:00 = 2026-10-24T10:00Z', '11:30 = 2026-10-24T10:30Z', '12:00 = 2026-10-24T11:00Z', '12:30 = 2026-10-24T11:30Z',
  '13:00 = 2026-10-24T12:00Z', '13:30 = 2026-10-24T12:30Z', '14:00 = 2026-10-24T13:00Z', '14:30 = 2026-10-24T13:30Z',
  '15:00 = 2026-10-24T14:00Z', '15:30 = 2026-10-24T14:30Z', '16:00 = 2026-10-24T15:00Z', '16:30 = 2026-10-24T15:30Z'],
  'Saturday 24 October (BST): 09:00 ... 16:30 local');
select is(
  array(select tests.dst_slots('dst_london', '2026-10-25 00:00 Europe/London', '2026-10-26 00:00 Europe/London', '2026-01-01 00:00Z')),
  array[
  '09:00 = 2026-10-25T09:00Z', '09:30 = 2026-10-25T09:30Z', '10:00 = 2026-10-25T10:00Z', '10:30 = 2026-10-25T10:30Z',
  '11:00 = 2026-10-25T11:00Z', '11:30 = 2026-10-25T11:30Z', '12:00 = 2026-10-25T12:00Z', '12:30 = 2026-10-25T12:30Z',
  '13:00 = 2026-10-25T13:00Z', '13:30 = 2026-10-25T13:30Z', '14:00 = 2026-10-25T14:00Z', '14:30 = 2026-10-25T14:30Z',
  '15:00 = 2026-10-25T15:00Z', '15:30 = 2026-10-25T15:30Z', '16:00 = 2026-10-25T16:00Z', '16:30 = 2026-10-25T16:30Z'],
  'Sunday 25 October (clocks back: GMT): 09:00 ... 16:30 local');

-- TEST: night hours on the change days (overrides)
insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('dst_london_clinician'), tests.tenancy_id('dst_london_centre'),
        date '2026-03-29', '00:00', '04:00');
select is(
  array(select tests.dst_slots('dst_london', '2026-03-29 00:00 Europe/London', '2026-03-29 06:00 Europe/London', '2026-01-01 00:00Z')),
  array[
  '00:00 = 2026-03-29T00:00Z', '00:30 = 2026-03-29T00:30Z', '02:00 = 2026-03-29T01:00Z', '02:30 = 2026-03-29T01:30Z',
  '03:00 = 2026-03-29T02:00Z', '03:30 = 2026-03-29T02:30Z'],
  '29 March (gap), 00:00-04:00 local: 01:00-02:00 does not exist: no 01:00 or 01:30 slot; 00:00-04:00 local is three hours');
insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('dst_london_clinician'), tests.tenancy_id('dst_london_centre'),
        date '2026-10-25', '00:00', '04:00');
select is(
  array(select tests.dst_slots('dst_london', '2026-10-25 00:00 Europe/London', '2026-10-25 06:00 Europe/London', '2026-01-01 00:00Z')),
  array[
  '00:00 = 2026-10-24T23:00Z', '00:30 = 2026-10-24T23:30Z', '01:00 = 2026-10-25T00:00Z', '01:30 = 2026-10-25T00:30Z',
  '01:00 = 2026-10-25T01:00Z', '01:30 = 2026-10-25T01:30Z', '02:00 = 2026-10-25T02:00Z', '02:30 = 2026-10-25T02:30Z',
  '03:00 = 2026-10-25T03:00Z', '03:30 = 2026-10-25T03:30Z'],
  '25 October (fold), 00:00-04:00 local: 01:00-02:00 happens twice: 01:00 and 01:30 are offered at both instants; 00:00-04:00 local is five hours');


select * from finish();
rollback;

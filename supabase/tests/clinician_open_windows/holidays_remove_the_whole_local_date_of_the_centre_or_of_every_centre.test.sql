-- A holiday removes the whole local date (in the centre's zone) at its centre, or at every centre
-- of the tenant when centre_id is null; another centre's holiday changes nothing.
-- Fixtures: clinician_a Mon-Fri 09:00-17:00 London at centre_a1; holidays: 25 December (tenant A),
-- 1 July (centre_a1), 2 July (centre_a2).
begin;
select plan(4);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_availability_fixtures();

-- TEST
select results_eq(
  $$ select * from tests.open_windows_utc('tenant_a', 'clinician_a', 'centre_a1', '2026-06-30 00:00Z', '2026-07-03 00:00Z') $$,
  $$ values ('[2026-06-30T08:00Z,2026-06-30T16:00Z)'), ('[2026-07-02T08:00Z,2026-07-02T16:00Z)') $$,
  'centre_a1''s holiday on 1 July removes that day; centre_a2''s on 2 July does not apply at centre_a1');
select results_eq(
  $$ select * from tests.open_windows_utc('tenant_a', 'clinician_a_2', 'centre_a2', '2026-06-29 00:00Z', '2026-07-03 00:00Z') $$,
  $$ values ('[2026-06-29T09:00Z,2026-06-29T15:00Z)'), ('[2026-07-01T09:00Z,2026-07-01T15:00Z)') $$,
  'clinician_a_2 at centre_a2 keeps Wednesday 1 July (another centre''s holiday)');
select results_eq(
  $$ select * from tests.open_windows_utc('tenant_a', 'clinician_a', 'centre_a1', '2026-12-24 00:00Z', '2026-12-29 00:00Z') $$,
  $$ values ('[2026-12-24T09:00Z,2026-12-24T17:00Z)'), ('[2026-12-28T09:00Z,2026-12-28T17:00Z)') $$,
  'the tenant-wide Christmas Day (Friday) removes 25 December at every centre');

-- extra hours on a holiday are removed too
insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), date '2026-12-25', '10:00', '12:00');
select is_empty(
  $$ select * from tests.open_windows_utc('tenant_a', 'clinician_a', 'centre_a1', '2026-12-25 00:00Z', '2026-12-26 00:00Z') $$,
  'a holiday removes extra hours on that date as well (close the holiday to open the day)');

select * from finish();
rollback;

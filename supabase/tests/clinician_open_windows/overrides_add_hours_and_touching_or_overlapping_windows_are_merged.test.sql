-- Extra hours (availability_overrides) are added to the recurring hours; windows that overlap or
-- touch come back as one range, ascending, clipped to the query window.
-- Fixtures: clinician_a works Mon-Fri 09:00-17:00 London at centre_a1 (08-16Z in June, BST) and
-- has extra hours on Saturday 6 June 10:00-13:00.
begin;
select plan(5);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_availability_fixtures();

-- TEST: an override on a day without recurring hours
select results_eq(
  $$ select * from tests.open_windows_utc('tenant_a', 'clinician_a', 'centre_a1', '2026-06-05 00:00Z', '2026-06-08 00:00Z') $$,
  $$ values ('[2026-06-05T08:00Z,2026-06-05T16:00Z)'), ('[2026-06-06T09:00Z,2026-06-06T12:00Z)') $$,
  'Friday''s recurring hours and Saturday''s extra 10:00-13:00 BST (09-12Z)');

-- TEST: touching and overlapping overrides merge with the recurring hours
insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), date '2026-06-08', '17:00', '19:00'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), date '2026-06-08', '07:30', '10:00'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), date '2026-06-08', '20:00', '24:00');
select results_eq(
  $$ select * from tests.open_windows_utc('tenant_a', 'clinician_a', 'centre_a1', '2026-06-08 00:00Z', '2026-06-09 00:00Z') $$,
  $$ values ('[2026-06-08T06:30Z,2026-06-08T18:00Z)'), ('[2026-06-08T19:00Z,2026-06-08T23:00Z)') $$,
  'Monday 07:30-10:00 and 17:00-19:00 merge with 09:00-17:00 into 07:30-19:00 BST; 20:00-24:00 stays separate (24:00 = midnight)');

-- TEST: clipped to the query window
select results_eq(
  $$ select * from tests.open_windows_utc('tenant_a', 'clinician_a', 'centre_a1', '2026-06-08 12:00Z', '2026-06-08 20:00Z') $$,
  $$ values ('[2026-06-08T12:00Z,2026-06-08T18:00Z)'), ('[2026-06-08T19:00Z,2026-06-08T20:00Z)') $$,
  'windows are clipped to [12:00Z, 20:00Z)');

-- TEST: other clinicians and centres are not mixed in
select results_eq(
  $$ select * from tests.open_windows_utc('tenant_a', 'clinician_a_2', 'centre_a2', '2026-06-08 00:00Z', '2026-06-09 00:00Z') $$,
  $$ values ('[2026-06-08T09:00Z,2026-06-08T15:00Z)') $$,
  'clinician_a_2 at centre_a2 still has only their own Monday 10:00-16:00 BST');
select is_empty(
  $$ select * from tests.open_windows_utc('tenant_a', 'clinician_a', 'centre_a_unpublished', '2026-06-08 00:00Z', '2026-06-09 00:00Z') $$,
  'clinician_a has no hours at their other centre (hours are per centre)');

select * from finish();
rollback;

-- Time off removes its instants from the clinician's hours at every centre, and only theirs.
-- Fixtures: clinician_a works Mon-Fri 09:00-17:00 London (08-16Z in June) at centre_a1 and is off
-- Tuesday 9 June 12:00Z-16:00Z.
begin;
select plan(4);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_availability_fixtures();

-- TEST
select results_eq(
  $$ select * from tests.open_windows_utc('tenant_a', 'clinician_a', 'centre_a1', '2026-06-09 00:00Z', '2026-06-10 00:00Z') $$,
  $$ values ('[2026-06-09T08:00Z,2026-06-09T12:00Z)') $$,
  'the afternoon off leaves 08:00Z-12:00Z on Tuesday 9 June');

insert into public.time_off (tenant_id, clinician_id, during, reason) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tstzrange('2026-06-10 10:00Z', '2026-06-10 11:00Z'), 'Meeting'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tstzrange('2026-06-10 23:00Z', '2026-06-12 23:00Z'), 'Leave');
select results_eq(
  $$ select * from tests.open_windows_utc('tenant_a', 'clinician_a', 'centre_a1', '2026-06-10 00:00Z', '2026-06-13 00:00Z') $$,
  $$ values ('[2026-06-10T08:00Z,2026-06-10T10:00Z)'), ('[2026-06-10T11:00Z,2026-06-10T16:00Z)') $$,
  'an hour off splits Wednesday; leave from Thursday 00:00 BST to Saturday 00:00 BST removes Thursday and Friday');

insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a_unpublished'), date '2026-06-09', '13:00', '18:00');
select results_eq(
  $$ select * from tests.open_windows_utc('tenant_a', 'clinician_a', 'centre_a_unpublished', '2026-06-09 00:00Z', '2026-06-10 00:00Z') $$,
  $$ values ('[2026-06-09T16:00Z,2026-06-09T17:00Z)') $$,
  'time off applies at their other centre too: 13:00-18:00 BST (12-17Z) there keeps only 16-17Z');

select results_eq(
  $$ select * from tests.open_windows_utc('tenant_b', 'clinician_b', 'centre_b1', '2026-06-10 00:00Z', '2026-06-11 00:00Z') $$,
  $$ values ('[2026-06-10T12:00Z,2026-06-10T16:00Z)') $$,
  'another tenant''s clinician is not affected (New York 08:00-12:00 EDT = 12-16Z)');

select * from finish();
rollback;

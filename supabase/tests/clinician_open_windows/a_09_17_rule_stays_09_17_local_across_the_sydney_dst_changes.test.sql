-- Australia/Sydney, 2026: daylight saving ENDS on Sunday 5 April (03:00 AEDT -> 02:00 AEST) and
-- STARTS on Sunday 4 October (02:00 AEST -> 03:00 AEDT). 09:00-17:00 local is 22:00Z (previous
-- UTC day) to 06:00Z in AEDT (UTC+11) and 23:00Z to 07:00Z in AEST (UTC+10), so each window spans
-- two UTC dates.
begin;
select plan(3);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_availability_site('tenant_a', 'site_sydney', 'clin_sydney', 'Australia/Sydney');
insert into public.availability_rules (tenant_id, clinician_id, centre_id, local_start, local_end, rrule, valid_from)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clin_sydney'), tests.tenancy_id('site_sydney'),
        '09:00', '17:00', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU', date '2026-01-05');

-- TEST: daylight saving ends
select results_eq(
  $$ select * from tests.open_windows_utc('tenant_a', 'clin_sydney', 'site_sydney', '2026-04-02 12:00Z', '2026-04-06 12:00Z') $$,
  $$ values ('[2026-04-02T22:00Z,2026-04-03T06:00Z)'), ('[2026-04-03T22:00Z,2026-04-04T06:00Z)'),
            ('[2026-04-04T23:00Z,2026-04-05T07:00Z)'), ('[2026-04-05T23:00Z,2026-04-06T07:00Z)') $$,
  'Sydney, 3-6 April: 22-06Z in AEDT, 23-07Z in AEST from Sunday 5 April');

-- TEST: daylight saving starts
select results_eq(
  $$ select * from tests.open_windows_utc('tenant_a', 'clin_sydney', 'site_sydney', '2026-10-02 12:00Z', '2026-10-05 12:00Z') $$,
  $$ values ('[2026-10-02T23:00Z,2026-10-03T07:00Z)'), ('[2026-10-03T22:00Z,2026-10-04T06:00Z)'),
            ('[2026-10-04T22:00Z,2026-10-05T06:00Z)') $$,
  'Sydney, 3-5 October: 23-07Z in AEST, 22-06Z in AEDT from Sunday 4 October');

-- TEST: a holiday removes the centre's LOCAL date, which is not the UTC date
insert into public.holidays (tenant_id, centre_id, local_date, name)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('site_sydney'), date '2026-04-06', 'Easter Monday');
select results_eq(
  $$ select * from tests.open_windows_utc('tenant_a', 'clin_sydney', 'site_sydney', '2026-04-04 12:00Z', '2026-04-06 12:00Z') $$,
  $$ values ('[2026-04-04T23:00Z,2026-04-05T07:00Z)') $$,
  'Easter Monday 6 April (Sydney) removes 5 April 23:00Z - 6 April 07:00Z and keeps Sunday 5 April');

select * from finish();
rollback;

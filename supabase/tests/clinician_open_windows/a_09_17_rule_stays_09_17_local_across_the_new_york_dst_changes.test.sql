-- America/New_York, 2026: clocks go forward on Sunday 8 March (02:00 EST -> 03:00 EDT) and back on
-- Sunday 1 November (02:00 EDT -> 01:00 EST). 09:00-17:00 local is 14-22Z in EST (UTC-5) and
-- 13-21Z in EDT (UTC-4).
begin;
select plan(3);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_availability_site('tenant_b', 'site_new_york', 'clin_new_york', 'America/New_York');
insert into public.availability_rules (tenant_id, clinician_id, centre_id, local_start, local_end, rrule, valid_from)
values (tests.tenancy_id('tenant_b'), tests.tenancy_id('clin_new_york'), tests.tenancy_id('site_new_york'),
        '09:00', '17:00', 'FREQ=DAILY', date '2026-01-05');

-- TEST: spring forward
select results_eq(
  $$ select * from tests.open_windows_utc('tenant_b', 'clin_new_york', 'site_new_york', '2026-03-06 00:00Z', '2026-03-10 00:00Z') $$,
  $$ values ('[2026-03-06T14:00Z,2026-03-06T22:00Z)'), ('[2026-03-07T14:00Z,2026-03-07T22:00Z)'),
            ('[2026-03-08T13:00Z,2026-03-08T21:00Z)'), ('[2026-03-09T13:00Z,2026-03-09T21:00Z)') $$,
  'New York, week of 8 March: 14-22Z in EST, 13-21Z in EDT from the Sunday of the change');

-- TEST: fall back
select results_eq(
  $$ select * from tests.open_windows_utc('tenant_b', 'clin_new_york', 'site_new_york', '2026-10-30 00:00Z', '2026-11-03 00:00Z') $$,
  $$ values ('[2026-10-30T13:00Z,2026-10-30T21:00Z)'), ('[2026-10-31T13:00Z,2026-10-31T21:00Z)'),
            ('[2026-11-01T14:00Z,2026-11-01T22:00Z)'), ('[2026-11-02T14:00Z,2026-11-02T22:00Z)') $$,
  'New York, week of 1 November: 13-21Z in EDT, 14-22Z in EST from the Sunday of the change');

-- TEST: a rule in another zone than its centre keeps its own zone's wall clock
insert into public.availability_rules (tenant_id, clinician_id, centre_id, timezone, local_start, local_end, rrule, valid_from)
values (tests.tenancy_id('tenant_b'), tests.tenancy_id('clin_new_york'), tests.tenancy_id('site_new_york'),
        'Europe/London', '06:00', '07:00', 'FREQ=DAILY', date '2026-03-01');
select results_eq(
  $$ select * from tests.open_windows_utc('tenant_b', 'clin_new_york', 'site_new_york', '2026-03-28 00:00Z', '2026-03-30 00:00Z') $$,
  $$ values ('[2026-03-28T06:00Z,2026-03-28T07:00Z)'), ('[2026-03-28T13:00Z,2026-03-28T21:00Z)'),
            ('[2026-03-29T05:00Z,2026-03-29T06:00Z)'), ('[2026-03-29T13:00Z,2026-03-29T21:00Z)') $$,
  'a 06:00-07:00 Europe/London rule at a New York centre follows London''s change on 29 March (06-07Z, then 05-06Z) next to the New York hours (13-21Z in EDT)');

select * from finish();
rollback;

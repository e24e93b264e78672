-- Europe/London, 2026: clocks go forward on Sunday 29 March (01:00 GMT -> 02:00 BST) and back on
-- Sunday 25 October (02:00 BST -> 01:00 GMT). A rule for 09:00-17:00 every day keeps 09:00-17:00
-- on the wall clock, so its UTC instants move by an hour; each end is converted on its own, so
-- hours that span the change (00:00-06:00 on 29 March) last 5 hours, not 6.
begin;
select plan(4);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_availability_site('tenant_a', 'site_london', 'clin_london', 'Europe/London');
insert into public.availability_rules (tenant_id, clinician_id, centre_id, local_start, local_end, rrule, valid_from)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clin_london'), tests.tenancy_id('site_london'),
        '09:00', '17:00', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU', date '2026-01-05');

-- TEST: spring forward
select results_eq(
  $$ select * from tests.open_windows_utc('tenant_a', 'clin_london', 'site_london', '2026-03-27 00:00Z', '2026-03-31 00:00Z') $$,
  $$ values ('[2026-03-27T09:00Z,2026-03-27T17:00Z)'), ('[2026-03-28T09:00Z,2026-03-28T17:00Z)'),
            ('[2026-03-29T08:00Z,2026-03-29T16:00Z)'), ('[2026-03-30T08:00Z,2026-03-30T16:00Z)') $$,
  'London, week of 29 March: 09:00-17:00 GMT (09-17Z) before, 09:00-17:00 BST (08-16Z) from the Sunday of the change');

-- TEST: fall back
select results_eq(
  $$ select * from tests.open_windows_utc('tenant_a', 'clin_london', 'site_london', '2026-10-23 00:00Z', '2026-10-27 00:00Z') $$,
  $$ values ('[2026-10-23T08:00Z,2026-10-23T16:00Z)'), ('[2026-10-24T08:00Z,2026-10-24T16:00Z)'),
            ('[2026-10-25T09:00Z,2026-10-25T17:00Z)'), ('[2026-10-26T09:00Z,2026-10-26T17:00Z)') $$,
  'London, week of 25 October: 08-16Z in BST, 09-17Z in GMT from the Sunday of the change');

-- TEST: the timezone defaulted to the centre's
select is((select timezone::text from public.availability_rules where clinician_id = tests.tenancy_id('clin_london')),
  'Europe/London', 'a rule without a timezone takes its centre''s');

-- TEST: hours across the change, ends converted separately
insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clin_london'), tests.tenancy_id('site_london'), date '2026-03-29', '00:00', '06:00');
select results_eq(
  $$ select * from tests.open_windows_utc('tenant_a', 'clin_london', 'site_london', '2026-03-29 00:00Z', '2026-03-30 00:00Z') $$,
  $$ values ('[2026-03-29T00:00Z,2026-03-29T05:00Z)'), ('[2026-03-29T08:00Z,2026-03-29T16:00Z)') $$,
  'extra hours 00:00-06:00 on 29 March run 00:00 GMT to 06:00 BST: 00-05Z, five hours');

select * from finish();
rollback;

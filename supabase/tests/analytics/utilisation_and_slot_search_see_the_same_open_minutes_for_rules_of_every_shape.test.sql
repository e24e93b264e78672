-- Open time for rules of every shape: daily, weekly with INTERVAL, UNTIL and EXDATE, weekly
-- without BYDAY, in another zone than the centre's, across DST gaps and folds, monthly with
-- ordinals, weekly with BYSETPOS; with extra hours, time off, holidays, and inactive clinicians.
-- Slot search (private.clinician_open_windows, rule by rule) and utilisation (set-based, in one
-- statement) compute it separately: the minutes of every assignment are pinned to their values,
-- two of them worked out by hand below, and utilisation's open minutes equal the one-clinician
-- form for every pair.
begin;
select plan(7);

-- SETUP (as postgres)
select tests.create_analytics_fixtures();
insert into public.availability_rules (tenant_id, clinician_id, centre_id, timezone, local_start, local_end, rrule, valid_from, valid_until) values
  -- Sundays 01:30-03:00 London: in the gap on 2026-03-29, in the fold on 2026-10-25
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2'), 'Europe/London', '01:30', '03:00',
   'FREQ=WEEKLY;BYDAY=SU', date '2026-01-04', null),
  -- every other Monday and Wednesday, until mid-October, minus one date, valid until 10 October
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2'), 'Europe/London', '10:00', '16:00',
   E'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20261015T000000Z\nEXDATE;TZID=Europe/London:20260311T100000', date '2026-01-07', date '2026-10-10'),
  -- weekly on DTSTART's weekday (Thursday), in New York time at a London centre, up to midnight
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a2'), 'America/New_York', '23:00', '24:00',
   'FREQ=WEEKLY', date '2026-02-05', null),
  -- the last Friday of the month, and the first of Monday/Tuesday of every week (BYSETPOS)
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a_unpublished'), 'Europe/London', '09:00', '12:00',
   'FREQ=MONTHLY;BYDAY=-1FR', date '2026-01-01', null),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a_unpublished'), 'Europe/London', '13:00', '15:00',
   'FREQ=WEEKLY;BYDAY=MO,TU;BYSETPOS=1', date '2026-01-01', null),
  -- an inactive clinician's hours never count
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_retired'), tests.tenancy_id('centre_a1'), 'Europe/London', '09:00', '17:00',
   'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', date '2026-01-01', null),
  -- New York weekends 00:30-03:30: the gap of 2026-03-08 and the fold of 2026-11-01
  (tests.tenancy_id('tenant_b'), tests.tenancy_id('clinician_b'), tests.tenancy_id('centre_b1'), 'America/New_York', '00:30', '03:30',
   'FREQ=WEEKLY;BYDAY=SA,SU', date '2026-01-03', null);
insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2'), date '2026-03-29', '00:30', '04:00'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2'), date '2026-07-04', '09:00', '12:00');
insert into public.time_off (tenant_id, clinician_id, during, reason) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tstzrange('2026-10-25 00:00Z', '2026-10-25 01:20Z'), 'In the fold'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tstzrange('2026-04-01 00:00Z', '2026-04-15 00:00Z'), 'Holiday');
insert into public.holidays (tenant_id, centre_id, local_date, name) values
  (tests.tenancy_id('tenant_a'), null, date '2026-05-04', 'Bank holiday'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a2'), date '2026-06-01', 'Closed'),
  (tests.tenancy_id('tenant_b'), null, date '2026-11-26', 'Thanksgiving');

create temporary table expected_open on commit drop as
  select t.tenant_id, t.from_date, t.to_date, cc.centre_id, cc.clinician_id,
         pg_catalog.round(coalesce((select pg_catalog.sum(extract(epoch from upper(o) - lower(o)))
                                    from private.clinician_open_windows(t.tenant_id, cc.clinician_id, cc.centre_id,
                                           tstzrange((t.from_date::timestamp) at time zone z.tz, ((t.to_date + 1)::timestamp) at time zone z.tz, '[)')) as o), 0) / 60, 2)
           as open_minutes
  from (values (tests.tenancy_id('tenant_a'), date '2026-01-01', date '2026-12-31'),
               (tests.tenancy_id('tenant_a'), date '2026-03-28', date '2026-03-30'),
               (tests.tenancy_id('tenant_a'), date '2026-10-24', date '2026-10-26'),
               (tests.tenancy_id('tenant_b'), date '2026-01-01', date '2026-12-31')) as t (tenant_id, from_date, to_date)
  join lateral (select tn.timezone::text as tz from public.tenants as tn where tn.id = t.tenant_id) as z on true
  join public.clinician_centres as cc on cc.tenant_id = t.tenant_id;

-- TEST: the open minutes of every assignment, window and tenant
select set_eq(
  $$ select e.from_date, e.clinician_id, e.centre_id, e.open_minutes from expected_open as e $$,
  $$ select g.from_date, tests.tenancy_id(g.clinician) as clinician_id, tests.tenancy_id(g.centre) as centre_id, g.minutes::numeric
     from (values
       (date '2026-01-01', 'clinician_a', 'centre_a1', 13440.00),
       (date '2026-01-01', 'clinician_a', 'centre_a_unpublished', 8040.00),
       (date '2026-01-01', 'clinician_a_2', 'centre_a2', 18970.00),
       (date '2026-01-01', 'clinician_a_retired', 'centre_a1', 0.00),
       (date '2026-01-01', 'clinician_a_visiting', 'centre_a1', 13440.00),
       (date '2026-01-01', 'clinician_a_visiting', 'centre_a2', 2820.00),
       (date '2026-01-01', 'clinician_b', 'centre_b1', 32160.00),
       (date '2026-03-28', 'clinician_a', 'centre_a1', 0.00),
       (date '2026-03-28', 'clinician_a', 'centre_a_unpublished', 120.00),
       (date '2026-03-28', 'clinician_a_2', 'centre_a2', 510.00),
       (date '2026-03-28', 'clinician_a_retired', 'centre_a1', 0.00),
       (date '2026-03-28', 'clinician_a_visiting', 'centre_a1', 0.00),
       (date '2026-03-28', 'clinician_a_visiting', 'centre_a2', 0.00),
       (date '2026-10-24', 'clinician_a', 'centre_a1', 0.00),
       (date '2026-10-24', 'clinician_a', 'centre_a_unpublished', 120.00),
       (date '2026-10-24', 'clinician_a_2', 'centre_a2', 100.00),
       (date '2026-10-24', 'clinician_a_retired', 'centre_a1', 0.00),
       (date '2026-10-24', 'clinician_a_visiting', 'centre_a1', 0.00),
       (date '2026-10-24', 'clinician_a_visiting', 'centre_a2', 0.00)) as g (from_date, clinician, centre, minutes) $$,
  'every assignment has the open minutes its rules, extra hours, time off and holidays give');

-- TEST: worked out by hand, London's spring-forward weekend (28-30 March 2026), clinician_a_2:
-- Sunday 29th, extra hours 00:30-04:00 local = 00:30 GMT to 04:00 BST = 150 minutes (they cover
-- the Sunday rule's 01:30-03:00, which falls in the gap); Monday 30th, the every-other-week rule
-- (week 12 from DTSTART's week) 10:00-16:00 = 360 minutes
select is((select open_minutes from expected_open where from_date = '2026-03-28' and clinician_id = tests.tenancy_id('clinician_a_2')),
  510.00::numeric, 'the gap weekend: 150 minutes of extra hours across the gap and 360 on Monday');
-- the fall-back weekend (24-26 October): Sunday 25th 01:30 BST (00:30Z) to 03:00 GMT (03:00Z) =
-- 150 minutes, less the time off 00:00Z-01:20Z (50 of them); Monday 26th is after valid_until
select is((select open_minutes from expected_open where from_date = '2026-10-24' and clinician_id = tests.tenancy_id('clinician_a_2')),
  100.00::numeric, 'the fold weekend: 150 minutes across the fold less 50 minutes of time off');

-- TEST: the whole year, both tenants
select set_eq(
  $$ select e.tenant_id, e.centre_id, e.clinician_id, u.open_minutes
     from (select distinct tenant_id, from_date, to_date from expected_open where to_date - from_date > 300) as e0
     cross join lateral public.utilisation(e0.tenant_id, e0.from_date, e0.to_date) as u
     join expected_open as e on e.tenant_id = e0.tenant_id and e.from_date = e0.from_date and e.clinician_id = u.clinician_id and e.centre_id = u.centre $$,
  $$ select tenant_id, centre_id, clinician_id, open_minutes from expected_open where to_date - from_date > 300 $$,
  'a year: open minutes equal private.clinician_open_windows for every assignment of both tenants');

-- TEST: the weekends of the DST transitions in London
select set_eq(
  $$ select u.centre, u.clinician_id, u.open_minutes from public.utilisation(tests.tenancy_id('tenant_a'), '2026-03-28', '2026-03-30') as u $$,
  $$ select centre_id, clinician_id, open_minutes from expected_open where from_date = '2026-03-28' $$,
  'the spring-forward weekend (gap) gives the same open minutes');
select set_eq(
  $$ select u.centre, u.clinician_id, u.open_minutes from public.utilisation(tests.tenancy_id('tenant_a'), '2026-10-24', '2026-10-26') as u $$,
  $$ select centre_id, clinician_id, open_minutes from expected_open where from_date = '2026-10-24' $$,
  'the fall-back weekend (fold) gives the same open minutes');

-- TEST: the test has teeth: the new rules do add open time
select ok(
  (select open_minutes from expected_open where from_date = '2026-03-28' and clinician_id = tests.tenancy_id('clinician_a_2')) > 0
  and (select open_minutes from expected_open where from_date = '2026-01-01' and tenant_id = tests.tenancy_id('tenant_a')
         and clinician_id = tests.tenancy_id('clinician_a') and centre_id = tests.tenancy_id('centre_a_unpublished')) > 0,
  'the DST weekend and the monthly rules have open time to compare');

select * from finish();
rollback;

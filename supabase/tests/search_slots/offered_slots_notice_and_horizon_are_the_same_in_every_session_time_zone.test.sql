-- What search offers does not depend on the session's time zone, which a client may set
-- (PostgREST: Prefer: timezone=America/Santiago). Santiago skips midnight on 5 September 2027: a
-- calendar or a "+ 1 day" computed in that zone lost a day or an hour. The engine of
-- public.search_slots (private.offered_slots, as of a pinned instant) gives the UTC answer in a
-- Santiago session for: a month-end rule with BYSETPOS=-1 (London hours), the minimum notice of
-- one day across Santiago's change and a 90-day booking horizon that ends after it.
begin;
select plan(6);

-- SETUP: a London centre whose clinician works 09:00-17:00 on the last of the 28th-31st of each
-- month (30-minute service, 30-minute grid)
select tests.create_appointment_fixtures();
select tests.dst_site('Europe/London', 'tz_london');
update public.availability_rules set rrule = 'FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1', valid_from = date '2027-01-01'
where clinician_id = tests.tenancy_id('tz_london_clinician');
-- and a second site working every day, for notice and horizon
select tests.dst_site('Europe/London', 'tz_daily');

update public.services set min_booking_notice = '1 day', max_booking_horizon = '90 days'
where id = tests.tenancy_id('tz_daily_service');

create temporary table utc_answer as
select 'month end' as name,
       array(select tests.dst_slots('tz_london', '2027-09-01 00:00Z', '2027-09-29 22:00Z', '2027-06-01 00:00Z')) as slots
union all
select 'notice', array(select tests.dst_slots('tz_daily', '2027-09-05 00:00Z', '2027-09-06 00:00Z', '2027-09-04 12:00Z'))
union all
select 'horizon', array(select tests.dst_slots('tz_daily', '2027-09-08 00:00Z', '2027-09-09 00:00Z', '2027-06-10 12:00Z'));

-- TEST: the UTC answers
select is((select slots from utc_answer where name = 'month end'), '{}'::text[],
  'the last of the 28th-31st of September 2027 is the 30th, after the window: no slot');
select is((select slots[1] from utc_answer where name = 'notice'), '13:00 = 2027-09-05T12:00Z',
  'one day of notice from 4 September 12:00Z: the first start is 5 September 12:00Z (24 hours later)');
select is((select slots[pg_catalog.cardinality(slots)] from utc_answer where name = 'horizon'), '13:00 = 2027-09-08T12:00Z',
  'a 90-day horizon from 10 June 12:00Z: the last start is 8 September 12:00Z (2,160 hours later)');

-- TEST: the same answers in a Santiago session
set local timezone = 'America/Santiago';
select is(array(select tests.dst_slots('tz_london', '2027-09-01 00:00Z', '2027-09-29 22:00Z', '2027-06-01 00:00Z')),
  (select slots from utc_answer where name = 'month end'),
  'Santiago session: no slot on 29 September (BYSETPOS=-1 does not lose the 30th)');
select is(array(select tests.dst_slots('tz_daily', '2027-09-05 00:00Z', '2027-09-06 00:00Z', '2027-09-04 12:00Z')),
  (select slots from utc_answer where name = 'notice'),
  'Santiago session: the notice ends at the same instant (11:00Z is not offered)');
select is(array(select tests.dst_slots('tz_daily', '2027-09-08 00:00Z', '2027-09-09 00:00Z', '2027-06-10 12:00Z')),
  (select slots from utc_answer where name = 'horizon'),
  'Santiago session: the horizon ends at the same instant (12:00Z is still offered)');

select * from finish();
rollback;

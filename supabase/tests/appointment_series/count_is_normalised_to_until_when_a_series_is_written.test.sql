-- A series' rule is stored canonical with COUNT replaced by UNTIL (the start instant of the
-- n-th occurrence), as availability rules are: by book_appointment_series and by direct writes
-- (service_role) alike. The zone defaults to the centre's and local_start follows
-- first_starts_at.
begin;
select plan(6);

-- SETUP
select tests.create_appointment_fixtures();
select tests.authenticate_as('patient');
create temporary table booked on commit drop as
  select public.book_appointment_series(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
           tests.appointment_slot(2, '10:00'), 'RRULE:freq=weekly;count=3') as result;
reset role;

-- TEST: through the RPC
select is(
  (select rrule from public.appointment_series where id = (select (result ->> 'series_id')::uuid from booked)),
  'FREQ=WEEKLY;UNTIL=' || to_char(tests.appointment_slot(16, '10:00') at time zone 'UTC', 'YYYYMMDD"T"HH24MISS"Z"'),
  'COUNT=3 is stored as UNTIL = the third occurrence''s start, in canonical form');
select is(
  (select count(*)::integer from public.appointments where series_id = (select (result ->> 'series_id')::uuid from booked)),
  3, 'and exactly three appointments are booked');

-- TEST: direct writes by service_role
select tests.authenticate_as_service_role();
insert into public.appointment_series (tenant_id, id, patient_id, service_id, clinician_id, centre_id, local_start, rrule, first_starts_at)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('series_direct'), tests.tenancy_id('patient_a_2'), tests.tenancy_id('appt_checkup'),
        tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), '23:59', 'FREQ=DAILY;INTERVAL=2;COUNT=4',
        '2027-06-01 09:30 Europe/London');
select results_eq(
  $$ select timezone::text, local_start, rrule from public.appointment_series where id = tests.tenancy_id('series_direct') $$,
  $$ values ('Europe/London', time '09:30', 'FREQ=DAILY;INTERVAL=2;UNTIL=20270607T083000Z') $$,
  'a direct insert gets the centre''s zone, local_start from first_starts_at and COUNT -> UNTIL (7 June 09:30 BST = 08:30Z)');
update public.appointment_series set rrule = 'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=3' where id = tests.tenancy_id('series_direct');
select is(
  (select rrule from public.appointment_series where id = tests.tenancy_id('series_direct')),
  'FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270608T083000Z',
  'a new rule is normalised on update (Tue 1, Thu 3, Tue 8 June)');
select throws_ok(
  $$ update public.appointment_series set rrule = 'FREQ=WEEKLY' where id = tests.tenancy_id('series_direct') $$,
  '22023', 'A series must end: give the rule a COUNT or an UNTIL.', 'even service_role cannot store a series that never ends');
select throws_ok(
  $$ update public.appointment_series set rrule = 'FREQ=YEARLY;COUNT=2' where id = tests.tenancy_id('series_direct') $$,
  '22023', 'FREQ=YEARLY is not supported.', 'a rule outside the subset is refused by the parser');

select * from finish();
rollback;

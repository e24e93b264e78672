-- One clinician: every start on the service's grid (multiples of slot_alignment_minutes from
-- local midnight at the centre) whose appointment [start, start + duration) fits the working
-- hours, as UTC instants plus the centre's wall-clock times and zone, ordered by time. The window
-- selects slots by their start.
begin;
select plan(9);

-- SETUP: clinician_a works 09:00-17:00 (Europe/London) every day; appt_checkup lasts 30 minutes
select tests.create_appointment_fixtures();

-- TEST: the day's grid
select is(
  array(select tests.slot_starts('appt_checkup', 'centre_a1', tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '00:00'), 'clinician_a')),
  array(select pg_catalog.to_char(t, 'HH24:MI') from generate_series(timestamp '2000-01-01 09:00', '2000-01-01 16:30', '15 minutes') as t),
  'every 15 minutes from 09:00; the last start, 16:30, ends at 17:00');
select results_eq(
  $$ select s.clinician_id, s.ends_at - s.starts_at, s.local_starts_at = (s.starts_at at time zone 'Europe/London'),
            s.local_ends_at = (s.ends_at at time zone 'Europe/London'), s.timezone
       from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
                                tests.appointment_slot(2, '09:00'), tests.appointment_slot(2, '09:30'), tests.tenancy_id('clinician_a')) as s $$,
  $$ values (tests.tenancy_id('clinician_a'), interval '30 minutes', true, true, 'Europe/London'),
            (tests.tenancy_id('clinician_a'), interval '30 minutes', true, true, 'Europe/London') $$,
  'each row: the clinician, a 30-minute appointment, the centre''s wall-clock times and its zone');
select is(
  (select array_agg(s.starts_at order by s.starts_at)
     from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
                              tests.appointment_slot(2, '09:00'), tests.appointment_slot(2, '09:30'), tests.tenancy_id('clinician_a')) as s),
  array[tests.appointment_slot(2, '09:00'), tests.appointment_slot(2, '09:15')],
  'starts_at is the exact instant of the local time');

-- TEST: the window selects by start: [window_start, window_end)
select is(
  array(select tests.slot_starts('appt_checkup', 'centre_a1', tests.appointment_slot(2, '10:07'), tests.appointment_slot(2, '11:00'), 'clinician_a')),
  array['10:15', '10:30', '10:45'],
  'a window from 10:07 to 11:00 offers 10:15, 10:30, 10:45 (10:45 ends after the window; 11:00 is excluded)');
select is(
  (select count(*)::integer from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
     tests.appointment_slot(2, '17:00'), tests.appointment_slot(3, '09:00'), tests.tenancy_id('clinician_a'))),
  0, 'nothing outside working hours');

-- TEST: other grids
update public.services set slot_alignment_minutes = 20 where id = tests.tenancy_id('appt_checkup');
select is(
  array(select tests.slot_starts('appt_checkup', 'centre_a1', tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '00:00'), 'clinician_a')),
  array(select pg_catalog.to_char(t, 'HH24:MI') from generate_series(timestamp '2000-01-01 09:00', '2000-01-01 16:20', '20 minutes') as t),
  'a 20-minute grid: 09:00, 09:20 ... 16:20 (16:40 would end at 17:10)');
update public.services set slot_alignment_minutes = 25 where id = tests.tenancy_id('appt_checkup');
select is(
  array(select tests.slot_starts('appt_checkup', 'centre_a1', tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '00:00'), 'clinician_a')),
  array['09:10', '09:35', '10:00', '10:25', '10:50', '11:15', '11:40', '12:05', '12:30', '12:55', '13:20', '13:45',
        '14:10', '14:35', '15:00', '15:25', '15:50', '16:15'],
  'a 25-minute grid counts from local midnight (00:00, 00:25 ...): 09:10 is the first start in the hours');
insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
        (now() at time zone 'Europe/London')::date + 2, '23:00', '24:00'),
       (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
        (now() at time zone 'Europe/London')::date + 3, '00:00', '01:00');
select is(
  array(select tests.slot_starts('appt_checkup', 'centre_a1', tests.appointment_slot(2, '22:00'), tests.appointment_slot(3, '02:00'), 'clinician_a')),
  array['23:20', '23:45', '00:00', '00:25'],
  'hours from 23:00 to 01:00 across midnight: 23:20, 23:45 (ending at 00:15), then the grid restarts at 00:00 (not 00:10), 00:25');

-- TEST: ordered by start
select ok(
  (select bool_and(s.starts_at > s.previous)
     from (select starts_at, lag(starts_at) over (order by starts_at) as previous
             from public.search_slots(tests.tenancy_id('appt_video'), tests.tenancy_id('centre_a1'),
                                      tests.appointment_slot(2, '00:00'), tests.appointment_slot(9, '00:00'), tests.tenancy_id('clinician_a'))) as s
    where s.previous is not null),
  'rows come in time order over a week');

select * from finish();
rollback;

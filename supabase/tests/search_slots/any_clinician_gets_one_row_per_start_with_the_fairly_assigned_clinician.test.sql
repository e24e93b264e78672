-- "Any clinician" (clinician_id null): every active clinician who offers the service and works at
-- the centre is a candidate; each start appears once, with the first clinician free then in this
-- order: fewest occupying appointments starting in the window (at the tenant), then least
-- recently booked (oldest latest created_at; never booked first), then clinician id.
begin;
select plan(8);

-- SETUP: five candidates for appt_checkup (30 min, buffers 5/10) at centre_a1 on day 2:
--   N1, N2  13:00-15:00, never booked
--   O       09:00-17:00, off 15:00-16:00, one appointment on day 5 (none in the window)
--   V       clinician_a_visiting 09:00-17:00, one appointment at 11:00 on day 2, booked 2 days ago
--   A       clinician_a          09:00-17:00, one appointment at 09:00 on day 2, booked 1 day ago
-- Order: N1/N2 (by id), O, V, A.
select tests.create_appointment_fixtures();
insert into public.clinicians (tenant_id, id, display_name, is_public, is_active)
select tests.tenancy_id('tenant_a'), tests.tenancy_id(n), n, true, true from unnest(array['clinician_n1', 'clinician_n2', 'clinician_o']) as n;
insert into public.clinician_centres (tenant_id, clinician_id, centre_id)
select tests.tenancy_id('tenant_a'), tests.tenancy_id(n), tests.tenancy_id('centre_a1') from unnest(array['clinician_n1', 'clinician_n2', 'clinician_o']) as n;
insert into public.clinician_services (tenant_id, clinician_id, service_id)
select tests.tenancy_id('tenant_a'), tests.tenancy_id(n), tests.tenancy_id('appt_checkup') from unnest(array['clinician_n1', 'clinician_n2', 'clinician_o']) as n;
insert into public.availability_rules (tenant_id, clinician_id, centre_id, timezone, local_start, local_end, rrule, valid_from)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_n1'), tests.tenancy_id('centre_a1'), 'Europe/London', '13:00', '15:00', 'FREQ=DAILY', current_date - 1),
       (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_n2'), tests.tenancy_id('centre_a1'), 'Europe/London', '13:00', '15:00', 'FREQ=DAILY', current_date - 1),
       (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_o'), tests.tenancy_id('centre_a1'), 'Europe/London', '09:00', '17:00', 'FREQ=DAILY', current_date - 1);
insert into public.time_off (tenant_id, clinician_id, during, reason)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_o'), tstzrange(tests.appointment_slot(2, '15:00'), tests.appointment_slot(2, '16:00')), 'Training');
select tests.insert_appointment('o_later', 'appt_checkup', 'clinician_o', 'patient_a', tests.appointment_slot(5, '10:00'));
select tests.insert_appointment('v_11', 'appt_checkup', 'clinician_a_visiting', 'patient_a_2', tests.appointment_slot(2, '11:00'));
select tests.insert_appointment('a_09', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(2, '09:00'));
update public.appointments set created_at = now() - interval '1 hour' where id = tests.tenancy_id('o_later');
update public.appointments set created_at = now() - interval '2 days' where id = tests.tenancy_id('v_11');
update public.appointments set created_at = now() - interval '1 day' where id = tests.tenancy_id('a_09');

create function pg_temp.who(clinician uuid) returns text language sql as $$
  select case clinician
    when least(tests.tenancy_id('clinician_n1'), tests.tenancy_id('clinician_n2')) then 'N'
    when tests.tenancy_id('clinician_o') then 'O'
    when tests.tenancy_id('clinician_a_visiting') then 'V'
    when tests.tenancy_id('clinician_a') then 'A'
    else 'other: ' || clinician::text end $$;

-- TEST: the assignment
select results_eq(
  $$ select to_char(local_starts_at, 'HH24:MI'), pg_temp.who(clinician_id)
       from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
                                tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '00:00')) $$,
  $$ values ('09:00', 'O'), ('09:15', 'O'), ('09:30', 'O'), ('09:45', 'O'), ('10:00', 'O'), ('10:15', 'O'), ('10:30', 'O'), ('10:45', 'O'),
            ('11:00', 'O'), ('11:15', 'O'), ('11:30', 'O'), ('11:45', 'O'), ('12:00', 'O'), ('12:15', 'O'), ('12:30', 'O'), ('12:45', 'O'),
            ('13:00', 'N'), ('13:15', 'N'), ('13:30', 'N'), ('13:45', 'N'), ('14:00', 'N'), ('14:15', 'N'), ('14:30', 'N'),
            ('14:45', 'V'), ('15:00', 'V'), ('15:15', 'V'), ('15:30', 'V'), ('15:45', 'V'),
            ('16:00', 'O'), ('16:15', 'O'), ('16:30', 'O') $$,
  'O (nothing in the window) takes the day; N1 or N2 (never booked, lower id) 13:00-14:30; while O is off, V (booked less recently than A)');
select is(
  (select count(*)::integer from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
     tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '00:00'))),
  (select count(distinct starts_at)::integer from private.offered_slots(tests.tenancy_id('tenant_a'), tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
     array[tests.tenancy_id('clinician_a'), tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('clinician_n1'), tests.tenancy_id('clinician_n2'), tests.tenancy_id('clinician_o')],
     tstzrange(tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '00:00')), now())),
  'one row per start time any candidate offers');

-- TEST: least recently booked breaks a tie in load, whatever the ids
update public.appointments set created_at = now() - interval '3 days' where id = tests.tenancy_id('a_09');
select is(
  array(select distinct pg_temp.who(clinician_id) from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
          tests.appointment_slot(2, '14:45'), tests.appointment_slot(2, '15:46'))),
  array['A'],
  'once A''s latest booking is older than V''s, A takes 14:45-15:45');

-- TEST: load counts only appointments starting in the window, at the tenant, that occupy time
select tests.insert_appointment('o_in_window', 'appt_checkup', 'clinician_o', 'patient_a_2', tests.appointment_slot(2, '16:30'));
select is(
  (select pg_temp.who(clinician_id) from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
     tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '00:00')) where to_char(local_starts_at, 'HH24:MI') = '10:00'),
  'A', 'with one appointment in the window O ties with A and V on load; A, booked least recently, now leads');
select is(
  (select pg_temp.who(clinician_id) from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
     tests.appointment_slot(3, '00:00'), tests.appointment_slot(4, '00:00')) where to_char(local_starts_at, 'HH24:MI') = '10:00'),
  'A', 'on day 3 nobody has appointments in that window: A (latest booking 3 days ago) leads V (2 days ago) and O (just now)');
update public.appointments set status = 'cancelled', cancellation_reason = 'patient_request' where id = tests.tenancy_id('o_in_window');
select is(
  (select pg_temp.who(clinician_id) from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
     tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '00:00')) where to_char(local_starts_at, 'HH24:MI') = '10:00'),
  'O', 'a cancelled appointment does not count: O leads again');

-- TEST: inactive clinicians and clinicians of other centres are no candidates
update public.clinicians set is_active = false where id = tests.tenancy_id('clinician_o');
select is(
  (select pg_temp.who(clinician_id) from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
     tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '00:00')) where to_char(local_starts_at, 'HH24:MI') = '10:00'),
  'A', 'a deactivated O is skipped');
select is(
  (select count(*)::integer from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
     tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '00:00')) where clinician_id = tests.tenancy_id('clinician_a_2')),
  0, 'clinician_a_2 (centre_a2 only, does not offer appt_checkup) never appears');

select * from finish();
rollback;

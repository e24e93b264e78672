-- The oracle: slot search offers exactly the times booking accepts. For each scenario below,
-- every instant whose wall-clock time at the centre is on the service's grid (found by reading
-- the clock minute by minute, independently of the engine) is booked with
-- public.book_appointment (no override; each attempt rolled back), and the result must equal
-- "search returned it" - and private.is_slot_offered must say the same. Every slot search
-- returns can be booked; every grid time it does not return is refused.
begin;
select plan(16);

-- SETUP: a busy day 2 for clinician_a at centre_a1 (hours 09:00-17:00 plus extra 18:00-19:30):
-- a booked check-up (buffers 5/10) at 10:00, a live hold at 12:00, an expired hold at 14:00,
-- a cancelled visit at 15:00, unaligned time off 11:05-11:20, and both ultrasounds taken by
-- clinician_a_visiting 16:00-16:20 (one of them also 09:10-09:30).
select tests.create_appointment_fixtures();
insert into public.availability_overrides (tenant_id, clinician_id, centre_id, local_date, local_start, local_end)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
        (now() at time zone 'Europe/London')::date + 2, '18:00', '19:30');
insert into public.time_off (tenant_id, clinician_id, during, reason)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tstzrange(tests.appointment_slot(2, '11:05'), tests.appointment_slot(2, '11:20')), 'Call');
select tests.insert_appointment('o_booked', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'));
select tests.insert_appointment('o_live', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '12:00'), 'pending');
select tests.insert_appointment('o_expired', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '14:00'), 'pending');
update public.appointments set hold_expires_at = now() - interval '1 minute' where id = tests.tenancy_id('o_expired');
select tests.insert_appointment('o_cancelled', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(2, '15:00'), 'cancelled');
select tests.insert_appointment('o_scan_16', 'appt_scan', 'clinician_a_visiting', 'patient_a_2', tests.appointment_slot(2, '16:00'));
select tests.insert_appointment('o_scan_09', 'appt_scan', 'clinician_a_visiting', 'patient_a_2', tests.appointment_slot(2, '09:10'));
insert into public.appointment_resources (tenant_id, appointment_id, resource_id, occupied, active)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('o_scan_16'), tests.tenancy_id('resource_a1_ultrasound'), '(,)', true),
       (tests.tenancy_id('tenant_a'), tests.tenancy_id('o_scan_16'), tests.tenancy_id('resource_a1_ultrasound_2'), '(,)', true),
       (tests.tenancy_id('tenant_a'), tests.tenancy_id('o_scan_09'), tests.tenancy_id('resource_a1_ultrasound'), '(,)', true);

-- TEST: check-ups (30 min, buffers 5/10) on day 2
create temporary table oracle_checkup as
select * from tests.search_booking_oracle('appt_checkup', 'clinician_a', 'centre_a1', 'patient_a_walk_in',
                                          tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '00:00'));
select is_empty($$ select tests.utc_text(starts_at), offered, booked, refusal from oracle_checkup where offered <> booked $$,
  'check-ups: search offers exactly what booking accepts');
select is_empty($$ select tests.utc_text(starts_at) from oracle_checkup where offered <> offered_one $$,
  'check-ups: is_slot_offered agrees');
select ok((select count(*) filter (where booked) >= 20 and count(*) filter (where not booked) >= 60 from oracle_checkup),
  'check-ups: the oracle is not vacuous (many accepted, many refused grid times)');
select is(
  (select array_agg(distinct split_part(refusal, ' ', 1) order by split_part(refusal, ' ', 1)) from oracle_checkup where not booked),
  array['PT409', 'PT422'], 'check-ups: refusals include taken times (PT409) and times outside the hours (PT422)');

-- TEST: scans (20 min, an ultrasound)
create temporary table oracle_scan as
select * from tests.search_booking_oracle('appt_scan', 'clinician_a', 'centre_a1', 'patient_a_walk_in',
                                          tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '00:00'));
select is_empty($$ select tests.utc_text(starts_at), offered, booked, refusal from oracle_scan where offered <> booked $$,
  'scans: search offers exactly what booking accepts');
select is_empty($$ select tests.utc_text(starts_at) from oracle_scan where offered <> offered_one $$, 'scans: is_slot_offered agrees');
select ok((select not offered and not booked from oracle_scan where starts_at = tests.appointment_slot(2, '16:00')),
  'scans: 16:00 (both ultrasounds taken) is neither offered nor bookable');

-- TEST: paid consultations (held) with the other clinician, from now on (the notice boundary)
create temporary table oracle_paid as
select * from tests.search_booking_oracle('appt_paid', 'clinician_a_visiting', 'centre_a1', 'patient_a_walk_in',
                                          now(), now() + interval '2 days');
select is_empty($$ select tests.utc_text(starts_at), offered, booked, refusal from oracle_paid where offered <> booked $$,
  'paid consultations over two days from now: search offers exactly what booking accepts');

-- TEST: a 25-minute grid, a 45-minute clinician duration and a short horizon
update public.services set slot_alignment_minutes = 25, max_booking_horizon = '2 days 10 hours' where id = tests.tenancy_id('appt_checkup');
update public.clinician_services set duration_minutes_override = 45
where clinician_id = tests.tenancy_id('clinician_a') and service_id = tests.tenancy_id('appt_checkup');
create temporary table oracle_grid as
select * from tests.search_booking_oracle('appt_checkup', 'clinician_a', 'centre_a1', 'patient_a_walk_in',
                                          tests.appointment_slot(2, '00:00'), tests.appointment_slot(3, '12:00'));
select is_empty($$ select tests.utc_text(starts_at), offered, booked, refusal from oracle_grid where offered <> booked $$,
  '25-minute grid, 45-minute visits, horizon inside the window: search offers exactly what booking accepts');
select is_empty($$ select tests.utc_text(starts_at) from oracle_grid where offered <> offered_one $$, 'is_slot_offered agrees');
select ok((select count(*) filter (where booked) > 0 from oracle_grid), 'some 25-minute starts are bookable');

-- TEST: a non-grid time and an unrelated clinician are refused and never offered
select throws_ok(
  $$ select public.book_appointment(tests.tenancy_id('appt_video'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                    tests.appointment_slot(2, '13:10'), tests.tenancy_id('patient_a_walk_in')) $$,
  'PT422', 'that time is not a slot start', 'booking 13:10 (off the 15-minute grid) is refused');
select is(
  (select count(*)::integer from public.search_slots(tests.tenancy_id('appt_video'), tests.tenancy_id('centre_a1'),
     tests.appointment_slot(2, '13:01'), tests.appointment_slot(2, '13:15'), tests.tenancy_id('clinician_a'))),
  0, 'and search offers nothing between 13:01 and 13:15');
select is(private.is_slot_offered(tests.tenancy_id('tenant_a'), tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_b'),
                                  tests.tenancy_id('centre_a1'), tests.appointment_slot(2, '10:00')),
  false, 'is_slot_offered: a clinician of another tenant is never offered');
select is(private.is_slot_offered(tests.tenancy_id('tenant_a'), tests.tenancy_id('appt_checkup'), null,
                                  tests.tenancy_id('centre_a1'), tests.appointment_slot(2, '10:00')),
  false, 'is_slot_offered: no clinician, no slot');
select throws_ok(
  $$ select private.is_slot_offered(null, tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'),
                                    tests.tenancy_id('centre_a1'), tests.appointment_slot(2, '10:00')) $$,
  '22023', null, 'is_slot_offered: a missing tenant is a bad argument');

select * from finish();
rollback;

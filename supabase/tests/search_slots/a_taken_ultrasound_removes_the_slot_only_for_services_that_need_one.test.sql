-- Resources: a service with a required_resource_type is offered only while at least one active
-- resource of that type at the centre has no active allocation overlapping the slot's occupied
-- range (allocations of expired holds do not count); services without one are unaffected.
begin;
select plan(10);

-- SETUP: appt_scan (20 min, no buffers) needs an ultrasound; centre_a1 has two. clinician_a_visiting
-- scans 10:00-10:20 using both (e.g. a twin pregnancy), and holds 12:00-12:20 with both.
select tests.create_appointment_fixtures();
select tests.insert_appointment('scan_10', 'appt_scan', 'clinician_a_visiting', 'patient_a_2', tests.appointment_slot(2, '10:00'));
select tests.insert_appointment('scan_12', 'appt_scan', 'clinician_a_visiting', 'patient_a_2', tests.appointment_slot(2, '12:00'), 'pending');
insert into public.appointment_resources (tenant_id, appointment_id, resource_id, occupied, active)
select tests.tenancy_id('tenant_a'), tests.tenancy_id(a), tests.tenancy_id(r), '(,)', true
from unnest(array['scan_10', 'scan_12']) as a, unnest(array['resource_a1_ultrasound', 'resource_a1_ultrasound_2']) as r;

-- TEST: both ultrasounds taken
select is(
  array(select tests.slot_starts('appt_scan', 'centre_a1', tests.appointment_slot(2, '09:30'), tests.appointment_slot(2, '10:31'), 'clinician_a')),
  array['09:30', '10:30'],
  'clinician_a, though free, is not offered scans overlapping 10:00-10:20: no ultrasound is free');
select is(
  array(select tests.slot_starts('appt_checkup', 'centre_a1', tests.appointment_slot(2, '10:00'), tests.appointment_slot(2, '10:01'), 'clinician_a')),
  array['10:00'],
  'a check-up (no resource needed) at 10:00 is still offered');
select throws_ok(
  $$ select public.book_appointment(tests.tenancy_id('appt_scan'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                    tests.appointment_slot(2, '10:00'), tests.tenancy_id('patient_a_walk_in')) $$,
  'PT409', 'That time is no longer available', 'and booking the scan at 10:00 is refused, as search said');

-- TEST: a resource elsewhere does not help
insert into public.resources (tenant_id, id, centre_id, kind, resource_type, name)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('resource_a2_ultrasound'), tests.tenancy_id('centre_a2'), 'equipment', 'ultrasound', 'North scanner');
select is(
  array(select tests.slot_starts('appt_scan', 'centre_a1', tests.appointment_slot(2, '10:00'), tests.appointment_slot(2, '10:01'), 'clinician_a')),
  '{}'::text[],
  'a free ultrasound at another centre does not make 10:00 available');

-- TEST: one free ultrasound is enough; an inactive one does not count
delete from public.appointment_resources
where appointment_id = tests.tenancy_id('scan_10') and resource_id = tests.tenancy_id('resource_a1_ultrasound_2');
select is(
  array(select tests.slot_starts('appt_scan', 'centre_a1', tests.appointment_slot(2, '10:00'), tests.appointment_slot(2, '10:01'), 'clinician_a')),
  array['10:00'],
  'with the second ultrasound free, 10:00 is offered');
update public.resources set is_active = false where id = tests.tenancy_id('resource_a1_ultrasound_2');
select is(
  array(select tests.slot_starts('appt_scan', 'centre_a1', tests.appointment_slot(2, '10:00'), tests.appointment_slot(2, '10:01'), 'clinician_a')),
  '{}'::text[],
  'a retired (inactive) ultrasound is not offered');
update public.resources set is_active = true where id = tests.tenancy_id('resource_a1_ultrasound_2');

-- TEST: holds
select is(
  array(select tests.slot_starts('appt_scan', 'centre_a1', tests.appointment_slot(2, '12:00'), tests.appointment_slot(2, '12:01'), 'clinician_a')),
  '{}'::text[],
  'a live hold keeps both ultrasounds at 12:00');
update public.appointments set hold_expires_at = now() - interval '1 second' where id = tests.tenancy_id('scan_12');
select is(
  array(select tests.slot_starts('appt_scan', 'centre_a1', tests.appointment_slot(2, '12:00'), tests.appointment_slot(2, '12:01'), 'clinician_a')),
  array['12:00'],
  'once the hold has expired its ultrasounds are free (booking releases it)');
select lives_ok(
  $$ select public.book_appointment(tests.tenancy_id('appt_scan'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                    tests.appointment_slot(2, '12:00'), tests.tenancy_id('patient_a_walk_in')) $$,
  'booking the offered 12:00 scan succeeds');
select is(
  (select count(*)::integer from public.appointment_resources as ar
     join public.appointments as a on a.tenant_id = ar.tenant_id and a.id = ar.appointment_id
    where a.clinician_id = tests.tenancy_id('clinician_a') and a.starts_at = tests.appointment_slot(2, '12:00') and ar.active),
  1,
  'and it got one of the ultrasounds');

select * from finish();
rollback;

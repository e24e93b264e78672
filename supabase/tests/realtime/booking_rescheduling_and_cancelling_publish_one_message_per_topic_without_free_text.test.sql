-- A booking, a reschedule and a cancellation through the RPCs each publish exactly one private
-- Broadcast message to the appointment's centre schedule, clinician and patient topics
-- (appointment_created, then appointment_changed twice), with the documented payload keys only:
-- no cancellation reason, no notes, nothing of other patients. See docs/realtime.md.
begin;
select plan(9);

-- SETUP
select tests.create_appointment_fixtures();
create temporary table booked (id uuid) on commit drop;
grant select, insert on booked to authenticated;
create function pg_temp.messages(event text)
returns table (topic text, keys text)
language sql
as $$
  select m.topic, (select string_agg(k, ',' order by k) from jsonb_object_keys(m.payload) as k)
  from realtime.messages as m
  where m.event = messages.event and m.payload ->> 'appointment_id' = (select b.id::text from booked as b)
    and m.extension = 'broadcast' and m.private
  order by m.topic
$$;
create function pg_temp.topics()
returns text[]
language sql
as $$
  select array[
    'clinician:' || tests.tenancy_id('tenant_a') || ':' || tests.tenancy_id('clinician_a'),
    'patient:' || tests.tenancy_id('tenant_a') || ':' || tests.tenancy_id('patient_a'),
    'schedule:' || tests.tenancy_id('tenant_a') || ':' || tests.tenancy_id('centre_a1')]
$$;

-- TEST: booking
select tests.authenticate_as('patient');
insert into booked select id from public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'),
                                                         tests.tenancy_id('centre_a1'), tests.appointment_slot(3, '10:00'));
reset role;
select is(array(select topic from pg_temp.messages('appointment_created')), pg_temp.topics(),
  'booking publishes appointment_created once to the schedule, clinician and patient topics');
select is(array(select distinct keys from pg_temp.messages('appointment_created')),
  array['appointment_id,centre_id,clinician_id,ends_at,id,operation,patient_id,previous,service_id,starts_at,status,tenant_id'],
  'with exactly the documented keys (plus the message id)');
select results_eq(
  $$ select m.payload ->> 'status', (m.payload ->> 'starts_at')::timestamptz, m.payload ->> 'patient_id', m.payload ->> 'operation', m.payload -> 'previous'
     from realtime.messages as m where m.event = 'appointment_created' and m.topic like 'patient:%' and m.payload ->> 'appointment_id' = (select id::text from booked) $$,
  $$ values ('booked', tests.appointment_slot(3, '10:00'), tests.tenancy_id('patient_a')::text, 'INSERT', 'null'::jsonb) $$,
  'the payload says what was booked, for whom, and has no previous state');

-- TEST: rescheduling
select tests.authenticate_as('patient');
select public.reschedule_appointment((select id from booked), tests.appointment_slot(3, '11:00'));
reset role;
select is(array(select topic from pg_temp.messages('appointment_changed')), pg_temp.topics(),
  'rescheduling publishes appointment_changed once to each topic');
select results_eq(
  $$ select (m.payload ->> 'starts_at')::timestamptz, (m.payload #>> '{previous,starts_at}')::timestamptz, m.payload #>> '{previous,status}'
     from realtime.messages as m where m.event = 'appointment_changed' and m.topic like 'schedule:%' and m.payload ->> 'appointment_id' = (select id::text from booked) $$,
  $$ values (tests.appointment_slot(3, '11:00'), tests.appointment_slot(3, '10:00'), 'booked') $$,
  'the change carries the new and the previous start');

-- TEST: cancelling
select tests.authenticate_as('patient');
select public.cancel_appointment((select id from booked), 'my private reason for cancelling');
reset role;
select is((select count(*)::integer from pg_temp.messages('appointment_changed')), 6,
  'cancelling publishes one more appointment_changed per topic');
select is((select count(*)::integer from realtime.messages as m
           where m.payload ->> 'appointment_id' = (select id::text from booked) and m.payload ->> 'status' = 'cancelled'), 3,
  'three messages say the appointment is cancelled');
select is((select count(*)::integer from realtime.messages as m
           where m.payload ->> 'appointment_id' = (select id::text from booked)
             and (m.payload::text like '%private reason%' or m.payload ? 'cancellation_reason' or m.payload ? 'notes')), 0,
  'no message carries the cancellation reason or notes');
select is(array(select distinct keys from pg_temp.messages('appointment_changed')),
  array['appointment_id,centre_id,clinician_id,ends_at,id,operation,patient_id,previous,service_id,starts_at,status,tenant_id'],
  'changes have the same keys as creations');

select * from finish();
rollback;

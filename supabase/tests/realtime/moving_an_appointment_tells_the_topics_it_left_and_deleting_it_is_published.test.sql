-- When an appointment moves to another clinician, the old clinician's topic receives
-- appointment_left (only {appointment_id, tenant_id, operation} + id) while the new topics get
-- appointment_changed; updates that change none of the published fields publish nothing; a
-- delete publishes appointment_deleted to the three topics.
begin;
select plan(5);

-- SETUP
select tests.create_appointment_fixtures();
select tests.insert_appointment('rt_move', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(5, '10:00'));
delete from realtime.messages where payload ->> 'appointment_id' = tests.tenancy_id('rt_move')::text;

-- TEST
update public.appointments set clinician_id = tests.tenancy_id('clinician_a_visiting') where id = tests.tenancy_id('rt_move');
select results_eq(
  $$ select m.topic, (select string_agg(k, ',' order by k) from jsonb_object_keys(m.payload) as k)
     from realtime.messages as m where m.event = 'appointment_left' and m.payload ->> 'appointment_id' = tests.tenancy_id('rt_move')::text $$,
  $$ values ('clinician:' || tests.tenancy_id('tenant_a') || ':' || tests.tenancy_id('clinician_a'), 'appointment_id,id,operation,tenant_id') $$,
  'the old clinician''s topic is told the appointment left it, with ids only');
select is(array(select m.topic from realtime.messages as m
                where m.event = 'appointment_changed' and m.payload ->> 'appointment_id' = tests.tenancy_id('rt_move')::text order by m.topic),
  array['clinician:' || tests.tenancy_id('tenant_a') || ':' || tests.tenancy_id('clinician_a_visiting'),
        'patient:' || tests.tenancy_id('tenant_a') || ':' || tests.tenancy_id('patient_a'),
        'schedule:' || tests.tenancy_id('tenant_a') || ':' || tests.tenancy_id('centre_a1')],
  'the new clinician, the patient and the centre get appointment_changed');
select is((select m.payload #>> '{previous,clinician_id}' from realtime.messages as m
           where m.event = 'appointment_changed' and m.topic like 'schedule:%' and m.payload ->> 'appointment_id' = tests.tenancy_id('rt_move')::text),
  tests.tenancy_id('clinician_a')::text, 'previous names the former clinician');

delete from realtime.messages where payload ->> 'appointment_id' = tests.tenancy_id('rt_move')::text;
update public.appointments set cancellation_outcome = cancellation_outcome where id = tests.tenancy_id('rt_move');
select is_empty($$ select 1 from realtime.messages where payload ->> 'appointment_id' = tests.tenancy_id('rt_move')::text $$,
  'an update that changes no published field publishes nothing');

delete from public.appointment_status_history where appointment_id = tests.tenancy_id('rt_move');
delete from public.appointment_resources where appointment_id = tests.tenancy_id('rt_move');
delete from public.appointments where id = tests.tenancy_id('rt_move');
select is((select count(*)::integer from realtime.messages as m
           where m.event = 'appointment_deleted' and m.payload ->> 'appointment_id' = tests.tenancy_id('rt_move')::text and m.payload ->> 'operation' = 'DELETE'), 3,
  'a delete publishes appointment_deleted to the three topics');

select * from finish();
rollback;

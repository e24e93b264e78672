-- realtime.send swallows errors (WARNING WarnSendingBroadcastMessage), so when realtime.messages
-- refuses the insert (here: a trigger planted on its partition raises) the booking still succeeds
-- and simply publishes nothing.
begin;
select plan(3);
set local client_min_messages = error;  -- the three swallowed-send WARNINGs are the point, not noise

-- SETUP
select tests.create_appointment_fixtures();
create function pg_temp.refuse_message() returns trigger language plpgsql as $$ begin raise exception 'realtime is down'; end $$;
create trigger refuse_message before insert on realtime.messages_default for each row execute function pg_temp.refuse_message();
create temporary table booked (id uuid) on commit drop;
grant select, insert on booked to authenticated;

-- TEST
select tests.authenticate_as('patient');
select lives_ok(
  $$ insert into booked select id from public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'),
                                                              tests.tenancy_id('centre_a1'), tests.appointment_slot(3, '10:00')) $$,
  'the booking succeeds although every broadcast fails');
reset role;
select is((select status::text from public.appointments where id = (select id from booked)), 'booked', 'and the appointment is booked');
select is_empty($$ select 1 from realtime.messages where payload ->> 'appointment_id' = (select id::text from booked) $$,
  'no message was published');

select * from finish();
rollback;

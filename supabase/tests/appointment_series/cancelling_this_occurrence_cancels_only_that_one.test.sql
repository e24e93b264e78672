-- cancel_appointment_series(id, 'this', reason) cancels only the given occurrence, through the
-- same path as cancel_appointment (reason, who, outcome, history); the rest of the series stays
-- booked. Cancelling it again reports it as skipped instead of failing.
begin;
select plan(5);

-- SETUP: a weekly series of three for the patient, booked by the server
select tests.create_appointment_fixtures();
create temporary table series on commit drop as
  select tests.book_series('patient_a', tests.appointment_slot(2, '10:00'), 'FREQ=WEEKLY;COUNT=3') as id;
grant select on series to authenticated;
select tests.authenticate_as('patient');

-- TEST
select is(
  public.cancel_appointment_series(tests.series_appointment((select id from series), 2), 'this', 'patient_request'),
  jsonb_build_object('series_id', (select id from series), 'cancelled', jsonb_build_array(tests.series_appointment((select id from series), 2)),
                     'skipped', '[]'::jsonb),
  'the result names the one cancelled appointment');
select results_eq(
  $$ select status::text, cancellation_reason, cancelled_by, cancellation_outcome ->> 'by'
     from public.appointments where series_id = (select id from series) order by starts_at $$,
  $$ values ('booked', null, null, null), ('cancelled', 'patient_request', tests.get_supabase_uid('patient'), 'patient'), ('booked', null, null, null) $$,
  'only the second occurrence is cancelled, with the reason, the patient as canceller and the outcome');
select results_eq(
  $$ select h.from_status::text, h.to_status::text, h.reason, h.actor_role from public.appointment_status_history as h
     where h.appointment_id = tests.series_appointment((select id from series), 2) order by h.at $$,
  $$ values (null, 'booked', null, 'postgres'), ('booked', 'cancelled', 'patient_request', 'patient') $$,
  'the history records the cancellation by the patient');
select is(
  public.cancel_appointment_series(tests.series_appointment((select id from series), 2), 'this', 'patient_request'),
  jsonb_build_object('series_id', (select id from series), 'cancelled', '[]'::jsonb,
                     'skipped', jsonb_build_array(jsonb_build_object('appointment_id', tests.series_appointment((select id from series), 2), 'status', 'cancelled'))),
  'cancelling it again changes nothing and reports it as skipped');
select is((select count(*)::integer from public.appointments where series_id = (select id from series) and status = 'booked'), 2,
  'the two other occurrences are still booked');

select * from finish();
rollback;

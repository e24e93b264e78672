-- cancel_appointment_series(id, 'all', reason) cancels every pending/booked occurrence of the
-- series that has not started, whichever occurrence is given; one that has started keeps its
-- status (it is not in scope), already cancelled ones are reported as skipped.
begin;
select plan(4);

-- SETUP: weekly from day 2 for the second patient; the first occurrence is moved to have
-- started 20 minutes ago, the third was already cancelled.
select tests.create_appointment_fixtures();
create temporary table series on commit drop as
  select tests.book_series('patient_a_2', tests.appointment_slot(2, '10:00'), 'FREQ=WEEKLY;COUNT=4') as id;
create temporary table occurrence on commit drop as
  select n, tests.series_appointment((select id from series), n) as id from generate_series(1, 4) as n;
grant select on series, occurrence to authenticated;
update public.appointments set starts_at = now() - interval '20 minutes', ends_at = now() + interval '10 minutes'
 where id = (select id from occurrence where n = 1);
update public.appointments set status = 'cancelled', cancellation_reason = 'patient_request'
 where id = (select id from occurrence where n = 3);
select tests.authenticate_as('a_front_desk');

-- TEST
select is(
  public.cancel_appointment_series((select id from occurrence where n = 4), 'all', 'clinician_unavailable'),
  jsonb_build_object('series_id', (select id from series),
    'cancelled', (select jsonb_agg(id order by n) from occurrence where n in (2, 4)),
    'skipped', jsonb_build_array(jsonb_build_object('appointment_id', (select id from occurrence where n = 3), 'status', 'cancelled'))),
  'every future pending/booked occurrence is cancelled, also the ones before the given one');
select results_eq(
  $$ select o.n, a.status::text from occurrence as o join public.appointments as a on a.id = o.id order by o.n $$,
  $$ values (1, 'booked'), (2, 'cancelled'), (3, 'cancelled'), (4, 'cancelled') $$,
  'the occurrence that has started is left alone');
select results_eq(
  $$ select a.cancellation_reason, a.cancellation_outcome ->> 'by', (a.cancellation_outcome ->> 'fee')::numeric, a.cancelled_by
     from occurrence as o join public.appointments as a on a.id = o.id where o.n in (2, 4) order by o.n $$,
  $$ values ('clinician_unavailable', 'staff', 0::numeric, tests.get_supabase_uid('a_front_desk')),
            ('clinician_unavailable', 'staff', 0::numeric, tests.get_supabase_uid('a_front_desk')) $$,
  'the clinic''s cancellations record the reason, the front desk and no fee');
select is(
  public.cancel_appointment_series((select id from occurrence where n = 2), 'all', 'clinician_unavailable') -> 'cancelled',
  '[]'::jsonb, 'a second call finds nothing left to cancel');

select * from finish();
rollback;

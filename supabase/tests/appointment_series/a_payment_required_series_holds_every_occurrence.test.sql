-- A series of a service that requires payment books every occurrence as a hold: pending, with
-- hold_expires_at = now + the tenant's payment_hold_duration (as book_appointment does); a
-- confirmation (payment) turns each one into booked.
begin;
select plan(3);

-- SETUP
select tests.create_appointment_fixtures();
update public.tenants set payment_hold_duration = '30 minutes' where id = tests.tenancy_id('tenant_a');
create temporary table booked (result jsonb) on commit drop;
grant select, insert on booked to authenticated, service_role;
select tests.authenticate_as('patient');
insert into booked
  select public.book_appointment_series(tests.tenancy_id('appt_paid'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
           tests.appointment_slot(3, '11:00'), 'FREQ=WEEKLY;COUNT=4');
reset role;

-- TEST
select results_eq(
  $$ select status::text, hold_expires_at from public.appointments
     where series_id = (select (result ->> 'series_id')::uuid from booked) order by starts_at $$,
  $$ select 'pending', now() + interval '30 minutes' from generate_series(1, 4) $$,
  'every occurrence is held (pending) until now + the tenant''s payment hold');
select is((select jsonb_array_length(result -> 'booked') from booked), 4, 'all four dates are in the result');
select tests.authenticate_as_service_role();
select public.confirm_appointment(id) from public.appointments where series_id = (select (result ->> 'series_id')::uuid from booked);
select is(
  (select array_agg(distinct status::text) from public.appointments where series_id = (select (result ->> 'series_id')::uuid from booked)),
  array['booked'], 'once paid (confirmed), each occurrence is booked');

select * from finish();
rollback;

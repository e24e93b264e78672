-- RLS and grants of public.appointment_series, for every role and command: a patient reads the
-- series of their own records (in every tenant), every tenant-wide staff role of the tenant
-- reads all of the tenant's, centre-scoped staff those at their centres (the centre manager of
-- centre_a1 both; the clinician of centre_a2 none), other tenants and people without a record read none; nobody but service_role
-- inserts, updates or deletes (42501: no grant; the RPCs do the writing); anon has no access at
-- all. service_role writes directly, but cannot delete a series that still has appointments.
begin;
select plan(15);

-- SETUP: one series each for patient_a and patient_a_2 (tenant_a) and patient_b (tenant_b)
select tests.create_appointment_fixtures();
insert into public.appointment_series (tenant_id, id, patient_id, service_id, clinician_id, centre_id, rrule, first_starts_at) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('series_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('appt_checkup'),
   tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), 'FREQ=WEEKLY;COUNT=2', '2027-01-04 10:00 Europe/London'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('series_a_2'), tests.tenancy_id('patient_a_2'), tests.tenancy_id('appt_checkup'),
   tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), 'FREQ=WEEKLY;COUNT=2', '2027-01-05 10:00 Europe/London'),
  (tests.tenancy_id('tenant_b'), tests.tenancy_id('series_b'), tests.tenancy_id('patient_b'), tests.tenancy_id('appt_b_checkup'),
   tests.tenancy_id('clinician_b'), tests.tenancy_id('centre_b1'), 'FREQ=WEEKLY;COUNT=2', '2027-01-04 10:00 America/New_York');
select tests.insert_appointment('in_series_a', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));
update public.appointments set series_id = tests.tenancy_id('series_a') where id = tests.tenancy_id('in_series_a');
create temporary table names on commit drop as
  select n as name, tests.tenancy_id(n) as id from unnest(array['series_a', 'series_a_2', 'series_b']) as n;
grant select on names to anon, authenticated, service_role;

-- What the current role can do: the series it reads (by name, or the SQLSTATE when it may not
-- read at all), and the SQLSTATE of an insert, an update and a delete (null = allowed).
create function pg_temp.visible() returns jsonb language plpgsql as $$
begin
  return (select coalesce(jsonb_agg(n.name order by n.name), '[]') from public.appointment_series as s join names as n on n.id = s.id);
exception when insufficient_privilege then
  return to_jsonb(sqlstate);
end
$$;
grant execute on function pg_temp.visible() to anon, authenticated, service_role;
create function pg_temp.probe() returns jsonb language sql as $$
  select jsonb_build_object(
    'select', pg_temp.visible(),
    'insert', tests.error_details_of($i$
        insert into public.appointment_series (tenant_id, patient_id, service_id, clinician_id, centre_id, rrule, first_starts_at)
        values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'),
                tests.tenancy_id('centre_a1'), 'FREQ=DAILY;COUNT=1', '2027-02-01 10:00 Europe/London') $i$) ->> 'code',
    'update', tests.error_details_of($u$ update public.appointment_series set rrule = 'FREQ=DAILY;COUNT=1' where id = tests.tenancy_id('series_a_2') $u$) ->> 'code',
    'delete', tests.error_details_of($d$ delete from public.appointment_series where id = tests.tenancy_id('series_a_2') $d$) ->> 'code')
$$;
grant execute on function pg_temp.probe() to anon, authenticated, service_role;
create function pg_temp.reads(variadic names text[]) returns jsonb language sql as $$
  select jsonb_build_object('select', to_jsonb(names), 'insert', '42501', 'update', '42501', 'delete', '42501')
$$;

-- TEST: anon
select tests.clear_authentication();
select is(pg_temp.probe(), '{"select": "42501", "insert": "42501", "update": "42501", "delete": "42501"}'::jsonb,
  'anon can neither read nor write series');

-- TEST: patients and people without a record
select tests.authenticate_as('patient');
select is(pg_temp.probe(), pg_temp.reads('series_a', 'series_b'), 'a patient reads the series of their records in both tenants, writes none');
select tests.authenticate_as('a_patient_2');
select is(pg_temp.probe(), pg_temp.reads('series_a_2'), 'another patient reads only their own series');
select tests.authenticate_as('outsider');
select is(pg_temp.probe(), pg_temp.reads(variadic '{}'::text[]), 'a user without a record reads nothing');

-- TEST: every staff role of tenant_a reads the tenant's series and writes none
select tests.authenticate_as('a_owner');
select is(pg_temp.probe(), pg_temp.reads('series_a', 'series_a_2'), 'owner');
select tests.authenticate_as('a_admin');
select is(pg_temp.probe(), pg_temp.reads('series_a', 'series_a_2'), 'admin');
select tests.authenticate_as('a_manager');
select is(pg_temp.probe(), pg_temp.reads('series_a', 'series_a_2'), 'manager');
select tests.authenticate_as('a_centre_manager');
select is(pg_temp.probe(), pg_temp.reads('series_a', 'series_a_2'), 'centre manager of centre_a1, where both series are');
select tests.authenticate_as('a_clinician');
select is(pg_temp.probe(), pg_temp.reads('series_a', 'series_a_2'), 'clinician (tenant-wide)');
select tests.authenticate_as('a_clinician_2');
select is(pg_temp.probe(), pg_temp.reads(variadic '{}'::text[]), 'clinician at another centre (centre_a2): no series of centre_a1, not their own');
select tests.authenticate_as('a_care_coordinator');
select is(pg_temp.probe(), pg_temp.reads('series_a', 'series_a_2'), 'care coordinator');
select tests.authenticate_as('a_front_desk');
select is(pg_temp.probe(), pg_temp.reads('series_a', 'series_a_2'), 'front desk');

-- TEST: another tenant
select tests.authenticate_as('b_owner');
select is(pg_temp.probe(), pg_temp.reads('series_b'), 'another tenant''s owner reads only their tenant''s series');

-- TEST: service_role
select tests.authenticate_as_service_role();
select is(pg_temp.probe(), '{"select": ["series_a", "series_a_2", "series_b"], "insert": null, "update": null, "delete": null}'::jsonb,
  'service_role reads every series and inserts, updates and deletes directly');
select throws_ok($$ delete from public.appointment_series where id = tests.tenancy_id('series_a') $$, '23503', null,
  'but a series with appointments cannot be deleted');

select * from finish();
rollback;

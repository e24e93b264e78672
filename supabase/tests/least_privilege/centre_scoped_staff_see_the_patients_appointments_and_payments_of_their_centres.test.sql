-- Least privilege inside a tenant, per role: staff holding a role tenant-wide see every patient,
-- appointment, payment, refund and waitlist entry of the tenant; staff holding roles only at some
-- centres see those of their centres - a patient belongs to a centre when registered there, with
-- an appointment there or on its waitlist; a clinician also sees their own appointments and the
-- patients in their care. Patients see their own; other tenants and anon nothing.
-- Cast: supabase/tests/_setup/centre_scope_fixtures.sql.
begin;
select plan(103);

-- SETUP
select tests.create_centre_scope_fixtures();

-- TEST: which tenant_a rows each caller reads, table by table
select is(
  tests.outcome_as(m.who, pg_catalog.format('select 1 from public.%I where tenant_id = tests.tenancy_id(''tenant_a'')', t.table_name)),
  case t.table_name
    when 'patients' then m.patients
    when 'appointments' then m.appointments
    when 'payments' then m.appointments   -- one payment per appointment
    when 'appointment_status_history' then m.appointments   -- one history row per appointment
    when 'refunds' then m.refunds
    when 'waitlist_entries' then m.waitlist
  end,
  pg_catalog.format('%s reads %s of tenant_a', m.who, t.table_name))
from (values
  --  who                       patients   appointments refunds   waitlist
  ('a_owner',                  '5 rows', '3 rows',    '1 row',  '1 row'),
  ('a_admin',                  '5 rows', '3 rows',    '1 row',  '1 row'),
  ('a_manager',                '5 rows', '3 rows',    '1 row',  '1 row'),
  ('a_clinician',              '5 rows', '3 rows',    '1 row',  '1 row'),
  ('a_care_coordinator',       '5 rows', '3 rows',    '1 row',  '1 row'),
  ('a_front_desk',             '5 rows', '3 rows',    '1 row',  '1 row'),
  ('a_centre_manager',         '2 rows', '2 rows',    '0 rows', '1 row'),
  ('a_front_desk_a1',          '2 rows', '2 rows',    '0 rows', '1 row'),
  ('a_care_coordinator_a2',    '2 rows', '1 row',     '1 row',  '0 rows'),
  ('a_clinician_2',            '3 rows', '2 rows',    '1 row',  '0 rows'),
  ('patient',                  '1 row',  '2 rows',    '0 rows', '0 rows'),
  ('b_owner',                  '0 rows', '0 rows',    '0 rows', '0 rows'),
  ('anon',                     '42501',  '42501',     '42501',  '42501')
) as m(who, patients, appointments, refunds, waitlist)
cross join (values ('patients'), ('appointments'), ('payments'), ('appointment_status_history'), ('refunds'), ('waitlist_entries')) as t(table_name);

-- TEST: exactly which patients the centre-scoped callers read, and why
select is(
  array(select p.full_name::text from public.patients as p
        where p.tenant_id = tests.tenancy_id('tenant_a')
          and tests.outcome_as(m.who, pg_catalog.format('select 1 from public.patients where id = %L', p.id)) = '1 row'
        order by 1),
  m.expected,
  m.who || ': ' || m.why)
from (values
  ('a_centre_manager', array['Pat Alpha', 'Wait Ing'], 'centre_a1: patient_a (registered, appointments), patient_a_waiting (waitlist)'),
  ('a_front_desk_a1', array['Pat Alpha', 'Wait Ing'], 'centre_a1, any role there: the same patients'),
  ('a_care_coordinator_a2', array['Second Patient', 'Walk In'], 'centre_a2: patient_a_2 (registered), patient_a_walk_in (appointment)'),
  ('a_clinician_2', array['Pat Alpha', 'Second Patient', 'Walk In'], 'centre_a2''s patients and patient_a, in their care (scope_visit)'),
  ('a_manager', array['Pat Alpha', 'Second Patient', 'Un Placed', 'Wait Ing', 'Walk In'], 'tenant-wide: every patient, also one who belongs to no centre')
) as m(who, expected, why);

-- TEST: front-office staff edit the patients of their centres; clinicians edit none
select is(
  tests.outcome_as(m.who, $$ update public.patients set lead_source = 'checked' where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$),
  m.expected,
  m.who || ' edits ' || m.expected || ' of tenant_a''s patients')
from (values
  ('a_owner', '5 rows'), ('a_front_desk', '5 rows'), ('a_care_coordinator', '5 rows'),
  ('a_centre_manager', '2 rows'), ('a_front_desk_a1', '2 rows'), ('a_care_coordinator_a2', '2 rows'),
  ('a_clinician', '0 rows'), ('a_clinician_2', '0 rows'), ('b_owner', '0 rows')
) as m(who, expected);

-- TEST: centre-scoped front office registers patients at its own centres only
select is(
  tests.outcome_as(m.who, pg_catalog.format(
    'insert into public.patients (tenant_id, registered_centre_id, full_name) values (tests.tenancy_id(''tenant_a''), %s, ''New Patient'') returning 1',
    coalesce(pg_catalog.format('tests.tenancy_id(%L)', m.centre), 'null'))),
  m.expected,
  pg_catalog.format('%s registers a patient at %s: %s', m.who, coalesce(m.centre, 'no centre'), m.expected))
from (values
  ('a_front_desk_a1', 'centre_a1', '1 row'), ('a_front_desk_a1', 'centre_a2', '42501'), ('a_front_desk_a1', null, '42501'),
  ('a_care_coordinator_a2', 'centre_a2', '1 row'), ('a_care_coordinator_a2', 'centre_a1', '42501'),
  ('a_front_desk', null, '1 row'), ('a_clinician_2', 'centre_a2', '42501')
) as m(who, centre, expected);

-- TEST: the admin views follow (security invoker): each reads what the tables allow
select is(
  tests.outcome_as(m.who, $$ select 1 from public.upcoming_appointments where tenant_id = tests.tenancy_id('tenant_a') $$),
  m.expected, m.who || ' sees ' || m.expected || ' in upcoming_appointments')
from (values ('a_owner', '3 rows'), ('a_centre_manager', '2 rows'), ('a_care_coordinator_a2', '1 row'), ('a_clinician_2', '2 rows')) as m(who, expected);

select * from finish();
rollback;

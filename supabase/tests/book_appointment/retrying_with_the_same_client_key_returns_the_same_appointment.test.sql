-- book_appointment is idempotent on (tenant, patient, client_key): a retry returns the first
-- appointment; the same key with a different slot is PT409.
begin;
select plan(3);

-- SETUP
select tests.create_appointment_fixtures();
select tests.authenticate_as('patient');
create temporary table first_try on commit drop as
  select id from public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                         tests.appointment_slot(2, '10:00'), client_key => 'retry-1');

-- TEST
select is(
  (select id from public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                          tests.appointment_slot(2, '10:00'), client_key => 'retry-1')),
  (select id from first_try),
  'the same request with the same client_key returns the same appointment');
select throws_ok(
  $$ select public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                    tests.appointment_slot(2, '14:00'), client_key => 'retry-1') $$,
  'PT409', 'this client_key was already used for a different booking', 'a different slot with a used client_key is PT409');
reset role;
select is((select count(*)::integer from public.appointments where tenant_id = tests.tenancy_id('tenant_a')), 1, 'only one appointment exists');

select * from finish();
rollback;

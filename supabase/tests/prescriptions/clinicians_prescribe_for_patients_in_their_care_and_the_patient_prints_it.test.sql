-- Prescriptions: a clinician with the patient in their care issues one as themself (at a visit of
-- that patient) and adds its items while it is active; items never change; the prescriber
-- completes or cancels it, after which nothing changes (PT409 status_conflict). The patient reads
-- their own and prints it: public.prescription_summary.
begin;
select plan(21);

-- SETUP: care_a (patient_a with clinician_a, tomorrow+1), rx_a (2 items, by a_clinician)
select tests.create_clinical_fixtures();
select tests.create_clinical_record_fixtures('care_a');
update public.clinicians set qualifications = array['MBBS', 'MRCGP'] where id = tests.tenancy_id('clinician_a');
select tests.insert_appointment('other_patient_visit', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(3, '10:00'));

-- TEST: issuing
select tests.authenticate_as('a_clinician');
insert into public.prescriptions (tenant_id, id, patient_id, appointment_id, status, note)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('rx_new'), tests.tenancy_id('patient_a'), tests.tenancy_id('care_a'), 'completed', 'Review in a week');
insert into public.prescription_items (tenant_id, prescription_id, position, medicine, strength, dose, route, frequency, duration, quantity)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('rx_new'), 1, 'Naproxen', '250 mg tablet', '1 tablet', 'oral', 'twice a day', '7 days', '14 tablets');
reset role;
select is((select row(prescriber_member_id, status, issued_at <= now()) from public.prescriptions where id = tests.tenancy_id('rx_new')),
          row(tests.tenancy_id('a_clinician.member'), 'active'::public.prescription_status, true),
          'the prescriber is the caller and a new prescription is active, whatever the client sent');
select is(tests.error_details_of($$ select tests.authenticate_as('a_clinician');
  insert into public.prescriptions (tenant_id, patient_id, appointment_id)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('other_patient_visit')) $$) ->> 'code',
  '22023', 'a prescription is not issued at another patient''s visit (22023)');
reset role;
select is(tests.outcome_as('a_clinician', $$ insert into public.prescriptions (tenant_id, patient_id)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a_walk_in')) returning 1 $$), '42501',
  'a clinician does not prescribe for a patient outside their care');
select is(tests.outcome_as(m.who, $$ insert into public.prescriptions (tenant_id, patient_id)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a')) returning 1 $$), '42501', m.who || ' does not prescribe')
from (values ('patient'), ('a_owner'), ('a_front_desk')) as m(who);
select is(tests.outcome_as('a_clinician_2', $$ insert into public.prescription_items (tenant_id, prescription_id, position, medicine, dose, frequency)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('rx_a'), 3, 'Aspirin', '1 tablet', 'daily') returning 1 $$), '42501',
  'only the prescriber adds items');
select is(tests.outcome_as('a_clinician', $$ insert into public.prescription_items (tenant_id, prescription_id, position, medicine, dose, frequency)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('rx_a'), 51, 'Aspirin', '1 tablet', 'daily') returning 1 $$), '23514',
  'at most 50 lines (23514)');
select is(tests.outcome_as('a_clinician', $$ update public.prescription_items set dose = '2 tablets' returning 1 $$), '42501',
  'items never change through the API');

-- TEST: completing and cancelling
select tests.authenticate_as('a_clinician');
update public.prescriptions set status = 'cancelled' where id = tests.tenancy_id('rx_new');
reset role;
select ok((select status = 'cancelled' and status_changed_at is not null from public.prescriptions where id = tests.tenancy_id('rx_new')),
          'the prescriber cancels it; the change is stamped');
select is(tests.error_details_of($$ select tests.authenticate_as('a_clinician');
  update public.prescriptions set status = 'active' where id = tests.tenancy_id('rx_new') $$),
  '{"code": "PT409", "detail": "status_conflict", "message": "the prescription is cancelled", "hint": "A cancelled or completed prescription does not change; issue a new one."}'::jsonb,
  'a cancelled prescription does not change: PT409 status_conflict');
reset role;
select is(tests.outcome_as('a_clinician', $$ insert into public.prescription_items (tenant_id, prescription_id, position, medicine, dose, frequency)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('rx_new'), 2, 'Aspirin', '1 tablet', 'daily') returning 1 $$), '42501',
  'no item is added to a cancelled prescription');
select is(tests.outcome_as('a_clinician_2', $$ update public.prescriptions set status = 'completed' where id = tests.tenancy_id('rx_a') returning 1 $$), '0 rows',
  'another clinician does not complete it');

-- TEST: who reads them
select is(tests.outcome_as('patient', $$ select 1 from public.prescription_items $$), '3 rows', 'the patient reads the items of their prescriptions');
select is(tests.outcome_as('a_front_desk', $$ select 1 from public.prescriptions $$), '0 rows', 'the front desk reads no prescription');

-- TEST: the printable summary
select tests.authenticate_as('patient');
select is(public.prescription_summary(tests.tenancy_id('tenant_a'), tests.tenancy_id('rx_a')) - 'issued_at' - 'issued_on' - 'text' - 'items',
  pg_catalog.jsonb_build_object(
    'prescription_id', tests.tenancy_id('rx_a'), 'status', 'active',
    'clinic', (select pg_catalog.jsonb_build_object('name', t.name, 'centre', c.name, 'address',
                 nullif(pg_catalog.concat_ws(', ', c.address_line1, c.address_line2, c.city, c.postal_code), ''))
               from public.tenants as t, public.centres as c where t.id = tests.tenancy_id('tenant_a') and c.id = tests.tenancy_id('centre_a1')),
    'prescriber', pg_catalog.jsonb_build_object('name', (select display_name from public.clinicians where id = tests.tenancy_id('clinician_a')),
                                                'qualifications', '["MBBS", "MRCGP"]'::jsonb),
    'patient', (select pg_catalog.jsonb_build_object('name', full_name, 'date_of_birth', date_of_birth) from public.patients where id = tests.tenancy_id('patient_a')),
    'note', 'Complete the course'),
  'the patient prints their prescription: clinic and centre of the visit, prescriber with qualifications (a name the patient could not read in staff records), patient');
select is(public.prescription_summary(tests.tenancy_id('tenant_a'), tests.tenancy_id('rx_a')) -> 'items' -> 0 ->> 'line',
  'Clarithromycin 250 mg tablet, 1 tablet oral, twice a day, for 5 days, dispense 10 tablets, Take with food',
  'each item has one printable line');
select is(pg_catalog.jsonb_array_length(public.prescription_summary(tests.tenancy_id('tenant_a'), tests.tenancy_id('rx_a')) -> 'items'), 2,
  'with every item, in order');
select ok(public.prescription_summary(tests.tenancy_id('tenant_a'), tests.tenancy_id('rx_a')) ->> 'text'
            ~ ('^[^\n]+\n([^\n]+\n)?Prescription ' || tests.tenancy_id('rx_a')::text || ' issued \d{4}-\d\d-\d\d\nPatient: [^\n]+\nPrescriber: [^\n]+, MBBS, MRCGP\n1\. Clarithromycin[^\n]+\n2\. Paracetamol[^\n]+\nNote: Complete the course$'),
  'and the whole as lines of text to print');
select is(public.prescription_summary(tests.tenancy_id('tenant_a'), tests.tenancy_id('rx_a')) ->> 'issued_on',
  ((select issued_at from public.prescriptions where id = tests.tenancy_id('rx_a')) at time zone 'Europe/London')::date::text,
  'the date of issue is the clinic''s local date');
reset role;
select is(tests.error_details_of($$ select tests.authenticate_as('a_front_desk'); select public.prescription_summary(tests.tenancy_id('tenant_a'), tests.tenancy_id('rx_a')) $$) ->> 'code',
  'PT404', 'whoever may not read the prescription gets PT404 from the summary');
reset role;

select * from finish();
rollback;

-- No review without a real visit: a patient reviews the clinician of their own FULFILLED
-- appointment, once; staff, other patients and anon cannot write one; the table itself is
-- read-only through the API.
begin;
select plan(14);

-- SETUP: patient_a saw clinician_a three days ago; another visit is still booked; patient_a_2's visit was fulfilled
select tests.create_appointment_fixtures();
select tests.insert_appointment('visit_done', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(-3, '10:00'), 'fulfilled');
select tests.insert_appointment('visit_booked', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'), 'booked');
select tests.insert_appointment('visit_other', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(-2, '11:00'), 'fulfilled');

-- TEST: who may write
select is(tests.outcome_as('anon', $$ select 1 from public.submit_review(tests.tenancy_id('visit_done'), 5) $$), '42501',
  'anon cannot call submit_review');
select is(tests.outcome_as('a_owner', $$ select 1 from public.submit_review(tests.tenancy_id('visit_done'), 5) $$), 'PT404',
  'staff cannot review a visit (it is not their appointment)');
select is(tests.outcome_as('a_patient_2', $$ select 1 from public.submit_review(tests.tenancy_id('visit_done'), 1) $$), 'PT404',
  'another patient cannot review someone else''s visit');
select is(tests.outcome_as('patient', $$ select 1 from public.submit_review(tests.tenancy_id('visit_booked'), 5) $$), 'PT409',
  'a visit that has not happened cannot be reviewed');
select is(tests.error_details_of($$ select public.submit_review(tests.tenancy_id('visit_done'), 5) $$) ->> 'code', 'PT404',
  'without a signed-in patient (a database session) there is no own appointment either');
select tests.authenticate_as('patient');
select throws_ok($$ select public.submit_review(tests.tenancy_id('visit_booked'), 5) $$, 'PT409',
  'only a completed visit can be reviewed', 'the refusal says why');
select is(tests.error_details_of($$ select public.submit_review(tests.tenancy_id('visit_booked'), 5) $$) ->> 'detail', 'status_conflict',
  'with the reason code status_conflict');
select throws_ok($$ select public.submit_review(tests.tenancy_id('visit_done'), 6) $$, '22023', 'rating must be 1 to 5 stars', 'ratings are 1 to 5');
select throws_ok(pg_catalog.format($$ select public.submit_review(%L, 4, %L) $$, tests.tenancy_id('visit_done'), pg_catalog.repeat('x', 2001)),
  '22023', 'the review text is longer than 2000 characters', 'texts are at most 2000 characters');

-- TEST: the review of a fulfilled visit
select results_eq(
  $$ select rating::integer, body, status::text, clinician_id, patient_id from public.submit_review(tests.tenancy_id('visit_done'), 5, '  Thorough and kind.  ') $$,
  $$ values (5, 'Thorough and kind.', 'published', tests.tenancy_id('clinician_a'), tests.tenancy_id('patient_a')) $$,
  'the patient reviews the clinician of their fulfilled visit (trimmed text, published)');
select throws_ok($$ select public.submit_review(tests.tenancy_id('visit_done'), 3) $$, 'PT409', 'this visit has already been reviewed',
  'a visit is reviewed once');
select throws_ok($$ insert into public.reviews (tenant_id, appointment_id, clinician_id, patient_id, rating) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('visit_other'), tests.tenancy_id('clinician_a'), tests.tenancy_id('patient_a'), 5) $$,
  '42501', null, 'nobody writes reviews directly');
reset role;
select is(tests.outcome_as('a_owner', $$ update public.reviews set rating = 1 returning 1 $$), '42501', 'staff cannot edit a review in the table');
select is(tests.outcome_as('a_owner', $$ select 1 from public.reviews where tenant_id = tests.tenancy_id('tenant_a') $$), '1 row',
  'staff of the clinic read its reviews');

select * from finish();
rollback;

-- After writing: the author edits rating and text for 14 days (then PT409 too_late_to_change) and
-- may withdraw; practice managers hide a published review with a reason - audited, the text
-- untouched - and other staff may not; the public sees published reviews only, without who wrote
-- them.
begin;
select plan(16);

-- SETUP
select tests.create_appointment_fixtures();
select tests.insert_appointment('visit_done', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(-3, '10:00'), 'fulfilled');
select tests.insert_appointment('visit_old', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(-30, '10:00'), 'fulfilled');
select tests.insert_appointment('visit_other', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(-2, '11:00'), 'fulfilled');
select tests.authenticate_as('patient');
select public.submit_review(tests.tenancy_id('visit_done'), 4, 'Good');
select public.submit_review(tests.tenancy_id('visit_old'), 3, 'Fine');
reset role;
-- the second review was written 20 days ago
update public.reviews set created_at = now() - interval '20 days' where appointment_id = tests.tenancy_id('visit_old');
select tests.authenticate_as('a_patient_2');
select public.submit_review(tests.tenancy_id('visit_other'), 1, 'Rude to my mother');
reset role;

-- TEST: editing
select tests.authenticate_as('patient');
select results_eq(
  $$ select rating::integer, body, edited_at is not null from public.edit_review((select id from public.reviews where appointment_id = tests.tenancy_id('visit_done')), 5, 'Very good') $$,
  $$ values (5, 'Very good', true) $$, 'the author edits within 14 days');
select throws_ok($$ select public.edit_review((select id from public.reviews where appointment_id = tests.tenancy_id('visit_old')), 5, 'Great') $$,
  'PT409', 'reviews can be edited for 14 days after they are written', 'after 14 days the review stays');
select is(tests.error_details_of($$ select public.edit_review((select id from public.reviews where appointment_id = tests.tenancy_id('visit_old')), 5, 'Great') $$) ->> 'detail',
  'too_late_to_change', 'reason code too_late_to_change');
reset role;
select is(tests.outcome_as('a_patient_2', $$ select 1 from public.edit_review((select id from public.reviews where appointment_id = tests.tenancy_id('visit_done')), 1) $$),
  'PT404', 'nobody else edits it');

-- TEST: hiding
select is(tests.outcome_as('a_front_desk', $$ select 1 from public.hide_review((select id from public.reviews where appointment_id = tests.tenancy_id('visit_other')), 'Names a relative') $$),
  'PT403', 'the front desk may not hide reviews');
select is(tests.outcome_as('b_owner', $$ select 1 from public.hide_review((select id from public.reviews where appointment_id = tests.tenancy_id('visit_other')), 'Spam') $$),
  'PT404', 'another clinic cannot see it to hide it');
select is(tests.outcome_as('a_manager', $$ select 1 from public.hide_review((select id from public.reviews where appointment_id = tests.tenancy_id('visit_other')), '  ') $$),
  '22023', 'a reason is required');
select tests.authenticate_as('a_manager');
select results_eq(
  $$ select status::text, rating::integer, body, hidden_reason, hidden_by = auth.uid()
     from public.hide_review((select id from public.reviews where appointment_id = tests.tenancy_id('visit_other')), 'Names a relative') $$,
  $$ values ('hidden', 1, 'Rude to my mother', 'Names a relative', true) $$,
  'a manager hides it with a reason; rating and text stay as written');
select throws_ok($$ select public.hide_review((select id from public.reviews where appointment_id = tests.tenancy_id('visit_other')), 'Again') $$,
  'PT409', 'this review is hidden, not published', 'a hidden review is not hidden twice');
reset role;
select results_eq(
  $$ select action, actor_user_id = tests.get_supabase_uid('a_manager'), new_row ->> 'status', new_row ->> 'hidden_reason'
     from public.audit_log where table_name = 'public.reviews' and action = 'update' and new_row ->> 'status' = 'hidden' $$,
  $$ values ('update', true, 'hidden', 'Names a relative') $$,
  'the hiding is in the audit log with the manager as actor and the reason');
select is(tests.outcome_as('a_patient_2', $$ select 1 from public.edit_review((select id from public.reviews where appointment_id = tests.tenancy_id('visit_other')), 5, 'Fine') $$),
  'PT409', 'the author cannot edit a hidden review back into view');

-- TEST: withdrawing
select tests.authenticate_as('patient');
select is((select status::text from public.withdraw_review((select id from public.reviews where appointment_id = tests.tenancy_id('visit_old')))),
  'withdrawn', 'the author withdraws their review');
select throws_ok($$ select public.withdraw_review((select id from public.reviews where appointment_id = tests.tenancy_id('visit_old'))) $$,
  'PT409', 'this review is already withdrawn', 'once');
reset role;

-- TEST: the public side
select tests.clear_authentication();
select results_eq($$ select rating::integer, body from public.clinician_reviews(tests.tenancy_id('clinician_a')) $$,
  $$ values (5, 'Very good') $$, 'visitors see the published reviews only (not hidden, not withdrawn)');
select is(tests.outcome_as('anon', $$ select 1 from public.reviews $$), '42501', 'visitors do not read the reviews table (patient ids)');
reset role;
select throws_ok($$ select public.clinician_reviews(tests.tenancy_id('clinician_a_2')) $$, 'PT404', 'clinician not found',
  'a clinician who is not listed has no public reviews');

select * from finish();
rollback;

-- link_patient_account(patient_id): the front desk, having checked the patient's identity, links
-- a record (e.g. one with history) to the one account that verified its phone or e-mail - the
-- patient signs in to the app at the desk first. Refusals name their reason: already_linked,
-- no_matching_account, ambiguous_match (phone and e-mail verified by two accounts),
-- already_registered (that account has another record here). Only the front office of the
-- patient may; other staff get PT403, other clinics PT404.
begin;
select plan(12);

-- SETUP: records with history (an appointment each), so signing in links none of them
select tests.create_appointment_fixtures();
insert into public.patients (tenant_id, id, full_name, phone, email) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('rob'), 'Rob Return', '+15550106001', null),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('nobody'), 'No Body', '+15550106002', null),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('split'), 'Split Contacts', '+15550106003', 'split@example.test'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('dup'), 'Dupli Cate', null, tests.get_supabase_user('patient') ->> 'email');
select tests.insert_appointment('rob_visit', 'appt_checkup', 'clinician_a', 'rob', tests.appointment_slot(2, '09:00'));
select tests.insert_appointment('dup_visit', 'appt_checkup', 'clinician_a', 'dup', tests.appointment_slot(2, '11:00'));
select tests.insert_appointment('nobody_visit', 'appt_checkup', 'clinician_a', 'nobody', tests.appointment_slot(2, '13:00'));
select tests.insert_appointment('split_visit', 'appt_checkup', 'clinician_a', 'split', tests.appointment_slot(2, '15:00'));
select tests.create_supabase_user('rob_user', phone => '+15550106001');
select tests.create_supabase_user('split_phone', phone => '+15550106003');
select tests.create_supabase_user('split_mail', 'split@example.test');
select tests.create_supabase_user('unverified', phone => '+15550106002');
update auth.users set phone_confirmed_at = null where id = tests.get_supabase_uid('unverified');

-- TEST: who may
select tests.authenticate_as('a_clinician');
select throws_ok($$ select public.link_patient_account(tests.tenancy_id('rob')) $$, 'PT403',
  'only the front office may link a patient record to an account', 'a clinician may not link records');
select tests.authenticate_as('b_owner');
select throws_ok($$ select public.link_patient_account(tests.tenancy_id('rob')) $$, 'PT404', 'patient not found', 'another clinic''s owner does not see the record');
select tests.authenticate_as('patient');
select throws_ok($$ select public.link_patient_account(tests.tenancy_id('rob')) $$, 'PT404', 'patient not found', 'a patient does not see it either');

-- TEST: the front desk links
select tests.authenticate_as('a_front_desk');
select results_eq($$ select id, user_id from public.link_patient_account(tests.tenancy_id('rob')) $$,
  $$ values (tests.tenancy_id('rob'), tests.get_supabase_uid('rob_user')) $$,
  'the front desk links the record to the account that verified its phone');
select is(tests.error_details_of($$ select public.link_patient_account(tests.tenancy_id('rob')) $$) ->> 'detail', 'already_linked',
  'again: PT409 already_linked');
select is(tests.error_details_of($$ select public.link_patient_account(tests.tenancy_id('nobody')) $$),
  '{"code": "PT404", "message": "no account has verified this record''s phone number or e-mail address", "detail": "no_matching_account", "hint": "Ask the patient to sign in to the app with the phone number or e-mail on this record, then link again."}'::jsonb,
  'a number only an unverified account holds: PT404 no_matching_account');
select is(tests.error_details_of($$ select public.link_patient_account(tests.tenancy_id('split')) $$) ->> 'detail', 'ambiguous_match',
  'phone and e-mail verified by two different accounts: PT409 ambiguous_match');
select is(tests.error_details_of($$ select public.link_patient_account(tests.tenancy_id('dup')) $$) ->> 'detail', 'already_registered',
  'an account with another record at the clinic: PT409 already_registered');
reset role;
select is((select count(*)::integer from public.patients where id in (tests.tenancy_id('nobody'), tests.tenancy_id('split'), tests.tenancy_id('dup')) and user_id is not null), 0,
  'the refused links changed nothing');
select results_eq($$ select actor_user_id from public.audit_log where table_name = 'public.patients' and row_pk ->> 'id' = tests.tenancy_id('rob')::text and action = 'update' $$,
  $$ values (tests.get_supabase_uid('a_front_desk')) $$, 'the link is audited with the front desk as its author');

-- TEST: the patient sees it
select tests.authenticate_as('rob_user');
select results_eq($$ select id from public.appointments $$, $$ values (tests.tenancy_id('rob_visit')) $$, 'Rob sees his appointment');

-- TEST: service_role may too
select tests.authenticate_as_service_role();
select throws_ok($$ select public.link_patient_account(tests.tenancy_id('split')) $$, 'PT409', null, 'service_role gets the same refusals');

select * from finish();
rollback;

-- "I have been here before": claim_patient_record(tenant_id, date_of_birth) links the one
-- unlinked record of the clinic that matches a phone or e-mail the caller verified AND the date
-- of birth. A wrong date, no such record or two matching records (twins on one phone) answer no
-- row; every attempt counts against the record_claim limit (5 a day per account), so dates of
-- birth cannot be tried until one fits. An unverified account is refused.
begin;
select plan(14);

-- SETUP: Rita's and Mai's records have history; twins share their mother's phone and a birthday
select tests.create_appointment_fixtures();
insert into public.patients (tenant_id, id, full_name, phone, email, date_of_birth) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('rita'), 'Rita Return', '+15550105001', null, date '1981-02-03'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('twin_1'), 'Twin One', '+15550105002', null, date '2015-06-07'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('twin_2'), 'Twin Two', '+15550105002', null, date '2015-06-07'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('mailed'), 'Mai Led', null, 'mai.led@example.test', date '1990-09-09');
select tests.insert_appointment('rita_visit', 'appt_checkup', 'clinician_a', 'rita', tests.appointment_slot(2, '09:00'));
select tests.insert_appointment('mai_visit', 'appt_checkup', 'clinician_a', 'mailed', tests.appointment_slot(2, '11:00'));
select tests.create_supabase_user('rita_user', phone => '+15550105001');
select tests.create_supabase_user('mother', phone => '+15550105002');
select tests.create_supabase_user('mai', 'mai.led@example.test');
select tests.create_supabase_user('stranger', phone => '+15550105009');
select is((select user_id from public.patients where id = tests.tenancy_id('rita')), null, 'signing in did not link Rita''s record (it has history)');

-- TEST: the claim
select tests.authenticate_as('rita_user');
select tests.as_api_request('203.0.113.60', '/rpc/claim_patient_record');
select is_empty($$ select * from public.claim_patient_record(tests.tenancy_id('tenant_a'), '1981-03-02') $$, 'a wrong date of birth: no row');
select results_eq($$ select id, user_id from public.claim_patient_record(tests.tenancy_id('tenant_a'), '1981-02-03') $$,
  $$ values (tests.tenancy_id('rita'), tests.get_supabase_uid('rita_user')) $$,
  'the right one: the record, now linked to her account');
select results_eq($$ select id from public.appointments $$, $$ values (tests.tenancy_id('rita_visit')) $$, 'she sees her appointment');
select is(tests.error_details_of($$ select * from public.claim_patient_record(tests.tenancy_id('tenant_a'), '1981-02-03') $$) ->> 'detail',
  'already_registered', 'claiming again: PT409 already_registered');
select tests.authenticate_as('mai');
select results_eq($$ select id from public.claim_patient_record(tests.tenancy_id('tenant_a'), '1990-09-09') $$,
  $$ values (tests.tenancy_id('mailed')) $$, 'a verified e-mail works the same way');
reset role;
select results_eq($$ select actor_user_id, old_row ->> 'user_id', new_row ->> 'user_id' from public.audit_log
                     where table_name = 'public.patients' and row_pk ->> 'id' = tests.tenancy_id('rita')::text and action = 'update' $$,
  $$ values (tests.get_supabase_uid('rita_user'), null::text, tests.get_supabase_uid('rita_user')::text) $$,
  'the link is in the audit log, made by her');

-- TEST: what a claim never does
select tests.authenticate_as('mother');
select is_empty($$ select * from public.claim_patient_record(tests.tenancy_id('tenant_a'), '2015-06-07') $$,
  'two records match (twins on one phone): no row, the front desk links them');
select tests.authenticate_as('stranger');
select is_empty($$ select * from public.claim_patient_record(tests.tenancy_id('tenant_a'), '2015-06-07') $$,
  'a date of birth without the record''s phone or e-mail links nothing');
reset role;
update auth.users set phone_confirmed_at = null where id = tests.get_supabase_uid('stranger');
select tests.authenticate_as('stranger');
select is(tests.error_details_of($$ select * from public.claim_patient_record(tests.tenancy_id('tenant_a'), '2015-06-07') $$) ->> 'detail',
  'verification_required', 'an account without a verified phone or e-mail: PT403 verification_required');
select tests.clear_authentication();
select throws_ok($$ select * from public.claim_patient_record(tests.tenancy_id('tenant_a'), '2015-06-07') $$, '42501', null, 'anon cannot claim');

-- TEST: every attempt counts
select tests.authenticate_as('mother');
select tests.as_api_request('198.51.100.60', '/rpc/claim_patient_record');
select is(
  array(select (select count(*) from public.claim_patient_record(tests.tenancy_id('tenant_a'), d))::integer
        from unnest(array[date '2015-01-01', date '2015-01-02', date '2015-01-03', date '2015-01-04']) as d),
  array[0, 0, 0, 0], 'the mother tries four more dates of birth (five attempts with the twins'' one): no rows ...');
select is(tests.rate_limit_refusal_of($$ select * from public.claim_patient_record(tests.tenancy_id('tenant_a'), '2015-06-07') $$) - 'hint' - 'retry_after',
  '{"status": 429, "code": "PT429", "message": "too many attempts to find a patient record", "details": "rate_limited"}'::jsonb,
  '... the sixth attempt of the day is refused with 429, even with the right date');
reset role;
select is((select count(*)::integer from public.patients where user_id = tests.get_supabase_uid('mother')), 0, 'and linked nothing');

select * from finish();
rollback;

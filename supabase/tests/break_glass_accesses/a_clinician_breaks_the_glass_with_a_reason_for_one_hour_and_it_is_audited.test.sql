-- Break-glass, per role and command: a clinician of the tenant opens the notes of a patient
-- outside their care only by recording an access with a reason (22023 without one). The access
-- is theirs whatever member they name, starts now, lasts one hour, never opens restricted notes,
-- and is in the audit log. The clinician sees their own accesses, owners and admins every access
-- of the tenant; nobody updates or deletes one. Cast: _setup/clinical_fixtures.sql (patient_a_walk_in
-- is not in a_clinician_2's care: their only appointment with them was cancelled).
begin;
select plan(41);

-- SETUP
select tests.create_clinical_fixtures();
create temporary view break_glass_for_walk_in as
  select $$ insert into public.break_glass_accesses (tenant_id, patient_id, member_id, reason)
            values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a_walk_in'), tests.tenancy_id('a_clinician_2.member'),
                    'Collapsed at reception, checking known conditions')
            returning 1 $$ as statement;

-- TEST: before: no access
select is(tests.outcome_as('a_clinician_2', $$ select 1 from public.medical_notes where patient_id = tests.tenancy_id('patient_a_walk_in') $$),
  '0 rows', 'without a care relationship a clinician reads none of the patient''s notes');

-- TEST: insert, per role
select is(tests.outcome_as(m.who, (select statement from break_glass_for_walk_in)), m.expected,
          m.who || ' breaks the glass: ' || m.expected)
from (values
  ('a_clinician_2', '1 row'), ('a_clinician', '1 row'), ('a_owner', '42501'), ('a_admin', '42501'), ('a_manager', '42501'),
  ('a_centre_manager', '42501'), ('a_care_coordinator', '42501'), ('a_front_desk', '42501'), ('patient', '42501'),
  ('b_owner', '42501'), ('b_clinician', '42501'), ('anon', '42501'), ('service_role', '1 row')
) as m(who, expected);

-- TEST: bad input
select tests.authenticate_as('a_clinician_2');
select is(tests.error_of(m.statement), array['22023', 'a reason is required to break the glass',
          'Say why you need this patient''s notes now, in at least 10 characters; it is recorded and reviewed.'], m.description)
from (values
  ($$ insert into public.break_glass_accesses (tenant_id, patient_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a_walk_in')) $$,
   'no reason: 22023 with a hint'),
  ($$ insert into public.break_glass_accesses (tenant_id, patient_id, reason) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a_walk_in'), '   urgent ') $$,
   'a reason shorter than 10 characters: 22023')
) as m(statement, description);
reset role;
select set_config('request.jwt.claims', '', true);
select is(
  tests.outcome_as('a_clinician_2', $$ insert into public.break_glass_accesses (tenant_id, patient_id, reason, expires_at)
                                       values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a_walk_in'), 'A long enough reason', 'infinity')
                                       returning 1 $$),
  '42501', 'the client cannot choose how long the access lasts (no grant on expires_at)');

-- SETUP: a_clinician_2 breaks the glass, naming a colleague's membership
select tests.authenticate_as('a_clinician_2');
insert into public.break_glass_accesses (tenant_id, id, patient_id, member_id, reason)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('glass_1'), tests.tenancy_id('patient_a_walk_in'), tests.tenancy_id('a_clinician.member'),
        'Collapsed at reception, checking known conditions');
reset role;
select set_config('request.jwt.claims', '', true);

-- TEST: what was recorded
select results_eq(
  $$ select member_id, expires_at - created_at, created_at = now() from public.break_glass_accesses where id = tests.tenancy_id('glass_1') $$,
  $$ values (tests.tenancy_id('a_clinician_2.member'), interval '1 hour', true) $$,
  'the access is the caller''s own (not the member they named), starts now and lasts one hour');
select results_eq(
  $$ select actor_user_id, actor_role, action, new_row ->> 'reason', new_row ->> 'patient_id'
     from public.audit_log where table_name = 'public.break_glass_accesses' and row_pk ->> 'id' = tests.tenancy_id('glass_1')::text $$,
  $$ values (tests.get_supabase_uid('a_clinician_2'), 'authenticated', 'insert', '[redacted]', tests.tenancy_id('patient_a_walk_in')::text) $$,
  'the audit log records who broke the glass for which patient and when (the reason is redacted in the image)');
select is(
  tests.outcome_as('a_owner', $$ select 1 from public.audit_log_values
                                 where table_name = 'public.break_glass_accesses' and new_values ->> 'reason' = 'Collapsed at reception, checking known conditions' $$),
  '1 row', 'an owner reviewing accesses reads the reason (they may read the access itself)');

-- TEST: it opens the patient's notes, for this clinician only, restricted ones never
select is(tests.outcome_as('a_clinician_2', $$ select 1 from public.medical_notes where patient_id = tests.tenancy_id('patient_a_walk_in') $$),
  '1 row', 'with an open access the clinician reads the patient''s notes');
select is(tests.outcome_as('a_clinician_2', $$ update public.medical_notes set body = 'x' where patient_id = tests.tenancy_id('patient_a_walk_in') returning 1 $$),
  '0 rows', 'but does not edit them');
select is(tests.outcome_as('a_centre_manager', $$ select 1 from public.medical_notes where patient_id = tests.tenancy_id('patient_a_walk_in') $$),
  '0 rows', 'nobody else gains anything');
insert into public.break_glass_accesses (tenant_id, patient_id, member_id, reason)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('a_clinician.member'), 'Emergency: anaphylaxis in the waiting room');
select is(tests.outcome_as('a_clinician', $$ select 1 from public.medical_notes where id = tests.tenancy_id('note_a_restricted') $$),
  '0 rows', 'a break-glass access never opens a restricted note');

-- TEST: select, per role (tenant_a has two accesses: a_clinician_2's and a_clinician's)
select is(tests.outcome_as(m.who, $$ select 1 from public.break_glass_accesses where tenant_id = tests.tenancy_id('tenant_a') $$), m.expected,
          m.who || ' sees ' || m.expected || ' of the accesses')
from (values
  ('a_clinician_2', '1 row'), ('a_clinician', '1 row'), ('a_owner', '2 rows'), ('a_admin', '2 rows'), ('a_manager', '0 rows'),
  ('a_front_desk', '0 rows'), ('patient', '0 rows'), ('b_owner', '0 rows'), ('anon', '42501'), ('service_role', '2 rows')
) as m(who, expected);

-- TEST: update and delete (nobody)
select is(tests.outcome_as(m.who, m.statement), '42501', m.who || ': ' || m.description)
from (values
  ('a_clinician_2', $$ update public.break_glass_accesses set expires_at = 'infinity' returning 1 $$, 'cannot extend an access'),
  ('a_owner', $$ update public.break_glass_accesses set reason = 'Rewritten reason here' returning 1 $$, 'cannot rewrite a reason'),
  ('service_role', $$ update public.break_glass_accesses set reason = 'Rewritten reason here' returning 1 $$, 'cannot rewrite a reason either'),
  ('a_clinician_2', $$ delete from public.break_glass_accesses returning 1 $$, 'cannot delete an access'),
  ('a_owner', $$ delete from public.break_glass_accesses returning 1 $$, 'cannot delete an access'),
  ('service_role', $$ delete from public.break_glass_accesses returning 1 $$, 'cannot delete an access either')
) as m(who, statement, description);

-- TEST: after an hour it is closed
update public.break_glass_accesses set created_at = now() - interval '2 hours', expires_at = now() - interval '1 hour'
 where id = tests.tenancy_id('glass_1');
select is(tests.outcome_as('a_clinician_2', $$ select 1 from public.medical_notes where patient_id = tests.tenancy_id('patient_a_walk_in') $$),
  '0 rows', 'an expired access opens nothing');

select * from finish();
rollback;

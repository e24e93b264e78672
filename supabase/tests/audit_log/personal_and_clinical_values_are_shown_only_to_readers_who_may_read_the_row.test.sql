-- The audit log shows owners and admins who did what and when; the personal and clinical values
-- in its images read "[redacted]", and their real values (audit_log_values) are shown only to an
-- owner or admin who can read the audited row itself right now: a patient's details yes, a
-- clinical note's body only to a reader who may read that note, nothing of a row that is gone.
-- Which columns are redacted is the audit trigger's argument list, per table.
begin;
select plan(37);

-- SETUP: the standard cast; the admin is also a clinician and writes a note; a patient is
-- registered and deleted again (as postgres, like the seed)
select tests.create_tenancy_fixtures();
insert into public.member_roles (tenant_id, member_id, role)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_admin.member'), 'clinician');
insert into public.medical_notes (tenant_id, id, patient_id, author_member_id, body)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('note_by_admin'), tests.tenancy_id('patient_a_2'),
        tests.tenancy_id('a_admin.member'), 'Admin''s own clinical note');
insert into public.patients (tenant_id, id, full_name, phone)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_gone'), 'Gone Away', '+447700900999');
delete from public.patients where id = tests.tenancy_id('patient_gone');
create temporary view entries as
  select e.id, e.table_name, e.action, e.row_pk ->> 'id' as row_id
  from public.audit_log as e
  where e.tenant_id = tests.tenancy_id('tenant_a');
grant select on entries to authenticated;
create function pg_temp.values_of(p_table text, p_row text, p_action text) returns text language sql as $$
  select pg_catalog.format('select 1 from public.audit_log_values where audit_id = %s',
                           (select e.id from entries as e where e.table_name = p_table and e.row_id = tests.tenancy_id(p_row)::text and e.action = p_action))
$$;

-- TEST: the images are redacted, for every reader
select is(
  (select pg_catalog.count(*)::integer from public.audit_log
    where tenant_id = tests.tenancy_id('tenant_a') and table_name = 'public.patients'
      and (new_row ->> 'full_name' <> '[redacted]' or new_row ->> 'phone' <> '[redacted]' or old_row ->> 'full_name' <> '[redacted]')),
  0, 'no patient name or phone appears in any image of the audit log');
select is(
  tests.outcome_as(m.who, $$ select 1 from public.audit_log where tenant_id = tests.tenancy_id('tenant_a') and table_name = 'public.patients' $$),
  m.expected, m.who || ' reads ' || m.expected || ' of the patient entries (who did what, when)')
from (values ('a_owner', '5 rows'), ('a_admin', '5 rows'), ('a_manager', '0 rows'), ('a_front_desk', '0 rows'),
             ('a_clinician', '0 rows'), ('patient', '0 rows'), ('b_owner', '0 rows'), ('anon', '42501'), ('service_role', '5 rows')) as m(who, expected);

-- TEST: the values, entry by entry
select is(tests.outcome_as(m.who, pg_temp.values_of(m.table_name, m.row_name, m.action)), m.expected,
          pg_catalog.format('%s reads the values of the %s of %s: %s (%s)', m.who, m.action, m.row_name, m.expected, m.why))
from (values
  ('a_owner', 'public.patients', 'patient_a', 'insert', '1 row', 'they can read the patient'),
  ('a_admin', 'public.patients', 'patient_a', 'insert', '1 row', 'they can read the patient'),
  ('a_owner', 'public.patients', 'patient_gone', 'insert', '0 rows', 'the patient is gone'),
  ('a_owner', 'public.patients', 'patient_gone', 'delete', '0 rows', 'the patient is gone'),
  ('service_role', 'public.patients', 'patient_gone', 'delete', '1 row', 'the server reads every value'),
  ('a_owner', 'public.medical_notes', 'note_a', 'insert', '0 rows', 'an owner does not read clinical notes'),
  ('a_admin', 'public.medical_notes', 'note_a', 'insert', '0 rows', 'a colleague''s note, patient not in their care'),
  ('a_admin', 'public.medical_notes', 'note_by_admin', 'insert', '1 row', 'an admin who wrote the note may read it'),
  ('a_owner', 'public.medical_notes', 'note_by_admin', 'insert', '0 rows', 'but the owner may not'),
  ('a_clinician', 'public.medical_notes', 'note_a', 'insert', '0 rows', 'a clinician who may read the note is not an audit reader'),
  ('a_owner', 'public.members', 'a_front_desk.member', 'insert', '1 row', 'owners read the members'),
  ('a_front_desk', 'public.members', 'a_front_desk.member', 'insert', '0 rows', 'only owners and admins read audit values'),
  ('b_owner', 'public.patients', 'patient_a', 'insert', '0 rows', 'another tenant''s owner'),
  ('anon', 'public.patients', 'patient_a', 'insert', '42501', 'no grant')
) as m(who, table_name, row_name, action, expected, why);
select is(
  (select v.new_values ->> 'body' from public.audit_log_values as v
    join entries as e on e.id = v.audit_id
   where e.table_name = 'public.medical_notes' and e.row_id = tests.tenancy_id('note_by_admin')::text),
  'Admin''s own clinical note', 'the value kept is the real note text');

-- TEST: which columns each table redacts (the audit trigger's arguments after the tenant column)
select is(
  array(select c.relname || ': ' || pg_catalog.array_to_string(
                 (pg_catalog.string_to_array(pg_catalog.rtrim(pg_catalog.encode(t.tgargs, 'escape'), '\000'), '\000'))[2:], ', ')
        from pg_catalog.pg_trigger as t
        join pg_catalog.pg_class as c on c.oid = t.tgrelid
        where t.tgfoid = 'private.record_audit_event()'::regprocedure and t.tgnargs > 1
        order by 1),
  array['appointments: cancellation_reason, override_reason, meeting_url',
        'break_glass_accesses: reason',
        'invitations: email, phone',
        'medical_notes: body',
        'members: display_name',
        'patient_documents: title',
        'patients: full_name, phone, email, date_of_birth, gender, blood_group, emergency_contact, consents',
        'payments: checkout_url, receipt_url',
        'refunds: note',
        'reviews: body'],
  'the personal and clinical columns each audited table redacts');
select is_empty(
  $$ select c.relname, a.arg
     from pg_catalog.pg_trigger as t
     join pg_catalog.pg_class as c on c.oid = t.tgrelid
     cross join lateral pg_catalog.unnest((pg_catalog.string_to_array(pg_catalog.rtrim(pg_catalog.encode(t.tgargs, 'escape'), '\000'), '\000'))[2:]) as a(arg)
     where t.tgfoid = 'private.record_audit_event()'::regprocedure
       and not exists (select 1 from pg_catalog.pg_attribute as at where at.attrelid = t.tgrelid and at.attname = a.arg and not at.attisdropped) $$,
  'every redacted column exists in its table');

-- TEST: the values are append-only and written by no API role
select is(tests.outcome_as(m.who, m.statement), '42501', m.who || ' cannot ' || m.what)
from (values
  ('a_owner', $$ insert into public.audit_log_values (audit_id, table_name, row_pk, new_values) values (1, 'x', '{}', '{}') returning 1 $$, 'insert values'),
  ('a_owner', $$ update public.audit_log_values set new_values = '{}' returning 1 $$, 'update values'),
  ('service_role', $$ delete from public.audit_log_values returning 1 $$, 'delete values')
) as m(who, statement, what);
select throws_ok($$ delete from public.audit_log_values $$, 'PT403', 'the audit log is append-only',
  'not even the table owner deletes values');

-- TEST: the readability check never errors
select is(private.caller_can_read_row(m.table_name, m.row_pk), false, 'caller_can_read_row(' || coalesce(m.table_name, 'null') || ') is false')
from (values (null, '{}'::jsonb), ('patients', '{"id": "x"}'), ('public.no_such_table', '{"id": "x"}'),
             ('public.patients', '{"id": "not-a-uuid"}'), ('public.audit_log', '{"id": 1}'), ('public.patients', '[]')) as m(table_name, row_pk);

select * from finish();
rollback;

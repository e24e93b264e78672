-- Owners and admins read the audit log but not clinical notes: the audit entry of a medical note
-- records who changed which note and when, with the body replaced by "[redacted]".
begin;
select plan(4);

-- SETUP: a tenant, a clinician member, a patient and a note (as postgres)
insert into public.tenants (id, name, slug, timezone, currency, locale)
values ('a5000000-0000-4000-8000-000000000001', 'Notes Clinic', 'notes-clinic', 'Europe/London', 'GBP', 'en-GB');
select tests.create_supabase_user('notes_clinician', 'clinician@notes.test');
insert into public.members (tenant_id, id, user_id, display_name)
values ('a5000000-0000-4000-8000-000000000001', 'a5000000-0000-4000-8000-0000000000e1', tests.get_supabase_uid('notes_clinician'), 'Dr Notes');
insert into public.patients (tenant_id, id, full_name)
values ('a5000000-0000-4000-8000-000000000001', 'a5000000-0000-4000-8000-0000000000a1', 'Noted Patient');
insert into public.medical_notes (tenant_id, id, patient_id, author_member_id, body)
values ('a5000000-0000-4000-8000-000000000001', 'a5000000-0000-4000-8000-0000000000b1',
        'a5000000-0000-4000-8000-0000000000a1', 'a5000000-0000-4000-8000-0000000000e1', 'Confidential finding');
update public.medical_notes set body = 'Revised confidential finding' where id = 'a5000000-0000-4000-8000-0000000000b1';

-- TEST
select results_eq(
  $$ select action, old_row ->> 'body', new_row ->> 'body' from public.audit_log
     where table_name = 'public.medical_notes' and row_pk ->> 'id' = 'a5000000-0000-4000-8000-0000000000b1' order by id $$,
  $$ values ('insert', null, '[redacted]'), ('update', '[redacted]', '[redacted]') $$,
  'the note body is redacted in both the insert and the update entry'
);
select is(
  (select count(*)::int from public.audit_log
    where table_name = 'public.medical_notes' and row_pk ->> 'id' = 'a5000000-0000-4000-8000-0000000000b1' and (old_row::text like '%onfidential%' or new_row::text like '%onfidential%')),
  0,
  'no trace of the note text anywhere in its entries'
);
select is(
  (select new_row ->> 'patient_id' from public.audit_log where table_name = 'public.medical_notes' and row_pk ->> 'id' = 'a5000000-0000-4000-8000-0000000000b1' and action = 'insert'),
  'a5000000-0000-4000-8000-0000000000a1',
  'the other columns of the note are recorded'
);
select is(
  (select row_pk from public.audit_log where table_name = 'public.medical_notes' and row_pk ->> 'id' = 'a5000000-0000-4000-8000-0000000000b1' and action = 'update'),
  '{"tenant_id": "a5000000-0000-4000-8000-000000000001", "id": "a5000000-0000-4000-8000-0000000000b1"}'::jsonb,
  'the entry identifies the note'
);

select * from finish();
rollback;

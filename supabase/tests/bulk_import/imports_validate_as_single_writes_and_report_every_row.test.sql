-- Bulk import (public.import_rows): a dry run reports every row and changes nothing; an import
-- writes the valid rows (or nothing with all_or_nothing); the same file again changes nothing;
-- rows are matched on external_id, phone and e-mail; duplicates within the file, formula-looking
-- cells, bad values and wrong headers are reported per row and column; every written row is
-- audited; the caller's row-level security decides (a centre-scoped front desk imports only into
-- its centres, a clinician imports nothing, another clinic's staff nothing).
begin;
select plan(20);

select tests.create_centre_scope_fixtures();
create temporary table header (h text[]);
insert into header values (array['External ID', 'Full Name', 'Phone', 'E-mail', 'date of birth', 'registered_centre']::text[]);
update header set h = array['External ID', 'Full Name', 'Phone', 'Email', 'date of birth', 'registered_centre'];
create temporary table file (rows jsonb);
insert into file values ($$[
  {"row": 2, "values": ["MRN-1", "Asha Rao", "+44 7700 900601", "ASHA@example.test", "1980-02-03", "central"]},
  {"row": 3, "values": ["MRN-2", "=HYPERLINK(\"http://evil\")", "07700", "not-an-email", "1980-13-01", null]},
  {"row": 4, "values": ["MRN-1", "Asha Twice", null, null, null, null]},
  {"row": 5, "values": [null, null, null, null, null, null]},
  {"row": 6, "values": ["MRN-3", "Bo Li", "+447700900603", null, null, "nowhere"]},
  {"row": 7, "values": [null, "Pat Alpha", "+447700900101", null, "1981-04-05", null]},
  {"row": 8, "values": ["MRN-4", "Cy Zed", "+447700900604", null, "2999-01-01", null]}
]$$);
create temporary table report as select * from public.import_rows(tests.tenancy_id('tenant_a'), 'patients', array[]::text[], '[]') limit 0;
grant all on header, file, report to authenticated;

-- TEST: the dry run reports each row and changes nothing
select tests.authenticate_as('a_front_desk');
insert into report select * from public.import_rows(tests.tenancy_id('tenant_a'), 'patients', (select h from header), (select rows from file));
reset role;
select results_eq(
  $$ select row_number, action, column_name, code from report order by row_number, column_name $$,
  $$ values (2, 'created', null::text, null::text),
            (3, 'refused', 'date_of_birth', 'invalid_date'), (3, 'refused', 'email', 'invalid_email'),
            (3, 'refused', 'full_name', 'formula_cell'), (3, 'refused', 'phone', 'invalid_phone'),
            (4, 'refused', 'external_id', 'duplicate_in_file'),
            (6, 'refused', 'registered_centre', 'unknown_centre'),
            (7, 'updated', null, null),
            (8, 'refused', null, 'refused') $$,
  'the dry run reports every row (the empty row 5 is skipped): created, refused cells, a duplicate, an unknown centre, a match on the phone, a rule of the table');
select results_eq($$ select message from report where row_number in (4, 8) order by row_number $$,
  $$ values ('the same patient as row 2'), ('date of birth is in the future') $$, 'the duplicate names the earlier row; a table rule gives its own message');
select is((select count(*)::integer from public.patients where external_id like 'MRN-%' or full_name = 'Asha Rao'), 0, 'the dry run created nothing');
select is((select external_id from public.patients where id = tests.tenancy_id('patient_a')), null, 'and changed nothing');

-- TEST: all or nothing with refused rows writes nothing
delete from report;
select tests.authenticate_as('a_front_desk');
insert into report select * from public.import_rows(tests.tenancy_id('tenant_a'), 'patients', (select h from header), (select rows from file), dry_run => false, all_or_nothing => true);
reset role;
select is((select count(*)::integer from public.patients where external_id like 'MRN-%'), 0, 'all_or_nothing: a refused row keeps every row out');
select is((select count(*)::integer from report where action = 'refused'), 7, 'and the report is the same as the dry run''s');

-- TEST: importing the valid rows
delete from report;
select tests.authenticate_as('a_front_desk');
insert into report select * from public.import_rows(tests.tenancy_id('tenant_a'), 'patients', (select h from header), (select rows from file), dry_run => false);
reset role;
select results_eq($$ select full_name::text, phone::text, email::text, registered_centre_id from public.patients where external_id = 'MRN-1' $$,
  $$ values ('Asha Rao', '+447700900601', 'asha@example.test', tests.tenancy_id('centre_a1')) $$, 'valid rows are written with normalised phone and e-mail');
select is((select date_of_birth from public.patients where id = tests.tenancy_id('patient_a')), date '1981-04-05', 'a row matching an existing patient''s phone updates it');
select is((select count(*)::integer from public.audit_log where table_name = 'public.patients' and action = 'insert' and row_pk ->> 'id' = (select id::text from public.patients where external_id = 'MRN-1')), 1,
  'the created row is in the audit log');
select is((select actor_user_id from public.audit_log where table_name = 'public.patients' and action = 'insert' and row_pk ->> 'id' = (select id::text from public.patients where external_id = 'MRN-1')),
  tests.get_supabase_uid('a_front_desk'), 'with the importing user as its actor');

-- TEST: the same file again changes nothing
drop table pg_temp.slotbase_import_touched;
delete from report;
select tests.authenticate_as('a_front_desk');
insert into report select * from public.import_rows(tests.tenancy_id('tenant_a'), 'patients', (select h from header), (select rows from file), dry_run => false);
reset role;
select results_eq($$ select row_number, action from report where action <> 'refused' order by row_number $$,
  $$ values (2, 'unchanged'), (7, 'unchanged') $$, 'importing the same file again changes nothing');

-- TEST: least privilege
delete from report;
select tests.authenticate_as('a_front_desk_a1');
insert into report select * from public.import_rows(tests.tenancy_id('tenant_a'), 'patients', array['full_name', 'phone', 'registered_centre'],
  $$[{"row": 2, "values": ["Cen Tral", "+447700900611", "central"]}, {"row": 3, "values": ["Nor Th", "+447700900612", "north"]}]$$, dry_run => false);
reset role;
select results_eq($$ select row_number, action, code from report order by row_number $$,
  $$ values (2, 'created', null::text), (3, 'refused', 'not_allowed') $$, 'a front desk of centre_a1 registers patients at centre_a1 only');
select tests.authenticate_as('a_clinician');
select is((select code from public.import_rows(tests.tenancy_id('tenant_a'), 'patients', array['full_name'], $$[{"row": 2, "values": ["No Way"]}]$$, dry_run => false)),
  'not_allowed', 'a clinician imports no patients');
select throws_ok($$ select * from public.import_rows(tests.tenancy_id('tenant_b'), 'patients', array['full_name'], '[{"row": 2, "values": ["X"]}]') $$,
  'PT403', 'you are not staff of this clinic', 'rows for another clinic are refused as a whole');
reset role;

-- TEST: headers, kinds and limits
select tests.authenticate_as('a_owner');
select results_eq($$ select code, column_name from public.import_rows(tests.tenancy_id('tenant_a'), 'services', array['Nom', 'name', 'name'], '[]') $$,
  $$ values ('unknown_column', 'nom'), ('duplicate_column', 'name'), ('missing_column', 'duration_minutes') $$, 'wrong headers are reported on row 1');
select throws_ok($$ select * from public.import_rows(tests.tenancy_id('tenant_a'), 'rooms', array['name'], '[]') $$, '22023', 'kind must be patients, services or clinicians', 'unknown kinds are refused');
select throws_ok($$ select * from public.import_rows(tests.tenancy_id('tenant_a'), 'patients', array['full_name'],
  (select jsonb_agg(jsonb_build_object('row', g, 'values', jsonb_build_array('P' || g))) from generate_series(2, 1002) as g)) $$,
  '22023', 'at most 1000 rows per call', 'more than 1000 rows per call are refused');

-- TEST: services and clinicians with their centres and services
select results_eq($$ select row_number, action from public.import_rows(tests.tenancy_id('tenant_a'), 'services', array['external_id', 'name', 'duration_minutes', 'price'],
  $f$[{"row": 2, "values": ["SVC-1", "Physio", "45", "60.00"]}, {"row": 3, "values": ["SVC-2", "Quick", "2", null]}]$f$, dry_run => false) $$,
  $$ values (2, 'created'), (3, 'refused') $$, 'services are imported with the service rules (a 2-minute service is refused)');
select results_eq($$ select row_number, action, code from public.import_rows(tests.tenancy_id('tenant_a'), 'clinicians', array['external_id', 'display_name', 'languages', 'centres', 'services'],
  $f$[{"row": 2, "values": ["DOC-1", "Dr New", "en;hi", "central;north", "SVC-1;Consultation"]}, {"row": 3, "values": ["DOC-2", "Dr Lost", null, "mars", null]}]$f$, dry_run => false) $$,
  $$ values (2, 'created', null::text), (3, 'refused', 'unknown_centre') $$, 'clinicians come with their centres and services');
reset role;
select results_eq($$ select (select count(*)::integer from public.clinician_centres as cc join public.clinicians as c on c.id = cc.clinician_id where c.external_id = 'DOC-1'),
                            (select count(*)::integer from public.clinician_services as cs join public.clinicians as c on c.id = cs.clinician_id where c.external_id = 'DOC-1') $$,
  $$ values (2, 2) $$, 'the new clinician works at both centres and offers both services');

select * from finish();
rollback;

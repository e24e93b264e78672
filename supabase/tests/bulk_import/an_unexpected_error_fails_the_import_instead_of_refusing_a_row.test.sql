-- Bulk import: what the database refuses becomes a row's report line, but only what a row can
-- meet (bad values, constraints, row-level security, the tables' own checks); any other error is
-- a bug and fails the whole import, in the batch path for patients as much as row by row. A
-- record written twice by one file is refused on the column the rows were matched by. Server
-- callers (service_role, a database session) import into any clinic.
begin;
select plan(7);

select tests.create_centre_scope_fixtures();

-- TEST: expected refusals are still report lines
select tests.authenticate_as('a_owner');
select results_eq($$ select row_number, action, column_name, code, message from public.import_rows(tests.tenancy_id('tenant_a'), 'services',
  array['name', 'duration_minutes'],
  '[{"row": 2, "values": ["Twice", "30"]}, {"row": 3, "values": ["Twice", "45"]}, {"row": 4, "values": ["Too Short", "2"]}]', dry_run => false) $$,
  $$ values (2, 'created', null::text, null::text, null::text),
            (3, 'refused', 'name', 'duplicate_in_file', 'the same service as row 2'),
            (4, 'refused', null, 'refused', 'duration_minutes must be between 5 and 480') $$,
  'a service written twice by the file is refused on its name, naming the earlier row; a rule of the table is refused with its message');
reset role;

-- TEST: a row the caller's row-level security refuses is a report line, not an error
select tests.authenticate_as('a_front_desk_a1');
select results_eq($$ select row_number, action, code from public.import_rows(tests.tenancy_id('tenant_a'), 'patients', array['full_name', 'phone', 'registered_centre'],
  '[{"row": 2, "values": ["Nor Th", "+447700900712", "north"]}]', dry_run => false) $$,
  $$ values (2, 'refused', 'not_allowed') $$, 'a front desk of centre_a1 gets not_allowed for a patient of another centre');
reset role;

-- TEST: server callers import into any clinic; a user of another clinic does not
-- (one import per transaction in real use: the rows written so far belong to the earlier caller)
drop table if exists pg_temp.slotbase_import_touched;
set local role service_role;
select results_eq($$ select row_number, action from public.import_rows(tests.tenancy_id('tenant_b'), 'services', array['name', 'duration_minutes'],
  '[{"row": 2, "values": ["Server Made", "30"]}]') $$,
  $$ values (2, 'created') $$, 'service_role imports into any clinic');
reset role;
select results_eq($$ select row_number, action from public.import_rows(tests.tenancy_id('tenant_b'), 'services', array['name', 'duration_minutes'],
  '[{"row": 2, "values": ["Editor Made", "30"]}]') $$,
  $$ values (2, 'created') $$, 'so does a database session (the SQL editor, as postgres)');
select tests.authenticate_as('a_owner');
select throws_ok($$ select * from public.import_rows(tests.tenancy_id('tenant_b'), 'services', array['name', 'duration_minutes'],
  '[{"row": 2, "values": ["Sneaky", "30"]}]') $$,
  'PT403', 'you are not staff of this clinic', 'the owner of another clinic does not');
reset role;

-- a bug planted in two helpers the row writes call: an internal error while a service row is
-- written, and while a matched patient is compared. Replaced inside this rolled-back transaction,
-- last, so the tests above run with the real ones; no table is altered, so the files running
-- beside this one are not locked out.
drop table if exists pg_temp.slotbase_import_touched;
create or replace function private.import_boolean(p_value text) returns boolean language plpgsql as $$
begin
  raise exception using errcode = 'XX000', message = 'a bug in a helper';
end
$$;
create or replace function private.import_patient_differs(p_patient public.patients, p_cells jsonb, p_external_id text, p_phone text, p_email text, p_centre_id uuid)
returns boolean language plpgsql as $$
begin
  raise exception using errcode = 'XX000', message = 'a bug in a helper';
end
$$;

-- TEST: an unexpected error fails the import
select tests.authenticate_as('a_owner');
select throws_ok($$ select * from public.import_rows(tests.tenancy_id('tenant_a'), 'services', array['name', 'duration_minutes'],
  '[{"row": 2, "values": ["Bug Hunt", "30"]}]', dry_run => false) $$,
  'XX000', 'a bug in a helper', 'an internal error while a service row is written fails the import, it is not a refused row');
select throws_ok($$ select * from public.import_rows(tests.tenancy_id('tenant_a'), 'patients', array['full_name', 'phone'],
  '[{"row": 2, "values": ["Pat Alpha", "+447700900101"]}]', dry_run => false) $$,
  'XX000', 'a bug in a helper', 'and for patients too, after the rows written in one statement fall back to one by one');
reset role;

select * from finish();
rollback;
